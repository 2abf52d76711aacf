// The real app listening on 127.0.0.1 with its log (debug level) kept in memory, for the
// browser tests that search everything the server wrote for canaries.
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { buildApp } from '../../src/server/app.ts';
import type { FsBlobStore } from '../../src/server/blobs/fs-blob-store.ts';
import type { AppConfig } from '../../src/server/config.ts';
import type { TestDatabase } from '../../test/helpers/engines.ts';
import { createLogger } from '../../src/server/logger.ts';
import type { InstanceSecrets } from '../../src/server/secrets.ts';
import type { TestApp } from '../../test/helpers/test-app.ts';

export interface ListeningApp {
  t: TestApp;
  origin: string;
  /** Every line the server logged, as written. */
  logLines: string[];
}

export async function listenWithLogInMemory(parts: {
  database: TestDatabase;
  secrets: InstanceSecrets;
  config: AppConfig;
  blobs: FsBlobStore;
}): Promise<ListeningApp> {
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const app = await buildApp({ ...parts, logger: createLogger({ level: 'debug', destination }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const t: TestApp = {
    ...parts,
    app,
    clock: { now: () => new Date(), advance: () => undefined },
    close: () => app.close(),
  };
  return { t, origin: `http://127.0.0.1:${port}`, logLines };
}
