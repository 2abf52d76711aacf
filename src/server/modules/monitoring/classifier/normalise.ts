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

const CYR = 1;
const LAT = 2;

function table(pairs: Record<string, string>): Int32Array {
  const t = new Int32Array(0x500);
  for (const [from, to] of Object.entries(pairs)) t[from.charCodeAt(0)] = to.charCodeAt(0);
  return t;
}

/** Latin look-alikes in a Cyrillic word, keyed by the lower-case Latin letter. */
const LATIN_TO_CYRILLIC = table({
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
});

/** Cyrillic look-alikes in a Latin word. */
const CYRILLIC_TO_LATIN = table({
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
});

/** Digits and symbols used as letters inside a Cyrillic word. */
const SYMBOL_TO_CYRILLIC = table({
  '0': 'о',
  '1': 'и',
  '3': 'з',
  '4': 'ч',
  '6': 'б',
  '8': 'в',
  '@': 'а',
  $: 'с',
});

/** Digits and symbols used as letters inside a Latin word. */
const SYMBOL_TO_LATIN = table({
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
});

const AT = 0x40;
const BANG = 0x21;

// Per-code-unit tables for the Basic Multilingual Plane, built on first use (about 20 ms):
// whether a unit is a letter, and its lower case (ё already folded to е). Comments are
// classified by the thousand, so per-character regular expressions are too slow.
let letterTable: Uint8Array | null = null;
let lowerTable: Uint16Array | null = null;

function tables(): { letters: Uint8Array; lower: Uint16Array } {
  if (!letterTable || !lowerTable) {
    const letters = new Uint8Array(0x10000);
    const lower = new Uint16Array(0x10000);
    const letter = /\p{L}/u;
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (c < 0xd800 || c > 0xdfff) {
        if (letter.test(ch)) letters[c] = 1;
        // Some upper-case letters lower to two units (İ → i̇); keep the first.
        lower[c] = ch.toLowerCase().charCodeAt(0);
      } else lower[c] = c;
    }
    lower[0x451] = 0x435; // ё → е
    lower[0x401] = 0x435; // Ё → е
    letterTable = letters;
    lowerTable = lower;
  }
  return { letters: letterTable, lower: lowerTable };
}

/** Whether a UTF-16 code unit is a letter (\p{L}), by table. */
export function isLetterCode(code: number): boolean {
  return (letterTable ?? tables().letters)[code] === 1;
}

// Characters that hide inside words without being seen: zero-width spaces and joiners,
// the word joiner, the byte-order mark, the soft hyphen and direction marks.
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

function scriptOf(code: number): number {
  if (code >= 0x0400 && code <= 0x04ff) return CYR;
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f)) return LAT;
  return 0;
}

function isSymbolLetter(code: number): boolean {
  return code < 0x80 && (SYMBOL_TO_LATIN[code] !== 0 || SYMBOL_TO_CYRILLIC[code] !== 0);
}

/** Separators people put between the letters of a word they do not want found. */
function isSpellSeparator(code: number): boolean {
  return (
    code === 0x2e || // .
    code === 0x2d || // -
    code === 0x5f || // _
    code === 0x2a || // *
    code === 0x20 ||
    code === 0x7c || // |
    code === 0x2f || // /
    code === 0x2b || // +
    code === 0x7e || // ~
    code === 0x2c || // ,
    code === 0xa0
  );
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0xa0;
}

// Scratch buffers reused across calls (classification is synchronous); grown as needed.
let cap = 0;
let codes = new Uint16Array(0);
let starts = new Int32Array(0);
let ends = new Int32Array(0);
let outCodes = new Uint16Array(0);
let outStarts = new Int32Array(0);
let outEnds = new Int32Array(0);
let drop = new Uint8Array(0);

function ensureCapacity(n: number): void {
  if (n <= cap) return;
  cap = Math.max(n, cap * 2, 256);
  codes = new Uint16Array(cap);
  starts = new Int32Array(cap);
  ends = new Int32Array(cap);
  outCodes = new Uint16Array(cap);
  outStarts = new Int32Array(cap);
  outEnds = new Int32Array(cap);
  drop = new Uint8Array(cap);
}

/** A string from UTF-16 code units, in chunks (fromCharCode takes a bounded argument list). */
export function stringFromCodes(units: Uint16Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 8192) {
    const chunk = units.subarray(i, Math.min(length, i + 8192));
    out += String.fromCharCode.apply(null, chunk as unknown as number[]);
  }
  return out;
}

// First pass: lower case, drop invisibles and combining marks. Returns the unit count.
function clean(verbatim: string, lower: Uint16Array): number {
  let n = 0;
  for (let i = 0; i < verbatim.length; i++) {
    const code = verbatim.charCodeAt(i);
    if (isInvisible(code)) continue;
    if (isCombining(code)) {
      // A decomposed й: fold into the letter before, which already carries the offset.
      if (n > 0) {
        if (code === 0x0306 && codes[n - 1] === 0x438) codes[n - 1] = 0x439;
        ends[n - 1] = i + 1;
      }
      continue;
    }
    codes[n] = lower[code] as number;
    starts[n] = i;
    ends[n] = i + 1;
    n++;
  }
  return n;
}

