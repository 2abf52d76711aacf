// Filtered incident-list queries (the query behind GET /api/incidents, through the records
// repository), p50 and p95 over repeated runs, on 1,000,000 incidents in PostgreSQL and
// 100,000 in PGlite, all in one organisation (the worst case: no other tenant's rows to
// skip cheaply), among invented coded data with skewed frequencies (bench/lib/incident-seed.ts).
// Each case is a first page of 50 rows and, where it says so, the next page by keyset.
import { randomUUID } from 'node:crypto';
import { incidentListQuery } from '../src/common/api/records.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import {
  listIncidentRows,
  sortKeyOf,
  type IncidentListFilter,
} from '../src/server/modules/records/incidents.repository.ts';
import { POSTGRES_URL_VAR } from '../test/helpers/engines.ts';
import { insertBenchOrganisation, SEED_CODES, seedIncidents } from './lib/incident-seed.ts';
import { freshPostgresDatabase } from './lib/postgres.ts';

const RUNS = 40;
const PAGE = 50;

type Row = Record<string, number | string>;

/** Each case: a label and a query string as the staff app sends it. */
const CASES: { label: string; query: Record<string, string>; nextPage?: boolean }[] = [
  { label: 'no filter, newest incident date first', query: {} },
  { label: 'no filter, second page (keyset)', query: {}, nextPage: true },
  { label: 'oblast', query: { oblast: SEED_CODES.oblasts[3] ?? '' } },
  {
    label: 'incident type (any of 1)',
    query: { incidentTypes: SEED_CODES.incidentTypes[4] ?? '' },
  },
  {
    label: 'perpetrator types (any of 2), sorted by last update',
    query: {
      perpetratorTypes: `${SEED_CODES.perpetratorTypes[0]},${SEED_CODES.perpetratorTypes[2]}`,
      sort: 'updated',
    },
  },
  {
    label: 'bias motivation + date range (one year)',
    query: {
      biasMotivations: SEED_CODES.biasMotivations[1] ?? '',
      from: '2024-01-01',
      to: '2024-12-31',
    },
  },
  {
    label: 'ODIHR category + violation status',
    query: { odihrCategory: SEED_CODES.odihr[0] ?? '', violationStatus: 'confirmed' },
  },
  {
    label: 'rare: oblast + type + police response + one year',
    query: {
      oblast: SEED_CODES.oblasts[SEED_CODES.oblasts.length - 1] ?? '',
      incidentTypes: SEED_CODES.incidentTypes[SEED_CODES.incidentTypes.length - 2] ?? '',
      reportedToPolice: 'yes',
      policeResponse: SEED_CODES.policeResponses[1] ?? '',
      from: '2023-01-01',
      to: '2023-12-31',
    },
  },
  { label: 'oldest first, created order', query: { sort: 'created', order: 'asc' } },
];

export async function run(): Promise<{ name: string; results: Row[] }> {
  const results: Row[] = [];
  results.push(...(await measure('pglite', 100_000, () => openDatabase({}))));
  const postgresUrl = process.env[POSTGRES_URL_VAR];
  if (postgresUrl) {
    const fresh = await freshPostgresDatabase(postgresUrl);
    try {
      results.push(
        ...(await measure('postgres', 1_000_000, () => openDatabase({ databaseUrl: fresh.url }))),
      );
    } finally {
      await fresh.drop();
    }
  } else {
    results.push({
      engine: 'postgres',
      case: '-',
      note: `not run: ${POSTGRES_URL_VAR} is not set`,
    });
  }
  return { name: `filtered incident lists, first ${PAGE} rows, ${RUNS} runs per case`, results };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(
  engine: string,
  count: number,
  open: () => Promise<Database>,
): Promise<Row[]> {
  const database = await open();
  try {
    await migrate(database);
    const organisationId = randomUUID();
    await insertBenchOrganisation(database.db, organisationId, `bench-${engine}`);
    const seeding = performance.now();
    await seedIncidents(database.db, organisationId, count, {
      batch: engine === 'pglite' ? 20_000 : 100_000,
    });
    const seedSeconds = (performance.now() - seeding) / 1000;
    const rows: Row[] = [];
    for (const c of CASES) {
      const filter: IncidentListFilter = incidentListQuery.parse({
        ...c.query,
        limit: String(PAGE),
      });
      let after: { key: string; id: string } | null = null;
      if (c.nextPage) {
        const first = await listIncidentRows(database.db, organisationId, filter, null, PAGE);
        const last = first.at(-1);
        if (last) after = { key: sortKeyOf(last, filter.sort), id: last.id };
      }
      // Two warm-up runs: the first touches cold pages.
      let found = 0;
      for (let i = 0; i < 2; i += 1) {
        found = (await listIncidentRows(database.db, organisationId, filter, after, PAGE)).length;
      }
      const times: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const t0 = performance.now();
        await listIncidentRows(database.db, organisationId, filter, after, PAGE);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      rows.push({
        engine,
        incidents: count,
        case: c.label,
        rows: found,
        'p50 (ms)': Number(percentile(times, 50).toFixed(2)),
        'p95 (ms)': Number(percentile(times, 95).toFixed(2)),
      });
    }
    rows.push({ engine, incidents: count, case: `(seeding took ${seedSeconds.toFixed(0)} s)` });
    return rows;
  } finally {
    await database.close();
  }
}
