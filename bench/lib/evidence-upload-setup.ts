// The server side of bench/evidence-upload.bench.ts, in a process of its own so its memory
// is measured apart from the client's: the real app listening on loopback, with its blob
// store in the bench's temp folder, on PGlite or (when a URL is given) PostgreSQL. Sends
// the parent process a session cookie and an incident to attach evidence to.
import { randomFillSync } from 'node:crypto';
import path from 'node:path';
import pino from 'pino';
import { toB64 } from '../../src/common/crypto/encoding.ts';
import { TEST_KDF } from '../../src/common/crypto/keys.ts';
import { loadSodium } from '../../src/common/crypto/sodium.ts';
import { buildApp } from '../../src/server/app.ts';
import { FsBlobStore } from '../../src/server/blobs/fs-blob-store.ts';
import { defaultConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { createLogger } from '../../src/server/logger.ts';
import { instanceSecretsFrom } from '../../src/server/secrets.ts';
import { createOrganisation } from '../../test/helpers/factories.ts';
import { createTestIncident } from '../../test/helpers/records.ts';

export interface EvidenceServerReady {
  url: string;
  cookie: string;
  incidentId: string;
  /** The incident's record key, base64url (the client seals the item key under it). */
  recordKey: string;
}

const [work, databaseUrl] = process.argv.slice(2);
await loadSodium();
const database = await openDatabase(databaseUrl ? { databaseUrl, poolSize: 4 } : {});
await migrate(database);
const blobs = await new FsBlobStore(path.join(work ?? '.', 'blobs')).init();
const config = defaultConfig({ kdf: TEST_KDF, authHash: TEST_KDF });
const secrets = instanceSecretsFrom(randomFillSync(new Uint8Array(32)));
// The real request log, written where it costs what it costs but is not read (to stderr
// with QORGAN_BENCH_SERVER_LOG=1, when looking into a failure).
const logger = createLogger({
  destination: pino.destination(process.env.QORGAN_BENCH_SERVER_LOG ? 2 : '/dev/null'),
});
const app = await buildApp({ config, database, secrets, blobs, logger });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no port');
const t = {
  app,
  database,
  secrets,
  config,
  blobs,
  clock: { now: () => new Date(), advance: () => {} },
  close: () => app.close(),
};
const org = await createOrganisation(t);
const incident = await createTestIncident(t, org);
const ready: EvidenceServerReady = {
  url: `http://127.0.0.1:${address.port}`,
  cookie: org.admin.cookie,
  incidentId: incident.id,
  recordKey: toB64(incident.recordKey),
};
process.send?.(ready);
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
