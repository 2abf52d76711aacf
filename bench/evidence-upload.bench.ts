// Throughput and memory of an evidence upload: a file (64 MiB, then 1 GiB, generated into
// a temp file and deleted afterwards) encrypted, hashed and sent by the upload client
// (src/common/evidence/upload-client.ts, in this process) over loopback HTTP to the real
// server as `npm start` runs it (build/cli/main.js serve, with the start script's Node
// flags, on a data folder prepared by bench/lib/evidence-upload-setup.ts), which streams
// it to its blob store, hashing and fsyncing each segment, then the commit. Compared with
// the floor measured on the same machine and file (bench/lib/evidence-floor.ts, in a
// process of its own): `sha256sum` of the file plus one raw libsodium secretstream pass.
// Peak RSS is sampled every 20 ms for the client (this process) and the server (its
// /proc/<pid>/status VmRSS), per file size, to show memory stays flat.
//
//   npm run bench -- evidence-upload
//   QORGAN_BENCH_EVIDENCE_MIB=256 npm run bench -- evidence-upload   (a smaller large file)
import { fork, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { createHash, randomFillSync, randomUUID } from 'node:crypto';
import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromB64, toB64 } from '../src/common/crypto/encoding.ts';
import { loadSodium } from '../src/common/crypto/sodium.ts';
import {
  encodeHashManifest,
  hashManifestDigest,
  HASH_MANIFEST_FORMAT,
} from '../src/common/evidence/hash-manifest.ts';
import {
  generateFileKey,
  generateItemKey,
  sealFileKey,
  sealItemKey,
  sealItemMeta,
} from '../src/common/evidence/item-crypto.ts';
import { commitEvidenceItem, encryptAndUploadFile } from '../src/common/evidence/upload-client.ts';

const MIB = 1024 * 1024;
const LARGE_MIB = Number(process.env.QORGAN_BENCH_EVIDENCE_MIB ?? 1024);
const SIZES_MIB = [64, LARGE_MIB];
/** As in test/helpers/engines.ts (not imported: it loads the database modules). */
const POSTGRES_URL_VAR = 'QORGAN_TEST_DATABASE_URL';

import type { EvidenceUploadSetup } from './lib/evidence-upload-setup.ts';

interface EvidenceServerReady extends EvidenceUploadSetup {
  url: string;
}

type Row = Record<string, number | string>;

export async function run(): Promise<{ name: string; results: Row[] }> {
  await loadSodium();
  const work = await mkdtemp(path.join(tmpdir(), 'qorgan-bench-evidence-'));
  const postgresUrl = process.env[POSTGRES_URL_VAR];
  // Loaded only when needed: this process is the client, whose memory is measured.
  const fresh = postgresUrl
    ? await (await import('./lib/postgres.ts')).freshPostgresDatabase(postgresUrl)
    : null;
  // The server measured is the one `npm start` runs: the built JavaScript (built in a
  // process of its own, so the client's memory is not the builder's).
  buildServer();
  const servers = [{ engine: 'pglite', server: await startServer(work, 'pglite', undefined) }];
  if (fresh) {
    servers.push({ engine: 'postgres', server: await startServer(work, 'postgres', fresh.url) });
  }
  const results: Row[] = [];
  try {
    for (const mib of SIZES_MIB) {
      const file = path.join(work, `plain-${mib}.bin`);
      await writeRandomFile(file, mib * MIB);
      try {
        const floor = await measureFloor(file, mib * MIB);
        for (const { engine, server } of servers) {
          const upload = await measureUpload(file, server);
          results.push({
            file: `${mib} MiB`,
            server: engine,
            'upload MB/s': round(upload.mbPerSecond),
            'floor MB/s': round(floor.mbPerSecond),
            'of floor': `${Math.round((100 * upload.mbPerSecond) / floor.mbPerSecond)} %`,
            'floor s (sha256sum + secretstream)': `${round(floor.sha256sumSeconds, 2)} + ${round(floor.secretstreamSeconds, 2)}`,
            'upload s': round(upload.seconds, 2),
            'client CPU s': round(upload.clientCpuSeconds, 2),
            'server CPU s': round(upload.serverCpuSeconds, 2),
            'client RSS MB (before → peak)': `${round(upload.clientRssBefore / 1e6)} → ${round(upload.clientPeakRss / 1e6)}`,
            'server RSS MB (before → peak)': `${round(upload.serverRssBefore / 1e6)} → ${round(upload.serverPeakRss / 1e6)}`,
          });
        }
      } finally {
        await rm(file, { force: true });
      }
      // The ciphertext the server stored is not needed again (its upload area stays).
      for (const { engine } of servers) {
        const blobsDir = path.join(work, `data-${engine}`, 'blobs');
        for (const name of await readdir(blobsDir)) {
          if (!name.startsWith('.')) await rm(path.join(blobsDir, name), { recursive: true });
        }
      }
    }
  } finally {
    for (const { server } of servers) server.child.kill();
    await fresh?.drop();
    await rm(work, { recursive: true, force: true });
  }
  return {
    name: 'evidence upload: encrypt + hash + resumable upload to a server in another process',
    results: postgresUrl
      ? results
      : [
          ...results,
          { file: '-', server: 'postgres', note: `not run: ${POSTGRES_URL_VAR} is not set` },
        ],
  };
}

