// Builds the real app in-process on a real database, with a movable clock and the
// cheapest Argon2id settings (stored per member, so this changes cost, not behaviour).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import { TEST_KDF } from '../../src/common/crypto/keys.ts';
import { loadSodium } from '../../src/common/crypto/sodium.ts';
import { buildApp } from '../../src/server/app.ts';
import { defaultConfig, type AppConfig } from '../../src/server/config.ts';
import { instanceSecretsFrom, type InstanceSecrets } from '../../src/server/secrets.ts';
import type { TestDatabase } from './engines.ts';
import { tempBlobStore } from './blobs.ts';
import type { FsBlobStore } from '../../src/server/blobs/fs-blob-store.ts';

export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

export function testClock(start = new Date('2026-03-01T09:00:00Z')): TestClock {
  let current = start.getTime();
  return { now: () => new Date(current), advance: (ms) => (current += ms) };
}

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  secrets: InstanceSecrets;
  config: AppConfig;
  clock: TestClock;
  /** The app's blob store (a fresh folder, removed by close()). */
  blobs: FsBlobStore;
  close(): Promise<void>;
}

export async function createTestApp(
  database: TestDatabase,
  overrides: Partial<AppConfig> = {},
): Promise<TestApp> {
  await loadSodium();
  // Tests capture pages served on loopback, which production refuses; the capture guard's
  // own tests pass `evidence` with allowPrivateNetworks false.
  const defaults = defaultConfig();
  const config = defaultConfig({
    kdf: TEST_KDF,
    authHash: TEST_KDF,
    evidence: {
      ...defaults.evidence,
      capture: { ...defaults.evidence.capture, allowPrivateNetworks: true },
    },
    ...overrides,
  });
  const secrets = instanceSecretsFrom(new Uint8Array(randomBytes(32)));
  const clock = testClock(new Date());
  const blobs = await tempBlobStore();
  const app = await buildApp({ config, database, secrets, blobs, logger: false, now: clock.now });
  await app.ready();
  return {
    app,
    database,
    secrets,
    config,
    clock,
    blobs,
    close: async () => {
      await app.close();
      await blobs.dispose();
    },
  };
}

/** Extracts the session cookie as a Cookie header value. */
export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === '__Host-qorgan_session');
  if (!cookie)
    throw new Error(`no session cookie in response ${response.statusCode}: ${response.body}`);
  return `${cookie.name}=${cookie.value}`;
}
