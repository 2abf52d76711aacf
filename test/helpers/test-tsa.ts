// A throwaway RFC 3161 timestamp authority for tests: a root CA and a TSA certificate
// (critical extendedKeyUsage timeStamping) made with the openssl CLI in a temp folder, and
// a local HTTP endpoint that answers `application/timestamp-query` by running
// `openssl ts -reply`. Real openssl, real tokens: what the app accepts from it, it would
// accept from FreeTSA or an organisation's own authority.
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/types.generated.ts';

const run = promisify(execFile);

export async function openssl(args: string[], cwd?: string): Promise<string> {
  const { stdout } = await run('openssl', args, { cwd, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

export interface TestCa {
  dir: string;
  keyPath: string;
  certPath: string;
  certPem: string;
}

/** A self-signed root CA (EC P-256) in `dir`. */
export async function makeTestCa(dir: string, name = 'Qorgan Test Root CA'): Promise<TestCa> {
  const keyPath = join(dir, `${slug(name)}.key`);
  const certPath = join(dir, `${slug(name)}.crt`);
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', keyPath]);
  await openssl([
    'req',
    '-new',
    '-x509',
    '-key',
    keyPath,
    '-out',
    certPath,
    '-days',
    '3650',
    '-subj',
    `/O=Qorgan Tests/CN=${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-addext',
    'subjectKeyIdentifier=hash',
  ]);
  return { dir, keyPath, certPath, certPem: await readFile(certPath, 'utf8') };
}

export type TestTsaMode =
  /** Answer with a granted token. */
  | 'ok'
  /** Answer 503 (the authority is down). */
  | 'unavailable'
  /** Answer a TimeStampResp with status rejection. */
  | 'reject'
  /** Never answer (the client's timeout must fire). */
  | 'hang';

export interface TestTsa {
  /** http://127.0.0.1:<port>/tsr */
  url: string;
  /** The root CA that issued the TSA certificate, PEM: what a client trusts. */
  caPem: string;
  /** The TSA's own certificate, PEM. */
  tsaCertPem: string;
  /** Paths for `openssl ts -verify -CAfile … -untrusted …`. */
  caCertPath: string;
  tsaCertPath: string;
  dir: string;
  /** How the next requests are answered (default 'ok'). */
  mode: TestTsaMode;
  /** Timestamp requests received (DER), in order. */
  requests: Uint8Array[];
  /** Signs `queryDer` with openssl directly, without HTTP; returns the TimeStampResp DER. */
  reply(queryDer: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface TestTsaOptions {
  /** Let the process exit while the TSA still listens (a TSA shared by a whole file). */
  unref?: boolean;
}

let shared: Promise<TestTsa> | undefined;

/**
 * One TSA for the whole test process, started on first use and left to die with it (its
 * folder is removed at exit). For route tables whose entries cannot close what they open.
 */
export function sharedTestTsa(): Promise<TestTsa> {
  shared ??= startTestTsa({ unref: true }).then((tsa) => {
    process.once('exit', () => rmSync(tsa.dir, { recursive: true, force: true }));
    return tsa;
  });
  return shared;
}

/** Starts a test TSA on 127.0.0.1 with a fresh CA. Call close() when done. */
export async function startTestTsa(options: TestTsaOptions = {}): Promise<TestTsa> {
  const dir = await mkdtemp(join(tmpdir(), 'qorgan-test-tsa-'));
  const ca = await makeTestCa(dir);
  const tsaKeyPath = join(dir, 'tsa.key');
  const tsaCsrPath = join(dir, 'tsa.csr');
  const tsaCertPath = join(dir, 'tsa.crt');
  const extPath = join(dir, 'tsa.ext');
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', tsaKeyPath]);
  await openssl([
    'req',
    '-new',
    '-key',
    tsaKeyPath,
    '-out',
    tsaCsrPath,
    '-subj',
    '/O=Qorgan Tests/CN=Qorgan Test TSA',
  ]);
  await writeFile(
    extPath,
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,nonRepudiation',
      'extendedKeyUsage=critical,timeStamping',
      'subjectKeyIdentifier=hash',
      'authorityKeyIdentifier=keyid',
      '',
    ].join('\n'),
  );
  await openssl([
    'x509',
    '-req',
    '-in',
    tsaCsrPath,
    '-CA',
    ca.certPath,
    '-CAkey',
    ca.keyPath,
    '-CAcreateserial',
    '-out',
    tsaCertPath,
    '-days',
    '3650',
    '-extfile',
    extPath,
  ]);
  const configPath = join(dir, 'tsa.cnf');
  await writeFile(join(dir, 'tsaserial'), '01\n');
  await writeFile(
    configPath,
    [
      '[ tsa ]',
      'default_tsa = tsa_config1',
      '[ tsa_config1 ]',
      `dir = ${dir}`,
      'serial = $dir/tsaserial',
      'crypto_device = builtin',
      'signer_cert = $dir/tsa.crt',
      'certs = $dir/' + ca.certPath.slice(dir.length + 1),
      'signer_key = $dir/tsa.key',
      'signer_digest = sha256',
      'default_policy = 1.3.6.1.4.1.99999.1',
      'digests = sha256, sha384, sha512',
      'accuracy = secs:1',
      'ordering = no',
      'tsa_name = yes',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );

  // openssl increments the serial file: one signing at a time.
  let queue: Promise<unknown> = Promise.resolve();
  let counter = 0;
  const reply = (queryDer: Uint8Array): Promise<Uint8Array> => {
    const next = queue.then(async () => {
      const n = ++counter;
      const queryPath = join(dir, `query-${n}.tsq`);
      const replyPath = join(dir, `reply-${n}.tsr`);
      await writeFile(queryPath, queryDer);
      await openssl([
        'ts',
        '-reply',
        '-config',
        configPath,
        '-queryfile',
        queryPath,
        '-out',
        replyPath,
      ]);
      return new Uint8Array(await readFile(replyPath));
    });
    queue = next.catch(() => undefined);
    return next;
  };

  const hanging = new Set<IncomingMessage>();
  const tsa: TestTsa = {
    url: '',
    caPem: ca.certPem,
    tsaCertPem: await readFile(tsaCertPath, 'utf8'),
    caCertPath: ca.certPath,
    tsaCertPath,
    dir,
    mode: 'ok',
    requests: [],
    reply,
    close: async () => {
      for (const request of hanging) request.socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = new Uint8Array(Buffer.concat(chunks));
      if (
        request.method !== 'POST' ||
        request.headers['content-type'] !== 'application/timestamp-query'
      ) {
        response.writeHead(415).end();
        return;
      }
      tsa.requests.push(body);
      if (tsa.mode === 'hang') {
        hanging.add(request);
        return;
      }
      if (tsa.mode === 'unavailable') {
        response.writeHead(503).end();
        return;
      }
      if (tsa.mode === 'reject') {
        // TimeStampResp { status PKIStatusInfo { rejection (2), failInfo badAlg (bit 0) } }
        const rejection = Buffer.from('3009300702010203020780', 'hex');
        response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(rejection);
        return;
      }
      reply(body).then(
        (der) => {
          response
            .writeHead(200, { 'content-type': 'application/timestamp-reply' })
            .end(Buffer.from(der));
        },
        (error: unknown) => {
          if (process.env.QORGAN_TEST_TSA_DEBUG) console.error(error);
          response.writeHead(500).end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  if (options.unref) server.unref();
  tsa.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsr`;
  return tsa;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/**
 * An evidence item row to stamp, written straight to the database (sealed columns hold
 * random bytes: stamping never opens them). Its manifest digest is random, as a salted
 * manifest's is.
 */
export async function insertItemToStamp(
  db: Kysely<DB>,
  options: {
    organisationId: string;
    incidentId?: string;
    caseId?: string;
    collectedBy?: string | null;
    now?: Date;
  },
): Promise<{ id: string; digest: Uint8Array }> {
  const id = randomUUID();
  const digest = new Uint8Array(randomBytes(32));
  await db
    .insertInto('evidence_items')
    .values({
      id,
      organisation_id: options.organisationId,
      incident_id: options.incidentId ?? null,
      case_id: options.caseId ?? null,
      kind: 'file',
      sealed_item_key: new Uint8Array(randomBytes(72)),
      sealed_meta: new Uint8Array(randomBytes(200)),
      manifest_digest: digest,
      collected_by: options.collectedBy ?? null,
      collected_at: options.now ?? new Date(),
    })
    .execute();
  return { id, digest };
}
