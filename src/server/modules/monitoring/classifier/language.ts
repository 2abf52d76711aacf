// Step 2 of the classifier: which language and script a comment is in, so that a reviewer
// can filter by it and counts can be split by it. Comments are short and often mix
// Russian and Kazakh, so this counts telling letters and frequent words rather than
// modelling n-grams: a Kazakh letter (әғқңөұүһі) or a Kazakh word is strong evidence, a
// Russian function word is strong evidence, and a comment with enough of both is `mixed`.
import type { CommentLanguage } from '../../../../common/monitoring/vocabulary.ts';
import { isLetterCode } from './normalise.ts';

/** Frequent Kazakh words with no specifically Kazakh letter (they would be read as Russian). */
const KAZAKH_CYRILLIC_WORDS = new Set(
  (
    'мен сен ол біз олар бар жоқ осы сол бул бұл емес керек деген деп адам жаман жаксы жақсы ' +
    'нагыз казак қазақ казакстан елде ел ана ата бала балалар мына анау барлык барлығы ' +
    'сендер сіз сиз оларды оларга бизде мында сонда неге кайда калай калай ма ме ба бе па пе ' +
    'ойбай ойбой уят ұят жок иа иә кеш тез болады болсын болып жатыр жатыр ғой гой ит иттер'
  ).split(' '),
);

/** Frequent Kazakh words as people write them in ASCII Latin letters. */
const KAZAKH_LATIN_WORDS = new Set(
  (
    'sen ol biz olar joq jok osy sol bul emes kerek degen dep adam jaman jaqsy jaksy ' +
    'qazaq kazak qazaqstan kazakhstan ata bala balalar myna barlyq barlygy ' +
    'senderdi sender siz olardy olarga olarǵa bizde munda qalai kalai ǵoi goi goy ui uyat uiat ' +
    'zhok zhaman zhane jane jáne ýaǵy bolsyn bolady bolyp jatyr itter ultty ulttyq halyq ' +
    'qyz qyzdar jigit jigitter ushin úshin dep sonda nege qaida kaida ayel aiel áiel erkek ' +
    'osylar solar bulardy bulardyń qudai alla allah kerek jok jogal joǵal tyiym tyyym ' +
    'zhogal oltiru óltiru urý uru sabau sabaý jazalau mender menin meniń'
  ).split(' '),
);

/** Russian function words: short, frequent, and not Kazakh. */
const RUSSIAN_WORDS = new Set(
  (
    'и в не на что это как они их все всех надо быть я ты он она мы вы с по к за из у же бы ' +
    'так а но да нет его ее её них этих таких для только уже еще ещё или если когда чтобы ' +
    'был была были будет есть нужно нельзя можно тоже очень просто вот этот эта эти такие ' +
    'кто где там тут здесь теперь сейчас потом всё всегда никогда ни при про без до от ' +
    'меня тебя нас вас им ему ей себя свой своих мой моя наш ваш их тем чем кого кому'
  ).split(' '),
);

const ENGLISH_WORDS = new Set(
  (
    'the and is are to of you they should be this that it in for not i we them all a an ' +
    'he she his her my your our their was were will would can do does did have has had ' +
    'with on at by from as if but or so what who how why just like people these those ' +
    'there here no yes me us him get go must need im its dont'
  ).split(' '),
);

const KAZAKH_CYRILLIC_CODES = new Set([...'әғқңөұүһіӘҒҚҢӨҰҮҺІ'].map((c) => c.charCodeAt(0)));
// The 2021 Kazakh Latin alphabet (ä ğ ñ ö ş ü ū ı) and the 2018 one with acutes
// (á ǵ ń ó ú ý ş ç ı). Turkish and German share some of these letters; in comments
// monitored here that confusion is rare and Kazakh is the better guess.
const KAZAKH_LATIN_CODES = new Set(
  [...'äğñöşüūıáǵńóúýçÄĞÑÖŞÜŪÁǴŃÓÚÝÇ'].map((c) => c.charCodeAt(0)),
);
const RUSSIAN_ENDINGS = new Set([
  'ть',
  'ться',
  'ого',
  'его',
  'ые',
  'ий',
  'ая',
  'ое',
  'ами',
  'ями',
  'ешь',
  'ишь',
  'ют',
  'ят',
]);

