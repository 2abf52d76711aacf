// CSV import: the column mapping (by header name, by column number, guessed), the
// delimiter, quoted line breaks, the byte-order mark, Windows-1251, and bad rows reported
// with the line they start on while the rest is imported.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { collect, chunked, cp1251, fixture, utf8 } from './support.ts';

describe('CSV with a header and a mapping by column name', () => {
  test('reads a semicolon file with a byte-order mark, CRLF and a quoted line break', async () => {
    const { comments, problems, order } = await collect(await fixture('comments-semicolon.csv'), {
      format: 'csv',
      csv: { text: 'Текст', author: 'Автор', postedAt: 'Дата', url: 'Ссылка', hasHeader: true },
    });
    // Lines: 1 header, 2, 3–4 (a quoted line break), 5, 6 (too many columns), 7 (no
    // text), 8 (a date nobody can read: imported without a date), 9.
    assert.deepEqual(order, [
      'c:2',
      'c:3',
      'c:5',
      'p:6:column_count',
      'p:7:missing_text',
      'p:8:bad_date',
      'c:8',
      'c:9',
    ]);
    assert.deepEqual(
      comments.map((c) => [c.author, c.text]),
      [
        ['aigerim_k', 'Спасибо за репортаж, очень нужная тема'],
        ['test_user', 'Первая строка\r\nвторая строка; с точкой с запятой'],
        ['nurlan.b', 'Он сказал "привет" и ушёл'],
        ['dana', 'Дата здесь непонятная'],
        ['Мәди', 'Қалыңыз қалай? Жақсы пост'],
      ],
    );
    // Dates without a zone are Almaty time (UTC+5 in 2025); an explicit zone wins.
    assert.deepEqual(
      comments.map((c) => c.postedAt),
      [
        '2025-03-01T09:05:00.000Z',
        '2025-03-01T10:30:00.000Z',
        '2025-03-02T03:00:00.000Z',
        null,
        '2025-03-04T05:00:00.000Z',
      ],
    );
    assert.equal(comments[0]?.url, 'https://example.org/p/1#c1');
    assert.equal(comments[1]?.url, null, 'an empty cell is no URL');
    assert.match(problems[0]?.message ?? '', /Line 6 has 5 columns where the header has 4/);
  });

  test('the result does not depend on where the chunks are cut', async () => {
    const bytes = await fixture('comments-semicolon.csv');
    const csv = { text: 'Текст', author: 'Автор', postedAt: 'Дата', hasHeader: true };
    const whole = await collect(chunked(bytes, bytes.length), { format: 'csv', csv });
    const bytewise = await collect(chunked(bytes, 1), { format: 'csv', csv });
    assert.deepEqual(bytewise, whole);
  });

  test('a header name is matched without regard to case and spaces, or by column number', async () => {
    const file = utf8('ID,User, Comment \n7,ann,first\n');
    const { comments } = await collect(file, {
      format: 'csv',
      csv: { text: 'comment', author: '2', sourceId: 'id', hasHeader: true },
    });
    assert.deepEqual(
      comments.map((c) => [c.sourceId, c.author, c.text]),
      [['7', 'ann', 'first']],
    );
  });

  test('without a mapping, the columns are found by their usual names', async () => {
    const { comments } = await collect(utf8('author,date,text,url\nbob,2025-01-05,hello,\n'), {
      format: 'csv',
    });
    assert.deepEqual(
      comments.map((c) => [c.author, c.postedAt, c.text]),
      [['bob', '2025-01-04T19:00:00.000Z', 'hello']],
    );
  });

  test('a column the header does not have stops the import with a clear problem', async () => {
    const { comments, problems } = await collect(utf8('author,message\nbob,hi\n'), {
      format: 'csv',
      csv: { text: 'text', hasHeader: true },
    });
    assert.equal(comments.length, 0);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.code, 'unknown_column');
    assert.match(problems[0]?.message ?? '', /author, message/);
  });
});

