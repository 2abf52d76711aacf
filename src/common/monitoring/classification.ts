// What the classifier says about one comment, and why. Stored with the comment (the
// machine label), shown to the reviewer, and written by `qorgan monitor classify`.
import type { CommentLanguage, HateCategory } from './vocabulary.ts';

/** A lexicon or pattern rule that matched, with the span of the verbatim text it matched. */
export interface RuleMatch {
  /** Stable rule id from the lexicon files, e.g. `ru.slur.pidor` or `en.threat.should-be-killed`. */
  rule: string;
  /**
   * What the rule is evidence of: a hate category, or a reason NOT to flag
   * (`counter_speech`, `quotation`, `news`, `self_reference`, `neutral_use`).
   */
  signal: HateCategory | 'counter_speech' | 'quotation' | 'news' | 'self_reference' | 'neutral_use';
  /** UTF-16 offsets into the verbatim text: text.slice(start, end) is what matched. */
  start: number;
  end: number;
}

/** A feature of the statistical layer and how much it pushed the score (+ towards hateful). */
export interface FeatureContribution {
  /** Human-readable: the character n-gram or word, e.g. `"педик"` or `"␣убить"`. */
  feature: string;
  weight: number;
}

export interface Classification {
  hateful: boolean;
  /** 0..1: how likely the comment is hateful. `hateful` is `score >= threshold`. */
  score: number;
  /** Empty when not hateful. */
  categories: HateCategory[];
  language: CommentLanguage;
  evidence: {
    rules: RuleMatch[];
    /** The few features that moved the score most, strongest first. */
    features: FeatureContribution[];
  };
  /** Which lexicon and model produced this label, e.g. `lexicon 1.0.0 + model base-2026-11`. */
  version: string;
}
