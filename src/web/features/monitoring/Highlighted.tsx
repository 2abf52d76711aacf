// A comment's verbatim text with the spans its rules matched marked: overlapping spans
// are merged, and the text itself is never changed (React escapes it).
import type { Comment } from './api.ts';

type Rule = Comment['machine']['evidence']['rules'][number];

/** Non-overlapping [start, end) spans inside the text, in order, with the rules of each. */
export function mergedSpans(
  text: string,
  rules: Rule[],
): { start: number; end: number; rules: string[] }[] {
  const spans = rules
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(text.length, r.end), rule: r.rule }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { start: number; end: number; rules: string[] }[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      if (!last.rules.includes(span.rule)) last.rules.push(span.rule);
    } else {
      merged.push({ start: span.start, end: span.end, rules: [span.rule] });
    }
  }
  return merged;
}

export function Highlighted({ text, rules }: { text: string; rules: Rule[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const span of mergedSpans(text, rules)) {
    if (span.start > at) parts.push(text.slice(at, span.start));
    parts.push(
      <mark key={span.start} title={span.rules.join(', ')} data-rule={span.rules.join(' ')}>
        {text.slice(span.start, span.end)}
      </mark>,
    );
    at = span.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
