// SQL of the reporter side: organisations that accept reports, new reports with their
// files, the codename lookup, and the message thread a reporter reads and writes. Every
// function takes the database or transaction handle explicitly.
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, ReportsTable } from '../../db/types.generated.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** A file already encrypted into the blob store, waiting for its database row. */
export interface StoredFileInput {
  blobKey: string;
  role: 'working' | 'original';
  /** For an original: the index, in the same list, of its working copy. */
  originalOf: number | null;
  sealedFileKey: Uint8Array;
  sealedMeta: Uint8Array;
  ciphertextBytes: number;
}

export interface ReportingOrganisation {
  id: string;
  slug: string;
  name: string;
  publicKey: Uint8Array;
  defaultLocale: string;
}

export async function selectReportingOrganisation(
  db: Db,
  slug: string,
): Promise<ReportingOrganisation | undefined> {
  const row = await db
    .selectFrom('organisations')
    .select(['id', 'slug', 'name', 'public_key', 'default_locale'])
    .where('slug', '=', slug)
    .where('accepts_reports', '=', true)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      slug: row.slug,
      name: row.name,
      publicKey: row.public_key,
      defaultLocale: row.default_locale,
    }
  );
}

export async function selectReportingOrganisations(
  db: Db,
): Promise<{ slug: string; name: string }[]> {
  return db
    .selectFrom('organisations')
    .select(['slug', 'name'])
    .where('accepts_reports', '=', true)
    .orderBy('name')
    .orderBy('slug')
    .execute();
}

export async function referenceTaken(
  db: Db,
  organisationId: string,
  reference: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('reports')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('reference', '=', reference)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertReport(trx: Transaction<DB>, row: Insertable<ReportsTable>) {
  await trx.insertInto('reports').values(row).execute();
}

/**
 * Inserts the file rows of a report (or of one of its messages). Working copies come
 * before their originals in `files`, so an original's `original_of` already exists.
 */
export async function insertReportFiles(
  trx: Transaction<DB>,
  options: {
    reportId: string;
    organisationId: string;
    messageId: string | null;
    createdAt: Date;
    files: readonly StoredFileInput[];
  },
): Promise<void> {
  const ids = options.files.map(() => randomUUID());
  const rows = options.files.map((file, index) => ({
    id: ids[index] ?? randomUUID(),
    report_id: options.reportId,
    organisation_id: options.organisationId,
    message_id: options.messageId,
    role: file.role,
    original_of: file.originalOf === null ? null : (ids[file.originalOf] ?? null),
    blob_key: file.blobKey,
    sealed_file_key: file.sealedFileKey,
    sealed_meta: file.sealedMeta,
    ciphertext_bytes: file.ciphertextBytes,
    created_at: options.createdAt,
  }));
  // One row at a time: an original's foreign key must see its working copy.
  for (const row of rows) await trx.insertInto('report_files').values(row).execute();
}

export async function findReportIdByLookup(db: Db, lookup: Uint8Array): Promise<string | null> {
  const row = await db
    .selectFrom('reports')
    .select('id')
    .where('codename_lookup', '=', lookup)
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface ReportForReporter {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationPublicKey: Uint8Array;
  organisationLocale: string;
  reference: string;
  status: string;
  reporterPublicKey: Uint8Array;
}

/** What a reporter signed in with the codename may see of their report: no content. */
export async function findReportForReporter(
  db: Db,
  reportId: string,
): Promise<ReportForReporter | undefined> {
  const row = await db
    .selectFrom('reports')
    .innerJoin('organisations', 'organisations.id', 'reports.organisation_id')
    .select([
      'reports.id',
      'reports.organisation_id',
      'reports.reference',
      'reports.status',
      'reports.reporter_public_key',
      'organisations.name',
      'organisations.public_key',
      'organisations.default_locale',
    ])
    .where('reports.id', '=', reportId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      organisationId: row.organisation_id,
      organisationName: row.name,
      organisationPublicKey: row.public_key,
      organisationLocale: row.default_locale,
      reference: row.reference,
      status: row.status,
      reporterPublicKey: row.reporter_public_key,
    }
  );
}

export interface ThreadMessage {
  id: string;
  author: 'reporter' | 'staff';
  sealedForReporter: Uint8Array;
  createdAt: Date;
  fileCount: number;
}

/** The thread of a report, oldest first, with how many files each message carried. */
export async function listThread(db: Db, reportId: string): Promise<ThreadMessage[]> {
  const rows = await db
    .selectFrom('report_messages')
    .leftJoin('report_files', (join) =>
      join
        .onRef('report_files.message_id', '=', 'report_messages.id')
        .on('report_files.role', '=', 'working'),
    )
    .select((eb) => [
      'report_messages.id',
      'report_messages.author',
      'report_messages.sealed_for_reporter',
      'report_messages.created_at',
      eb.fn.count<string | number>('report_files.id').as('files'),
    ])
    .where('report_messages.report_id', '=', reportId)
    .groupBy([
      'report_messages.id',
      'report_messages.author',
      'report_messages.sealed_for_reporter',
      'report_messages.created_at',
    ])
    .orderBy('report_messages.created_at')
    .orderBy('report_messages.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    author: row.author === 'staff' ? 'staff' : 'reporter',
    sealedForReporter: row.sealed_for_reporter,
    createdAt: row.created_at,
    fileCount: Number(row.files),
  }));
}

export async function insertReporterMessage(
  trx: Transaction<DB>,
  row: {
    id: string;
    reportId: string;
    organisationId: string;
    sealedForOrg: Uint8Array;
    sealedForReporter: Uint8Array;
    createdAt: Date;
  },
): Promise<void> {
  await trx
    .insertInto('report_messages')
    .values({
      id: row.id,
      report_id: row.reportId,
      organisation_id: row.organisationId,
      author: 'reporter',
      author_member_id: null,
      sealed_for_org: row.sealedForOrg,
      sealed_for_reporter: row.sealedForReporter,
      created_at: row.createdAt,
    })
    .execute();
}
