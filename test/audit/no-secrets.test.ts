// After a full accounts journey, no audit row holds an e-mail, a password, a token, an auth
// key, a TOTP secret or code, a recovery word, or any sealed value — in any encoding.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fromB64 } from '../../src/common/crypto/encoding.ts';
import {
  approvalFor,
  codeNow,
  enrolTotp,
  invite,
  inviteeFor,
  passwordChangeFor,
  recoveryResetFor,
  totpChallenge,
  type RecoveryStart,
} from '../helpers/accounts.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, authKeyFor, createOrganisation } from '../helpers/factories.ts';
import { call, tokenOfCookie } from '../helpers/http.ts';
import { createTestApp, sessionCookieOf, type TestApp } from '../helpers/test-app.ts';

/** A value and the other spellings it could be stored under. */
function spellings(value: string): string[] {
  const out = [value];
  if (/^[A-Za-z0-9_-]{16,}$/.test(value)) {
    try {
      const bytes = Buffer.from(fromB64(value));
      out.push(bytes.toString('hex'), bytes.toString('base64').replace(/=+$/, ''));
    } catch {
      // Not base64url after all: the plain spelling is enough.
    }
  }
  return out;
}

for (const engine of engines()) {
  describe(`no secrets in the audit log (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    before(async () => {
      database = await engine.open();
      t = await createTestApp(database);
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    test('a full journey leaves only ids, codes and field names in the audit rows', async () => {
      const secrets = new Map<string, string>();
      const keep = (what: string, value: string | undefined) => {
        assert.ok(value, `${what} is known`);
        secrets.set(value, what);
      };

      const org = await createOrganisation(t, 'Journey organisation');
      keep('admin e-mail', org.admin.email);
      keep('admin password', org.admin.password);
      keep('admin session', tokenOfCookie(org.admin.cookie));
      keep('recovery words', org.recoveryWords);
      // Single words are ordinary English ("change", "require"); runs of three are not.
      const words = org.recoveryWords.split(' ');
      for (let i = 0; i + 3 <= words.length; i += 3)
        keep('run of recovery words', words.slice(i, i + 3).join(' '));
      keep('org private key', Buffer.from(org.orgKeyPair.privateKey).toString('base64url'));
      keep('admin auth key', await authKeyFor(t, org.admin.email, org.admin.password));

      // Invitation, acceptance, approval.
      const invitation = await invite(t, org, 'case_worker');
      keep('invitation token', invitation.token);
      const invitee = inviteeFor(org);
      for (const [what, value] of Object.entries({
        ...invitee.credentials,
        kdf: invitee.credentials.kdf.salt,
      })) {
        if (what !== 'locale') keep(`invitee ${what}`, String(value));
      }
      keep('invitee password', invitee.password);
      const accepted = await call(t, 'POST', '/api/invitations/accept', {
        payload: { token: invitation.token, credentials: invitee.credentials },
      });
      const memberId = accepted.json<{ memberId: string }>().memberId;
      keep('invitee session', tokenOfCookie(sessionCookieOf(accepted)));
      const approval = approvalFor(org, invitee);
      keep('sealed org key', approval.sealedOrgKey);
      assert.equal(
        (
          await call(t, 'POST', `/api/members/${memberId}/approve`, {
            cookie: org.admin.cookie,
            payload: approval,
          })
        ).statusCode,
        200,
      );

      // Two-factor sign-in with a code and with a recovery code.
      const totp = await enrolTotp(t, org.admin.cookie);
      keep('TOTP secret', totp.base32);
      for (const code of totp.recoveryCodes) keep('recovery code', code);
      const challenge = await totpChallenge(t, org.admin.email, org.admin.password);
      keep('login challenge', challenge);
      t.clock.advance(30_000);
      const code = codeNow(t, totp.secret);
      const signedIn = await call(t, 'POST', '/api/auth/totp', { payload: { challenge, code } });
      assert.equal(signedIn.statusCode, 200);
      const adminCookie = sessionCookieOf(signedIn);
      keep('2FA session', tokenOfCookie(adminCookie));
      const withRecovery = await call(t, 'POST', '/api/auth/totp', {
        payload: {
          challenge: await totpChallenge(t, org.admin.email, org.admin.password),
          recoveryCode: totp.recoveryCodes[0],
        },
      });
      assert.equal(withRecovery.statusCode, 200);

      // A member changes their password; a failed login; settings; a disabled member.
      const member = {
        id: memberId,
        email: invitee.email,
        password: invitee.password,
        keyPair: invitee.keyPair,
      };
      const change = await passwordChangeFor(t, member);
      for (const [what, value] of Object.entries({
        ...change.body,
        kdf: change.body.kdf.salt,
        newPassword: change.newPassword,
      }))
        keep(`password change ${what}`, value);
      assert.equal(
        (
          await call(t, 'POST', '/api/me/password', {
            cookie: sessionCookieOf(accepted),
            payload: change.body,
          })
        ).statusCode,
        200,
      );
      await call(t, 'POST', '/api/auth/login', {
        payload: { email: invitee.email, authKey: change.body.currentAuthKey },
      });
      await call(t, 'PATCH', '/api/organisation', {
        cookie: adminCookie,
        payload: { name: 'Renamed journey', requireTotp: true },
      });
      await call(t, 'PATCH', '/api/me', { cookie: adminCookie, payload: { locale: 'kk' } });
      const extra = await addMember(t, org, 'viewer');
      keep('viewer e-mail', extra.email);
      await call(t, 'POST', `/api/members/${extra.id}/disable`, {
        cookie: adminCookie,
        payload: {},
      });
      await call(t, 'DELETE', `/api/invitations/${(await invite(t, org)).id}`, {
        cookie: adminCookie,
      });
      await call(t, 'GET', '/api/members', { cookie: adminCookie });

      // Recovery with the 24 words.
      const start = (
        await call(t, 'POST', '/api/recovery/start', { payload: { organisationSlug: org.slug } })
      ).json<RecoveryStart>();
      keep('recovery nonce', start.nonce);
      keep('recovery sealed key', start.recoverySealedKey);
      const reset = recoveryResetFor(org, start, org.admin.id);
      for (const [what, value] of Object.entries(reset.body)) {
        if (typeof value === 'string' && !['organisationId', 'memberId'].includes(what))
          keep(`recovery ${what}`, value);
      }
      keep('recovered password', reset.newPassword);
      assert.equal(
        (await call(t, 'POST', '/api/recovery/complete', { payload: reset.body })).statusCode,
        200,
      );

      const rows = await t.database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('organisation_id', '=', org.id)
        .orderBy('seq')
        .execute();
      const actions = new Set(rows.map((r) => r.action));
      for (const expected of [
        'invitation.accepted',
        'member.approved',
        'member.totp_enabled',
        'member.password_changed',
        'login.failed',
        'recovery.used',
        'members.read',
      ]) {
        assert.ok(actions.has(expected), `the journey recorded ${expected}`);
      }
      for (const row of rows) {
        const text = JSON.stringify({
          ...row,
          prev_hash: undefined,
          hash: undefined,
        }).toLowerCase();
        for (const [value, what] of secrets) {
          for (const spelling of spellings(value)) {
            assert.ok(
              !text.includes(spelling.toLowerCase()),
              `audit event ${row.seq} (${row.action}) holds the ${what}: ${text}`,
            );
          }
        }
      }
    });
  });
}
