import { Readable } from 'node:stream';
import type { Actor } from '../../../../common/policy/permissions.ts';
import { notFound } from '../../../http/errors.ts';
import { recordEvent } from '../../audit/record-event.ts';
import type { IntakeDeps } from '../intake.deps.ts';
import { authoriseReport } from './staff.policy.ts';
import { findReportFile, findReportRef } from './triage.repository.ts';

export interface OpenedReportFile {
  /** Size of the stored ciphertext in bytes. */
  bytes: number;
  /** The ciphertext (a stream envelope); an empty stream when only the size was asked for. */
  body: NodeJS.ReadableStream;
}

/**
 * The stored ciphertext of one file of a report, streamed from the blob store; the browser
 * opens it with the file key. Handing it out is audited (`report.file_downloaded`); a HEAD
 * request (`withBody: false`) learns only the size, which the report detail already shows,
 * and is not.
 */
export async function openReportFile(options: {
  deps: IntakeDeps;
  actor: Actor;
  reportId: string;
  fileId: string;
  /** False for a HEAD request: the size only, no body, no audit row. */
  withBody: boolean;
}): Promise<OpenedReportFile> {
  const { deps, actor, reportId, fileId } = options;
  const report = await findReportRef(deps.db, reportId);
  authoriseReport(actor, 'reports.read', report);
  const file = await findReportFile(deps.db, reportId, fileId);
  if (!file) throw notFound('The file');
  const bytes = await deps.blobs.size(file.blob_key);
  // A row without its blob is damage to the store, not a client error: let it be a 500.
  if (bytes === null) throw new Error(`report file ${file.id} has no blob in the store`);
  // Fastify answers HEAD by draining the GET handler's stream; an empty one keeps the
  // Content-Length set here and reads nothing from the store.
  if (!options.withBody) return { bytes, body: Readable.from([]) };

  const body = await deps.blobs.openRead(file.blob_key);
  try {
    await deps.db.transaction().execute((trx) =>
      recordEvent({
        trx,
        organisationId: actor.organisationId,
        actorMemberId: actor.memberId,
        action: 'report.file_downloaded',
        objectType: 'report',
        objectId: reportId,
        fields: { fileId: file.id, role: file.role },
      }),
    );
  } catch (error) {
    // Nothing leaves unless the download was recorded.
    if ('destroy' in body && typeof body.destroy === 'function') body.destroy();
    throw error;
  }
  return { bytes, body };
}
