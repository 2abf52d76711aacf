// The fixed words of hate-speech monitoring, shared by the classifier, the server, the
// browser and the CLI. Codes are stable: they are stored, exported and counted.

/**
 * What a hateful comment does. A comment may do several.
 * - `insult`: abuse aimed at a person or group ("you are scum").
 * - `dehumanisation`: a group described as animals, disease, filth, objects, less than human.
 * - `threat`: a threat of violence, or incitement to it or to persecution ("they should be
 *   beaten", "let's find him").
 * - `slur`: an anti-LGBTIQ slur.
 * - `derogation`: a group described as sick, sinful, dangerous or inferior, however politely
 *   ("they should be treated, not tolerated").
 */
export const HATE_CATEGORIES = [
  'insult',
  'dehumanisation',
  'threat',
  'slur',
  'derogation',
] as const;
export type HateCategory = (typeof HATE_CATEGORIES)[number];

/**
 * The language (and script) a comment is routed to. `kk-latn` is Kazakh in the Latin
 * alphabet; `mixed` is a comment with substantial Russian and Kazakh (or English) in it;
 * `unknown` is a comment with too few letters to tell (emoji, a link, a number).
 */
export const COMMENT_LANGUAGES = ['ru', 'kk-cyrl', 'kk-latn', 'en', 'mixed', 'unknown'] as const;
export type CommentLanguage = (typeof COMMENT_LANGUAGES)[number];

/** Where a monitored item was published. */
export const MONITORED_PLATFORMS = [
  'instagram',
  'tiktok',
  'youtube',
  'telegram',
  'vk',
  'facebook',
  'x',
  'threads',
  'news_site',
  'other',
] as const;
export type MonitoredPlatform = (typeof MONITORED_PLATFORMS)[number];

/** The formats comments can be imported from. */
export const IMPORT_FORMATS = ['csv', 'jsonl', 'telegram', 'text'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
