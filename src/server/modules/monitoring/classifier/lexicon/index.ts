// All lexicon rules, and the version that is stored with every machine label. Bump
// LEXICON_VERSION with every change to a rule (minor: rules added or widened; major: a
// rule's meaning changed or an id removed) so that a label can be traced to the rules that
// produced it.
import { EN_RULES } from './en.ts';
import { KK_CYRL_RULES } from './kk-cyrl.ts';
import { KK_LATN_RULES, transliterate } from './kk-latn.ts';
import { RU_RULES } from './ru.ts';
import type { LexiconRule } from './types.ts';

export const LEXICON_VERSION = '1.5.1';

// Russian slurs and insults are also typed in Latin letters (`pidor`, `pidoras`).
const RU_LATN_RULES: readonly LexiconRule[] = RU_RULES.filter(
  (r) => r.id.startsWith('ru.slur.') && r.words,
).map((r) => ({
  id: r.id.replace(/^ru\./, 'ru-latn.'),
  signal: r.signal,
  words: (r.words ?? []).map(transliterate),
  ...(r.except ? { except: r.except.map(transliterate) } : {}),
}));

export const LEXICON: readonly LexiconRule[] = [
  ...RU_RULES,
  ...RU_LATN_RULES,
  ...KK_CYRL_RULES,
  ...KK_LATN_RULES,
  ...EN_RULES,
];

export type { LexiconRule, RuleSignal } from './types.ts';
