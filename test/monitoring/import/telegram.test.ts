// Telegram Desktop chat export (result.json): messages with text entities, service
// messages skipped, dates from date_unixtime, public links only for a public chat with a
// username, and exports that are cut short or are not chat exports at all.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { collect, chunked, fixture, utf8 } from './support.ts';

function exportOf(fields: Record<string, unknown>, messages: unknown[]): Uint8Array {
  return utf8(JSON.stringify({ name: 'Invented channel', id: 42, ...fields, messages }, null, 1));
}

const message = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'message',
  date: '2025-06-01T10:00:00',
  date_unixtime: '1748761200',
  from: 'Someone',
  from_id: 'user7',
  text: `message ${id}`,
  ...extra,
});

describe('Telegram Desktop export', () => {
  test('imports messages, joins text entities and skips service messages', async () => {
    const { comments, order, problems } = await collect(await fixture('telegram-result.json'), {
      format: 'telegram',
    });
    // Positions in `messages`: 1 service, 2, 3, 4 a photo without caption, 5 service, 6.
    assert.deepEqual(order, ['c:2', 'c:3', 'p:4:missing_text', 'c:6']);
    assert.equal(problems[0]?.message, 'Message 4 has no text (a photo without a caption).');
    assert.deepEqual(
      comments.map(({ sourceId, author, postedAt, text, url }) => ({
        sourceId,
        author,
        postedAt,
        text,
        url,
      })),
      [
        {
          sourceId: '11',
          author: 'Asel',
          postedAt: '2025-05-01T07:01:00.000Z',
          text: 'Всем добрый день!',
          url: null,
        },
        {
          sourceId: '12',
          author: 'Timur',
          postedAt: '2025-05-01T07:02:30.000Z',
          text: 'Смотрите https://example.org/news и обсудим вечером',
          url: null,
        },
        {
          sourceId: '15',
          author: 'user104', // a deleted account has no name, only its id
          postedAt: '2025-05-01T07:07:00.000Z',
          text: 'Hello from a deleted account 👋',
          url: null,
        },
      ],
    );
  });

  test('the result does not depend on where the chunks are cut', async () => {
    const bytes = await fixture('telegram-result.json');
    const whole = await collect(chunked(bytes, bytes.length), { format: 'telegram' });
    const bytewise = await collect(chunked(bytes, 1), { format: 'telegram' });
    assert.deepEqual(bytewise, whole);
  });

  test("the date comes from date_unixtime, not from the exporting computer's local date", async () => {
    // Exported on a computer in UTC+3: `date` says 10:00, the instant is 07:00 UTC.
    const file = exportOf({ type: 'private_group' }, [message(1)]);
    const { comments } = await collect(file, { format: 'telegram' });
    assert.equal(comments[0]?.postedAt, '2025-06-01T07:00:00.000Z');
    const withoutUnix = exportOf({ type: 'private_group' }, [
      message(2, { date_unixtime: undefined, date: '2025-06-01T12:00:00' }),
    ]);
    const local = await collect(withoutUnix, { format: 'telegram' });
    assert.equal(local.comments[0]?.postedAt, '2025-06-01T07:00:00.000Z', 'read as Almaty time');
  });

  test('a public channel with a username gets message links; other chats do not', async () => {
    const links = async (fields: Record<string, unknown>) =>
      (await collect(exportOf(fields, [message(5)]), { format: 'telegram' })).comments[0]?.url;
    assert.equal(
      await links({ type: 'public_channel', username: 'invented_news' }),
      'https://t.me/invented_news/5',
    );
    assert.equal(
      await links({ type: 'public_supergroup', username: '@invented_chat' }),
      'https://t.me/invented_chat/5',
    );
    assert.equal(await links({ type: 'public_channel' }), null, 'no username in the export');
    assert.equal(await links({ type: 'private_channel', username: 'invented_news' }), null);
    assert.equal(await links({ type: 'public_channel', username: 'bad name/../x' }), null);
  });

  test('a text given only as text_entities is read from them', async () => {
    const file = exportOf({ type: 'personal_chat' }, [
      message(1, {
        text: '',
        text_entities: [
          { type: 'plain', text: 'from ' },
          { type: 'italic', text: 'entities' },
        ],
      }),
    ]);
    const { comments } = await collect(file, { format: 'telegram' });
    assert.equal(comments[0]?.text, 'from entities');
  });

  test('a file cut short keeps the messages before the cut and says so', async () => {
    const full = new TextDecoder().decode(
      exportOf({ type: 'private_group' }, [message(1), message(2), message(3)]),
    );
    const cut = utf8(full.slice(0, full.indexOf('"message 3"')));
    const { order, problems } = await collect(cut, { format: 'telegram' });
    assert.deepEqual(order, ['c:1', 'c:2', 'p:3:invalid_json']);
    assert.match(problems[0]?.message ?? '', /cut short/);
  });

  test('broken JSON in the middle stops the import there, after the messages before', async () => {
    const text = new TextDecoder().decode(
      exportOf({ type: 'private_group' }, [message(1), message(2, { pad: 'x'.repeat(2000) })]),
    );
    const broken = utf8(
      text.replace(`"pad": "${'x'.repeat(2000)}"`, `"pad": "${'x'.repeat(2000)}",,`),
    );
    const { order, problems } = await collect(broken, { format: 'telegram' });
    assert.deepEqual(order, ['c:1', 'p:2:invalid_json']);
    assert.match(problems[0]?.message ?? '', /after message 1 .*messages 1 to 1 were read/);
  });

  test('files that are not a single-chat export are refused with what to do instead', async () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['[{"text": "a"}]', /array/],
      ['{"name": "x", "type": "private_group"}', /no "messages" list/],
      ['{"about": "…", "chats": {"list": []}}', /whole-account export/],
    ];
    for (const [text, reason] of cases) {
      const { order, problems } = await collect(utf8(text), { format: 'telegram' });
      assert.deepEqual(order, ['p:1:not_telegram_export'], text);
      assert.match(problems[0]?.message ?? '', reason);
      assert.match(problems[0]?.message ?? '', /Export chat history/);
    }
  });
});
