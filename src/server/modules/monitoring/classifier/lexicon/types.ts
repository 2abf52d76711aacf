// The shape of a lexicon rule. Rules are data: each has a stable id (stored in evidence,
// so never reuse an id for a different meaning), what it is evidence of, and either word
// forms or a pattern. Words and patterns are written in plain lower-case spelling; the
// rule layer folds them the same way it folds comments (see rules.ts), so `faggot`,
// `қуу` or `óltirý` need no special spelling here.
import type { RuleMatch } from '../../../../../common/monitoring/classification.ts';

/** What a rule is evidence of: a hate category, a reason not to flag, or a mention of the target group. */
export type RuleSignal = RuleMatch['signal'] | 'target';

export interface LexiconRule {
  /** `<lang>.<family>.<name>`, stable across versions. */
  id: string;
  signal: RuleSignal;
  /** Word forms: `пидор*` matches every word starting so, `гей` only that word. */
  words?: readonly string[];
  /** Word forms that look like `words` but are not the rule (`гомосексуал*` for `гомосек*`). */
  except?: readonly string[];
  /**
   * A regular expression over the folded text (no capturing groups; use `(?:…)`). It
   * only matches at the start of a word. Use GAP for "a few words in between".
   */
  pattern?: string;
  /** A hate signal that counts only when the comment names or slurs an LGBTIQ group. */
  needsTarget?: boolean;
  /** A quotation signal that counts only when some hate match sits inside quotation marks. */
  needsQuotedHate?: boolean;
}

/** Up to `n` whole words between two parts of a pattern. */
export function gap(n: number): string {
  return `[^\\p{L}]+(?:\\p{L}+[^\\p{L}]+){0,${n}}`;
}

/** The rest of the current word (an ending). */
export const END = '\\p{L}*';

/** `a|b|c` → `(?:a|b|c)`. */
export function any(...alternatives: string[]): string {
  return `(?:${alternatives.join('|')})`;
}

/** A word list (`скот*`, `гей`) as a pattern alternative, for frames like "they are <word>". */
export function wordsPattern(words: readonly string[]): string {
  return any(...words.map((w) => (w.endsWith('*') ? w.slice(0, -1) + END : w + '(?!\\p{L})')));
}

/**
 * Words that negate a hate match next to them ("геев не надо убивать", "гейлер ауру емес",
 * "gays should not be killed"): `before` may stand up to a few words before the match in
 * the same clause, or inside it after its first word; `after` right after it (Kazakh puts
 * the negation last). A negated threat, frame or derogation is not hate; slurs and insults
 * are never negated ("I'm not calling you a …" still uses the word).
 */
export interface Negation {
  /** Rule id reported as the reason (`<lang>.counter.negated`). */
  id: string;
  before: readonly string[];
  after: readonly string[];
}
