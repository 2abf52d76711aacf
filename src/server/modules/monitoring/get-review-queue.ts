import type { CommentDto } from '../../../common/api/monitoring.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { countUnreviewed, queueRows } from './comments.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { presentComment } from './monitoring.presenter.ts';
import { resolveScope } from './scope.ts';

/**
 * The next unreviewed comments of an item or a campaign, the most uncertain machine label
 * (score nearest 0.5) first: active learning, so each review teaches the next retrain the
 * most (monitoring.review).
 */
export async function getReviewQueue(options: {
  deps: MonitoringDeps;
  actor: Actor;
  itemId?: string | undefined;
  campaignId?: string | undefined;
  /** How many comments. */
  limit: number;
}): Promise<{ comments: CommentDto[]; remaining: number }> {
  const { deps, actor, limit } = options;
  const scope = await resolveScope(deps.db, actor, 'monitoring.review', options);
  const [rows, remaining] = await Promise.all([
    queueRows(deps.db, scope.itemIds, limit),
    countUnreviewed(deps.db, scope.itemIds),
  ]);
  return { comments: rows.map(presentComment), remaining };
}
