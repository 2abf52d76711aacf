// Snapshots of cases and tasks for the version history (record_versions), and the way
// back from a snapshot to column values when a version is restored.
import { fromB64 } from '../../../common/crypto/encoding.ts';
import { snapshotOf, type Snapshot } from '../records/history.repository.ts';
import { CASE_VERSIONED_FIELDS, type CaseChanges } from './cases.repository.ts';
import { TASK_VERSIONED_FIELDS, type TaskChanges } from './case-work.repository.ts';

export function caseSnapshot(row: Record<string, unknown>): Snapshot {
  return snapshotOf(row, CASE_VERSIONED_FIELDS);
}

export function taskSnapshot(row: Record<string, unknown>): Snapshot {
  return snapshotOf(row, TASK_VERSIONED_FIELDS);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const bytes = (v: unknown): Uint8Array | null => (typeof v === 'string' ? fromB64(v) : null);
const date = (v: unknown): Date | null => (typeof v === 'string' ? new Date(v) : null);

/** The columns a case snapshot writes back. */
export function caseChangesFrom(snapshot: Snapshot): CaseChanges {
  const status = str(snapshot.status) ?? 'open';
  return {
    status,
    outcome: status === 'closed' ? (str(snapshot.outcome) ?? 'other') : null,
    restricted: snapshot.restricted === true,
    central_person_id: str(snapshot.central_person_id),
    contact_alert_days:
      typeof snapshot.contact_alert_days === 'number' ? snapshot.contact_alert_days : null,
    sealed_title: bytes(snapshot.sealed_title),
    sealed_goal: bytes(snapshot.sealed_goal),
  };
}

/** The columns a task snapshot writes back. */
export function taskChangesFrom(snapshot: Snapshot): TaskChanges {
  const title = bytes(snapshot.sealed_title);
  if (!title) throw new Error('a task snapshot without a title');
  return {
    owner_member_id: str(snapshot.owner_member_id),
    due_at: date(snapshot.due_at),
    remind_at: date(snapshot.remind_at),
    status: str(snapshot.status) ?? 'open',
    sealed_title: title,
    sealed_notes: bytes(snapshot.sealed_notes),
  };
}
