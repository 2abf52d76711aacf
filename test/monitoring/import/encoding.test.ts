// Encoding detection: UTF-8 with or without a byte-order mark, Windows-1251, a prefix that
// ends inside a multi-byte character, UTF-16 refused, and a UTF-8 file that turns out not
// to be UTF-8 further on.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  detectEncoding,
  FatalImportError,
  previewCsv,
} from '../../../src/server/modules/monitoring/import/index.ts';
import { chunked, collect, cp1251, utf8 } from './support.ts';

describe('detectEncoding', () => {
  test('ASCII and UTF-8, with or without a byte-order mark, are UTF-8', () => {
    assert.equal(detectEncoding(utf8('text,author\nhello,bob\n')), 'utf-8');
    assert.equal(detectEncoding(utf8('текст,автор\nсәлем,Әсем\n')), 'utf-8');
    assert.equal(detectEncoding(utf8('\ufeffтекст')), 'utf-8');
    assert.equal(detectEncoding(new Uint8Array(0)), 'utf-8');
  });

  test('Russian text in Windows-1251 is Windows-1251', () => {
    assert.equal(detectEncoding(cp1251('текст,автор\nпривет,Ёжик\n')), 'windows-1251');
    // One Cyrillic letter after plenty of ASCII is enough.
    assert.equal(detectEncoding(cp1251(`${'a,b\n'.repeat(1000)}я`)), 'windows-1251');
  });

  test('a prefix cut inside a multi-byte UTF-8 character is still UTF-8', () => {
    const text = utf8('комментарий 🏳️‍🌈 және ғ');
    for (let end = 1; end <= text.length; end++) {
      assert.equal(detectEncoding(text.subarray(0, end)), 'utf-8', `cut at byte ${end}`);
    }
  });

  test('an invalid byte before the end is not taken for a cut character', () => {
    // 0xD0 starts a two-byte character; followed by ASCII it is not UTF-8.
    assert.equal(detectEncoding(new Uint8Array([0x61, 0xd0, 0x61, 0x62])), 'windows-1251');
  });

  test('UTF-16, with or without a byte-order mark, is refused with what to do', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x74, 0x00, 0x65, 0x00]);
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x74, 0x00, 0x65]);
    const bare = new Uint8Array(Buffer.from('text,author\nhi,bob\n', 'utf16le'));
    for (const bytes of [le, be, bare]) {
      assert.throws(
        () => detectEncoding(bytes),
        (error: unknown) =>
          error instanceof FatalImportError &&
          error.code === 'unsupported_encoding' &&
          /UTF-8/.test(error.message),
      );
    }
  });
});

describe('decoding a whole import', () => {
  test('a UTF-16 file gives one clear problem and no comments', async () => {
    const file = new Uint8Array(Buffer.from('\ufefftext\nhello\n', 'utf16le'));
    const { order, problems } = await collect(file, { format: 'csv' });
    assert.deepEqual(order, ['p:1:unsupported_encoding']);
    assert.match(problems[0]?.message ?? '', /UTF-16/);
  });

  test('characters cut between chunks are decoded whole, in both encodings', async () => {
    const text = 'text\nПривет, мир\nЁлки-палки\n';
    for (const bytes of [utf8(text), cp1251(text)]) {
      const { comments } = await collect(chunked(bytes, 1), { format: 'text' });
      assert.deepEqual(
        comments.map((c) => c.text),
        ['text', 'Привет, мир', 'Ёлки-палки'],
      );
    }
  });

  test('a long ASCII start does not hide a Windows-1251 file', async () => {
    // 200 KB of ASCII rows first: past the usual 64 KiB prefix.
    const rows = Array.from({ length: 20_000 }, (_, i) => `row ${i}`).join('\n');
    const file = cp1251(`text\n${rows}\nпоследняя строка\n`);
    const { comments } = await collect(chunked(file, 4096), { format: 'csv' });
    assert.equal(comments.length, 20_001);
    assert.equal(comments.at(-1)?.text, 'последняя строка');
  });

  test('a UTF-8 file with non-UTF-8 bytes further on stops there, after the rows before', async () => {
    const head = utf8(`text\nпервая\n${'x\n'.repeat(40_000)}`);
    const tail = cp1251('вторая\n');
    const file = new Uint8Array(head.length + tail.length);
    file.set(head);
    file.set(tail, head.length);
    const { comments, problems } = await collect(file, { format: 'text' });
    assert.equal(comments[1]?.text, 'первая');
    assert.equal(comments.length, 40_002);
    assert.deepEqual(
      problems.map((p) => p.code),
      ['unsupported_encoding'],
    );
    assert.match(problems[0]?.message ?? '', /not UTF-8/);
    assert.ok(!comments.some((c) => c.text.includes('\ufffd')), 'no replacement characters');
  });
});

describe('previewCsv', () => {
  test('gives the encoding, the delimiter, the header and the first rows', () => {
    const preview = previewCsv(cp1251('Автор;Текст\nanna;"Привет;\nмир"\nboris;Ёж\n'));
    assert.deepEqual(preview, {
      encoding: 'windows-1251',
      delimiter: ';',
      header: ['Автор', 'Текст'],
      rows: [
        ['anna', 'Привет;\nмир'],
        ['boris', 'Ёж'],
      ],
    });
  });

  test('leaves out a last row cut by the end of the prefix, unless it is the whole file', () => {
    const bytes = utf8('text,author\none,a\ntwo,b\nthr');
    assert.deepEqual(previewCsv(bytes).rows, [
      ['one', 'a'],
      ['two', 'b'],
    ]);
    assert.deepEqual(previewCsv(bytes, { wholeFile: true }).rows.at(-1), ['thr']);
    const openQuote = utf8('text,author\none,a\n"two\nlines');
    assert.deepEqual(previewCsv(openQuote).rows, [['one', 'a']]);
  });

  test('refuses UTF-16 as the import does', () => {
    const bytes = new Uint8Array(Buffer.from('\ufefftext\nhi\n', 'utf16le'));
    assert.throws(
      () => previewCsv(bytes),
      (error: unknown) =>
        error instanceof FatalImportError && error.code === 'unsupported_encoding',
    );
  });

  test('shows at most 20 rows after the header', () => {
    const bytes = utf8(`text\n${Array.from({ length: 50 }, (_, i) => `r${i}`).join('\n')}`);
    const preview = previewCsv(bytes);
    assert.equal(preview.rows.length, 20);
    assert.deepEqual(preview.rows.at(-1), ['r19']);
  });
});

test('only the byte-order mark at the start of the file is dropped, not one inside a comment', async () => {
  // U+FEFF in a comment (a zero-width no-break space) at the start of a later decoded
  // chunk: the first 65,541 bytes (a multiple of 7 past 64 KiB) are decoded at once.
  const file = utf8(`\ufeffone\n${'x\n'.repeat(32_767)}\ufefftwo\n`);
  const { comments } = await collect(chunked(file, 7), { format: 'text' });
  assert.equal(comments.length, 32_769);
  assert.equal(comments[0]?.text, 'one');
  assert.equal(comments.at(-1)?.text, '\ufefftwo');
});
