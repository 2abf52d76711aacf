// Kazakh rules, written in Cyrillic. The Latin-script rules are derived from these by
// transliteration (lexicon/kk-latn.ts), so a rule added here covers both scripts. The rule
// layer folds Kazakh letters to their Russian neighbours (қ → к, ұ → у, і → и …) on both
// sides, because many people type Kazakh without them.
import { any, END, gap, wordsPattern, type LexiconRule } from './types.ts';

/** A Kazakh rule, and whether it also makes sense transliterated to Latin letters. */
export interface KazakhRule extends LexiconRule {
  /** The Latin transliteration collides with English (`ит` → `it`): keep it Cyrillic. */
  cyrillicOnly?: boolean;
}

const MUST = any('керек', 'қажет', 'тиіс', 'лазым', 'керек қой', 'керексің');
const KILL = any(
  'өлтір' + END,
  'атып таста' + END,
  'ату',
  'асып өлтір' + END,
  'дарға ас' + END,
  'асу',
  'өрте' + END,
  'өртеп жібер' + END,
  'ұрып-соғ' + END,
  'ұрып соғ' + END,
  'ұру',
  'сабау',
  'сабап',
  'соғу',
  'басын кес' + END,
  'басын ал' + END,
  'жою',
  'жойып жібер' + END,
  'құрту',
  'таспен ұр' + END,
  'тұншықтыр' + END,
  'пышақта' + END,
);
const SELF_SUFFIX = any(
  'мын',
  'мін',
  'пын',
  'пін',
  'бын',
  'бін',
  'пыз',
  'піз',
  'мыз',
  'міз',
  'быз',
  'біз',
);

const ANIMALS = [
  'иттер*',
  'иттей',
  'мал',
  'малдар*',
  'малдай',
  'хайуан*',
  'мақұлық*',
  'шошқа*',
  'доңыз*',
  'егеуқұйрық*',
  'тышқан*',
  'айуан*',
  'жәндік*',
  'құрт-құмырсқа*',
  'маймыл*',
];

