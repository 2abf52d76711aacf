// Step 3: each rule family finds what it is for, in each language, and reports the span
// of the verbatim text it matched; the same words in neutral use are not hate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RuleMatch } from '../../../src/common/monitoring/classification.ts';
import { loadClassifier } from '../../../src/server/modules/monitoring/classifier/index.ts';
import { LEXICON } from '../../../src/server/modules/monitoring/classifier/lexicon/index.ts';
import { matchRules } from '../../../src/server/modules/monitoring/classifier/rules.ts';

type Signal = RuleMatch['signal'];

// [language, signal, text, the verbatim text the rule must point at]
const FOUND: [string, Signal, string, string][] = [
  ['ru', 'slur', 'Ну и педрила этот ведущий', 'педрила'],
  ['ru', 'slur', 'Опять П-И-Д-А-Р-А-С-Ы повылезали', 'П-И-Д-А-Р-А-С-Ы'],
  ['ru', 'dehumanisation', 'Геи — это паразиты', 'паразиты'],
  ['ru', 'dehumanisation', 'Такие выродки не нужны', 'выродки'],
  ['ru', 'threat', 'Их всех нужно перебить', 'нужно перебить'],
  ['ru', 'threat', 'Я тебя урою', 'урою'],
  ['ru', 'threat', 'Лесбиянок надо выгнать из города', 'выгнать из города'],
  ['ru', 'insult', 'Ты просто мразь', 'мразь'],
  ['ru', 'derogation', 'Геи больны и опасны', 'больны'],
  ['ru', 'derogation', 'Это извращение', 'извращение'],
  ['ru', 'counter_speech', 'Прекратите оскорблять людей за ориентацию', 'Прекратите оскорблять'],
  ['ru', 'quotation', 'Меня обозвали педиком на остановке', 'Меня обозвали'],
  ['ru', 'news', 'Полиция задержала подозреваемого', 'Полиция'],
  ['ru', 'self_reference', 'Я лесбиянка и горжусь этим', 'Я лесбиянка'],
  ['ru', 'neutral_use', 'Решили убить время в кафе', 'убить время'],
  ['ru', 'threat', 'Их бы на кол посадить', 'на кол'],
  ['ru', 'derogation', 'Они все ненормальные', 'Они все ненормальные'],
  [
    'ru',
    'counter_speech',
    'Говорить, что геи больны, — это невежество',
    'Говорить, что геи больны, — это невежество',
  ],
  ['ru', 'quotation', 'Они написали мне «гореть тебе в аду»', 'написали мне'],
  ['kk-cyrl', 'slur', 'Мына пидорас тағы келді', 'пидорас'],
  ['kk-cyrl', 'dehumanisation', 'Гейлер доңыздар', 'доңыздар'],
  ['kk-cyrl', 'threat', 'Оларды атып тастау керек', 'атып тастау керек'],
  ['kk-cyrl', 'threat', 'Бәрін елден қуып шығу керек', 'елден қуып'],
  ['kk-cyrl', 'insult', 'Сен жексұрынсың', 'жексұрынсың'],
  ['kk-cyrl', 'derogation', 'Лесбиянкалар психикалық ауру', 'психикалық'],
  ['kk-cyrl', 'counter_speech', 'Ешкімді кемсітуге болмайды', 'кемсітуге болмайды'],
  ['kk-cyrl', 'quotation', 'Бізді ауру деп атады', 'деп атады'],
  ['kk-cyrl', 'news', 'Күдікті ұсталды', 'Күдікті'],
  ['kk-cyrl', 'self_reference', 'Мен бисексуалмын', 'Мен бисексуалмын'],
  ['kk-cyrl', 'neutral_use', 'Менің итім ауырып қалды', 'Менің итім'],
  ['kk-cyrl', 'derogation', 'Олар ауру, емделсін', 'Олар ауру, емделсін'],
  ['kk-cyrl', 'derogation', 'ЛГБТ-ны елде болдырмау керек', 'болдырмау керек'],
  ['kk-cyrl', 'neutral_use', 'Біздің ауылда иттер көп', 'Біздің ауылда иттер'],
  ['kk-latn', 'slur', 'Myna pidoras taǵy keldi', 'pidoras'],
  ['kk-latn', 'dehumanisation', 'Geiler dońyzdar', 'dońyzdar'],
  ['kk-latn', 'threat', 'Olardy atyp tastaý kerek', 'atyp tastaý kerek'],
  ['kk-latn', 'threat', 'Olardy oltiru kerek', 'oltiru kerek'],
  ['kk-latn', 'insult', 'Sen jeksurynsyń', 'jeksurynsyń'],
  ['kk-latn', 'derogation', 'Lesbiankalar psıhıkalyq aýrý', 'psıhıkalyq'],
  ['kk-latn', 'counter_speech', 'Eshkimdi kemsitýge bolmaıdy', 'kemsitýge bolmaıdy'],
  ['kk-latn', 'quotation', 'Bizdi aýrý dep atady', 'dep atady'],
  ['kk-latn', 'news', 'Kúdikti ustaldy', 'Kúdikti'],
  ['kk-latn', 'self_reference', 'Men biseksýalmyn', 'Men biseksýalmyn'],
  ['kk-latn', 'neutral_use', 'Meniń itim aýyryp qaldy', 'Meniń itim'],
  ['en', 'slur', 'What a f.a.g.g.o.t', 'f.a.g.g.o.t'],
  ['en', 'dehumanisation', 'Gays are cockroaches', 'cockroaches'],
  ['en', 'threat', 'They should all be hanged', 'should all be hanged'],
  ['en', 'threat', 'Deport them back out of the country', 'Deport them'],
  ['en', 'insult', 'Lesbians are idiots', 'idiots'],
  ['en', 'derogation', 'Queer people are perverts', 'perverts'],
  ['en', 'counter_speech', 'Stop the hate, please', 'Stop the hate'],
  ['en', 'quotation', 'They called me a dyke at school', 'called me'],
  ['en', 'news', 'The victim was attacked near the club', 'victim'],
  ['en', 'self_reference', "I'm queer and happy", "I'm queer"],
  ['en', 'neutral_use', 'We killed time playing cards', 'killed time'],
  ['en', 'threat', 'Gays belong in prison', 'belong in prison'],
  ['kk-latn', 'threat', 'Gei-lerdi qamaý kerek', 'qamaý kerek'],
  ['ru', 'threat', 'Геи должны исчезнуть', 'должны исчезнуть'],
  ['ru', 'derogation', 'Лесбиянки угроза для семьи', 'угроза'],
  ['ru', 'derogation', 'Зачем вообще нужны эти геи?', 'Зачем вообще нужны'],
  ['kk-cyrl', 'threat', 'Гейлер жоғалсын', 'жоғалсын'],
  ['kk-cyrl', 'derogation', 'Гейлер отбасыға қауіп', 'қауіп'],
  ['kk-latn', 'derogation', 'Geiler otbasyǵa qaýip', 'qaýip'],
  ['en', 'threat', 'Gays should disappear', 'should disappear'],
  ['ru', 'derogation', 'Казахстан не Европа, никаких геев тут не будет', 'никаких геев'],
  ['ru', 'derogation', 'Геи — ошибка природы', 'ошибка природы'],
  ['ru', 'threat', 'Таких детей надо отбирать у лесбиянок', 'детей надо отбирать'],
  ['kk-cyrl', 'derogation', 'Гейлерге мұнда орын жоқ', 'орын жоқ'],
  ['kk-latn', 'derogation', 'Geilerge munda oryn joq', 'oryn joq'],
  ['en', 'threat', 'Take the kids away from those lesbians', 'Take the kids away'],
  ['en', 'derogation', 'Gays are a mistake of nature', 'mistake of nature'],
  ['en', 'derogation', 'Gays are a threat to our children', 'a threat to'],
  ['en', 'threat', 'Hang them all', 'Hang them all'],
  [
    'en',
    'counter_speech',
    'Saying gays are sick is just ignorance',
    'Saying gays are sick is just ignorance',
  ],
  ['en', 'neutral_use', 'no homo, but that song is great', 'no homo'],
];

