// Helpers of the evidence browser tests: a listening server whose log goes into memory and
// whose blob store is a fresh folder (both searched by the canary test), with web captures
// of local pages allowed and a local RFC 3161 authority; photos with a GPS position in
// their EXIF; and an item's files fetched and opened in Node with the organisation key,
// as an independent check of what the browser stored.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { evidenceItem, evidenceList, type EvidenceItem } from '../../src/common/api/evidence.ts';
import { fromB64, openRecordKey, type BoxKeyPair } from '../../src/common/crypto/index.ts';
import { TEST_KDF } from '../../src/common/crypto/keys.ts';
import { loadSodium } from '../../src/common/crypto/sodium.ts';
import { decryptBytes } from '../../src/common/crypto/stream.ts';
import {
  openFileKey,
  openItemKey,
  openItemMeta,
  type SealedItemMeta,
} from '../../src/common/evidence/item-crypto.ts';
import type { EvidenceFileRole } from '../../src/common/evidence/vocabulary.ts';
import { FsBlobStore } from '../../src/server/blobs/fs-blob-store.ts';
import { defaultConfig, type AppConfig } from '../../src/server/config.ts';
import { instanceSecretsFrom } from '../../src/server/secrets.ts';
import type { EngineCase } from '../../test/helpers/engines.ts';
import type { TestMember } from '../../test/helpers/factories.ts';
import { call } from '../../test/helpers/http.ts';
import type { TestApp } from '../../test/helpers/test-app.ts';
import type { TestTsa } from '../../test/helpers/test-tsa.ts';
import { listenWithLogInMemory } from './listening-app.ts';

export interface EvidenceStack {
  t: TestApp;
  origin: string;
  /** Every line the server logged (debug level). */
  logLines: string[];
  blobRoot: string;
  /** The per-test PostgreSQL database (for pg_dump); null on PGlite. */
  databaseUrl: string | null;
  close(): Promise<void>;
}

export interface StackOptions {
  tsa?: TestTsa;
  /** The largest upload segment; small, so an upload takes several PATCH requests. */
  maxSegmentBytes?: number;
}

/** A real server on 127.0.0.1 for one engine, logging into memory. */
export async function startEvidenceStack(
  engine: EngineCase,
  options: StackOptions = {},
): Promise<EvidenceStack> {
  await loadSodium();
  const database = await engine.open();
  const folder = await mkdtemp(path.join(tmpdir(), 'qorgan-e2e-evidence-blobs-'));
  const blobs = await new FsBlobStore(path.join(folder, 'blobs')).init();
  const base = defaultConfig({ kdf: TEST_KDF, authHash: TEST_KDF });
  const config: AppConfig = {
    ...base,
    evidence: {
      ...base.evidence,
      maxSegmentBytes: options.maxSegmentBytes ?? base.evidence.maxSegmentBytes,
      tsa: options.tsa
        ? { url: options.tsa.url, caCertificatesPem: [options.tsa.caPem], timeoutMs: 10_000 }
        : null,
      capture: { ...base.evidence.capture, allowPrivateNetworks: true, timeoutMs: 30_000 },
    },
  };
  const secrets = instanceSecretsFrom(new Uint8Array(randomBytes(32)));
  const { t, origin, logLines } = await listenWithLogInMemory({ database, secrets, config, blobs });
  return {
    t,
    origin,
    logLines,
    blobRoot: blobs.root,
    databaseUrl: database.url ?? null,
    close: async () => {
      await t.app.close();
      await database.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** A JPEG photo whose EXIF names a camera and a GPS position (Almaty). */
export async function photoWithGps(width = 640, height = 480): Promise<Buffer> {
  const noise = Buffer.from(randomBytes(width * height * 3));
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'QorganTestCam', Model: 'GPS-1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '43/1 15/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '76/1 57/1 0/1',
      },
    })
    .toBuffer();
}

/** A small PNG. */
export async function smallPng(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366aa' } })
    .png()
    .toBuffer();
}

export async function listItems(
  t: TestApp,
  member: TestMember,
  parent: { incidentId: string } | { caseId: string },
) {
  const query =
    'incidentId' in parent ? `incidentId=${parent.incidentId}` : `caseId=${parent.caseId}`;
  const res = await call(t, 'GET', `/api/evidence/items?${query}`, { cookie: member.cookie });
  if (res.statusCode !== 200) throw new Error(`list evidence: ${res.statusCode} ${res.body}`);
  return evidenceList.parse(res.json());
}

export async function getItem(
  t: TestApp,
  member: TestMember,
  itemId: string,
): Promise<EvidenceItem> {
  const res = await call(t, 'GET', `/api/evidence/items/${itemId}`, { cookie: member.cookie });
  if (res.statusCode !== 200) throw new Error(`get evidence item: ${res.statusCode} ${res.body}`);
  return evidenceItem.parse(res.json());
}

export interface OpenedInNode {
  meta: SealedItemMeta;
  /** The decrypted files by role. */
  files: Map<EvidenceFileRole, Buffer>;
  /** The stored ciphertext by role, as the server sends it. */
  ciphertext: Map<EvidenceFileRole, Buffer>;
}

/** Opens an item with the organisation key and decrypts every file it has, in Node. */
export async function openItemInNode(
  t: TestApp,
  member: TestMember,
  org: BoxKeyPair,
  item: EvidenceItem,
): Promise<OpenedInNode> {
  const recordKey = openRecordKey(fromB64(item.sealedRecordKey), org);
  const itemKey = openItemKey(recordKey, item.id, fromB64(item.sealedItemKey));
  const meta = openItemMeta(itemKey, item.id, fromB64(item.sealedMeta));
  const files = new Map<EvidenceFileRole, Buffer>();
  const ciphertext = new Map<EvidenceFileRole, Buffer>();
  for (const file of item.files) {
    const res = await call(t, 'GET', `/api/evidence/files/${file.id}/content?purpose=verify`, {
      cookie: member.cookie,
    });
    if (res.statusCode !== 200) throw new Error(`file content: ${res.statusCode} ${res.body}`);
    const fileKey = openFileKey(itemKey, file.id, fromB64(file.sealedFileKey));
    ciphertext.set(file.role, res.rawPayload);
    files.set(file.role, Buffer.from(decryptBytes(fileKey, new Uint8Array(res.rawPayload))));
  }
  return { meta, files, ciphertext };
}

/** The innermost elements that stick out past the right edge of the screen (to name a sideways scroll). */
export async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const rect = el.getBoundingClientRect();
      if (rect.right <= width + 0.5 || rect.width === 0) continue;
      const childSticksOut = [...el.children].some(
        (c) => c.getBoundingClientRect().right > width + 0.5,
      );
      if (childSticksOut) continue;
      const cls =
        typeof el.className === 'string' && el.className
          ? `.${el.className.split(' ').join('.')}`
          : '';
      out.push(
        `${el.tagName.toLowerCase()}${cls} (${Math.round(rect.right)}px): ${(el.textContent ?? '').slice(0, 60)}`,
      );
    }
    return out;
  });
}
