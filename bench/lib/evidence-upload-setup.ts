// Prepares the data folder the evidence-upload bench's server runs on: migrates the
// database (PGlite in the folder, or PostgreSQL when a URL is given), creates an
// organisation and an incident to attach evidence to, and sends the parent process the
// admin's session cookie and the incident. Then it exits: the server that is measured is
// the real one (`build/cli/main.js serve`, as `npm start` runs it) on this folder.
import { loadSodium } from '../../src/common/crypto/sodium.ts';
import { toB64 } from '../../src/common/crypto/encoding.ts';
import { buildApp } from '../../src/server/app.ts';
import { openRuntime } from '../../src/server/runtime.ts';
import { createOrganisation } from '../../test/helpers/factories.ts';
import { createTestIncident } from '../../test/helpers/records.ts';

export interface EvidenceUploadSetup {
  cookie: string;
  incidentId: string;
  /** The incident's record key, base64url (the client seals the item key under it). */
  recordKey: string;
}

const [dataDir] = process.argv.slice(2);
if (!dataDir)
  throw new Error('usage: evidence-upload-setup.ts DATA_DIR (DATABASE_URL for PostgreSQL)');
await loadSodium();
const runtime = await openRuntime({ dataDir });
const app = await buildApp({ ...runtime, logger: false });
const t = {
  ...runtime,
  app,
  clock: { now: () => new Date(), advance: () => {} },
  close: () => app.close(),
};
const org = await createOrganisation(t);
const incident = await createTestIncident(t, org);
await app.close();
await runtime.close();
const setup: EvidenceUploadSetup = {
  cookie: org.admin.cookie,
  incidentId: incident.id,
  recordKey: toB64(incident.recordKey),
};
process.send?.(setup, () => process.exit(0));
