// Step 1 of the classifier: a normalised, de-obfuscated copy of a comment, with a map back
// to the verbatim text. Rules and the model read the copy; evidence spans are mapped back so
// that what a reviewer sees highlighted is exactly what the commenter wrote.
//
// What it undoes, in this order for each word:
// - case, ё → е, zero-width characters, soft hyphens and combining marks;
// - look-alike letters of the other script: in a mostly Cyrillic word `пuдoр` → `пидор`, in a
//   mostly Latin word `fаggot` (Cyrillic а) → `faggot`;
// - digits and symbols standing for letters inside a word (`п0дор`, `f4g`, `п@дик`);
// - letters spelled out with separators (`п.и.д.о.р`, `п-и-д-о-р`, `п и д о р`);
// - repeated letters (`пиииидор` → `пидор`): every run of one letter becomes one letter, so
//   lexicon words are compared in the same collapsed form (`faggot` → `fagot`).

/** The normalised copy and where each of its characters came from in the verbatim text. */
export interface NormalisedText {
  text: string;
  /** starts[i]: UTF-16 offset in the verbatim text of the first unit behind text[i]. */
  starts: Int32Array;
  /** ends[i]: UTF-16 offset just after the last unit behind text[i]. */
  ends: Int32Array;
}

const enum_CYR = 1;
const enum_LAT = 2;

/** Latin look-alikes in a Cyrillic word, keyed by the lower-case Latin letter. */
const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  k: 'к',
  m: 'м',
  t: 'т',
  u: 'и',
  n: 'п',
  r: 'г',
  b: 'в',
  h: 'н',
};

/** Cyrillic look-alikes in a Latin word. */
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  с: 'c',
  е: 'e',
  о: 'o',
  р: 'p',
  х: 'x',
  у: 'y',
  к: 'k',
  м: 'm',
  т: 't',
  і: 'i',
  в: 'b',
  н: 'h',
  п: 'n',
  г: 'r',
};

/** Digits and symbols used as letters inside a Cyrillic word. */
const SYMBOL_TO_CYRILLIC: Record<string, string> = {
  '0': 'о',
  '1': 'и',
  '3': 'з',
  '4': 'ч',
  '6': 'б',
  '8': 'в',
  '@': 'а',
  $: 'с',
};

/** Digits and symbols used as letters inside a Latin word. */
const SYMBOL_TO_LATIN: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

// Characters that hide inside words without being seen: zero-width spaces and joiners,
// the word joiner, the byte-order mark and the soft hyphen.
function isInvisible(code: number): boolean {
  return (
    (code >= 0x200b && code <= 0x200f) ||
    code === 0x2060 ||
    code === 0xfeff ||
    code === 0x00ad ||
    (code >= 0x202a && code <= 0x202e)
  );
}

function isCombining(code: number): boolean {
  return (
    (code >= 0x0300 && code <= 0x036f) ||
    (code >= 0x1ab0 && code <= 0x1aff) ||
    (code >= 0x20d0 && code <= 0x20ff)
  );
}

function scriptOf(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 0x0400 && code <= 0x04ff) return enum_CYR;
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f)) return enum_LAT;
  return 0;
}

const LETTER = /\p{L}/u;

function isLetter(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  return LETTER.test(ch);
}

function isSymbolLetter(ch: string): boolean {
  return ch in SYMBOL_TO_LATIN || ch in SYMBOL_TO_CYRILLIC;
}

function isWordChar(ch: string): boolean {
  return isLetter(ch) || isSymbolLetter(ch);
}

/** Separators people put between the letters of a word they do not want found. */
function isSpellSeparator(ch: string): boolean {
  return (
    ch === '.' ||
    ch === '-' ||
    ch === '_' ||
    ch === '*' ||
    ch === ' ' ||
    ch === '|' ||
    ch === '/' ||
    ch === '+' ||
    ch === '~' ||
    ch === ',' ||
    ch === '\u00a0'
  );
}

// First pass: lower case, drop invisibles and combining marks, fold ё. One output unit per
// kept code unit (surrogate pairs are kept as two units, each mapped to its own offset).
interface Cleaned {
  chars: string[];
  starts: number[];
  ends: number[];
}

function clean(verbatim: string): Cleaned {
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < verbatim.length; i++) {
    const code = verbatim.charCodeAt(i);
    if (isInvisible(code)) continue;
    if (isCombining(code)) {
      // A decomposed й or ё: fold into the letter before, which already carries the offset.
      const last = chars.length - 1;
      if (last >= 0) {
        if (code === 0x0306 && chars[last] === 'и') chars[last] = 'й';
        ends[last] = i + 1;
      }
      continue;
    }
    const raw = verbatim[i] as string;
    let ch = raw.toLowerCase();
    // Some upper-case letters lower to two units (İ → i̇); keep the first.
    if (ch.length !== 1) ch = ch[0] ?? raw;
    if (ch === 'ё') ch = 'е';
    // Upper-case look-alikes that only look like Cyrillic in upper case are told apart
    // later by the word's script; remember the case through a private marker is not worth
    // it, so H/h, B/b, M/m, T/t are treated alike.
    chars.push(ch);
    starts.push(i);
    ends.push(i + 1);
  }
  return { chars, starts, ends };
}

