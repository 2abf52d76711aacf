// The Telegram Desktop chat export (`result.json`: { name, type, id, messages: [...] }),
// read as a stream of JSON tokens (stream-json), so a 500 MB export is never held whole:
// only one message is assembled at a time. Service messages (joins, pins) are skipped.
// `line` is the message's 1-based position in `messages`, counting service messages.
import Assembler from 'stream-json/assembler.js';
import { jsonParser, type Token } from 'stream-json/parser.js';
import { buildComment, type ReadItem } from './build-comment.ts';
import { FatalImportError } from './problems.ts';
import { joinTextEntities } from './text-entities.ts';

interface Limits {
  maxTextLength: number;
}

/**
 * The tokenizer is fed this many characters at a time. When it meets broken JSON it
 * throws away the tokens of the piece it was given, so a small piece means that at most
 * the message or two that end just before the break are not imported (the problem says
 * which message was the last imported).
 */
const TOKENIZE_CHARS = 512;

/** Chat types whose messages have public links `https://t.me/<username>/<id>`. */
const PUBLIC_CHAT_TYPES = new Set(['public_channel', 'public_supergroup']);
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;

interface ChatMeta {
  type?: string;
  username?: string;
}

export async function* readTelegramExport(
  chunks: AsyncIterable<string>,
  limits: Limits,
): AsyncGenerator<ReadItem> {
  // Packed tokens only: a string arrives whole, not in pieces.
  const tokenize = jsonParser({ packValues: true, streamValues: false });
  const meta: ChatMeta = {};
  const topKeys: string[] = [];
  let depth = 0;
  let topKey: string | null = null;
  let inMessages = false;
  let sawMessages = false;
  let finished = false;
  let index = 0;
  let imported = 0;
  let message: Assembler | null = null;

  const invalid = (reason: string) =>
    new FatalImportError(
      'invalid_json',
      `The file is not valid JSON after message ${imported} (${reason}); ${imported === 0 ? 'no message was' : `messages 1 to ${imported} were`} read, the rest was not imported.`,
      imported + 1,
    );

  const pieces = async function* (): AsyncGenerator<Token[]> {
    for await (const chunk of chunks) {
      for (let start = 0; start < chunk.length; start += TOKENIZE_CHARS) {
        let tokens: Token[];
        try {
          const out = tokenize(
            chunk.length <= TOKENIZE_CHARS ? chunk : chunk.slice(start, start + TOKENIZE_CHARS),
          );
          tokens = typeof out === 'symbol' ? [] : out.values;
        } catch (error) {
          throw invalid(error instanceof Error ? error.message : String(error));
        }
        yield tokens;
      }
    }
  };

  for await (const tokens of pieces()) {
    for (const token of tokens) {
      if (message) {
        message.consume(token);
        if (message.done) {
          yield* readMessage(message.current, index, meta, limits);
          imported = index;
          message = null;
        }
        continue;
      }
      if (finished) throw invalid('more data after the end of the export');
      switch (token.name) {
        case 'startObject':
        case 'startArray':
          if (depth === 0 && token.name === 'startArray') throw notAnExport('it is a JSON array');
          if (inMessages && depth === 2) {
            index++;
            if (token.name === 'startObject') {
              message = new Assembler({ numberAsString: true });
              message.consume(token);
              break;
            }
          }
          depth++;
          if (depth === 2 && topKey === 'messages' && token.name === 'startArray') {
            inMessages = true;
            sawMessages = true;
          }
          break;
        case 'endObject':
        case 'endArray':
          depth--;
          if (depth === 1) inMessages = false;
          if (depth === 0) finished = true;
          break;
        case 'keyValue':
          if (depth === 1) {
            topKey = token.value;
            if (topKeys.length < 20) topKeys.push(token.value);
          }
          break;
        case 'stringValue':
          if (depth === 0) throw notAnExport('it is a JSON string');
          if (depth === 1 && topKey === 'type') meta.type = token.value;
          if (depth === 1 && topKey === 'username') meta.username = token.value.replace(/^@/, '');
          if (inMessages && depth === 2) imported = ++index;
          break;
        case 'numberValue':
        case 'nullValue':
        case 'trueValue':
        case 'falseValue':
          if (depth === 0) throw notAnExport('it is a single JSON value');
          if (inMessages && depth === 2) imported = ++index;
          break;
        default:
          break;
      }
    }
  }
  if (depth === 0 && !finished && !sawMessages) throw notAnExport('the file is empty');
  if (depth > 0 || message) throw invalid('the file ends early: was the export cut short?');
  if (!sawMessages) {
    throw notAnExport(
      topKeys.includes('chats')
        ? 'it looks like a whole-account export; export the one chat instead'
        : `it has no "messages" list (its fields are: ${topKeys.join(', ')})`,
    );
  }
}

function notAnExport(reason: string): FatalImportError {
  return new FatalImportError(
    'not_telegram_export',
    `This is not a Telegram Desktop chat export (${reason}). In Telegram Desktop, open the chat, choose "Export chat history", and pick the "Machine-readable JSON" format; import the result.json it writes.`,
    1,
  );
}

function readMessage(value: unknown, index: number, meta: ChatMeta, limits: Limits): ReadItem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const message = value as Record<string, unknown>;
  if (message.type !== 'message') return []; // service messages: joins, pins, calls
  const label = `Message ${index}`;
  let text = joinTextEntities(message.text);
  if (text === '' || text === null) text = joinTextEntities(message.text_entities);
  const id = scalarString(message.id);
  const username = meta.username && USERNAME.test(meta.username) ? meta.username : null;
  const url =
    username && id && meta.type && PUBLIC_CHAT_TYPES.has(meta.type)
      ? `https://t.me/${username}/${id}`
      : null;
  const items = buildComment(
    {
      text,
      author: scalarString(message.from) ?? scalarString(message.from_id),
      postedAt: message.date_unixtime ?? message.date ?? null,
      url,
      sourceId: id,
    },
    index,
    limits.maxTextLength,
    label,
  );
  if (items[0]?.problem?.code === 'missing_text') {
    const media = typeof message.media_type === 'string' ? message.media_type : 'media';
    const kind = message.photo ? 'photo' : message.file || message.media_type ? media : null;
    if (kind) {
      items[0].problem.message = `${label} has no text (a ${kind} without a caption).`;
    }
  }
  return items;
}

function scalarString(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return null;
}
