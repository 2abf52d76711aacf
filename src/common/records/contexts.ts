// The context string of every sealed field of records and cases. A sealed value's
// ciphertext is bound to its table, column and record id (envelope.ts), so a database
// insider cannot move it to another record or another field. The browser, the CLI and
// the tests build contexts only through this function.

/** Tables whose fields are sealed under a record key. */
export type SealedTable =
  | 'incidents'
  | 'acts'
  | 'people'
  | 'interventions'
  | 'cases'
  | 'tasks'
  | 'case_contacts'
  | 'consents'
  | 'evidence_items'
  | 'evidence_files';

/**
 * The AEAD context of one sealed field: `qorgan:incidents.sealed_title:v1:<id>`.
 * For a value inside a JSON column (an incident's source note), `column` names the
 * path, e.g. `sources.note.<sourceId>`.
 */
export function sealedContext(table: SealedTable, column: string, recordId: string): string {
  return `qorgan:${table}.${column}:v1:${recordId}`;
}
