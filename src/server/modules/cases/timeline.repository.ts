// SQL of a case's timeline: the dated rows of everything that belongs to the case, read
// straight from their tables (incidents, interventions, tasks, contacts, the linked
// reports' messages and files). Every function takes the database handle explicitly.
import type { Db } from './cases.repository.ts';

export async function timelineIncidents(db: Db, caseId: string) {
  return db
    .selectFrom('case_incidents as ci')
    .innerJoin('incidents as i', 'i.id', 'ci.incident_id')
    .select([
      'i.id',
      'i.reference',
      'i.incident_date',
      'i.date_precision',
      'i.incident_types',
      'i.violation_status',
      'i.created_at',
      'i.sealed_title',
    ])
    .where('ci.case_id', '=', caseId)
    .execute();
}

export async function timelineInterventions(db: Db, caseId: string) {
  return db
    .selectFrom('interventions')
    .select([
      'id',
      'intervener_type',
      'intervention_type',
      'submitted_on',
      'response_on',
      'authority_response',
      'status',
      'sealed_title',
    ])
    .where('case_id', '=', caseId)
    .execute();
}

export async function timelineTasks(db: Db, caseId: string) {
  return db
    .selectFrom('tasks')
    .select(['id', 'owner_member_id', 'due_at', 'status', 'completed_at', 'sealed_title'])
    .where('case_id', '=', caseId)
    .execute();
}

export async function timelineContacts(db: Db, caseId: string) {
  return db
    .selectFrom('case_contacts')
    .select(['id', 'contacted_at', 'channel', 'member_id', 'sealed_note'])
    .where('case_id', '=', caseId)
    .execute();
}

export async function timelineReports(db: Db, caseId: string) {
  return db
    .selectFrom('case_reports as cr')
    .innerJoin('reports as r', 'r.id', 'cr.report_id')
    .select([
      'r.id',
      'r.reference',
      'r.received_at',
      'r.incident_types',
      'r.sealed_record_key',
      'r.sealed_details',
    ])
    .where('cr.case_id', '=', caseId)
    .execute();
}

export async function timelineReportMessages(db: Db, reportIds: readonly string[]) {
  if (reportIds.length === 0) return [];
  return db
    .selectFrom('report_messages')
    .select(['id', 'report_id', 'author', 'created_at', 'sealed_for_org'])
    .where('report_id', 'in', [...reportIds])
    .execute();
}

export async function timelineReportFiles(db: Db, reportIds: readonly string[]) {
  if (reportIds.length === 0) return [];
  return db
    .selectFrom('report_files')
    .select([
      'id',
      'report_id',
      'message_id',
      'role',
      'ciphertext_bytes',
      'created_at',
      'sealed_file_key',
      'sealed_meta',
    ])
    .where('report_id', 'in', [...reportIds])
    .execute();
}