// Second pass: letters spelled out with separators. A run of at least three single
// letters, each separated by separator characters only (`п.и.д.о.р`, `f a g`), is joined.
function joinSpelledOut(c: Cleaned): Cleaned {
  const { chars, starts, ends } = c;
  const n = chars.length;
  const drop = new Uint8Array(n);
  let any = false;
  let i = 0;
  while (i < n) {
    const ch = chars[i] as string;
    const prev = i > 0 ? (chars[i - 1] as string) : ' ';
    if (!isWordChar(ch) || isWordChar(prev)) {
      i++;
      continue;
    }
    // ch is a letter that starts a word; is it a single letter followed by separators?
    const letters = [i];
    let spacesOnly = true;
    let tail = false;
    let separator: string | null = null;
    let j = i + 1;
    for (;;) {
      if (j < n && isWordChar(chars[j] as string)) break;
      let k = j;
      while (k < n && isSpellSeparator(chars[k] as string) && k - j < 3) {
        if (chars[k] !== ' ' && chars[k] !== '\u00a0') spacesOnly = false;
        k++;
      }
      if (k === j || k >= n) break;
      // The same separator all along: `п.и.д.о.р в` is a word and then another word.
      const sep = chars.slice(j, k).join('');
      if (separator === null) separator = sep;
      else if (sep !== separator) break;
      if (!isWordChar(chars[k] as string)) break;
      const after = k + 1 < n ? (chars[k + 1] as string) : ' ';
      if (isWordChar(after)) {
        // The run ends in a longer piece (`п.и.д.ор`): part of the word, unless the letters
        // were only spaced (`я и ты` is three words).
        if (!spacesOnly) {
          letters.push(k);
          tail = true;
          j = k + 1;
          while (j < n && isWordChar(chars[j] as string)) j++;
        }
        break;
      }
      letters.push(k);
      j = k + 1;
    }
    const needed = spacesOnly ? 4 : 3;
    if (letters.length >= needed || (tail && letters.length >= 3)) {
      const first = letters[0] as number;
      const last = letters[letters.length - 1] as number;
      for (let k = first; k <= last; k++) {
        if (!isWordChar(chars[k] as string)) {
          drop[k] = 1;
          any = true;
        }
      }
    }
    i = Math.max(j, i + 1);
  }
  if (!any) return c;
  const out: Cleaned = { chars: [], starts: [], ends: [] };
  for (let k = 0; k < n; k++) {
    if (drop[k]) continue;
    out.chars.push(chars[k] as string);
    out.starts.push(starts[k] as number);
    out.ends.push(ends[k] as number);
  }
  return out;
}

/** Normalise a comment: see the top of this file for what is undone. */
export function normalise(verbatim: string): NormalisedText {
  const c = joinSpelledOut(clean(verbatim));
  const { chars, starts, ends } = c;
  const n = chars.length;
  const outChars: string[] = [];
  const outStarts: number[] = [];
  const outEnds: number[] = [];
  let i = 0;
  while (i < n) {
    const ch = chars[i] as string;
    const startsWord =
      isLetter(ch) ||
      (isSymbolLetter(ch) && i + 1 < n && isLetter(chars[i + 1] as string) && ch !== '@');
    if (!startsWord) {
      outChars.push(ch);
      outStarts.push(starts[i] as number);
      outEnds.push(ends[i] as number);
      i++;
      continue;
    }
    // A word: letters, and digits/symbols between or after letters.
    let j = i;
    let cyr = 0;
    let lat = 0;
    while (j < n) {
      const x = chars[j] as string;
      if (isLetter(x)) {
        const s = scriptOf(x);
        if (s === enum_CYR) cyr++;
        else if (s === enum_LAT) lat++;
        j++;
      } else if (
        isSymbolLetter(x) &&
        !(x === '!' && (j + 1 >= n || !isLetter(chars[j + 1] as string)))
      ) {
        j++;
      } else break;
    }
    // Trailing digits are a number stuck to a word (`гей2024`), not letters.
    let end = j;
    while (end > i && /[0-9]/.test(chars[end - 1] as string)) end--;
    const toCyrillic = cyr >= lat && cyr > 0;
    const toLatin = !toCyrillic && lat > 0;
    let prevOut = '';
    for (let k = i; k < j; k++) {
      let x = chars[k] as string;
      if (k < end) {
        if (toCyrillic) x = LATIN_TO_CYRILLIC[x] ?? SYMBOL_TO_CYRILLIC[x] ?? x;
        else if (toLatin) x = CYRILLIC_TO_LATIN[x] ?? SYMBOL_TO_LATIN[x] ?? x;
      }
      if (x === prevOut && isLetter(x)) {
        // A repeated letter: the one output letter now stands for the whole run.
        outEnds[outEnds.length - 1] = ends[k] as number;
        continue;
      }
      outChars.push(x);
      outStarts.push(starts[k] as number);
      outEnds.push(ends[k] as number);
      prevOut = x;
    }
    i = j;
  }
  return {
    text: outChars.join(''),
    starts: Int32Array.from(outStarts),
    ends: Int32Array.from(outEnds),
  };
}

/** The normalised string alone, for the statistical layer. */
export function normaliseForModel(verbatim: string): string {
  return normalise(verbatim).text;
}

/**
 * Where a span [start, end) of the normalised text came from in the verbatim text.
 * An empty or out-of-range span maps to an empty span at the nearest position.
 */
export function toVerbatimSpan(
  n: NormalisedText,
  start: number,
  end: number,
): { start: number; end: number } {
  const len = n.text.length;
  if (len === 0) return { start: 0, end: 0 };
  const s = Math.min(Math.max(start, 0), len - 1);
  const e = Math.min(Math.max(end, s + 1), len);
  return { start: n.starts[s] as number, end: n.ends[e - 1] as number };
}