function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Random bytes, written 8 MiB at a time (no large buffer). */
async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const block = new Uint8Array(8 * MIB);
    for (let written = 0; written < bytes; written += block.byteLength) {
      const n = Math.min(block.byteLength, bytes - written);
      randomFillSync(block, 0, n);
      await handle.write(block, 0, n);
    }
  } finally {
    await handle.close();
  }
}

/**
 * The floor, measured in a process of its own (bench/lib/evidence-floor.ts) so that its
 * reads do not count in the client's memory: sha256sum of the file, plus one raw
 * secretstream pass over it.
 */
async function measureFloor(file: string, bytes: number) {
  const child = spawnSync(
    process.execPath,
    [fileURLToPath(new URL('./lib/evidence-floor.ts', import.meta.url)), file, String(bytes)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (child.status !== 0) throw new Error(`the floor measurement failed (${child.status})`);
  return JSON.parse(child.stdout) as {
    sha256sumSeconds: number;
    secretstreamSeconds: number;
    mbPerSecond: number;
  };
}

/**
 * The file read by position into one reused buffer (the client consumes each read before
 * asking for the next). Node's file-backed Blob clones every small chunk it streams, which
 * costs more CPU than the encryption; a browser reads a File as a Blob.
 */
async function fileSource(file: string) {
  const handle = await open(file, 'r');
  const size = (await handle.stat()).size;
  let buffer = new Uint8Array(0);
  return {
    size,
    async read(offset: number, length: number): Promise<Uint8Array> {
      if (buffer.byteLength < length) buffer = new Uint8Array(length);
      let got = 0;
      while (got < length) {
        const { bytesRead } = await handle.read(buffer, got, length - got, offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return buffer.subarray(0, got);
    },
    close: () => handle.close(),
  };
}

/** Samples a value every 20 ms; returns the peak when stopped. */
function sampler(read: () => number) {
  let peak = read();
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, read());
    } catch {
      // The process being sampled is gone.
    }
  }, 20);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, read());
    },
  };
}

/** User + system CPU seconds a process used so far (/proc/<pid>/stat, in clock ticks). */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function vmRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}