export const KK_CYRL_RULES: readonly KazakhRule[] = [
  {
    id: 'kk.target.group',
    signal: 'target',
    words: [
      'гей*',
      'геи*',
      'лгбт*',
      'лесби*',
      'трансгендер*',
      'транс',
      'трансы',
      'бисексуал*',
      'гомосексуал*',
      'квир*',
      'азшылық*',
    ],
    except: ['гейм*'],
  },

  {
    id: 'kk.slur.pidor',
    signal: 'slur',
    words: ['пидор*', 'пидар*', 'пидр*', 'пидорас*', 'педераст*'],
  },
  {
    id: 'kk.slur.pedik',
    signal: 'slur',
    words: ['педик*', 'гомик*', 'гомосек*'],
    except: ['гомосексуал*'],
  },
  { id: 'kk.slur.kogildir', signal: 'slur', words: ['көгілдірлер*', 'көкқұтан*'] },

  {
    id: 'kk.dehum.not-human',
    signal: 'dehumanisation',
    pattern: any(
      'адам емес',
      'адам деп айтуға болмайды',
      'адамға ұқсамайды',
      'адам қатарына жатпайды',
    ),
  },
  {
    id: 'kk.dehum.animal',
    signal: 'dehumanisation',
    words: ANIMALS,
    needsTarget: true,
  },
  {
    id: 'kk.dehum.they-are',
    signal: 'dehumanisation',
    pattern: any('олар', 'бұлар', 'мыналар', 'осылар', 'солар') + gap(1) + wordsPattern(ANIMALS),
  },
  {
    id: 'kk.dehum.dog',
    signal: 'dehumanisation',
    words: ['ит', 'иттің'],
    needsTarget: true,
    cyrillicOnly: true,
  },
  {
    id: 'kk.dehum.disease',
    signal: 'dehumanisation',
    words: ['індет*', 'дерт*', 'вирус*', 'жұқпалы*', 'обыр*', 'шірік*', 'шіріген*'],
    needsTarget: true,
  },
  {
    id: 'kk.dehum.filth',
    signal: 'dehumanisation',
    words: ['қоқыс*', 'нәжіс*', 'лас', 'ластар*', 'былғаныш*', 'сасық*', 'боқтар*'],
    needsTarget: true,
  },

  { id: 'kk.threat.must-kill', signal: 'threat', pattern: `${KILL}${gap(2)}${MUST}(?!\\p{L})` },
  {
    id: 'kk.threat.i-will',
    signal: 'threat',
    pattern: any(
      'өлтірем' + END,
      'өлтіреміз',
      'өлтіремін',
      'ұрамын',
      'ұрамыз',
      'сабаймын',
      'сабаймыз',
      'соғамыз',
      'соғамын',
      'ұрып-соғамыз',
      'өртеймін',
      'өртейміз',
      'атып тастаймын',
      'атып тастаймыз',
      'басын аламын',
      'басыңды аламын',
      'жоямыз',
      'құртамыз',
    ),
  },
  {
    id: 'kk.threat.death-wish',
    signal: 'threat',
    pattern: any(
      'жоғалсын',
      'жоқ болсын',
      'жоғалу керек',
      'өлсін',
      'өліңдер',
      'өлгендерің жөн',
      'жойылсын',
      'құрысын',
      'жер бетінен жойыл' + END,
      'тозаққа кетсін',
      'өлім' + gap(1) + any('гейлерге', 'пидорларға'),
    ),
  },
  {
    id: 'kk.threat.incite',
    signal: 'threat',
    pattern: any(
      'елден ' + any('қу' + END, 'шығар' + END, 'аластат' + END),
      'қуып ' + any('шығ' + END, 'жібер' + END, 'таста' + END),
      'қуу ' + MUST,
      'түрмеге ' + any('қама' + END, 'отырғыз' + END, 'тық' + END, 'жап' + END),
      any('қамау', 'қамап тастау', 'абақтыға жабу', 'жазалау') + ' ' + MUST,
      'жиналайық',
      'барайық',
      'шығайық',
      'таратайық',
      'тауып ' + any('ал' + END, 'барайық', 'беріңдер'),
      'мекенжай' + END,
      'жазала' + END,
      'жою ' + MUST,
      'балалар' + END + gap(1) + 'тартып ал' + END,
      'жазасын беру ' + MUST,
      'сабақ беру ' + MUST,
    ),
  },

  {
    id: 'kk.insult.abuse',
    signal: 'insult',
    words: [
      'оңбаған*',
      'ақымақ*',
      'жексұрын*',
      'малғұн*',
      'мәңгүрт*',
      'сұмырай*',
      'арсыз*',
      'ұятсыз*',
      'нақұрыс*',
      'есек*',
      'иттің',
      'көтек*',
      'шірік',
      'жаман адамдар',
      'жауыз*',
      'албасты*',
      'азғын*',
    ],
  },

  // "Жынды" is also everyday speech ("жынды болды", it was wild): an insult only about the group.
  { id: 'kk.insult.crazy', signal: 'insult', words: ['жынды*', 'есуас*'], needsTarget: true },
  {
    id: 'kk.derog.sick',
    signal: 'derogation',
    words: [
      'ауру',
      'аурулар*',
      'ауруы',
      'ауруға',
      'науқас*',
      'психикалық*',
      'емде*',
      'ем',
      'емделу*',
      'психиатр*',
      'бұзылған*',
      'кемтар*',
    ],
    except: ['аурухана*'],
    needsTarget: true,
  },
  {
    id: 'kk.derog.sin',
    signal: 'derogation',
    words: ['күнә*', 'харам*', 'ұят', 'ұятты', 'масқара*', 'лағнет*', 'обал'],
    needsTarget: true,
  },
  {
    id: 'kk.derog.unnatural',
    signal: 'derogation',
    pattern: any(
      'табиғат' + END + ' ' + any('қайшы', 'жат'),
      'қалыпты емес',
      any('дәстүр', 'салт', 'діл', 'дін', 'ұлт') + END + ' ' + any('жат', 'қайшы'),
      'жынысы бұзық',
      'бұзықтар' + END,
      'бұзады',
      'бұзып жатыр',
      'азғынд' + END,
    ),
    needsTarget: true,
  },
  {
    id: 'kk.derog.must-treat',
    signal: 'derogation',
    pattern: any(
      any('оларға', 'оларды', 'бұларға', 'бұларды', 'мыналарды') +
        gap(1) +
        any('ем керек', 'емдеу керек', 'емдеу қажет', 'емдету керек'),
      any('олар', 'бұлар', 'мыналар', 'солар') +
        gap(1) +
        any('ауру', 'аурулар', 'науқас', 'психикалық ауру', 'қалыпсыз', 'емделсін'),
      'емделсін',
    ),
  },
  {
    id: 'kk.derog.danger',
    signal: 'derogation',
    pattern: any(
      'қауіп' + END,
      'зиян' + END,
      'керегі жоқ',
      'орны жоқ',
      'орын жоқ',
      'қажеті жоқ',
      'табиғаттың қатесі',
      'біздің мәдениет емес',
    ),
    needsTarget: true,
  },
  {
    id: 'kk.derog.propaganda',
    signal: 'derogation',
    words: ['насихат*', 'үгіт*'],
    needsTarget: true,
  },
  {
    id: 'kk.derog.ban',
    signal: 'derogation',
    pattern: any('тыйым сал' + END, 'болдырмау ' + MUST, 'болмауы ' + MUST),
    needsTarget: true,
  },

  {
    id: 'kk.counter.calling-is-wrong',
    signal: 'counter_speech',
    pattern:
      'деп ата' +
      END +
      gap(1) +
      any('дұрыс емес', 'ұят', 'болмайды', 'жаман', 'доғар' + END, 'тоқтат' + END, 'қате'),
  },
  {
    id: 'kk.counter.dont',
    signal: 'counter_speech',
    pattern: any(
      any('қорла', 'қорқыт', 'кемсіт', 'ұр', 'соқ', 'сабау', 'мазақта', 'өшпенділік') +
        END +
        ' ' +
        any('болмайды', 'жол жоқ', 'дұрыс емес'),
      'қорламаң' + END,
      'кемсітпең' + END,
      'мазақтамаң' + END,
      'өшпенділік' +
        END +
        gap(1) +
        any('тоқтат' + END, 'жол жоқ', 'жоқ', 'доғар' + END, 'қарсы' + END),
      'гомофобия' + END,
      'доғарыңдар',
    ),
  },
  {
    id: 'kk.counter.human',
    signal: 'counter_speech',
    pattern: any(
      any('олар', 'гейлер', 'лгбт', 'олар да', 'гейлер де') +
        ' ' +
        any('да адам', 'де адам', 'адам ғой', 'адамдар ғой'),
      'бәріміз адамбыз',
      'олар да адамдар',
      'құқығы бар',
      'құқықтары бар',
      'махаббат махаббат',
      'қолдаймын',
      'қолдау білдір' + END,
    ),
  },

  {
    id: 'kk.quote.called-us',
    signal: 'quotation',
    pattern: any(
      'деп ' +
        any(
          'жазды',
          'жазыпты',
          'жазған',
          'жазып жатыр',
          'атады',
          'атаған' + END,
          'айқайлады',
          'айтты',
          'айтыпты',
          'қорлады',
          'атап',
        ),
      'скриншот' + END,
      'арыз ' + any('бердік', 'бердім', 'жаздық', 'жаздым', 'түсірдік'),
      'полицияға арыз',
    ),
  },

  {
    id: 'kk.news.attack',
    signal: 'news',
    pattern: any(
      'шабуыл ' + any('жасалды', 'жасаған' + END, 'жасады', 'болды', 'болған', 'жасалған'),
      'ұрып ' + any('кетті', 'кеткен', 'жарақаттады'),
      'ұрып-соғылды',
      'соғылды',
      'полиция' + END,
      'іс ' + any('қозғады', 'қозғалды', 'қозғалған'),
      'ұсталды',
      'ұстады',
      'хабарла' + END,
      'мәліметінше',
      'соттады',
      'сот ',
      'зардап шеккен',
      'күдікті' + END,
      'тергеу' + END,
    ),
  },

  {
    id: 'kk.self.i-am',
    signal: 'self_reference',
    pattern: any(
      'мен ' + any('гей', 'лесби', 'транс', 'бисексуал', 'квир', 'трансгендер') + END,
      any('гей', 'лесбиянка', 'лесби', 'транс' + END, 'бисексуал', 'квир', 'трансгендер') +
        SELF_SUFFIX +
        '(?!\\p{L})',
      any('гей', 'лесбиянка', 'транс', 'бисексуал', 'трансгендер') +
        ' ' +
        any('ретінде', 'болғаныма', 'болғандықтан'),
      'біз ' + any('гейлер', 'лесбиянкалар') + END,
    ),
  },

  {
    id: 'kk.neutral.dog',
    signal: 'neutral_use',
    pattern: any(
      any('менің', 'біздің', 'сенің', 'көршінің', 'көршімнің', 'досымның', 'ауылдағы') +
        gap(1) +
        any('ит', 'мысық', 'шошқа', 'мал') +
        END,
      'итім' + END,
      any('ит', 'иттер') + ' ' + any('көп', 'үреді', 'қабады', 'асыраймыз', 'бар'),
      'ит ' + any('үреді', 'үрді', 'асырайм' + END, 'асыраймыз'),
      'иті ' + any('түні', 'үреді', 'үрді'),
      'шошқа ' + any('ет' + END, 'бақ' + END, 'фермас' + END),
      any('қой', 'мал', 'сиыр') + ' ' + any('бағ' + END, 'бақ' + END, 'шаруашылығ' + END),
      'бақпаймыз',
    ),
  },
  {
    id: 'kk.neutral.illness',
    signal: 'neutral_use',
    pattern: any(
      'ауру ' +
        any('бала' + END, 'ана' + END, 'әже' + END, 'ата' + END, 'адамға көмек', 'тіс' + END),
      'тұмау' + END,
      any('қауіпті', 'жұқпалы', 'созылмалы') + ' ауру',
      'дәрі' + END,
      'ауруханада',
      'уақыт' + END + ' өлтір' + END,
    ),
  },
  {
    id: 'kk.neutral.blue',
    signal: 'neutral_use',
    pattern: 'көгілдір ' + any('аспан', 'көйлек', 'түс', 'көз', 'теңіз', 'су', 'экран'),
  },
];
