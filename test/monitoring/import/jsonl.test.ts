// JSON lines import: the usual field names, each bad line reported with its number and
// the reason, and every other line imported.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { collect, chunked, fixture, utf8 } from './support.ts';

describe('JSON lines', () => {
  test('imports the good lines and reports each bad one with its number', async () => {
    const { comments, problems, order } = await collect(await fixture('comments.jsonl'), {
      format: 'jsonl',
    });
    assert.deepEqual(order, [
      'c:1',
      'c:2',
      'p:3:invalid_json',
      'p:5:not_an_object',
      'p:6:missing_text',
      'c:7',
      'p:8:bad_date',
      'c:8',
    ]);
    assert.match(problems[0]?.message ?? '', /^Line 3 is not valid JSON: /);
    assert.deepEqual(
      comments.map(({ text, author, postedAt, url, sourceId }) => ({
        text,
        author,
        postedAt,
        url,
        sourceId,
      })),
      [
        {
          text: 'Отличное видео, поддерживаю',
          author: 'saule',
          postedAt: '2025-04-01T10:00:00.000Z',
          url: 'https://example.org/v/9?c=1',
          sourceId: 'c-1',
        },
        {
          text: 'Where can I read more about this?',
          author: 'reader_22',
          postedAt: '2025-04-01T10:00:00.000Z',
          url: null,
          sourceId: '2',
        },
        {
          text: 'Рахмет, керемет жазылған',
          author: 'erlan',
          postedAt: '2025-04-05T13:30:00.000Z',
          url: 'https://example.org/v/9?c=7',
          sourceId: null,
        },
        {
          text: 'Важно: встреча в субботу',
          author: 'org_team',
          postedAt: null,
          url: null,
          sourceId: null,
        },
      ],
    );
  });

  test('reads CRLF line ends, Unix milliseconds and a last line without a line break', async () => {
    const file = utf8('{"text":"a","date":1743501600000}\r\n{"text":"b\\r\\nc"}');
    const { comments } = await collect(chunked(file, 3), { format: 'jsonl' });
    assert.deepEqual(
      comments.map((c) => [c.line, c.text, c.postedAt]),
      [
        [1, 'a', '2025-04-01T10:00:00.000Z'],
        [2, 'b\r\nc', null],
      ],
    );
  });

  test('keeps the text verbatim: spaces, control characters and emoji', async () => {
    const text = '  два пробела\tтаб \u0007 🏳️‍🌈 ';
    const { comments } = await collect(utf8(`${JSON.stringify({ text })}\n`), { format: 'jsonl' });
    assert.equal(comments[0]?.text, text);
  });

  test('a NUL or a lone surrogate cannot be stored, so the line is reported, not altered', async () => {
    const file = utf8(
      '{"text":"a\\u0000b"}\n{"text":"\\ud83d alone"}\n{"text":"ok \\ud83d\\ude00"}\n',
    );
    const { order, comments } = await collect(file, { format: 'jsonl' });
    assert.deepEqual(order, ['p:1:invalid_character', 'p:2:invalid_character', 'c:3']);
    assert.equal(comments[0]?.text, 'ok 😀');
  });

  test('a line longer than the reader keeps in memory is skipped and reported', async () => {
    const long = `{"text":"${'x'.repeat(1024 * 1024 + 10)}"}`;
    const { order } = await collect(utf8(`{"text":"before"}\n${long}\n{"text":"after"}\n`), {
      format: 'jsonl',
    });
    assert.deepEqual(order, ['c:1', 'p:2:line_too_long', 'c:3']);
  });

  test('maxProblems stops a file read in the wrong format', async () => {
    const file = utf8('text,author\n'.repeat(50));
    const { problems, comments } = await collect(file, { format: 'jsonl', maxProblems: 5 });
    assert.equal(comments.length, 0);
    assert.deepEqual(
      problems.map((p) => p.code),
      [...Array<string>(5).fill('invalid_json'), 'too_many_problems'],
    );
  });

  test('a comment id too long for a JavaScript number keeps all its digits', async () => {
    const file = utf8('{"text":"a","id":17912345678901234567}\n{"text":"b","id":1.5e300}\n');
    const { comments } = await collect(file, { format: 'jsonl' });
    assert.deepEqual(
      comments.map((c) => c.sourceId),
      ['17912345678901234567', '1.5e+300'],
    );
  });

  test('an empty file imports nothing and reports nothing', async () => {
    assert.deepEqual((await collect(utf8(''), { format: 'jsonl' })).order, []);
    assert.deepEqual((await collect(utf8('\n \n'), { format: 'jsonl' })).order, []);
  });
});
