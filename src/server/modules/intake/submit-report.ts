// A new anonymous report: the coded answers as columns, what the reporter wrote sealed
// under a fresh record key, the files already encrypted into the blob store, and a new
// codename. Report, files, notifications and the audit event commit in one transaction.
import { randomInt, randomUUID } from 'node:crypto';
import type { Locale } from '../../../common/api/accounts.ts';
import { deriveReporterKeys, generateCodename } from '../../../common/crypto/codename.ts';
import { encryptField } from '../../../common/crypto/envelope.ts';
import { generateRecordKey, sealRecordKey } from '../../../common/crypto/keys.ts';
import { sodium } from '../../../common/crypto/sodium.ts';
import {
  DETAILS_CONTEXT,
  type ReportAnswers,
  type ReportDetails,
} from '../../../common/intake/report.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { IntakeDeps } from './intake.deps.ts';
import { notifyOrganisation } from './staff/notify-organisation.ts';
import {
  insertReport,
  insertReportFiles,
  referenceTaken,
  type StoredFileInput,
} from './submissions.repository.ts';

/** What the reporter wrote: in plaintext (no JavaScript) or already sealed by the browser. */
export type ReportContent =
  | { encryptedBy: 'server'; details: ReportDetails }
  | { encryptedBy: 'browser'; sealedRecordKey: Uint8Array; sealedDetails: Uint8Array | null };

export interface SubmitReportOptions {
  deps: IntakeDeps;
  /** The organisation the report is for (it accepts reports). */
  organisation: { id: string; publicKey: Uint8Array };
  /** The language the reporter used; replies should be written in it. */
  locale: Locale;
  /** Checked coded answers (reportAnswers). */
  answers: ReportAnswers;
  content: ReportContent;
  /** Files already in the blob store; the caller discards them if this throws. */
  files: readonly StoredFileInput[];
}

export interface SubmittedReport {
  reportId: string;
  reference: string;
  /** Shown once on the receipt; never stored, never logged. */
  codename: string;
}

// No 0/O or 1/I: a reference is read out over the phone.
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const ATTEMPTS = 5;

function newReference(length: number): string {
  let out = 'R-';
  for (let i = 0; i < length; i++) out += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return out;
}

function sealedParts(options: SubmitReportOptions): {
  sealedRecordKey: Uint8Array;
  sealedDetails: Uint8Array | null;
} {
  const { content } = options;
  if (content.encryptedBy === 'browser') {
    return { sealedRecordKey: content.sealedRecordKey, sealedDetails: content.sealedDetails };
  }
  const recordKey = generateRecordKey();
  try {
    const empty = Object.keys(content.details).length === 0;
    return {
      sealedRecordKey: sealRecordKey(recordKey, options.organisation.publicKey),
      sealedDetails: empty
        ? null
        : encryptField(recordKey, JSON.stringify(content.details), DETAILS_CONTEXT),
    };
  } finally {
    sodium().memzero(recordKey);
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint: name } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && name === constraint;
}

export async function submitReport(options: SubmitReportOptions): Promise<SubmittedReport> {
  const { deps, organisation, answers, files } = options;
  const codename = generateCodename();
  // Argon2id outside the transaction: it holds no row locks while it runs.
  const reporter = deriveReporterKeys(codename, deps.secrets.codenameSalt);
  sodium().memzero(reporter.keyPair.privateKey);
  const sealed = sealedParts(options);
  const reportId = randomUUID();

  for (let attempt = 1; ; attempt++) {
    // Four characters name a million reports; after a collision or two, use more.
    const reference = newReference(attempt <= 2 ? 4 : 6);
    try {
      await deps.db.transaction().execute(async (trx) => {
        if (await referenceTaken(trx, organisation.id, reference)) {
          throw new ReferenceTaken();
        }
        const now = deps.now();
        await insertReport(trx, {
          id: reportId,
          organisation_id: organisation.id,
          reference,
          status: 'new',
          locale: options.locale,
          encrypted_by: options.content.encryptedBy,
          reporter_role: answers.reporterRole,
          incident_types: answers.incidentTypes,
          incident_date: answers.incidentDate,
          date_precision: answers.datePrecision,
          oblast: answers.oblast,
          city: answers.city,
          place_type: answers.placeType,
          online_platform: answers.onlinePlatform,
          perpetrator_types: answers.perpetratorTypes,
          bias_indicators: answers.biasIndicators,
          reported_to_police: answers.reportedToPolice,
          police_response: answers.policeResponse,
          not_reported_reasons: answers.notReportedReasons,
          wishes: answers.wishes,
          sealed_record_key: sealed.sealedRecordKey,
          sealed_details: sealed.sealedDetails,
          reporter_public_key: reporter.keyPair.publicKey,
          codename_lookup: reporter.lookup,
          received_at: now,
          updated_at: now,
        });
        await insertReportFiles(trx, {
          reportId,
          organisationId: organisation.id,
          messageId: null,
          createdAt: now,
          files,
        });
        await notifyOrganisation({
          trx,
          deps,
          organisationId: organisation.id,
          reportId,
          kind: 'report_received',
        });
        await recordEvent({
          trx,
          organisationId: organisation.id,
          actorMemberId: null,
          action: 'report.received',
          objectType: 'report',
          objectId: reportId,
          fields: {
            reference,
            encryptedBy: options.content.encryptedBy,
            files: files.filter((f) => f.role === 'working').length,
          },
        });
      });
      return { reportId, reference, codename };
    } catch (error) {
      const collided =
        error instanceof ReferenceTaken ||
        isUniqueViolation(error, 'reports_organisation_id_reference_key');
      if (!collided || attempt >= ATTEMPTS) throw error;
    }
  }
}

class ReferenceTaken extends Error {
  constructor() {
    super('reference already used in this organisation');
    this.name = 'ReferenceTaken';
  }
}
