// Kazakh rules in the Latin script, derived from the Cyrillic ones by transliteration.
// Comments are folded loosely before matching (ý/w → u, ı/y → i, q → k, ǵ/ğ → g, ş → sh,
// zh → j …), so one transliteration covers the 2018 and 2021 alphabets and plain ASCII.
import { escapeAt } from '../regex-source.ts';
import { KK_CYRL_RULES } from './kk-cyrl.ts';
import type { LexiconRule } from './types.ts';

const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  ә: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ғ: 'g',
  д: 'd',
  е: 'e',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'i',
  і: 'i',
  к: 'k',
  қ: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  ң: 'n',
  о: 'o',
  ө: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ұ: 'u',
  ү: 'u',
  ф: 'f',
  х: 'h',
  һ: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ъ: '',
  ы: 'i',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

/** Transliterate the Cyrillic letters of a word list entry or pattern source; escapes are kept. */
export function transliterate(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    const escape = escapeAt(source, i);
    if (escape) {
      out += escape;
      i += escape.length - 1;
      continue;
    }
    out += CYRILLIC_TO_LATIN[ch] ?? ch;
  }
  return out;
}

export const KK_LATN_RULES: readonly LexiconRule[] = KK_CYRL_RULES.filter(
  (rule) => !rule.cyrillicOnly,
).map((rule) => {
  const latin: LexiconRule = { id: rule.id.replace(/^kk\./, 'kk-latn.'), signal: rule.signal };
  if (rule.words) latin.words = rule.words.map(transliterate);
  if (rule.except) latin.except = rule.except.map(transliterate);
  if (rule.pattern !== undefined) latin.pattern = transliterate(rule.pattern);
  if (rule.needsTarget) latin.needsTarget = true;
  if (rule.needsQuotedHate) latin.needsQuotedHate = true;
  return latin;
});