for (const [language, signal, text, span] of FOUND) {
  test(`${language} ${signal}: ${JSON.stringify(text)}`, () => {
    const matches = matchRules(text);
    const found = matches.filter((m) => m.signal === signal);
    assert.ok(found.length > 0, `no ${signal} in ${JSON.stringify(matches)}`);
    assert.ok(
      found.some((m) => text.slice(m.start, m.end) === span),
      `spans ${JSON.stringify(found.map((m) => text.slice(m.start, m.end)))} do not include ${JSON.stringify(span)}`,
    );
  });
}

// The same words, used neutrally: the rules alone do not flag them.
const NEUTRAL: [string, string][] = [
  ['ru', 'Наша собака боится грозы'],
  ['ru', 'Голубые глаза у малыша'],
  ['ru', 'Грипп — тяжёлая болезнь'],
  ['ru', 'Как убить время в очереди?'],
  ['ru', 'Ты мне нужен, давай встретимся'],
  ['ru', 'Мусор вывозят по вторникам'],
  ['ru', 'Надо посадить деревья во дворе'],
  ['ru', 'Ты так коньки отбросишь'],
  ['ru', 'Хороший мастер, найти еще надо'],
  ['ru', 'Люблю кошек, кто со мной согласен?'],
  ['kk-cyrl', 'Біздің ит өте мейірімді'],
  ['kk-cyrl', 'Шошқа етін сатпаймыз'],
  ['kk-cyrl', 'Көгілдір көйлек алдым'],
  ['kk-cyrl', 'Ауру адамға көмек керек'],
  ['kk-latn', 'Bizdiń it óte meıirimdi'],
  ['kk-latn', 'Kógildir kóılek aldym'],
  ['en', 'My dog sleeps all day'],
  ['en', 'Killing time before the train'],
  ['en', 'Rats in the basement again'],
  ['en', 'The rubbish is collected on Tuesdays'],
  ['en', 'He went out for a fag break'],
  ['en', 'Gay fans would die for this album'],
  ['kk-cyrl', 'Концерт жынды болды'],
  ['en', 'I have the flu and feel sick'],
];

