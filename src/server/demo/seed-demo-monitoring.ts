// The demo's monitoring campaign, made through the real use cases: a campaign of invented
// reactions to an invented video, three monitored items on invented addresses, the
// invented comments of demo-comments.ts imported as JSON lines (so the importer, the
// classifier and the duplicate check all run), a second, overlapping export of the video's
// comments (its repeats are counted as duplicates), and the first part of the review queue
// reviewed by the demo's monitor, most uncertain first, as a monitor would.
import type { Actor } from '../../common/policy/permissions.ts';
import { createCampaign } from '../modules/monitoring/create-campaign.ts';
import { createItem } from '../modules/monitoring/create-item.ts';
import { getReviewQueue } from '../modules/monitoring/get-review-queue.ts';
import { importComments } from '../modules/monitoring/import-comments.ts';
import type { MonitoringDeps } from '../modules/monitoring/monitoring.deps.ts';
import { reviewComment } from '../modules/monitoring/review-comment.ts';
import { DEMO_COMMENTS, labelOf, type DemoComment } from './demo-comments.ts';

export interface DemoMonitoringSeed {
  campaignId: string;
  campaignName: string;
  items: { id: string; url: string }[];
  comments: number;
  duplicates: number;
  reviewed: number;
}

/** When the invented video was published; comments follow over three days. */
const PUBLISHED = Date.parse('2026-02-14T13:30:00Z');
/** How many comments of the queue the demo monitor reviews. */
const REVIEWED = 40;

const ITEMS = [
  {
    platform: 'tiktok' as const,
    url: 'https://tiktok.example.invalid/@arbat.evenings/video/7301',
    author: '@arbat.evenings',
    title: 'Two young men walking hand in hand on Arbat (invented)',
    hoursAfter: 0,
  },
  {
    platform: 'instagram' as const,
    url: 'https://instagram.example.invalid/p/city-news-repost',
    author: '@city.news.invented',
    title: 'A city news page reposts the video (invented)',
    hoursAfter: 20,
  },
  {
    platform: 'news_site' as const,
    url: 'https://news.example.invalid/2026/02/16/threats-after-video',
    author: 'Invented News',
    title: 'Article: the two men receive threats after the video (invented)',
    hoursAfter: 50,
  },
];

const postedAt = (c: DemoComment, index: number) =>
  new Date(
    PUBLISHED + ((ITEMS[c.item]?.hoursAfter ?? 0) * 60 + ((index * 37) % (60 * 60))) * 60_000,
  ).toISOString();

async function* jsonLines(rows: object[]): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

export async function seedDemoMonitoring(options: {
  deps: MonitoringDeps;
  /** The demo's monitor: creates, imports and reviews. */
  monitor: Actor;
}): Promise<DemoMonitoringSeed> {
  const { deps, monitor } = options;
  const campaignName = 'Reactions to the Arbat video (invented)';
  const campaignId = await createCampaign({
    deps,
    actor: monitor,
    input: {
      name: campaignName,
      description:
        'Invented demo campaign: comments under an invented video of two young men walking hand in hand, its repost and a news article.',
    },
  });
  const items: DemoMonitoringSeed['items'] = [];
  for (const item of ITEMS) {
    const id = await createItem({
      deps,
      actor: monitor,
      input: {
        campaignId,
        platform: item.platform,
        url: item.url,
        author: item.author,
        publishedAt: new Date(PUBLISHED + item.hoursAfter * 3_600_000).toISOString(),
        title: item.title,
        notes: 'Everything here is invented for the demo.',
      },
    });
    items.push({ id, url: item.url });
  }

  const rowsOf = (item: number) =>
    DEMO_COMMENTS.map((c, i) => ({ c, i }))
      .filter(({ c }) => c.item === item)
      .map(({ c, i }) => ({ text: c.text, author: c.author, date: postedAt(c, i) }));
  let comments = 0;
  let duplicates = 0;
  for (const [index, item] of items.entries()) {
    const rows = rowsOf(index);
    // The video's comments come in two exports that overlap, as real exports do.
    const parts = index === 0 ? [rows.slice(0, 50), rows.slice(40)] : [rows];
    for (const part of parts) {
      const result = await importComments({
        deps,
        actor: monitor,
        itemId: item.id,
        format: 'jsonl',
        via: 'demo',
        source: jsonLines(part),
      });
      comments += result.imported;
      duplicates += result.duplicates;
    }
  }

  const byText = new Map(DEMO_COMMENTS.map((c) => [c.text, c]));
  const queue = await getReviewQueue({ deps, actor: monitor, campaignId, limit: REVIEWED });
  for (const comment of queue.comments) {
    const written = byText.get(comment.text);
    if (!written) continue;
    await reviewComment({ deps, actor: monitor, commentId: comment.id, label: labelOf(written) });
  }
  return {
    campaignId,
    campaignName,
    items,
    comments,
    duplicates,
    reviewed: queue.comments.length,
  };
}
