// The field names the readers recognise when a file does not say which field is which:
// the keys of a JSON line, and the CSV header when no column mapping is given. Matched
// without regard to case. Russian and Kazakh headers are there because that is how the
// people preparing these files name their columns.

export const FIELD_ALIASES = {
  text: [
    'text',
    'message',
    'comment',
    'body',
    'content',
    'текст',
    'комментарий',
    'сообщение',
    'мәтін',
    'пікір',
  ],
  author: ['author', 'user', 'username', 'from', 'автор', 'пользователь', 'пайдаланушы'],
  postedAt: ['date', 'created_at', 'timestamp', 'postedat', 'posted_at', 'time', 'дата', 'күні'],
  url: ['url', 'link', 'ссылка', 'сілтеме'],
  sourceId: ['id', 'comment_id', 'message_id'],
} as const;

export type FieldName = keyof typeof FIELD_ALIASES;
export const FIELD_NAMES = Object.keys(FIELD_ALIASES) as FieldName[]; // the keys, typed

/** The index of the first name in `names` that is an alias of `field`, or -1. */
export function findAlias(names: readonly string[], field: FieldName): number {
  const lowered = names.map((name) => name.trim().toLowerCase());
  for (const alias of FIELD_ALIASES[field]) {
    const index = lowered.indexOf(alias);
    if (index !== -1) return index;
  }
  return -1;
}
