import type { CommentDetailDto } from '../../../common/api/monitoring.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { findComment, listReviews } from './comments.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { authoriseRow } from './monitoring.policy.ts';
import { presentComment, presentReview, verbatimRecordOf } from './monitoring.presenter.ts';

/**
 * One comment with its verbatim record (whose SHA-256 is the comment's hash, so the browser
 * can seal it as evidence and anyone can check it) and every review (monitoring.read).
 */
export async function getComment(options: {
  deps: MonitoringDeps;
  actor: Actor;
  commentId: string;
}): Promise<CommentDetailDto> {
  const { deps, actor, commentId } = options;
  const row = await findComment(deps.db, commentId);
  authoriseRow(actor, 'monitoring.read', row, 'The comment');
  return {
    comment: presentComment(row),
    verbatimRecord: verbatimRecordOf(row),
    reviews: (await listReviews(deps.db, commentId)).map(presentReview),
  };
}