function hasRussianEnding(w: string): boolean {
  const n = w.length;
  return (
    (n > 2 && RUSSIAN_ENDINGS.has(w.slice(n - 2))) ||
    (n > 3 && RUSSIAN_ENDINGS.has(w.slice(n - 3))) ||
    (n > 4 && RUSSIAN_ENDINGS.has(w.slice(n - 4)))
  );
}
/** Longer words are not looked up in the word lists (they hold short, frequent words). */
const MAX_LISTED = 12;

function isCyrillic(code: number): boolean {
  return code >= 0x400 && code <= 0x4ff;
}

function isWordCode(code: number): boolean {
  return code === 0x27 || isLetterCode(code);
}

/**
 * The language of a comment. Works on the verbatim or the normalised text (it lower-cases
 * what it reads); the classifier passes the normalised copy so that look-alike letters do
 * not split a Russian word into two scripts.
 */
export function detectLanguage(text: string): CommentLanguage {
  let letters = 0;
  let cyrWords = 0;
  let latWords = 0;
  let kkCyr = 0;
  let kkLat = 0;
  let ru = 0;
  let en = 0;
  // One lower-case copy: the normalised text already is, verbatim text may not be.
  const lower = text.toLowerCase();
  const n = lower.length;
  let i = 0;
  while (i < n) {
    if (!isWordCode(lower.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    let cyr = false;
    let lat = false;
    let kkLetter = false;
    while (j < n) {
      const code = lower.charCodeAt(j);
      if (!isWordCode(code)) break;
      if (isCyrillic(code)) {
        cyr = true;
        if (KAZAKH_CYRILLIC_CODES.has(code)) kkLetter = true;
      } else if (
        (code >= 0x61 && code <= 0x7a) ||
        (code >= 0x41 && code <= 0x5a) ||
        (code >= 0xc0 && code <= 0x24f)
      ) {
        lat = true;
        if (KAZAKH_LATIN_CODES.has(code)) kkLetter = true;
      }
      j++;
    }
    letters += j - i;
    const listed = j - i <= MAX_LISTED && (cyr || lat) && !kkLetter;
    const w = listed ? lower.slice(i, j) : '';
    if (cyr) {
      cyrWords++;
      if (kkLetter || (listed && KAZAKH_CYRILLIC_WORDS.has(w))) kkCyr++;
      else if (listed && (RUSSIAN_WORDS.has(w) || hasRussianEnding(w))) ru++;
    } else if (lat) {
      latWords++;
      if (kkLetter || (listed && KAZAKH_LATIN_WORDS.has(w))) kkLat++;
      else if (listed && ENGLISH_WORDS.has(w)) en++;
    }
    i = j;
  }
  if (letters < 3) return 'unknown';
  const kk = kkCyr + kkLat;
  // Substantial Russian together with substantial Kazakh (either script) is mixed.
  if (ru > 0 && kk > 0) {
    const lo = Math.min(ru, kk);
    const hi = Math.max(ru, kk);
    if (lo * 4 >= hi) return 'mixed';
    return ru > kk ? 'ru' : kkCyr >= kkLat ? 'kk-cyrl' : 'kk-latn';
  }
  // Cyrillic and Latin words side by side (Russian with English, Kazakh Cyrillic with Latin).
  if (
    cyrWords >= 2 &&
    latWords >= 2 &&
    Math.min(cyrWords, latWords) * 3 >= Math.max(cyrWords, latWords)
  ) {
    return 'mixed';
  }
  if (cyrWords >= latWords) {
    if (cyrWords === 0) return 'unknown';
    return kkCyr > 0 && kkCyr >= ru ? 'kk-cyrl' : 'ru';
  }
  if (kkLat > en) return 'kk-latn';
  if (kkLat > 0 && kkLat === en) return 'kk-latn';
  return 'en';
}
