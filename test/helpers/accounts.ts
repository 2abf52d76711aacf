// Account journeys that several test files need: two-factor enrolment and sign-in, a
// browser-side password change, an invitation accepted by hand, recovery-key requests.
import type { LightMyRequestResponse } from 'fastify';
import * as OTPAuth from 'otpauth';
import { buildMemberCredentials } from '../../src/common/accounts/client-ops.ts';
import { fromB64, toB64 } from '../../src/common/crypto/encoding.ts';
import { generateBoxKeyPair, wrapKey, type BoxKeyPair } from '../../src/common/crypto/envelope.ts';
import {
  createKeyGrant,
  deriveLoginKeys,
  generateSalt,
  TEST_KDF,
} from '../../src/common/crypto/keys.ts';
import {
  deriveRecoveryKeys,
  recoveryWordsToSecret,
  recoveryResetDigest,
  signRecoveryChallenge,
} from '../../src/common/crypto/recovery.ts';
import { currentTotpCode } from '../../src/server/modules/accounts/totp.ts';
import { authKeyFor, type TestMember, type TestOrganisation } from './factories.ts';
import { call, randomHex } from './http.ts';
import { sessionCookieOf, type TestApp } from './test-app.ts';

export interface TotpEnrolment {
  /** The raw TOTP secret, decoded from the base32 the server showed. */
  secret: Uint8Array;
  base32: string;
  recoveryCodes: string[];
}

/** The 6-digit code for the test clock's current time. */
export function codeNow(t: TestApp, secret: Uint8Array): string {
  return currentTotpCode(secret, t.clock.now());
}

/** Sets up and enables TOTP for a signed-in member; the enabling code's step is then used up. */
export async function enrolTotp(t: TestApp, cookie: string): Promise<TotpEnrolment> {
  const setup = await call(t, 'POST', '/api/me/totp/setup', { cookie, payload: {} });
  if (setup.statusCode !== 200)
    throw new Error(`totp setup failed: ${setup.statusCode} ${setup.body}`);
  const base32 = setup.json<{ secret: string }>().secret;
  const secret = new Uint8Array(OTPAuth.Secret.fromBase32(base32).bytes);
  const enabled = await call(t, 'POST', '/api/me/totp/enable', {
    cookie,
    payload: { code: codeNow(t, secret) },
  });
  if (enabled.statusCode !== 200)
    throw new Error(`totp enable failed: ${enabled.statusCode} ${enabled.body}`);
  return {
    secret,
    base32,
    recoveryCodes: enabled.json<{ recoveryCodes: string[] }>().recoveryCodes,
  };
}

/** The password step of login, returned raw. */
export async function passwordStep(
  t: TestApp,
  email: string,
  password: string,
): Promise<LightMyRequestResponse> {
  const authKey = await authKeyFor(t, email, password);
  return call(t, 'POST', '/api/auth/login', { payload: { email, authKey } });
}

/** The password step for a member with 2FA on: returns the challenge. */
export async function totpChallenge(t: TestApp, email: string, password: string): Promise<string> {
  const res = await passwordStep(t, email, password);
  const body = res.json<{ next: string; challenge?: string }>();
  if (res.statusCode !== 200 || body.next !== 'totp' || !body.challenge)
    throw new Error(`expected a totp step: ${res.statusCode} ${res.body}`);
  return body.challenge;
}

export interface PasswordChange {
  body: {
    currentAuthKey: string;
    wrappedPrivateKey: string;
    kdf: { salt: string; opslimit: number; memlimit: number };
    authKey: string;
  };
  newPassword: string;
}

/** What a browser sends to change a member's password: the same private key, re-wrapped. */
export async function passwordChangeFor(
  t: TestApp,
  member: Pick<TestMember, 'email' | 'password' | 'keyPair'>,
): Promise<PasswordChange> {
  const newPassword = `new password ${randomHex()}`;
  const salt = generateSalt();
  const keys = deriveLoginKeys(newPassword, salt, TEST_KDF);
  return {
    newPassword,
    body: {
      currentAuthKey: await authKeyFor(t, member.email, member.password),
      wrappedPrivateKey: toB64(wrapKey(keys.wrapKey, member.keyPair.privateKey)),
      kdf: { salt: toB64(salt), ...TEST_KDF },
      authKey: toB64(keys.authKey),
    },
  };
}

export interface BuiltInvitee {
  email: string;
  password: string;
  keyPair: BoxKeyPair;
  credentials: ReturnType<typeof buildMemberCredentials>['credentials'];
}

