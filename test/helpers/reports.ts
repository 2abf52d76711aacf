// A report made exactly as the server stores one, inserted directly: the record key sealed
// to the organisation key, details under DETAILS_CONTEXT, each file stream-encrypted into
// the app's blob store with its key and metadata sealed to the organisation, a fresh
// codename whose derived key pair and lookup are stored. Used by the triage tests and the
// browser tests, which need reports without going through the public form.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Locale } from '../../src/common/api/accounts.ts';
import { deriveReporterKeys, generateCodename } from '../../src/common/crypto/codename.ts';
import {
  encryptField,
  generateSymmetricKey,
  sealTo,
  type BoxKeyPair,
} from '../../src/common/crypto/envelope.ts';
import { generateRecordKey, sealRecordKey } from '../../src/common/crypto/keys.ts';
import { CHUNK_BYTES, createStreamEncryptor } from '../../src/common/crypto/stream.ts';
import {
  DETAILS_CONTEXT,
  type FileMeta,
  type ReportAnswers,
  type ReportDetails,
  type ReportStatus,
} from '../../src/common/intake/report.ts';
import { newBlobKey } from '../../src/server/blobs/blob-store.ts';
import type { IntakeDeps } from '../../src/server/modules/intake/intake.deps.ts';
import { notifyOrganisation } from '../../src/server/modules/intake/staff/notify-organisation.ts';
import type { TestOrganisation } from './factories.ts';
import type { TestApp } from './test-app.ts';

export interface TestReportFile {
  /** The file name the reporter's device gave. */
  name: string;
  /** The detected type, e.g. image/jpeg. */
  type: string;
  bytes: Uint8Array;
}

export interface TestReportOptions {
  /** Coded answers over a minimal default (incident type `threats`, nothing else). */
  answers?: Partial<ReportAnswers>;
  /** What the reporter wrote; sealed under the record key. Omitted: no sealed details. */
  details?: ReportDetails;
  /** Stored as working copies, in this order. */
  files?: TestReportFile[];
  /** The reporter's language (default en). */
  locale?: Locale;
  status?: ReportStatus;
  /** When it arrived (default: the app's clock). */
  receivedAt?: Date;
  encryptedBy?: 'server' | 'browser';
}

export interface TestReport {
  reportId: string;
  reference: string;
  /** The reporter's only credential; never stored by the server. */
  codename: string;
  /** Derived from the codename: staff replies are sealed to its public key. */
  reporterKeyPair: BoxKeyPair;
  recordKey: Uint8Array;
  /** The ids of the stored files, in the order given. */
  fileIds: string[];
}

const DEFAULT_ANSWERS: ReportAnswers = {
  reporterRole: null,
  incidentTypes: ['threats'],
  datePrecision: 'unknown',
  incidentDate: null,
  oblast: null,
  city: null,
  placeType: null,
  onlinePlatform: null,
  perpetratorTypes: [],
  biasIndicators: [],
  reportedToPolice: null,
  policeResponse: null,
  notReportedReasons: [],
  wishes: [],
};

const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A reference like the server's: R- and six characters (unique enough within a test). */
export function testReference(): string {
  const bytes = randomBytes(6);
  return `R-${[...bytes].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join('')}`;
}

export async function createTestReport(
  t: TestApp,
  org: TestOrganisation,
  options: TestReportOptions = {},
): Promise<TestReport> {
  const answers = { ...DEFAULT_ANSWERS, ...options.answers };
  const codename = generateCodename();
  const reporter = deriveReporterKeys(codename, t.secrets.codenameSalt);
  const recordKey = generateRecordKey();
  const reportId = randomUUID();
  const reference = testReference();
  const receivedAt = options.receivedAt ?? t.clock.now();
  const db = t.database.db;

  await db
    .insertInto('reports')
    .values({
      id: reportId,
      organisation_id: org.id,
      reference,
      status: options.status ?? 'new',
      locale: options.locale ?? 'en',
      encrypted_by: options.encryptedBy ?? 'server',
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
      sealed_record_key: sealRecordKey(recordKey, org.orgKeyPair.publicKey),
      sealed_details: options.details
        ? encryptField(recordKey, JSON.stringify(options.details), DETAILS_CONTEXT)
        : null,
      reporter_public_key: reporter.keyPair.publicKey,
      codename_lookup: reporter.lookup,
      received_at: receivedAt,
      updated_at: receivedAt,
    })
    .execute();

  const fileIds: string[] = [];
  for (const file of options.files ?? []) {
    fileIds.push(await storeTestFile(t, org, reportId, file, receivedAt));
  }
  return { reportId, reference, codename, reporterKeyPair: reporter.keyPair, recordKey, fileIds };
}

/** Stream-encrypts one file into the blob store and records it as a working copy. */
async function storeTestFile(
  t: TestApp,
  org: TestOrganisation,
  reportId: string,
  file: TestReportFile,
  at: Date,
): Promise<string> {
  const fileKey = generateSymmetricKey();
  const encryptor = createStreamEncryptor(fileKey);
  async function* chunks() {
    yield encryptor.header;
    if (file.bytes.length === 0) yield encryptor.push(file.bytes, true);
    for (let offset = 0; offset < file.bytes.length; offset += CHUNK_BYTES) {
      const end = Math.min(offset + CHUNK_BYTES, file.bytes.length);
      yield encryptor.push(file.bytes.subarray(offset, end), end === file.bytes.length);
    }
  }
  const blobKey = newBlobKey();
  const { bytes } = await t.blobs.put(blobKey, chunks());
  const meta: FileMeta = {
    name: file.name,
    type: file.type,
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    metadataRemoved: false,
  };
  const id = randomUUID();
  await t.database.db
    .insertInto('report_files')
    .values({
      id,
      report_id: reportId,
      organisation_id: org.id,
      message_id: null,
      role: 'working',
      original_of: null,
      blob_key: blobKey,
      sealed_file_key: sealTo(org.orgKeyPair.publicKey, fileKey),
      sealed_meta: sealTo(org.orgKeyPair.publicKey, JSON.stringify(meta)),
      ciphertext_bytes: bytes,
      created_at: at,
    })
    .execute();
  return id;
}

/** A message from the reporter, sealed twice as the /return page stores it; returns its id. */
export async function addReporterMessage(
  t: TestApp,
  org: TestOrganisation,
  report: TestReport,
  text: string,
  at: Date = t.clock.now(),
): Promise<string> {
  const id = randomUUID();
  await t.database.db
    .insertInto('report_messages')
    .values({
      id,
      report_id: report.reportId,
      organisation_id: org.id,
      author: 'reporter',
      author_member_id: null,
      sealed_for_org: sealTo(org.orgKeyPair.publicKey, text),
      sealed_for_reporter: sealTo(report.reporterKeyPair.publicKey, text),
      created_at: at,
    })
    .execute();
  return id;
}

/** The dependencies intake use cases take, from a test app. */
export function intakeDepsOf(t: TestApp): IntakeDeps {
  return {
    db: t.database.db,
    blobs: t.blobs,
    secrets: t.secrets,
    config: t.config,
    now: t.clock.now,
  };
}

/** Notifies the organisation as the public side does when a report or message arrives. */
export async function notifyAbout(
  t: TestApp,
  org: TestOrganisation,
  report: TestReport,
  kind: 'report_received' | 'reporter_message' = 'report_received',
): Promise<void> {
  await t.database.db.transaction().execute((trx) =>
    notifyOrganisation({
      trx,
      deps: intakeDepsOf(t),
      organisationId: org.id,
      reportId: report.reportId,
      kind,
    }),
  );
}
