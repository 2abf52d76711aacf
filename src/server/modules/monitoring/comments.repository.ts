// SQL of imported comments, their reviews and the review queue.
import { sql, type Insertable, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { CommentFilter } from '../../../common/api/monitoring.ts';
import type {
  DB,
  MonitoredCommentsTable,
  MonitoringReviewsTable,
} from '../../db/types.generated.ts';
import type { Db } from './monitoring.deps.ts';

export type CommentRow = Selectable<MonitoredCommentsTable>;
export type ReviewRow = Selectable<MonitoringReviewsTable>;

/**
 * Inserts a batch; a comment whose verbatim record the item already has is skipped.
 * Returns how many were new.
 */
export async function insertComments(
  db: Db,
  rows: Insertable<MonitoredCommentsTable>[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insertInto('monitored_comments')
    .values(rows)
    .onConflict((oc) => oc.columns(['organisation_id', 'item_id', 'sha256']).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

/** Which of these hashes (hex) the item already has. */
export async function existingHashes(
  db: Db,
  organisationId: string,
  itemId: string,
  hashes: readonly string[],
): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await db
    .selectFrom('monitored_comments')
    .select('sha256')
    .where('organisation_id', '=', organisationId)
    .where('item_id', '=', itemId)
    .where(
      'sha256',
      'in',
      hashes.map((h) => Buffer.from(h, 'hex')),
    )
    .execute();
  return new Set(rows.map((r) => Buffer.from(r.sha256).toString('hex')));
}

export async function findComment(
  db: Db,
  id: string,
  forUpdate = false,
): Promise<CommentRow | undefined> {
  let query = db.selectFrom('monitored_comments').selectAll().where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

type CommentQuery = SelectQueryBuilder<DB, 'monitored_comments', object>;

/** The filters of a comment list or export, on comments of `itemIds`. */
function filtered(db: Db, itemIds: readonly string[], filter: Partial<CommentFilter>) {
  let query: CommentQuery = db
    .selectFrom('monitored_comments')
    .where('item_id', 'in', [...itemIds]);
  if (filter.machine) query = query.where('machine_hateful', '=', filter.machine === 'hateful');
  switch (filter.confirmed) {
    case 'hateful':
      query = query.where('confirmed_hateful', '=', true);
      break;
    case 'not_hateful':
      query = query.where('confirmed_hateful', '=', false);
      break;
    case 'reviewed':
      query = query.where('reviewed_at', 'is not', null);
      break;
    case 'unreviewed':
      query = query.where('reviewed_at', 'is', null);
      break;
    default:
      break;
  }
  if (filter.machineCategory) {
    query = query.where(sql<boolean>`${filter.machineCategory} = any(machine_categories)`);
  }
  if (filter.confirmedCategory) {
    query = query.where(
      sql<boolean>`${filter.confirmedCategory} = any(coalesce(confirmed_categories, '{}'))`,
    );
  }
  if (filter.language) query = query.where('language', '=', filter.language);
  return query;
}

/** Order of lists and exports: by posting time (undated last), then id. */
const POSTED_KEY = sql`coalesce(posted_at, 'infinity'::timestamptz)`;

/**
 * A page of comments matching the filter, in posting order, after the keyset `after`
 * (the previous page's last posting time, 'infinity' for undated, and id).
 */
export async function listCommentRows(
  db: Db,
  itemIds: readonly string[],
  filter: Partial<CommentFilter>,
  after: { key: string; id: string } | null,
  limit: number,
): Promise<CommentRow[]> {
  if (itemIds.length === 0) return [];
  let query = filtered(db, itemIds, filter).selectAll();
  if (after) {
    query = query.where(
      sql<boolean>`(${POSTED_KEY}, id) > (${after.key}::timestamptz, ${after.id}::uuid)`,
    );
  }
  return query.orderBy(POSTED_KEY).orderBy('id').limit(limit).execute();
}

/** Unreviewed comments, the machine label least certain (score nearest 0.5) first. */
export async function queueRows(
  db: Db,
  itemIds: readonly string[],
  limit: number,
): Promise<CommentRow[]> {
  if (itemIds.length === 0) return [];
  // The same expression as monitored_comments_queue_idx, so the index orders the queue.
  return db
    .selectFrom('monitored_comments')
    .selectAll()
    .where('item_id', 'in', [...itemIds])
    .where('reviewed_at', 'is', null)
    .orderBy(sql`abs(machine_score - 0.5)`)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function countUnreviewed(db: Db, itemIds: readonly string[]): Promise<number> {
  if (itemIds.length === 0) return 0;
  const row = await db
    .selectFrom('monitored_comments')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('item_id', 'in', [...itemIds])
    .where('reviewed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertReview(db: Db, row: Insertable<MonitoringReviewsTable>): Promise<void> {
  await db.insertInto('monitoring_reviews').values(row).execute();
}

/** The latest review becomes the comment's confirmed label. */
export async function setConfirmedLabel(
  db: Db,
  commentId: string,
  label: { hateful: boolean; categories: string[]; reviewedBy: string; reviewedAt: Date },
): Promise<void> {
  await db
    .updateTable('monitored_comments')
    .set({
      confirmed_hateful: label.hateful,
      confirmed_categories: label.categories,
      reviewed_by: label.reviewedBy,
      reviewed_at: label.reviewedAt,
    })
    .where('id', '=', commentId)
    .execute();
}

export async function listReviews(db: Db, commentId: string): Promise<ReviewRow[]> {
  return db
    .selectFrom('monitoring_reviews')
    .selectAll()
    .where('comment_id', '=', commentId)
    .orderBy('reviewed_at')
    .orderBy('id')
    .execute();
}

/** Every reviewed comment of the organisation: what a retrain learns from. */
export async function reviewedExamples(
  db: Db,
  organisationId: string,
): Promise<{ id: string; text: string; hateful: boolean; categories: string[] }[]> {
  const rows = await db
    .selectFrom('monitored_comments')
    .select(['id', 'text', 'confirmed_hateful', 'confirmed_categories'])
    .where('organisation_id', '=', organisationId)
    .where('reviewed_at', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    hateful: r.confirmed_hateful === true,
    categories: r.confirmed_categories ?? [],
  }));
}

export async function countReviewed(db: Db, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('monitored_comments')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('reviewed_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A page of the organisation's unreviewed comments by id whose machine label came from
 * another classifier version than `version`, for labelling again.
 */
export async function unreviewedPage(
  db: Db,
  organisationId: string,
  version: string,
  afterId: string | null,
  limit: number,
): Promise<{ id: string; text: string }[]> {
  let query = db
    .selectFrom('monitored_comments')
    .select(['id', 'text'])
    .where('organisation_id', '=', organisationId)
    .where('reviewed_at', 'is', null)
    .where('classifier_version', '<>', version);
  if (afterId) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}

export interface MachineLabel {
  machine_hateful: boolean;
  machine_score: number;
  machine_categories: string[];
  language: string;
  evidence: string;
  classifier_version: string;
  classified_at: Date;
}

/**
 * Writes new machine labels on comments still unreviewed (a review in between wins), in
 * one statement per batch.
 */
export async function updateMachineLabels(
  db: Db,
  labels: { id: string; label: MachineLabel }[],
): Promise<void> {
  if (labels.length === 0) return;
  const values = sql.join(
    labels.map(
      ({ id, label }) =>
        sql`(${id}::uuid, ${label.machine_hateful}::boolean, ${label.machine_score}::float8,
          ${sql.val(label.machine_categories)}::text[], ${label.language}::text,
          ${label.evidence}::jsonb, ${label.classifier_version}::text,
          ${label.classified_at}::timestamptz)`,
    ),
  );
  await sql`
    update monitored_comments as c set
      machine_hateful = v.hateful, machine_score = v.score, machine_categories = v.categories,
      language = v.language, evidence = v.evidence, classifier_version = v.version,
      classified_at = v.at
    from (values ${values}) as v(id, hateful, score, categories, language, evidence, version, at)
    where c.id = v.id and c.reviewed_at is null`.execute(db);
}
