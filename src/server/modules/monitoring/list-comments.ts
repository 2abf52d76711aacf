import type { z } from 'zod';
import type { CommentDto, commentListQuery } from '../../../common/api/monitoring.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest } from '../../http/errors.ts';
import { listCommentRows, type CommentRow } from './comments.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { presentComment } from './monitoring.presenter.ts';
import { resolveScope } from './scope.ts';

/**
 * One page of an item's or a campaign's comments matching the filters, in posting order
 * (undated last), with a cursor to the next page (monitoring.read).
 */
export async function listComments(options: {
  deps: MonitoringDeps;
  actor: Actor;
  /** Scope, filters, page size and cursor. */
  query: z.output<typeof commentListQuery>;
}): Promise<{ comments: CommentDto[]; next: string | null }> {
  const { deps, actor, query } = options;
  const scope = await resolveScope(deps.db, actor, 'monitoring.read', query);
  const after = decodeCommentCursor(query.cursor);
  const rows = await listCommentRows(deps.db, scope.itemIds, query, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    comments: page.map(presentComment),
    next: rows.length > query.limit && last ? encodeCommentCursor(last) : null,
  };
}

function encodeCommentCursor(row: CommentRow): string {
  const key = row.posted_at ? row.posted_at.toISOString() : 'infinity';
  return Buffer.from(JSON.stringify([key, row.id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY = /^(infinity|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/;

function decodeCommentCursor(cursor: string | undefined): { key: string; id: string } | null {
  if (cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    typeof parsed[0] === 'string' &&
    typeof parsed[1] === 'string' &&
    KEY.test(parsed[0]) &&
    UUID.test(parsed[1])
  ) {
    return { key: parsed[0], id: parsed[1] };
  }
  throw badRequest('invalid_cursor', 'The cursor is not one this server gave out.');
}
