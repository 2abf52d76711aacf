// What a reporter signed in with their codename sees: the status in plain words and the
// message thread, opened in server memory with the reporter key pair of the session.
// Nothing of the report itself is shown: the codename opens only the thread.
import type { BoxKeyPair } from '../../../common/crypto/envelope.ts';
import { openSealedText } from '../../../common/crypto/envelope.ts';
import { bytesEqual } from '../../../common/crypto/encoding.ts';
import {
  reporterStatusOf,
  reportStatus,
  type ReporterStatus,
} from '../../../common/intake/report.ts';
import type { IntakeDeps } from './intake.deps.ts';
import { findReportForReporter, listThread } from './submissions.repository.ts';

export interface ReporterViewMessage {
  author: 'reporter' | 'staff';
  /** The text, or null when the envelope could not be opened with this key pair. */
  text: string | null;
  createdAt: Date;
  fileCount: number;
}

export interface ReporterView {
  reportId: string;
  reference: string;
  status: ReporterStatus;
  organisationName: string;
  /** For the message form's browser encryption (data-org-public-key). */
  organisationPublicKey: Uint8Array;
  reporterPublicKey: Uint8Array;
  /** Oldest first. */
  messages: ReporterViewMessage[];
}

export interface GetReporterViewOptions {
  deps: Pick<IntakeDeps, 'db'>;
  /** The report of the session. */
  reportId: string;
  /** The session's reporter key pair. */
  keyPair: BoxKeyPair;
}

/** The reporter's view, or null when the report no longer exists or is not theirs. */
export async function getReporterView(
  options: GetReporterViewOptions,
): Promise<ReporterView | null> {
  const report = await findReportForReporter(options.deps.db, options.reportId);
  if (!report || !bytesEqual(report.reporterPublicKey, options.keyPair.publicKey)) return null;
  const thread = await listThread(options.deps.db, report.id);
  const status = reportStatus.safeParse(report.status);
  return {
    reportId: report.id,
    reference: report.reference,
    status: status.success ? reporterStatusOf(status.data) : 'in_progress',
    organisationName: report.organisationName,
    organisationPublicKey: report.organisationPublicKey,
    reporterPublicKey: report.reporterPublicKey,
    messages: thread.map((message) => ({
      author: message.author,
      text: openOrNull(options.keyPair, message.sealedForReporter),
      createdAt: message.createdAt,
      fileCount: message.fileCount,
    })),
  };
}

function openOrNull(keyPair: BoxKeyPair, envelope: Uint8Array): string | null {
  try {
    return openSealedText(keyPair, envelope);
  } catch {
    return null;
  }
}
