// Trusted-time and web-capture routes for the route table (../route-table.ts). Stamping
// needs an authority: the builds point the app at one test TSA shared by the process;
// capturing needs a page: one local web server shared by the process serves it.
import { randomBytes, randomUUID } from 'node:crypto';
import { toB64 } from '../../../src/common/crypto/encoding.ts';
import { sealItemKey } from '../../../src/common/evidence/item-crypto.ts';
import { createTestIncident } from '../../helpers/records.ts';
import type { TestApp } from '../../helpers/test-app.ts';
import { insertItemToStamp, sharedTestTsa } from '../../helpers/test-tsa.ts';
import { sharedTestWebServer } from '../../helpers/test-web-server.ts';
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
    // A real capture with Chromium of a page on loopback (the test app allows private
    // networks); the organisation's first incident is the parent.
    method: 'POST',
    route: '/api/evidence/captures',
    need: 'evidence.write',
    ok: 201,
    build: async (t, org) => {
      const site = await sharedTestWebServer();
      const incident = await createTestIncident(t, org);
      const id = randomUUID();
      const itemKey = new Uint8Array(randomBytes(32));
      return {
        url: '/api/evidence/captures',
        payload: {
          id,
          parent: { incidentId: incident.id },
          url: `${site.origin}/page`,
          title: 'A public page',
          itemKey: toB64(itemKey),
          sealedItemKey: toB64(sealItemKey(incident.recordKey, id, itemKey)),
        },
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
