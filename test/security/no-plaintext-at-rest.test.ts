// DESIGN.md: nothing that identifies a person is written to disk in plaintext. This test
// creates an organisation and members with unmistakable canary values through the real
// paths (CLI-equivalent registration, HTTP invitation flow), closes the embedded
// database, and searches every byte under the data folder — database files, WAL, the
// instance secret — and the server log for the canaries.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import {
  buildMemberCredentials,
  buildNewOrganisation,
} from '../../src/common/accounts/client-ops.ts';
import { toB64 } from '../../src/common/crypto/encoding.ts';
import {
  createKeyGrant,
  deriveLoginKeys,
  generateSalt,
  TEST_KDF,
} from '../../src/common/crypto/keys.ts';
import { buildApp } from '../../src/server/app.ts';
import { createLogger } from '../../src/server/logger.ts';
import { registerOrganisation } from '../../src/server/modules/accounts/register-organisation.ts';
import { openRuntime } from '../../src/server/runtime.ts';
import { sessionCookieOf } from '../helpers/test-app.ts';

const CANARIES = {
  adminEmail: 'canary-admin-q7x2@example.org',
  adminName: 'Canaryadmin Zhuldyzovna',
  adminPassword: 'canary password Жұлдыз 9931',
  memberEmail: 'canary-member-p4k8@example.org',
  memberName: 'Canarymember Қанатұлы',
  memberPassword: 'canary member password 5512',
};

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

test('no e-mail, name or password reaches the data folder or the log in plaintext', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'qorgan-canary-'));
  const logLines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  try {
    const runtime = await openRuntime({ dataDir, config: { kdf: TEST_KDF, authHash: TEST_KDF } });
    const built = buildNewOrganisation({
      name: 'Canary test organisation',
      slug: 'canary-org',
      defaultLocale: 'kk',
      admin: {
        email: CANARIES.adminEmail,
        displayName: CANARIES.adminName,
        password: CANARIES.adminPassword,
        locale: 'kk',
        kdf: TEST_KDF,
      },
    });
    const created = await registerOrganisation({
      deps: runtime.deps,
      organisation: built.body.organisation,
      admin: built.body.admin,
    });
    const app = await buildApp({
      config: runtime.config,
      database: runtime.database,
      secrets: runtime.secrets,
      blobs: runtime.blobs,
      logger: createLogger({ level: 'debug', destination: logStream }),
    });

    // The admin signs in, invites, the member accepts, the admin approves.
    const pre = await app.inject({
      method: 'POST',
      url: '/api/auth/prelogin',
      payload: { email: CANARIES.adminEmail },
    });
    const kdf = pre.json<{ kdf: { salt: string; opslimit: number; memlimit: number } }>().kdf;
    const { fromB64 } = await import('../../src/common/crypto/encoding.ts');
    const authKey = toB64(deriveLoginKeys(CANARIES.adminPassword, fromB64(kdf.salt), kdf).authKey);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: CANARIES.adminEmail, authKey },
    });
    assert.equal(login.statusCode, 200, login.body);
    const cookie = sessionCookieOf(login);
    const invite = await app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: { cookie },
      payload: { role: 'lawyer' },
    });
    const member = buildMemberCredentials({
      email: CANARIES.memberEmail,
      displayName: CANARIES.memberName,
      password: CANARIES.memberPassword,
      locale: 'ru',
      orgPublicKey: built.orgKeyPair.publicKey,
      kdf: TEST_KDF,
    });
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token: invite.json<{ token: string }>().token, credentials: member.credentials },
    });
    assert.equal(accepted.statusCode, 201, accepted.body);
    const approve = await app.inject({
      method: 'POST',
      url: `/api/members/${accepted.json<{ memberId: string }>().memberId}/approve`,
      headers: { cookie },
      payload: {
        sealedOrgKey: toB64(createKeyGrant(built.orgKeyPair.privateKey, member.keyPair.publicKey)),
      },
    });
    assert.equal(approve.statusCode, 200, approve.body);
    // A password change re-wraps the key; the new password must not land anywhere either.
    const salt = generateSalt();
    const newKeys = deriveLoginKeys(`${CANARIES.adminPassword} changed`, salt, TEST_KDF);
    const { wrapKey } = await import('../../src/common/crypto/envelope.ts');
    const changed = await app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { cookie },
      payload: {
        currentAuthKey: authKey,
        wrappedPrivateKey: toB64(wrapKey(newKeys.wrapKey, built.adminKeyPair.privateKey)),
        kdf: { salt: toB64(salt), opslimit: TEST_KDF.opslimit, memlimit: TEST_KDF.memlimit },
        authKey: toB64(newKeys.authKey),
      },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.ok(created.memberId);
    await app.close();
    await runtime.close();

    const files = await filesUnder(dataDir);
    assert.ok(files.length > 10, 'the embedded database wrote its files');
    const needles = Object.values(CANARIES).flatMap((v) => [v, v.toLowerCase()]);
    const hits: string[] = [];
    for (const file of files) {
      const bytes = await readFile(file);
      for (const needle of needles) {
        // UTF-8 as stored by PostgreSQL text columns; also UTF-16LE, just in case.
        if (
          bytes.includes(Buffer.from(needle, 'utf8')) ||
          bytes.includes(Buffer.from(needle, 'utf16le'))
        ) {
          hits.push(`${path.relative(dataDir, file)}: ${needle}`);
        }
      }
    }
    assert.deepEqual(hits, [], 'plaintext canaries found on disk');
    const log = logLines.join('');
    assert.ok(log.includes('"route"'), 'the server did log requests');
    for (const needle of needles) assert.ok(!log.includes(needle), `the log contains ${needle}`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
