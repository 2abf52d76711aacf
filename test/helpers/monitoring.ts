// Monitoring factories for medium tests: campaigns, monitored items and imports made
// through the HTTP API, as a browser would.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type {
  CampaignDto,
  CommentDto,
  ImportResultDto,
  MonitoredItemDto,
} from '../../src/common/api/monitoring.ts';
import type { TestMember, TestOrganisation } from './factories.ts';
import { call } from './http.ts';
import type { TestApp } from './test-app.ts';

const who = (org: TestOrganisation, member?: TestMember) => (member ?? org.admin).cookie;

export async function createTestCampaign(
  t: TestApp,
  org: TestOrganisation,
  name = 'Reactions to the video',
): Promise<CampaignDto> {
  const res = await call(t, 'POST', '/api/monitoring/campaigns', {
    cookie: org.admin.cookie,
    payload: { name, description: 'Invented for a test' },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<CampaignDto>();
}

export async function createTestItem(
  t: TestApp,
  org: TestOrganisation,
  fields: { campaignId?: string | null; url?: string } = {},
): Promise<MonitoredItemDto> {
  const res = await call(t, 'POST', '/api/monitoring/items', {
    cookie: org.admin.cookie,
    payload: {
      platform: 'instagram',
      url: fields.url ?? `https://example.invalid/p/${randomBytes(4).toString('hex')}`,
      campaignId: fields.campaignId ?? null,
      title: 'An invented post',
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<MonitoredItemDto>();
}

/** Imports a file's bytes into an item through the web import; returns the response. */
export function importFile(
  t: TestApp,
  cookie: string,
  itemId: string,
  query: string,
  bytes: string | Uint8Array,
) {
  return call(t, 'POST', `/api/monitoring/items/${itemId}/imports?${query}`, {
    cookie,
    headers: { 'content-type': 'application/octet-stream' },
    payload: Buffer.from(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes),
  });
}

/** Imports pasted text (one comment per line) and checks it succeeded. */
export async function importLines(
  t: TestApp,
  org: TestOrganisation,
  itemId: string,
  lines: readonly string[],
  member?: TestMember,
): Promise<ImportResultDto> {
  const res = await importFile(t, who(org, member), itemId, 'format=text', lines.join('\n') + '\n');
  assert.equal(res.statusCode, 201, res.body);
  return res.json<ImportResultDto>();
}

/** Every comment of an item, in posting order (all pages). */
export async function commentsOf(
  t: TestApp,
  org: TestOrganisation,
  query: string,
): Promise<CommentDto[]> {
  const out: CommentDto[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/monitoring/comments?${query}&limit=500${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await call(t, 'GET', url, { cookie: org.admin.cookie });
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json<{ comments: CommentDto[]; next: string | null }>();
    out.push(...page.comments);
    cursor = page.next;
  } while (cursor);
  return out;
}

export async function reviewAs(
  t: TestApp,
  member: TestMember,
  commentId: string,
  label: { hateful: boolean; categories?: string[] },
): Promise<CommentDto> {
  const res = await call(t, 'POST', `/api/monitoring/comments/${commentId}/reviews`, {
    cookie: member.cookie,
    payload: { hateful: label.hateful, categories: label.categories ?? [] },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<CommentDto>();
}

/** A fresh item with one imported comment; returns the item and the comment. */
export async function itemWithComment(
  t: TestApp,
  org: TestOrganisation,
  text = `An invented comment ${randomBytes(4).toString('hex')}`,
): Promise<{ item: MonitoredItemDto; comment: CommentDto }> {
  const item = await createTestItem(t, org);
  await importLines(t, org, item.id, [text]);
  const [comment] = await commentsOf(t, org, `itemId=${item.id}`);
  assert.ok(comment);
  return { item, comment };
}

/**
 * Invented comments for retraining: `зорблан` stands for a new coded slur that the shipped
 * lexicon and model do not know and an organisation's reviewers teach its own model. The
 * same sentences about a neighbour or a student are the not-hateful examples.
 */
export const RETRAIN_FRAMES = [
  (w: string, n: string) => `вот и ${w} пришёл ${n}`,
  (w: string, n: string) => `${w} снова в ленте ${n}`,
  (w: string, n: string) => `смотрю, там ${w} ${n}`,
  (w: string, n: string) => `бүгін ${w} көрдім ${n}`,
  (w: string, n: string) => `мой сосед ${w}, кстати ${n}`,
];
export const CODED_SLUR = 'зорблан';
const PLAIN_WORDS = ['сосед', 'студент', 'парень'];

export function codedSlurExamples(
  count: number,
  salt: string,
): { hateful: string[]; fine: string[] } {
  const frame = (i: number) => RETRAIN_FRAMES[i % RETRAIN_FRAMES.length] ?? RETRAIN_FRAMES[0]!;
  const tag = (i: number) => `${salt}${i}`;
  return {
    hateful: Array.from({ length: count }, (_, i) => frame(i)(CODED_SLUR, tag(i))),
    fine: Array.from({ length: count }, (_, i) =>
      frame(i)(PLAIN_WORDS[i % PLAIN_WORDS.length] ?? 'сосед', tag(i)),
    ),
  };
}

/**
 * Makes sure the organisation has at least `perClass` reviewed comments of each kind
 * (imports a fresh item and reviews its comments as the admin).
 */
export async function ensureReviewedLabels(
  t: TestApp,
  org: TestOrganisation,
  perClass = 20,
): Promise<void> {
  const status = await call(t, 'GET', '/api/monitoring/model', { cookie: org.admin.cookie });
  if (status.json<{ reviewedLabels: number }>().reviewedLabels >= perClass * 2) return;
  const item = await createTestItem(t, org);
  const examples = codedSlurExamples(perClass, randomBytes(3).toString('hex'));
  await importLines(t, org, item.id, [...examples.hateful, ...examples.fine]);
  const hateful = new Set(examples.hateful);
  for (const c of await commentsOf(t, org, `itemId=${item.id}`)) {
    const isHateful = hateful.has(c.text);
    await reviewAs(t, org.admin, c.id, {
      hateful: isHateful,
      categories: isHateful ? ['slur'] : [],
    });
  }
}
