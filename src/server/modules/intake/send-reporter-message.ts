// A reporter writes to the organisation from the return page. The text is sealed twice
// (to the organisation, so staff read it; to the reporter, so the codename shows it in the
// thread); files came through the upload pipeline and are linked to the message. Message,
// files, notifications and the audit event commit in one transaction.
import { randomUUID } from 'node:crypto';
import { sealTo } from '../../../common/crypto/envelope.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { IntakeDeps } from './intake.deps.ts';
import { notifyOrganisation } from './staff/notify-organisation.ts';
import {
  findReportForReporter,
  insertReportFiles,
  insertReporterMessage,
  type StoredFileInput,
} from './submissions.repository.ts';

/** The message as typed (no JavaScript), or sealed twice by the browser. */
export type MessageContent =
  | { encryptedBy: 'server'; text: string }
  | { encryptedBy: 'browser'; sealedForOrg: Uint8Array; sealedForReporter: Uint8Array };

export interface SendReporterMessageOptions {
  deps: IntakeDeps;
  /** The report of the reporter's session. */
  reportId: string;
  content: MessageContent;
  /** Files already in the blob store; the caller discards them if this throws. */
  files: readonly StoredFileInput[];
}

/** The organisation key that files of a new message are sealed to; null when the report is gone. */
export async function findMessageTarget(options: {
  deps: Pick<IntakeDeps, 'db'>;
  reportId: string;
}): Promise<{ organisationPublicKey: Uint8Array } | null> {
  const report = await findReportForReporter(options.deps.db, options.reportId);
  return report ? { organisationPublicKey: report.organisationPublicKey } : null;
}

export class ReportGoneError extends Error {
  constructor() {
    super('the report no longer exists');
    this.name = 'ReportGoneError';
  }
}

export async function sendReporterMessage(
  options: SendReporterMessageOptions,
): Promise<{ messageId: string }> {
  const { deps, content, files } = options;
  const report = await findReportForReporter(deps.db, options.reportId);
  if (!report) throw new ReportGoneError();
  const sealed =
    content.encryptedBy === 'browser'
      ? { forOrg: content.sealedForOrg, forReporter: content.sealedForReporter }
      : {
          forOrg: sealTo(report.organisationPublicKey, content.text),
          forReporter: sealTo(report.reporterPublicKey, content.text),
        };
  const messageId = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    await insertReporterMessage(trx, {
      id: messageId,
      reportId: report.id,
      organisationId: report.organisationId,
      sealedForOrg: sealed.forOrg,
      sealedForReporter: sealed.forReporter,
      createdAt: now,
    });
    await insertReportFiles(trx, {
      reportId: report.id,
      organisationId: report.organisationId,
      messageId,
      createdAt: now,
      files,
    });
    await notifyOrganisation({
      trx,
      deps,
      organisationId: report.organisationId,
      reportId: report.id,
      kind: 'reporter_message',
    });
    await recordEvent({
      trx,
      organisationId: report.organisationId,
      actorMemberId: null,
      action: 'report.reporter_message',
      objectType: 'report',
      objectId: report.id,
      fields: {
        messageId,
        encryptedBy: content.encryptedBy,
        files: files.filter((f) => f.role === 'working').length,
      },
    });
  });
  return { messageId };
}
