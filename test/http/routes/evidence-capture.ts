// Trusted-time and web-capture routes for the route table (../route-table.ts). Stamping
// needs an authority: the builds point the app at one test TSA shared by the process.
import { createTestIncident } from '../../helpers/records.ts';
import type { TestApp } from '../../helpers/test-app.ts';
import { insertItemToStamp, sharedTestTsa } from '../../helpers/test-tsa.ts';
import type { TestOrganisation } from '../../helpers/factories.ts';
import { plain, type RouteCase } from '../route-case.ts';

/** Points the app at the shared test TSA, once. */
async function withTestTsa(t: TestApp): Promise<void> {
  if (t.config.evidence.tsa) return;
  const tsa = await sharedTestTsa();
  t.config.evidence.tsa = { url: tsa.url, caCertificatesPem: [tsa.caPem], timeoutMs: 10_000 };
}

/** An item on a fresh incident of `org`, with a manifest digest to stamp. */
async function itemToStamp(t: TestApp, org: TestOrganisation) {
  const incident = await createTestIncident(t, org);
  return insertItemToStamp(t.database.db, { organisationId: org.id, incidentId: incident.id });
}

export const EVIDENCE_CAPTURE_ROUTES: RouteCase[] = [
  {
    method: 'POST',
    route: '/api/evidence/items/:id/timestamps',
    need: 'evidence.write',
    ok: 201,
    build: async (t, org) => {
      await withTestTsa(t);
      const item = await itemToStamp(t, org);
      return {
        url: `/api/evidence/items/${item.id}/timestamps`,
        payload: { digest: Buffer.from(item.digest).toString('hex') },
      };
    },
  },
  {
    method: 'GET',
    route: '/api/evidence/timestamp-authority',
    need: 'evidence.read',
    ok: 200,
    build: plain('/api/evidence/timestamp-authority'),
  },
];