/** Credentials a browser builds for an invitee of `org`. */
export function inviteeFor(org: TestOrganisation): BuiltInvitee {
  const email = `invitee-${randomHex()}@example.org`;
  const password = `invitee password ${randomHex()}`;
  const built = buildMemberCredentials({
    email,
    displayName: 'Invitee',
    password,
    locale: 'en',
    orgPublicKey: org.orgKeyPair.publicKey,
    kdf: TEST_KDF,
  });
  return { email, password, keyPair: built.keyPair, credentials: built.credentials };
}

/** Creates an invitation as the org admin and returns its id and token. */
export async function invite(
  t: TestApp,
  org: TestOrganisation,
  role = 'case_worker',
): Promise<{ id: string; token: string }> {
  const res = await call(t, 'POST', '/api/invitations', {
    cookie: org.admin.cookie,
    payload: { role },
  });
  if (res.statusCode !== 201) throw new Error(`invite failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string; token: string }>();
}

/** Accepts an invitation with fresh credentials; returns the pending member. */
export async function acceptInvitation(
  t: TestApp,
  org: TestOrganisation,
  token: string,
): Promise<TestMember> {
  const invitee = inviteeFor(org);
  const res = await call(t, 'POST', '/api/invitations/accept', {
    payload: { token, credentials: invitee.credentials },
  });
  if (res.statusCode !== 201) throw new Error(`accept failed: ${res.statusCode} ${res.body}`);
  return {
    id: res.json<{ memberId: string }>().memberId,
    email: invitee.email,
    password: invitee.password,
    role: 'case_worker',
    keyPair: invitee.keyPair,
    cookie: sessionCookieOf(res),
  };
}

/** The body that approves `member`, sealing the organisation key to them. */
export function approvalFor(
  org: TestOrganisation,
  member: Pick<TestMember, 'keyPair'>,
): { sealedOrgKey: string } {
  return {
    sealedOrgKey: toB64(createKeyGrant(org.orgKeyPair.privateKey, member.keyPair.publicKey)),
  };
}

export interface RecoveryStart {
  organisationId: string;
  nonce: string;
  organisationPublicKey: string;
  recoverySealedKey: string;
  admins: { id: string; emailSealed: string; displayNameSealed: string }[];
}

export interface RecoveryReset {
  body: Record<string, unknown>;
  newPassword: string;
  keyPair: BoxKeyPair;
}

/**
 * What the recovery page sends after the 24 words are typed: a new key pair and password
 * for the admin, the organisation key re-granted, and a signature over the challenge.
 */
export function recoveryResetFor(
  org: TestOrganisation,
  start: RecoveryStart,
  adminId: string,
  words = org.recoveryWords,
): RecoveryReset {
  const keys = deriveRecoveryKeys(recoveryWordsToSecret(words));
  const keyPair = generateBoxKeyPair();
  const newPassword = `recovered password ${randomHex()}`;
  const salt = generateSalt();
  const login = deriveLoginKeys(newPassword, salt, TEST_KDF);
  const reset = {
    memberId: adminId,
    publicKey: toB64(keyPair.publicKey),
    wrappedPrivateKey: toB64(wrapKey(login.wrapKey, keyPair.privateKey)),
    kdf: { salt: toB64(salt), ...TEST_KDF },
    authKey: toB64(login.authKey),
    sealedOrgKey: toB64(createKeyGrant(org.orgKeyPair.privateKey, keyPair.publicKey)),
  };
  return {
    newPassword,
    keyPair,
    body: {
      organisationId: start.organisationId,
      nonce: start.nonce,
      signature: toB64(
        signRecoveryChallenge(
          keys,
          start.organisationId,
          fromB64(start.nonce),
          recoveryResetDigest(reset),
        ),
      ),
      ...reset,
    },
  };
}

/** GET /api/me, parsed. */
export async function me(t: TestApp, cookie: string) {
  const res = await call(t, 'GET', '/api/me', { cookie });
  if (res.statusCode !== 200) throw new Error(`/api/me failed: ${res.statusCode} ${res.body}`);
  return res.json<{
    member: {
      id: string;
      role: string;
      status: string;
      locale: string;
      totpEnabled: boolean;
      publicKey: string;
      wrappedPrivateKey: string;
      kdf: { salt: string; opslimit: number; memlimit: number };
    };
    organisation: { id: string; name: string; defaultLocale: string; requireTotp: boolean };
    keyGrant: string | null;
    permissions: string[];
  }>();
}