async function measureUpload(file: string, server: { ready: EvidenceServerReady; pid: number }) {
  const { ready } = server;
  const connection = { baseUrl: ready.url, headers: { cookie: ready.cookie } };
  const recordKey = fromB64(ready.recordKey);
  const source = await fileSource(file);
  global.gc?.();
  const clientRssBefore = process.memoryUsage().rss;
  const serverRssBefore = await vmRss(server.pid);
  const client = sampler(() => process.memoryUsage().rss);
  let serverPeak = serverRssBefore;
  const clientCpu = process.cpuUsage();
  const serverCpu = await cpuSeconds(server.pid);
  const serverTimer = setInterval(() => {
    vmRss(server.pid).then(
      (rss) => (serverPeak = Math.max(serverPeak, rss)),
      () => {},
    );
  }, 20);
  const itemId = randomUUID();
  const itemKey = generateItemKey();
  const fileId = randomUUID();
  const fileKey = generateFileKey();
  const start = performance.now();
  const uploaded = await encryptAndUploadFile({
    ...connection,
    source,
    fileKey,
    parent: { incidentId: ready.incidentId },
    createSha256: () => {
      const hash = createHash('sha256');
      return {
        update: (bytes: Uint8Array) => void hash.update(bytes),
        digest: () => new Uint8Array(hash.digest()),
      };
    },
  });
  const uploadedAt = performance.now();
  const manifest = encodeHashManifest({
    format: HASH_MANIFEST_FORMAT,
    itemId,
    kind: 'file',
    salt: createHash('sha256').update(itemId).digest('hex'),
    files: [
      {
        role: 'original',
        sha256: uploaded.plaintextSha256,
        size: uploaded.plaintextBytes,
        mediaType: 'application/octet-stream',
      },
    ],
  });
  await commitEvidenceItem(connection, {
    id: itemId,
    parent: { incidentId: ready.incidentId },
    sealedItemKey: toB64(sealItemKey(recordKey, itemId, itemKey)),
    sealedMeta: toB64(
      sealItemMeta(itemKey, itemId, {
        title: 'bench',
        description: '',
        originalName: 'bench.bin',
        declaredType: 'application/octet-stream',
        typeMismatch: false,
        obtainedAt: null,
        files: [
          {
            fileId,
            role: 'original',
            sha256: uploaded.plaintextSha256,
            size: uploaded.plaintextBytes,
            mediaType: 'application/octet-stream',
          },
        ],
        hashManifest: new TextDecoder().decode(manifest),
      }),
    ),
    manifestDigest: Buffer.from(hashManifestDigest(manifest)).toString('hex'),
    files: [
      {
        id: fileId,
        uploadId: uploaded.uploadId,
        role: 'original',
        sealedFileKey: toB64(sealFileKey(itemKey, fileId, fileKey)),
        ciphertextSha256: uploaded.ciphertextSha256,
      },
    ],
  });
  const end = performance.now();
  await source.close();
  clearInterval(serverTimer);
  serverPeak = Math.max(serverPeak, await vmRss(server.pid));
  const clientPeakRss = client.stop();
  const usage = process.cpuUsage(clientCpu);
  return {
    clientRssBefore,
    serverRssBefore,
    clientCpuSeconds: (usage.user + usage.system) / 1e6,
    serverCpuSeconds: (await cpuSeconds(server.pid)) - serverCpu,
    seconds: (end - start) / 1000,
    commitMs: end - uploadedAt,
    mbPerSecond: source.size / 1e6 / ((end - start) / 1000),
    clientPeakRss,
    serverPeakRss: serverPeak,
  };
}

/**
 * The Node flags `npm start` runs the server with (the `--` words before the script in
 * package.json's start script), so the bench measures the heap settings a real server
 * has. QORGAN_BENCH_SERVER_FLAGS overrides them, to compare settings.
 */
async function serverNodeFlags(): Promise<string[]> {
  if (process.env.QORGAN_BENCH_SERVER_FLAGS !== undefined) {
    return process.env.QORGAN_BENCH_SERVER_FLAGS.split(' ').filter(Boolean);
  }
  const manifest = JSON.parse(
    await readFile(new URL('../package.json', import.meta.url), 'utf8'),
  ) as { scripts: { start: string } };
  const words = manifest.scripts.start.split(/\s+/).slice(1);
  return words.slice(
    0,
    words.findIndex((word) => !word.startsWith('--')),
  );
}

/**
 * Prepares a data folder (organisation, incident, session) in a setup process, then
 * starts the real server on it as `npm start` does: `build/cli/main.js serve` with the
 * start script's Node flags. Resolves once it answers /healthz.
 */
async function startServer(work: string, engine: string, databaseUrl: string | undefined) {
  const dataDir = path.join(work, `data-${engine}`);
  const env = { ...process.env, DATABASE_URL: databaseUrl ?? '' };
  const setup = await new Promise<EvidenceUploadSetup>((resolve, reject) => {
    let sent: EvidenceUploadSetup | undefined;
    const child = fork(
      fileURLToPath(new URL('./lib/evidence-upload-setup.ts', import.meta.url)),
      [dataDir],
      { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
    );
    child.once('message', (message) => (sent = message as EvidenceUploadSetup));
    child.once('error', reject);
    // Resolved on exit, not on the message: the server must not open the folder before
    // the setup has closed it.
    child.once('exit', (code) =>
      sent && code === 0 ? resolve(sent) : reject(new Error(`the bench setup exited with ${code}`)),
    );
  });
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      ...(await serverNodeFlags()),
      fileURLToPath(new URL('../build/cli/main.js', import.meta.url)),
      'serve',
      '--data',
      dataDir,
      '--port',
      String(port),
    ],
    { env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the bench server exited with ${code}`))),
  );
  for (let ready = false; !ready;) {
    await Promise.race([new Promise((wait) => setTimeout(wait, 100)), exited]);
    ready = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
  }
  return { child, ready: { ...setup, url }, pid: child.pid ?? 0 };
}

function buildServer(): void {
  const built = spawnSync(
    process.execPath,
    [fileURLToPath(new URL('../scripts/build-server.ts', import.meta.url))],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (built.status !== 0) throw new Error(`building the server failed (${built.status})`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
