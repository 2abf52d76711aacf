// The features of the statistical layer: character n-grams inside each word (padded with a
// boundary mark, so "дом" gives "␣д", "дом␣", "␣дом␣" …), whole words and word pairs, of
// the normalised text, hashed into a fixed-size space. Character n-grams are what survive
// misspellings, inflection and obfuscation that normalisation did not undo; Kazakh and
// Russian inflect heavily, so a word list alone would miss most forms.
//
// Hashing is FNV-1a over UTF-16 code units, finished with murmur3's fmix32 (FNV's low bits
// are poorly mixed, and the index is taken from the low bits). Nothing is allocated per
// feature: indices and where each came from are written into a reusable buffer, and only
// the few features an explanation shows are turned into strings (featureName).

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

/**
 * A reusable output buffer. After extractFeatures, `indices[0..count)` are the hashed
 * slots and `origins[2k], origins[2k + 1]` say where feature k came from (its start in the
 * text, and its length × 4 + kind), so featureName can name it without a second pass.
 */
export interface FeatureBuffer {
  indices: Int32Array;
  origins: Int32Array;
}

export function createFeatureBuffer(capacity = 4096): FeatureBuffer {
  return { indices: new Int32Array(capacity), origins: new Int32Array(capacity * 2) };
}

const KIND_CHARS = 0;
const KIND_WORD = 1;
const KIND_BIGRAM = 2;

/**
 * The model reads at most this many UTF-16 units of a comment (the lexicon reads all of it).
 * Training comments are far shorter (the longest about 3,000); the cap keeps the feature
 * buffer of a pasted book from taking hundreds of megabytes.
 */
export const MAX_FEATURE_CHARS = 10_000;

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
  const length = Math.min(text.length, MAX_FEATURE_CHARS);
  // Upper bound: a word of length L gives at most (L + 2) × perPosition n-grams and 2 more
  // features; the words' lengths add up to at most `length`, and there are at most
  // (length + 1) / 2 words.
  const perPosition = config.maxN - config.minN + 1;
  const bound = (2 * length + 1) * perPosition + length + 16;
  if (buffer.indices.length < bound) {
    buffer.indices = new Int32Array(bound);
    buffer.origins = new Int32Array(bound * 2);
  }
  const out = buffer.indices;
  const origins = buffer.origins;
  const mask = (1 << config.hashBits) - 1;
  const { minN, maxN } = config;
  let count = 0;
  let previousWord = 0;
  let previousStart = -1;
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
        origins[2 * count] = start + p - 1;
        origins[2 * count + 1] = (n << 2) | KIND_CHARS;
        out[count++] = fmix32(h ^ n) & mask;
      }
    }

    if (config.words || config.bigrams) {
      let w = WORD_SEED;
      for (let k = start; k < end; k++) w = Math.imul(w ^ text.charCodeAt(k), FNV_PRIME);
      w = fmix32(w);
      if (config.words) {
        origins[2 * count] = start;
        origins[2 * count + 1] = ((end - start) << 2) | KIND_WORD;
        out[count++] = w & mask;
      }
      if (config.bigrams && previousStart >= 0) {
        origins[2 * count] = previousStart;
        origins[2 * count + 1] = ((end - previousStart) << 2) | KIND_BIGRAM;
        out[count++] = fmix32(Math.imul(previousWord, 0x9e3779b1) ^ w ^ BIGRAM_SEED) & mask;
      }
      previousWord = w;
      previousStart = start;
    }
  }
  return count;
}

/**
 * The readable name of feature k of the last extractFeatures into `buffer`: a character
 * n-gram with ␣ for a word boundary (`␣убить`), a word (`убить`), or a word pair
 * (`убить их`).
 */
export function featureName(text: string, buffer: FeatureBuffer, k: number): string {
  const start = buffer.origins[2 * k] ?? 0;
  const packed = buffer.origins[2 * k + 1] ?? 0;
  const length = packed >> 2;
  const kind = packed & 3;
  const limit = Math.min(text.length, MAX_FEATURE_CHARS);
  if (kind === KIND_WORD) return text.slice(start, start + length);
  let name = '';
  let inGap = false;
  for (let q = start; q < start + length; q++) {
    const word = q >= 0 && q < limit && isWordCode(text.charCodeAt(q));
    if (kind === KIND_CHARS) name += word ? text[q] : BOUNDARY_MARK;
    else if (word) {
      name += text[q];
      inGap = false;
    } else if (!inGap) {
      name += ' ';
      inGap = true;
    }
  }
  return name;
}
