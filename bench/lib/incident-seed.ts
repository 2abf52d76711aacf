// Fills the incidents table with synthetic rows for the list benchmarks: invented coded
// fields drawn from the real vocabularies with skewed frequencies (a few oblasts and
// types are common, most are rare, as in real documentation), random bytes where sealed
// fields would be. Done in SQL with generate_series, so a million rows take seconds on
// PostgreSQL. setseed makes every run produce the same table.
import { sql, type Kysely } from 'kysely';
import {
  BIAS_INDICATORS,
  INCIDENT_TYPES,
  OBLASTS,
  PERPETRATOR_TYPES,
  PLACE_TYPES,
  POLICE_RESPONSES,
} from '../../src/common/intake/vocabulary.ts';
import { BIAS_MOTIVATIONS, ODIHR_CATEGORIES } from '../../src/common/records/vocabulary.ts';
import type { DB } from '../../src/server/db/types.generated.ts';

const codes = (terms: readonly { code: string }[]) => terms.map((t) => t.code);

export const SEED_CODES = {
  incidentTypes: codes(INCIDENT_TYPES),
  oblasts: codes(OBLASTS),
  placeTypes: codes(PLACE_TYPES),
  perpetratorTypes: codes(PERPETRATOR_TYPES),
  biasIndicators: codes(BIAS_INDICATORS),
  biasMotivations: codes(BIAS_MOTIVATIONS),
  policeResponses: codes(POLICE_RESPONSES),
  odihr: codes(ODIHR_CATEGORIES),
  violation: ['confirmed', 'likely', 'possible', 'unknown'],
};

/** An organisation row with placeholder keys: the benchmarks never decrypt. */
export async function insertBenchOrganisation(
  db: Kysely<DB>,
  id: string,
  slug: string,
): Promise<void> {
  const bytes = new Uint8Array(32);
  await db
    .insertInto('organisations')
    .values({
      id,
      slug,
      name: slug,
      public_key: bytes,
      recovery_public_key: bytes,
      recovery_verify_key: bytes,
      recovery_sealed_key: bytes,
      created_at: new Date('2026-01-01T00:00:00Z'),
    })
    .execute();
}

/**
 * Inserts `count` incidents for the organisation, `batch` rows per statement, then
 * ANALYZE so the planner sees the real distribution.
 */
export async function seedIncidents(
  db: Kysely<DB>,
  organisationId: string,
  count: number,
  options: { batch?: number; onProgress?: (done: number) => void } = {},
): Promise<void> {
  const batch = options.batch ?? 100_000;
  const c = SEED_CODES;
  await sql`select setseed(0.42)`.execute(db);
  for (let start = 0; start < count; start += batch) {
    const end = Math.min(count, start + batch);
    // pick(arr) takes a skewed element: power(random(), 2) favours the first codes.
    await sql`
      insert into incidents (
        id, organisation_id, reference, incident_date, date_precision, oblast, city,
        place_type, online_platform, incident_types, bias_motivations, bias_indicators, perpetrator_types,
        odihr_category, crime_status, violation_status, reported_to_police, police_response,
        sealed_title, sealed_description, version, created_at, updated_at)
      select
        gen_random_uuid(), ${organisationId}::uuid,
        'I-' || upper(lpad(to_hex(g), 7, '0')),
        date '2016-01-01' + (random() * 3950)::int,
        (array['day','day','day','month','year','unknown'])[1 + floor(random() * 6)::int],
        (${c.oblasts}::text[])[1 + floor(power(random(), 2) * ${c.oblasts.length})::int],
        null,
        (${c.placeTypes}::text[])[1 + floor(random() * ${c.placeTypes.length})::int],
        null,
        array[(${c.incidentTypes}::text[])[1 + floor(power(random(), 2) * ${c.incidentTypes.length})::int]],
        array[(${c.biasMotivations}::text[])[1 + floor(power(random(), 2) * ${c.biasMotivations.length})::int]],
        array[(${c.biasIndicators}::text[])[1 + floor(power(random(), 2) * ${c.biasIndicators.length})::int]],
        array[(${c.perpetratorTypes}::text[])[1 + floor(power(random(), 2) * ${c.perpetratorTypes.length})::int]],
        (${c.odihr}::text[])[1 + floor(random() * ${c.odihr.length})::int],
        (array['crime','non_crime','undetermined'])[1 + floor(random() * 3)::int],
        (${c.violation}::text[])[1 + floor(random() * ${c.violation.length})::int],
        (array['yes','no'])[1 + floor(random() * 2)::int],
        (${c.policeResponses}::text[])[1 + floor(random() * ${c.policeResponses.length})::int],
        decode(md5(g::text) || md5((g + 1)::text), 'hex'),
        decode(repeat(md5(g::text), 8), 'hex'),
        1,
        timestamptz '2020-01-01' + (g || ' seconds')::interval * 100,
        timestamptz '2020-01-01' + (g || ' seconds')::interval * 120
      from generate_series(${start + 1}::int, ${end}::int) g`.execute(db);
    options.onProgress?.(end);
  }
  await sql`analyze incidents`.execute(db);
}
