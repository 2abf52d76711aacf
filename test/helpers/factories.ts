// Test factories: every test makes its own organisation (a fresh tenant), so tests share
// one database per file and need no clean-up. Everything goes through the same client
// operations a browser performs and, past creation, through the HTTP API.
import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/common/api/accounts.ts';
import {
  buildMemberCredentials,
  buildNewOrganisation,
} from '../../src/common/accounts/client-ops.ts';
import { fromB64, toB64 } from '../../src/common/crypto/encoding.ts';
import type { BoxKeyPair } from '../../src/common/crypto/envelope.ts';
import { createKeyGrant, deriveLoginKeys, TEST_KDF } from '../../src/common/crypto/keys.ts';
import { registerOrganisation } from '../../src/server/modules/accounts/register-organisation.ts';
import { sessionCookieOf, type TestApp } from './test-app.ts';

export interface TestMember {
  id: string;
  email: string;
  password: string;
  role: Role;
  keyPair: BoxKeyPair;
  /** Cookie header of a signed-in session. */
  cookie: string;
}

export interface TestOrganisation {
  id: string;
  slug: string;
  orgKeyPair: BoxKeyPair;
  recoveryWords: string;
  admin: TestMember;
}

const unique = () => randomBytes(5).toString('hex');

export async function createOrganisation(
  t: TestApp,
  name = 'Test organisation',
): Promise<TestOrganisation> {
  const slug = `org-${unique()}`;
  const email = `admin-${unique()}@example.org`;
  const password = 'correct horse battery staple';
  const built = buildNewOrganisation({
    name,
    slug,
    defaultLocale: 'en',
    admin: { email, displayName: 'Test Admin', password, locale: 'en', kdf: TEST_KDF },
  });
  const created = await registerOrganisation({
    deps: { db: t.database.db, secrets: t.secrets, config: t.config, now: t.clock.now },
    organisation: built.body.organisation,
    admin: built.body.admin,
  });
  const cookie = await loginCookie(t, email, password);
  return {
    id: created.organisationId,
    slug,
    orgKeyPair: built.orgKeyPair,
    recoveryWords: built.recoveryWords,
    admin: {
      id: created.memberId,
      email,
      password,
      role: 'admin',
      keyPair: built.adminKeyPair,
      cookie,
    },
  };
}

export async function authKeyFor(t: TestApp, email: string, password: string): Promise<string> {
  const pre = await t.app.inject({ method: 'POST', url: '/api/auth/prelogin', payload: { email } });
  const { kdf } = pre.json<{ kdf: { salt: string; opslimit: number; memlimit: number } }>();
  return toB64(deriveLoginKeys(password, fromB64(kdf.salt), kdf).authKey);
}

/** Signs in with e-mail and password only (no 2FA) and returns the session cookie. */
export async function loginCookie(t: TestApp, email: string, password: string): Promise<string> {
  const authKey = await authKeyFor(t, email, password);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, authKey },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return sessionCookieOf(res);
}

/** Invites a member with a role, lets them accept, and (unless told not to) approves them. */
export async function addMember(
  t: TestApp,
  org: TestOrganisation,
  role: Role,
  options: { approve?: boolean } = {},
): Promise<TestMember> {
  const invite = await t.app.inject({
    method: 'POST',
    url: '/api/invitations',
    headers: { cookie: org.admin.cookie },
    payload: { role },
  });
  if (invite.statusCode !== 201)
    throw new Error(`invite failed: ${invite.statusCode} ${invite.body}`);
  const { token } = invite.json<{ token: string }>();
  const email = `${role}-${unique()}@example.org`;
  const password = `password for ${role} ${unique()}`;
  const built = buildMemberCredentials({
    email,
    displayName: `Test ${role}`,
    password,
    locale: 'en',
    orgPublicKey: org.orgKeyPair.publicKey,
    kdf: TEST_KDF,
  });
  const accepted = await t.app.inject({
    method: 'POST',
    url: '/api/invitations/accept',
    payload: { token, credentials: built.credentials },
  });
  if (accepted.statusCode !== 201)
    throw new Error(`accept failed: ${accepted.statusCode} ${accepted.body}`);
  const { memberId } = accepted.json<{ memberId: string }>();
  const member: TestMember = {
    id: memberId,
    email,
    password,
    role,
    keyPair: built.keyPair,
    cookie: sessionCookieOf(accepted),
  };
  if (options.approve !== false) {
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/members/${memberId}/approve`,
      headers: { cookie: org.admin.cookie },
      payload: {
        sealedOrgKey: toB64(createKeyGrant(org.orgKeyPair.privateKey, built.keyPair.publicKey)),
      },
    });
    if (approved.statusCode !== 200)
      throw new Error(`approve failed: ${approved.statusCode} ${approved.body}`);
  }
  return member;
}
