// The verbatim hash: the same comment gives the same SHA-256 whichever format it came in,
// any change to what was said, by whom, when or where changes it, and duplicates within
// one file are all returned (the database recognises them).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { collect, utf8 } from './support.ts';

test('the hash is the SHA-256 of the canonical JSON of the record', async () => {
  const { comments } = await collect(
    utf8(
      '{"text":"Сәлем \\"всем\\"","author":"ann","date":"2025-03-01T07:00:00Z","url":"https://example.org/c/1","id":"77"}\n',
    ),
    { format: 'jsonl' },
  );
  const canonical =
    '{"author":"ann","postedAt":"2025-03-01T07:00:00.000Z","sourceId":"77","text":"Сәлем \\"всем\\"","url":"https://example.org/c/1"}';
  assert.equal(comments[0]?.sha256, createHash('sha256').update(canonical).digest('hex'));
});

test('the same comment in CSV, JSON lines and pasted text has the same hash', async () => {
  const csv = await collect(
    utf8(
      'id;author;date;text;url\n77;ann;01.03.2025 12:00;"Сәлем, ""всем""";https://example.org/c/1\n',
    ),
    { format: 'csv' },
  );
  const jsonl = await collect(
    utf8(
      '{"message":"Сәлем, \\"всем\\"","username":"ann","timestamp":1740812400,"link":"https://example.org/c/1","id":77}\n',
    ),
    { format: 'jsonl' },
  );
  assert.equal(csv.comments.length, 1);
  assert.equal(csv.comments[0]?.sha256, jsonl.comments[0]?.sha256);
  const pasted = await collect(utf8('только текст\n'), { format: 'text' });
  const textOnly = await collect(utf8('text\nтолько текст\n'), { format: 'csv' });
  assert.equal(pasted.comments[0]?.sha256, textOnly.comments[0]?.sha256);
  assert.notEqual(pasted.comments[0]?.sha256, csv.comments[0]?.sha256);
});

test('a change in any field changes the hash; the line number does not', async () => {
  const base = {
    text: 'a',
    author: 'b',
    date: '2025-01-01T00:00:00Z',
    url: 'https://example.org/1',
    id: '1',
  };
  const variants = [
    base,
    { ...base, text: 'a ' },
    { ...base, author: 'B' },
    { ...base, date: '2025-01-01T00:00:01Z' },
    { ...base, url: 'https://example.org/2' },
    { ...base, id: '2' },
  ];
  const file = utf8(
    `\n${variants.map((v) => JSON.stringify(v)).join('\n')}\n${JSON.stringify(base)}\n`,
  );
  const { comments } = await collect(file, { format: 'jsonl' });
  const hashes = comments.map((c) => c.sha256);
  assert.equal(new Set(hashes.slice(0, 6)).size, 6);
  assert.equal(hashes[6], hashes[0], 'a duplicate on another line has the same hash');
  assert.equal(comments.length, 7, 'duplicates within a file are all returned');
});
