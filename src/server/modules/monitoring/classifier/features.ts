// The features of the statistical layer: character n-grams inside each word (padded with a
// boundary mark, so "дом" gives "␣д", "дом␣", "␣дом␣" …), whole words and word pairs, of
// the normalised text, hashed into a fixed-size space. Character n-grams are what survive
// misspellings, inflection and obfuscation that normalisation did not undo; Kazakh and
// Russian inflect heavily, so a word list alone would miss most forms.
//
// Hashing is FNV-1a over UTF-16 code units, finished with murmur3's fmix32 (FNV's low bits
// are poorly mixed, and the index is taken from the low bits). Nothing is allocated per
// feature: indices are written into a reusable buffer. Names are rebuilt only for the few
// features an explanation shows (describeFeatures).

/** How a text becomes features. Stored in each model file: a model is only valid with the same. */
export interface FeatureConfig {
  /** The hash space has 2^hashBits slots. */
  hashBits: number;
  /** Shortest and longest character n-gram, padding included. */
  minN: number;
  maxN: number;
  /** Whole words as features. */
  words: boolean;
  /** Adjacent word pairs as features. */
  bigrams: boolean;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  hashBits: 18,
  minN: 3,
  maxN: 5,
  words: true,
  bigrams: false,
};

/** A reusable output buffer: `indices[0..count)` after extractFeatures. */
export interface FeatureBuffer {
  indices: Int32Array;
}

export function createFeatureBuffer(capacity = 4096): FeatureBuffer {
  return { indices: new Int32Array(capacity) };
}

/** The mark shown for a word boundary in a feature's name. */
export const BOUNDARY_MARK = '␣';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Different seeds keep a word, a word pair and a character n-gram with the same letters apart.
const CHAR_SEED = FNV_OFFSET;
const WORD_SEED = 0x2f6b3a91;
const BIGRAM_SEED = 0x5bd1e995;
const PAD = 0x20;

function fmix32(input: number): number {
  let h = input;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Letters and digits of any script make words; everything else separates them. */
function isWordCode(code: number): boolean {
  if (code < 0x80) {
    return (
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x30 && code <= 0x39)
    );
  }
  // Latin-1 letters, Latin Extended (Kazakh Latin ş ğ ı ä ö ü …), Cyrillic with its supplement.
  if (code >= 0xc0 && code <= 0x24f) return code !== 0xd7 && code !== 0xf7;
  if (code >= 0x400 && code <= 0x52f) return true;
  return WORD_CHAR.test(String.fromCharCode(code));
}
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Where the features of one text go, and whose names are wanted. */
interface NameRequest {
  wanted: ReadonlySet<number>;
  names: Map<number, string>;
}

/**
 * Writes the hashed feature indices of `text` into `buffer` (growing it if needed) and
 * returns how many there are. The same text and config always give the same indices, in
 * the same order; a feature that occurs twice is written twice.
 */
export function extractFeatures(
  text: string,
  config: FeatureConfig,
  buffer: FeatureBuffer,
): number {
  // Upper bound: per word of length L, (L + 2) start positions × n-gram lengths, + 2.
  const perPosition = config.maxN - config.minN + 1;
  const bound = text.length * (3 * perPosition + 2) + 16;
  if (buffer.indices.length < bound) buffer.indices = new Int32Array(bound);
  return walk(text, config, buffer.indices, undefined);
}

/**
 * The readable names of the wanted feature indices that occur in `text`: a character
 * n-gram with ␣ for a word boundary (`␣убить`), a word (`убить`), or a word pair
 * (`убить их`). When two n-grams share an index, the first one in the text names it.
 */
export function describeFeatures(
  text: string,
  config: FeatureConfig,
  wanted: ReadonlySet<number>,
): Map<number, string> {
  const request: NameRequest = { wanted, names: new Map() };
  const perPosition = config.maxN - config.minN + 1;
  walk(text, config, new Int32Array(text.length * (3 * perPosition + 2) + 16), request);
  return request.names;
}

function walk(
  text: string,
  config: FeatureConfig,
  out: Int32Array,
  naming: NameRequest | undefined,
): number {
  const mask = (1 << config.hashBits) - 1;
  const { minN, maxN } = config;
  const length = text.length;
  let count = 0;
  let previousWord = 0;
  let previousStart = -1;
  let previousEnd = -1;
  let i = 0;
  while (i < length) {
    while (i < length && !isWordCode(text.charCodeAt(i))) i++;
    if (i >= length) break;
    const start = i;
    while (i < length && isWordCode(text.charCodeAt(i))) i++;
    const end = i;

    // Character n-grams of " word ": padded position p is the space before the word when
    // p = 0, the space after it when p = wordLength + 1, else text[start + p - 1].
    const padded = end - start + 2;
    for (let p = 0; p < padded; p++) {
      let h = CHAR_SEED;
      const last = Math.min(maxN, padded - p);
      for (let n = 1; n <= last; n++) {
        const q = p + n - 1;
        const code = q === 0 || q === padded - 1 ? PAD : text.charCodeAt(start + q - 1);
        h = Math.imul(h ^ code, FNV_PRIME);
        if (n < minN) continue;
        // A lone boundary says nothing.
        if (n === 1 && code === PAD && (q === 0 || q === padded - 1)) continue;
        const index = fmix32(h ^ n) & mask;
        out[count++] = index;
        if (naming !== undefined) nameCharGram(naming, index, text, start, end, p, n);
      }
    }

    if (config.words || config.bigrams) {
      let w = WORD_SEED;
      for (let k = start; k < end; k++) w = Math.imul(w ^ text.charCodeAt(k), FNV_PRIME);
      w = fmix32(w);
      if (config.words) {
        const index = w & mask;
        out[count++] = index;
        if (naming !== undefined) nameSpan(naming, index, text.slice(start, end));
      }
      if (config.bigrams && previousStart >= 0) {
        const index = fmix32(Math.imul(previousWord, 0x9e3779b1) ^ w ^ BIGRAM_SEED) & mask;
        out[count++] = index;
        if (naming !== undefined) {
          nameSpan(
            naming,
            index,
            `${text.slice(previousStart, previousEnd)} ${text.slice(start, end)}`,
          );
        }
      }
      previousWord = w;
      previousStart = start;
      previousEnd = end;
    }
  }
  return count;
}

function nameSpan(naming: NameRequest, index: number, name: string): void {
  if (naming.wanted.has(index) && !naming.names.has(index)) naming.names.set(index, name);
}

function nameCharGram(
  naming: NameRequest,
  index: number,
  text: string,
  start: number,
  end: number,
  p: number,
  n: number,
): void {
  if (!naming.wanted.has(index) || naming.names.has(index)) return;
  const padded = end - start + 2;
  let name = '';
  for (let q = p; q < p + n; q++) {
    name += q === 0 || q === padded - 1 ? BOUNDARY_MARK : text[start + q - 1];
  }
  naming.names.set(index, name);
}
