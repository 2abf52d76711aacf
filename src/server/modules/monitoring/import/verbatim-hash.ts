// The SHA-256 of a comment's verbatim record, as src/common/monitoring/imported-comment.ts
// defines it: canonical JSON (keys sorted, no spaces) of { author, postedAt, sourceId,
// text, url }. JSON.stringify keeps insertion order and has one escaping rule, so writing
// the keys in sorted order below is the canonical form.
import { createHash } from 'node:crypto';
import type { ImportedComment } from '../../../../common/monitoring/imported-comment.ts';

export type VerbatimRecord = Pick<
  ImportedComment,
  'author' | 'postedAt' | 'sourceId' | 'text' | 'url'
>;

export function canonicalRecordJson(record: VerbatimRecord): string {
  return JSON.stringify({
    author: record.author,
    postedAt: record.postedAt,
    sourceId: record.sourceId,
    text: record.text,
    url: record.url,
  });
}

export function verbatimHash(record: VerbatimRecord): string {
  return createHash('sha256').update(canonicalRecordJson(record), 'utf8').digest('hex');
}
