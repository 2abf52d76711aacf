import { bytesEqualNode } from './bytes.ts';
import { GENESIS_HASH, hashAuditRow } from './audit-hash.ts';
import { readEventsAfter, readHead, type Db } from './audit.repository.ts';

export interface ChainProblem {
  seq: number;
  problem: string;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  headSeq: number;
  problems: ChainProblem[];
}

/**
 * Walks the whole chain and reports every row that was edited, deleted, inserted or
 * reordered, and a head that does not match the last row (a deleted tail).
 */
export async function verifyChain(options: { db: Db; pageSize?: number }): Promise<ChainReport> {
  const pageSize = options.pageSize ?? 1000;
  const problems: ChainProblem[] = [];
  let expectedSeq = 1;
  let prevHash: Uint8Array = GENESIS_HASH;
  let checked = 0;
  let lastSeq = 0;
  for (;;) {
    const rows = await readEventsAfter(options.db, lastSeq, pageSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      checked += 1;
      if (row.seq !== expectedSeq) {
        problems.push({
          seq: row.seq,
          problem: `expected row ${expectedSeq}: rows missing or reordered`,
        });
      }
      if (!bytesEqualNode(row.prev_hash, prevHash)) {
        problems.push({
          seq: row.seq,
          problem: 'previous-hash link broken: a row before it was changed, removed or reordered',
        });
      }
      const recomputed = hashAuditRow(row.prev_hash, {
        seq: row.seq,
        id: row.id,
        at: row.at,
        organisationId: row.organisation_id,
        actorMemberId: row.actor_member_id,
        action: row.action,
        objectType: row.object_type,
        objectId: row.object_id,
        fields: row.fields,
      });
      if (!bytesEqualNode(recomputed, row.hash)) {
        problems.push({
          seq: row.seq,
          problem: 'row content does not match its hash: the row was edited',
        });
      }
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      lastSeq = row.seq;
    }
  }
  const head = await readHead(options.db);
  if (head.seq !== lastSeq || !bytesEqualNode(head.hash, prevHash)) {
    problems.push({
      seq: head.seq,
      problem: `chain head says row ${head.seq} but the last row is ${lastSeq}: rows at the end were removed or the head was changed`,
    });
  }
  return { ok: problems.length === 0, checked, headSeq: head.seq, problems };
}
