// Lexicon patterns are regular-expression sources that get rewritten letter by letter
// (transliterated to Kazakh Latin, folded for matching); their escapes must pass through
// untouched.

/** The escape that starts at `i` (`\p{L}` whole, else the backslash and one character), or null. */
export function escapeAt(source: string, i: number): string | null {
  if (source[i] !== '\\') return null;
  const next = source[i + 1] ?? '';
  if ((next === 'p' || next === 'P') && source[i + 2] === '{') {
    const close = source.indexOf('}', i);
    if (close > i) return source.slice(i, close + 1);
  }
  return '\\' + next;
}
