import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { IntegrityStatus } from '../../../common/evidence/vocabulary.ts';
import type { BlobStore } from '../../blobs/blob-store.ts';
import type { DB } from '../../db/types.generated.ts';
import {
  insertNotifications,
  listNotificationReaders,
} from '../intake/staff/notifications.repository.ts';
import { sha256OfStream } from './ciphertext-hash.ts';
import {
  findItem,
  listFilesOf,
  listItemsDueForCheck,
  setIntegrity,
  type FileRow,
} from './items.repository.ts';
import { recordCustody } from './record-custody.ts';

const BATCH = 100;
const FAILED: readonly string[] = ['corrupt', 'missing'] satisfies IntegrityStatus[];

export interface IntegrityRun {
  checked: number;
  intact: number;
  corrupt: number;
  missing: number;
  /** Items that newly failed, whose organisation's admins were notified. */
  newlyFailed: number;
}

/**
 * Re-reads the stored ciphertext of every item not checked for `everyHours`, and compares
 * each file's size and SHA-256 with what was recorded when it arrived. The item becomes
 * `intact`, `corrupt` (a file differs or cannot be read) or `missing` (a blob is gone);
 * each check is an `evidence.integrity_checked` custody event by the server. An item that
 * newly fails notifies its organisation's admins once (`evidence_integrity`); it is not
 * notified again while it stays failed. The server holds no key: it checks ciphertext only
 * (a member's "verify now" decrypts and checks the plaintext hashes).
 */
export async function checkIntegrity(options: {
  db: Kysely<DB>;
  blobs: BlobStore;
  now: () => Date;
  everyHours: number;
  /** Stops between items when aborted (the job lost its lease). */
  signal?: AbortSignal;
}): Promise<IntegrityRun> {
  const run: IntegrityRun = { checked: 0, intact: 0, corrupt: 0, missing: 0, newlyFailed: 0 };
  const started = options.now();
  const dueBefore = new Date(started.getTime() - options.everyHours * 3_600_000);
  const seen = new Set<string>();
  for (;;) {
    const due = (await listItemsDueForCheck(options.db, dueBefore, BATCH)).filter(
      (item) => !seen.has(item.id),
    );
    if (due.length === 0) break;
    for (const item of due) {
      if (options.signal?.aborted) return run;
      seen.add(item.id);
      const files = await listFilesOf(options.db, [item.id]);
      const failures: string[] = [];
      for (const file of files) {
        const problem = await checkFile(options.blobs, file);
        if (problem) failures.push(`${file.role}:${file.id}:${problem}`);
      }
      const status: Exclude<IntegrityStatus, 'unchecked'> = failures.some((f) =>
        f.endsWith(':missing'),
      )
        ? 'missing'
        : failures.length > 0
          ? 'corrupt'
          : 'intact';
      const newlyFailed = await options.db.transaction().execute(async (trx) => {
        // Deleted meanwhile, or checked by another worker: nothing to record.
        const current = await findItem(trx, item.id, true);
        if (!current) return null;
        const at = options.now();
        await setIntegrity(trx, item.id, status, at);
        await recordCustody({
          trx,
          organisationId: current.organisation_id,
          actorMemberId: null,
          action: 'evidence.integrity_checked',
          itemId: item.id,
          fields: { result: status, files: files.length, failures },
        });
        const failedNow = FAILED.includes(status) && !FAILED.includes(current.integrity_status);
        if (failedNow) {
          const admins = await listNotificationReaders(trx, current.organisation_id, ['admin']);
          await insertNotifications(
            trx,
            admins.map((admin) => ({
              id: randomUUID(),
              organisation_id: current.organisation_id,
              member_id: admin.id,
              kind: 'evidence_integrity',
              evidence_item_id: item.id,
              created_at: at,
              read_at: null,
            })),
          );
        }
        return failedNow;
      });
      if (newlyFailed === null) continue;
      run.checked += 1;
      run[status] += 1;
      if (newlyFailed) run.newlyFailed += 1;
    }
  }
  return run;
}

/** What is wrong with one stored file, or null when its ciphertext is as recorded. */
async function checkFile(blobs: BlobStore, file: FileRow): Promise<string | null> {
  const size = await blobs.size(file.blob_key);
  if (size === null) return 'missing';
  if (size !== Number(file.ciphertext_bytes)) return 'size_differs';
  try {
    const digest = await sha256OfStream(await blobs.openRead(file.blob_key));
    return Buffer.from(digest).equals(Buffer.from(file.ciphertext_sha256)) ? null : 'hash_differs';
  } catch {
    return 'unreadable';
  }
}
