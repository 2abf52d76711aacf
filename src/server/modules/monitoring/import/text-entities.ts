// Telegram writes a message's text either as a string or as an array of plain strings and
// entity objects ({ type: "bold" | "link" | "mention" | …, text }). The text a reader saw
// is all of them joined in order. JSON lines written from Telegram data use the same shape.

/** The joined text, or null when the value is neither a string nor such an array. */
export function joinTextEntities(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return null;
  let text = '';
  for (const part of value) {
    if (typeof part === 'string') text += part;
    else if (typeof part === 'object' && part !== null && 'text' in part) {
      const inner = (part as { text: unknown }).text;
      if (typeof inner === 'string') text += inner;
    }
  }
  return text;
}