const rulesOnly = loadClassifier({ model: null });

for (const [language, text] of NEUTRAL) {
  test(`${language} neutral use is not hateful: ${JSON.stringify(text)}`, () => {
    const c = rulesOnly.classify(text);
    assert.equal(c.hateful, false, JSON.stringify(c.evidence.rules));
    assert.equal(
      c.evidence.rules.some((m) => m.signal !== 'neutral_use'),
      false,
    );
  });
}

test('rule ids are unique and name their language and family', () => {
  const ids = LEXICON.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^(ru|ru-latn|kk|kk-latn|en)\.[a-z]+\.[a-z0-9-]+$/);
});

test('every Kazakh rule has its Latin twin', () => {
  const ids = new Set(LEXICON.map((r) => r.id));
  for (const id of ids) {
    if (id.startsWith('kk.') && id !== 'kk.dehum.dog')
      assert.ok(ids.has(id.replace(/^kk\./, 'kk-latn.')), id);
  }
});

test('an asterisk hiding a letter of a slur or insult still matches, with the masked word as the span', () => {
  for (const [text, span] of [
    ['Опять п*дор в ленте', 'п*дор'],
    ['Эти пид*ры', 'пид*ры'],
    ['What a f*ggot', 'f*ggot'],
    ['Ты м*азь', 'м*азь'],
  ] as const) {
    const found = matchRules(text).filter((m) => m.signal === 'slur' || m.signal === 'insult');
    assert.ok(found.length > 0, text);
    assert.equal(text.slice(found[0]?.start, found[0]?.end), span);
  }
  // Masked words are not read as any other rule's word ("п**ор" could be "позор").
  assert.equal(
    matchRules('Какой п**ор').some((m) => m.signal === 'derogation'),
    false,
  );
  assert.deepEqual(matchRules('к*т и п*с'), []);
});