// Second pass: letters spelled out with separators. A run of single letters each
// separated by the same separator (`п.и.д.о.р`, `f-a-g`; with spaces, at least four) is
// joined. Returns the new unit count.
function joinSpelledOut(n: number, letters: Uint8Array): number {
  const isWordChar = (c: number): boolean => letters[c] === 1 || isSymbolLetter(c);
  let any = false;
  let i = 0;
  while (i < n) {
    const ch = codes[i] as number;
    const prev = i > 0 ? (codes[i - 1] as number) : 0x20;
    if (!isWordChar(ch) || isWordChar(prev)) {
      i++;
      continue;
    }
    // ch starts a word; is it a single letter followed by separators?
    let count = 1;
    const first = i;
    let last = i;
    let spacesOnly = true;
    let tail = false;
    let sepStart = -1;
    let sepLength = 0;
    let j = i + 1;
    for (;;) {
      if (j < n && isWordChar(codes[j] as number)) break;
      let k = j;
      while (k < n && isSpellSeparator(codes[k] as number) && k - j < 3) {
        if (!isSpace(codes[k] as number)) spacesOnly = false;
        k++;
      }
      if (k === j || k >= n) break;
      // The same separator all along: `п.и.д.о.р в` is a word and then another word.
      if (sepStart < 0) {
        sepStart = j;
        sepLength = k - j;
      } else {
        let same = k - j === sepLength;
        for (let x = 0; same && x < sepLength; x++) same = codes[j + x] === codes[sepStart + x];
        if (!same) break;
      }
      if (!isWordChar(codes[k] as number)) break;
      const after = k + 1 < n ? (codes[k + 1] as number) : 0x20;
      if (isWordChar(after)) {
        // The run ends in a longer piece (`п.и.д.ор`): part of the word, unless the letters
        // were only spaced (`я и ты` is three words).
        if (!spacesOnly) {
          count++;
          last = k;
          tail = true;
          j = k + 1;
          while (j < n && isWordChar(codes[j] as number)) j++;
        }
        break;
      }
      count++;
      last = k;
      j = k + 1;
    }
    const needed = spacesOnly ? 4 : 3;
    if (count >= needed || (tail && count >= 3)) {
      for (let k = first; k <= last; k++) {
        if (!isWordChar(codes[k] as number)) {
          drop[k] = 1;
          any = true;
        }
      }
      i = Math.max(j, i + 1);
    } else {
      // Not spelled out: the next letter may start a run of its own (`и П.И.Д.О.Р`).
      i++;
    }
  }
  if (!any) return n;
  let m = 0;
  for (let k = 0; k < n; k++) {
    if (drop[k]) {
      drop[k] = 0;
      continue;
    }
    codes[m] = codes[k] as number;
    starts[m] = starts[k] as number;
    ends[m] = ends[k] as number;
    m++;
  }
  return m;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Normalise a comment: see the top of this file for what is undone. */
export function normalise(verbatim: string): NormalisedText {
  const { letters, lower } = tables();
  ensureCapacity(verbatim.length + 1);
  const n = joinSpelledOut(clean(verbatim, lower), letters);
  let m = 0;
  let i = 0;
  while (i < n) {
    const ch = codes[i] as number;
    const next = i + 1 < n ? (codes[i + 1] as number) : 0;
    const startsWord =
      letters[ch] === 1 || (isSymbolLetter(ch) && letters[next] === 1 && ch !== AT);
    if (!startsWord) {
      outCodes[m] = ch;
      outStarts[m] = starts[i] as number;
      outEnds[m] = ends[i] as number;
      m++;
      i++;
      continue;
    }
    // A word: letters, and digits/symbols between or after letters.
    let j = i;
    let cyr = 0;
    let lat = 0;
    while (j < n) {
      const x = codes[j] as number;
      if (letters[x] === 1) {
        const s = scriptOf(x);
        if (s === CYR) cyr++;
        else if (s === LAT) lat++;
        j++;
      } else if (
        isSymbolLetter(x) &&
        !(x === BANG && (j + 1 >= n || letters[codes[j + 1] as number] !== 1))
      ) {
        j++;
      } else break;
    }
    // Trailing digits are a number stuck to a word (`гей2024`), not letters.
    let end = j;
    while (end > i && isDigit(codes[end - 1] as number)) end--;
    const toCyrillic = cyr >= lat && cyr > 0;
    const toLatin = !toCyrillic && lat > 0;
    let prevOut = -1;
    for (let k = i; k < j; k++) {
      let x = codes[k] as number;
      if (k < end && x < 0x500) {
        if (toCyrillic)
          x = (LATIN_TO_CYRILLIC[x] as number) || (SYMBOL_TO_CYRILLIC[x] as number) || x;
        else if (toLatin)
          x = (CYRILLIC_TO_LATIN[x] as number) || (SYMBOL_TO_LATIN[x] as number) || x;
      }
      if (x === prevOut && letters[x] === 1) {
        // A repeated letter: the one output letter now stands for the whole run.
        outEnds[m - 1] = ends[k] as number;
        continue;
      }
      outCodes[m] = x;
      outStarts[m] = starts[k] as number;
      outEnds[m] = ends[k] as number;
      m++;
      prevOut = x;
    }
    i = j;
  }
  return {
    text: stringFromCodes(outCodes, m),
    starts: outStarts.slice(0, m),
    ends: outEnds.slice(0, m),
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
