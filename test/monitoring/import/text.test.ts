// Pasted text: one comment per non-empty line, numbered as pasted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collect, fixture, utf8 } from './support.ts';

test('pasted text gives one comment per non-empty line, with its line number', async () => {
  const { comments, problems } = await collect(await fixture('pasted.txt'), { format: 'text' });
  assert.deepEqual(problems, []);
  assert.deepEqual(
    comments.map((c) => [c.line, c.text, c.author, c.postedAt, c.url, c.sourceId]),
    [
      [1, 'Первый комментарий', null, null, null, null],
      [4, 'Second comment, in English', null, null, null, null],
      [5, 'Үшінші пікір', null, null, null, null],
    ],
  );
});

test('pasted lines keep their spaces; long and unstorable lines are reported', async () => {
  const { order, comments } = await collect(utf8('  indented\nabcdef\nn\u0000l\nlast'), {
    format: 'text',
    maxTextLength: 5,
  });
  assert.deepEqual(order, ['p:1:too_long', 'p:2:too_long', 'p:3:invalid_character', 'c:4']);
  assert.equal(comments[0]?.text, 'last');
  const spaced = await collect(utf8('  indented \n'), { format: 'text' });
  assert.equal(spaced.comments[0]?.text, '  indented ');
});

test('empty pasted text imports nothing', async () => {
  assert.deepEqual((await collect(utf8(''), { format: 'text' })).order, []);
  assert.deepEqual((await collect(utf8('\r\n\r\n'), { format: 'text' })).order, []);
});
