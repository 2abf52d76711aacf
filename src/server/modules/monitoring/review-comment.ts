import { randomUUID } from 'node:crypto';
import type { CommentDto } from '../../../common/api/monitoring.ts';
import type { HateCategory } from '../../../common/monitoring/vocabulary.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { findComment, insertReview, setConfirmedLabel } from './comments.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { authoriseRow } from './monitoring.policy.ts';
import { presentComment } from './monitoring.presenter.ts';

/**
 * A member confirms or corrects a comment's label (monitoring.review). The review is kept
 * in the history and becomes the comment's confirmed label, the only one counted as
 * human-confirmed. Reviewing again replaces the confirmed label; the history keeps both.
 */
export async function reviewComment(options: {
  deps: MonitoringDeps;
  actor: Actor;
  commentId: string;
  /** The label the member gives: hateful or not, and the categories of a hateful comment. */
  label: { hateful: boolean; categories: HateCategory[] };
}): Promise<CommentDto> {
  const { deps, actor, commentId, label } = options;
  return deps.db.transaction().execute(async (trx) => {
    const row = await findComment(trx, commentId, true);
    authoriseRow(actor, 'monitoring.review', row, 'The comment');
    const categories = label.hateful ? [...new Set(label.categories)].sort() : [];
    const agreed =
      label.hateful === row.machine_hateful &&
      (!label.hateful ||
        JSON.stringify(categories) === JSON.stringify([...row.machine_categories].sort()));
    const at = deps.now();
    await insertReview(trx, {
      id: randomUUID(),
      comment_id: commentId,
      organisation_id: actor.organisationId,
      reviewer_id: actor.memberId,
      hateful: label.hateful,
      categories,
      agreed,
      reviewed_at: at,
    });
    await setConfirmedLabel(trx, commentId, {
      hateful: label.hateful,
      categories,
      reviewedBy: actor.memberId,
      reviewedAt: at,
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'monitoring.comment_reviewed',
      objectType: 'monitored_comment',
      objectId: commentId,
      fields: { hateful: label.hateful, categories, agreed },
    });
    const updated = await findComment(trx, commentId);
    if (!updated) throw new Error(`comment ${commentId} vanished`);
    return presentComment(updated);
  });
}
