import type { z } from 'zod';
import type { caseListQuery } from '../../../common/api/cases.ts';
import { fromB64, toB64 } from '../../../common/crypto/encoding.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { findRecordKeys } from '../records/record-keys.repository.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases, seesEveryRestrictedCase } from './cases.policy.ts';
import {
  listAssignedMembers,
  listCaseRows,
  sortValueOf,
  type CaseListFilter,
  type CaseRow,
  type Db,
} from './cases.repository.ts';

function decodeCursor(after: string): { value: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(fromB64(after)));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(parsed[1])
    ) {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // Reported below.
  }
  throw badRequest('invalid_cursor', 'The page cursor is not one this list gave; start again.');
}

export function encodeCursor(row: CaseRow, sort: CaseListFilter['sort']): string {
  return toB64(new TextEncoder().encode(JSON.stringify([sortValueOf(row, sort), row.id])));
}

/** The case rows with their key copies and assignees, as lists and the dashboard need. */
export async function withKeysAndMembers(db: Db, rows: CaseRow[], organisationId: string) {
  const ids = rows.map((r) => r.id);
  const keys = await findRecordKeys(db, ids, organisationId);
  const members = await listAssignedMembers(db, ids);
  return rows.flatMap((row) => {
    const sealedRecordKey = keys.get(row.id);
    return sealedRecordKey
      ? [{ row, sealedRecordKey, assignedMemberIds: members.get(row.id) ?? [] }]
      : [];
  });
}

/**
 * A page of the organisation's cases the actor may see (restricted ones only when
 * assigned, unless admin), filtered by coded fields, sorted, paged by keyset. The titles
 * are sealed, so the page is an audited read.
 */
export async function listCases(options: {
  deps: CasesDeps;
  actor: Actor;
  /** The validated query. */
  query: z.output<typeof caseListQuery>;
}) {
  const { deps, actor, query } = options;
  authoriseCases(actor, 'cases.read');
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const filter: CaseListFilter = {
      organisationId: actor.organisationId,
      memberId: actor.memberId,
      seesRestricted: seesEveryRestrictedCase(actor),
      sort: query.sort,
      order: query.order,
      limit: query.limit,
    };
    if (query.status === 'not_closed') filter.excludeClosed = true;
    else if (query.status) filter.statuses = [query.status];
    if (query.assigned === 'me') filter.assignedToMe = true;
    if (query.restricted) filter.restricted = query.restricted === 'true';
    if (query.overdue) filter.overdueAt = now;
    if (query.after) filter.after = decodeCursor(query.after);
    const rows = await listCaseRows(trx, filter);
    const last = rows.at(-1);
    const next = rows.length === query.limit && last ? encodeCursor(last, query.sort) : null;
    const cases = await withKeysAndMembers(trx, rows, actor.organisationId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'cases.listed',
      objectType: 'case',
      fields: { count: cases.length },
    });
    return { cases, next, now };
  });
}