describe('CSV without a header, by column number', () => {
  test('reads a Windows-1251 file', async () => {
    const { comments, problems } = await collect(await fixture('comments-cp1251.csv'), {
      format: 'csv',
      csv: { sourceId: '1', author: '2', postedAt: '3', text: '4', hasHeader: false },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(
      comments.map((c) => [c.line, c.sourceId, c.author, c.postedAt, c.text]),
      [
        [1, '1001', 'ivan_p', '2025-02-10T03:15:00.000Z', 'Привет всем, когда следующая встреча?'],
        [2, '1002', 'olga', '2025-02-10T03:20:00.000Z', 'Ёлка во дворе уже стоит'],
        [3, '1003', null, '2025-02-10T19:00:00.000Z', 'Без автора — тоже комментарий №3'],
      ],
    );
  });

  test('a column number beyond the rows is a clear problem', async () => {
    const { problems } = await collect(utf8('a,b\nc,d\n'), {
      format: 'csv',
      csv: { text: '3', hasHeader: false },
    });
    assert.deepEqual(
      problems.map((p) => p.code),
      ['unknown_column'],
    );
  });

  test('a row shorter than the first is reported, and the rows after it imported', async () => {
    const file = cp1251('раз,один\nдва\nтри,три\n');
    const { order } = await collect(file, {
      format: 'csv',
      csv: { text: '2', author: '1', hasHeader: false },
    });
    assert.deepEqual(order, ['c:1', 'p:2:column_count', 'c:3']);
  });
});

describe('CSV delimiters and malformed files', () => {
  test('detects a tab, and a given delimiter wins over detection', async () => {
    const tab = await collect(utf8('text\tauthor\nhi, there\tann\n'), { format: 'csv' });
    assert.deepEqual(
      tab.comments.map((c) => [c.text, c.author]),
      [['hi, there', 'ann']],
    );
    const given = await collect(utf8('text|author\na;b|ann\n'), {
      format: 'csv',
      csv: { text: 'text', author: 'author', hasHeader: true, delimiter: '|' },
    });
    assert.deepEqual(
      given.comments.map((c) => [c.text, c.author]),
      [['a;b', 'ann']],
    );
  });

  test('commas inside quoted comments do not outvote the real delimiter', async () => {
    const file = utf8('text;author\n"a, b, c, d";x\n"e, f";y\n');
    const { comments } = await collect(file, { format: 'csv' });
    assert.deepEqual(
      comments.map((c) => c.text),
      ['a, b, c, d', 'e, f'],
    );
  });

  test('a quote never closed stops the import at the line it opens on, after the rows before', async () => {
    const file = utf8('text,author\nfine,a\n"multi\nline",b\n"never closed,c\nmore,d\nlast,e\n');
    const { order, problems } = await collect(file, { format: 'csv' });
    assert.deepEqual(order, ['c:2', 'c:3', 'p:5:invalid_csv']);
    assert.match(
      problems[0]?.message ?? '',
      /Line 5 opens a quote .* lines 5 to 7 were not imported/,
    );
  });

  test('a stray quote inside an unquoted field is kept as written', async () => {
    const { comments } = await collect(utf8('text\nhe said "hi" twice\n'), { format: 'csv' });
    assert.equal(comments[0]?.text, 'he said "hi" twice');
  });

  test('empty texts and texts over the limit are reported and not imported', async () => {
    const file = utf8(`text,author\n,a\n"  ",b\n${'я'.repeat(11)},c\n${'я'.repeat(10)},d\n`);
    const { order, comments } = await collect(file, { format: 'csv', maxTextLength: 10 });
    assert.deepEqual(order, ['p:2:missing_text', 'p:3:missing_text', 'p:4:too_long', 'c:5']);
    assert.equal(comments[0]?.author, 'd');
  });

  test('an empty file, and a file with only a header, import nothing and report nothing', async () => {
    for (const text of ['', '\n\n', 'text,author\n', '\ufeff']) {
      const { order } = await collect(utf8(text), { format: 'csv' });
      assert.deepEqual(order, [], JSON.stringify(text));
    }
  });

  test('blank lines between rows are skipped and do not shift line numbers', async () => {
    const { order } = await collect(utf8('text\n\none\n\n\ntwo\n'), { format: 'csv' });
    assert.deepEqual(order, ['c:3', 'c:6']);
  });
});

test('extra empty cells at the end of a row are ignored; something beyond the header is not', async () => {
  const file = utf8('text,author\none,a,,\ntwo,b,x\n');
  const { order } = await collect(file, { format: 'csv' });
  assert.deepEqual(order, ['c:2', 'p:3:column_count']);
});
