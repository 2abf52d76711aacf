// Members and the organisation: roles, the last-admin rule, disabling, organisation
// settings, key fingerprints, and the member's own language.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fingerprint } from '../../src/common/crypto/envelope.ts';
import { deriveRecoveryKeys, recoveryWordsToSecret } from '../../src/common/crypto/recovery.ts';
import { ROLE_PERMISSIONS } from '../../src/common/policy/permissions.ts';
import {
  acceptInvitation,
  approvalFor,
  enrolTotp,
  invite,
  me,
  passwordStep,
} from '../helpers/accounts.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation } from '../helpers/factories.ts';
import { call, errorOf } from '../helpers/http.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

for (const engine of engines()) {
  describe(`members and organisation (${engine.engine})`, { skip: engine.skip }, () => {
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

    const setRole = (cookie: string, memberId: string, role: string) =>
      call(t, 'PATCH', `/api/members/${memberId}`, { cookie, payload: { role } });
    const disable = (cookie: string, memberId: string) =>
      call(t, 'POST', `/api/members/${memberId}/disable`, { cookie, payload: {} });

    test('an admin changes a role and the member gets exactly that role’s permissions', async () => {
      const org = await createOrganisation(t);
      const member = await addMember(t, org, 'viewer');
      const res = await setRole(org.admin.cookie, member.id, 'coordinator');
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json<{ role: string }>().role, 'coordinator');
      const mine = await me(t, member.cookie);
      assert.equal(mine.member.role, 'coordinator');
      assert.deepEqual(mine.permissions.sort(), [...ROLE_PERMISSIONS.coordinator].sort());
      assert.equal(
        (await call(t, 'GET', '/api/members', { cookie: member.cookie })).statusCode,
        200,
        'a coordinator reads members',
      );
    });

    test('the last active admin can be neither demoted nor disabled, and nobody disables themselves', async () => {
      const org = await createOrganisation(t);
      const demote = await setRole(org.admin.cookie, org.admin.id, 'viewer');
      assert.equal(demote.statusCode, 409);
      assert.equal(errorOf(demote).code, 'last_admin');
      const self = await disable(org.admin.cookie, org.admin.id);
      assert.equal(self.statusCode, 409);
      assert.equal(errorOf(self).code, 'self');
      const mine = await me(t, org.admin.cookie);
      assert.deepEqual([mine.member.role, mine.member.status], ['admin', 'active']);

      // With a second admin, the first may step down; then the second is the last one.
      const second = await addMember(t, org, 'admin');
      assert.equal((await setRole(org.admin.cookie, org.admin.id, 'coordinator')).statusCode, 200);
      const last = await setRole(second.cookie, second.id, 'viewer');
      assert.equal(last.statusCode, 409);
      assert.equal(errorOf(last).code, 'last_admin');
    });

    // Races are timing-dependent, so each runs a few rounds, each in a fresh organisation.
    const RACE_ROUNDS = 4;
    const activeAdmins = async (orgId: string) =>
      (
        await t.database.db
          .selectFrom('members')
          .select('id')
          .where('organisation_id', '=', orgId)
          .where('role', '=', 'admin')
          .where('status', '=', 'active')
          .execute()
      ).length;

    test('two admins demoting each other at the same moment leave one admin', async () => {
      for (let round = 0; round < RACE_ROUNDS; round += 1) {
        const org = await createOrganisation(t);
        const second = await addMember(t, org, 'admin');
        const results = await Promise.all([
          setRole(org.admin.cookie, second.id, 'viewer'),
          setRole(second.cookie, org.admin.id, 'viewer'),
        ]);
        // The loser may be refused as the last admin (409) or, if it ran second, as no longer
        // an admin (403); what must never happen is both succeeding.
        assert.equal(
          results.filter((r) => r.statusCode === 200).length,
          1,
          results.map((r) => `${r.statusCode} ${r.body}`).join('\n'),
        );
        assert.equal(await activeAdmins(org.id), 1);
      }
    });

    test('two admins disabling each other at the same moment leave one admin', async () => {
      for (let round = 0; round < RACE_ROUNDS; round += 1) {
        const org = await createOrganisation(t);
        const second = await addMember(t, org, 'admin');
        const results = await Promise.all([
          disable(org.admin.cookie, second.id),
          disable(second.cookie, org.admin.id),
        ]);
        // The loser is refused as the last admin (409) or, if it ran second, has no session left (401).
        assert.equal(
          results.filter((r) => r.statusCode === 200).length,
          1,
          results.map((r) => `${r.statusCode} ${r.body}`).join('\n'),
        );
        assert.equal(await activeAdmins(org.id), 1);
      }
    });

    test('approving and changing the role of one member at the same moment both succeed', async () => {
      for (let round = 0; round < RACE_ROUNDS; round += 1) {
        const org = await createOrganisation(t);
        const pending = await acceptInvitation(t, org, (await invite(t, org)).token);
        const results = await Promise.all([
          call(t, 'POST', `/api/members/${pending.id}/approve`, {
            cookie: org.admin.cookie,
            payload: approvalFor(org, pending),
          }),
          setRole(org.admin.cookie, pending.id, 'lawyer'),
        ]);
        assert.deepEqual(
          results.map((r) => r.statusCode),
          [200, 200],
          results.map((r) => r.body).join('\n'),
        );
        const mine = await me(t, pending.cookie);
        assert.deepEqual([mine.member.status, mine.member.role], ['active', 'lawyer']);
      }
    });

    test('a disabled member loses every session, the key grant and the ability to sign in', async () => {
      const org = await createOrganisation(t);
      const member = await addMember(t, org, 'case_worker');
      const res = await disable(org.admin.cookie, member.id);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        [res.json<{ status: string }>().status, res.json<{ hasKeyGrant: boolean }>().hasKeyGrant],
        ['disabled', false],
      );
      assert.equal((await call(t, 'GET', '/api/me', { cookie: member.cookie })).statusCode, 401);
      const login = await passwordStep(t, member.email, member.password);
      assert.equal(login.statusCode, 401);
      assert.equal(errorOf(login).message, 'Wrong e-mail or password.');
      const grant = await t.database.db
        .selectFrom('key_grants')
        .select('id')
        .where('member_id', '=', member.id)
        .executeTakeFirst();
      assert.equal(grant, undefined, 'the sealed organisation key is deleted');
    });

    test('only an admin changes organisation settings', async () => {
      const org = await createOrganisation(t, 'Before');
      const coordinator = await addMember(t, org, 'coordinator');
      const denied = await call(t, 'PATCH', '/api/organisation', {
        cookie: coordinator.cookie,
        payload: { name: 'Hijacked' },
      });
      assert.equal(denied.statusCode, 403);
      // Requiring two-factor sign-in needs it on the admin's own account (require-totp.test.ts).
      await enrolTotp(t, org.admin.cookie);
      const res = await call(t, 'PATCH', '/api/organisation', {
        cookie: org.admin.cookie,
        payload: { name: 'After', defaultLocale: 'ru', requireTotp: true },
      });
      assert.equal(res.statusCode, 200, res.body);
      const seen = await call(t, 'GET', '/api/organisation', { cookie: org.admin.cookie });
      const view = seen.json<{ name: string; defaultLocale: string; requireTotp: boolean }>();
      assert.deepEqual([view.name, view.defaultLocale, view.requireTotp], ['After', 'ru', true]);
      const empty = await call(t, 'PATCH', '/api/organisation', {
        cookie: org.admin.cookie,
        payload: {},
      });
      assert.equal(empty.statusCode, 400, 'an empty change is refused');
    });

    test('key status shows fingerprints of the real public keys and who awaits a grant', async () => {
      const org = await createOrganisation(t);
      await addMember(t, org, 'lawyer', { approve: false });
      const res = await call(t, 'GET', '/api/keys/status', { cookie: org.admin.cookie });
      assert.equal(res.statusCode, 200, res.body);
      const recovery = deriveRecoveryKeys(recoveryWordsToSecret(org.recoveryWords));
      assert.deepEqual(res.json(), {
        organisation: {
          fingerprint: fingerprint(org.orgKeyPair.publicKey),
          recoveryFingerprint: fingerprint(recovery.box.publicKey),
        },
        member: { fingerprint: fingerprint(org.admin.keyPair.publicKey), hasKeyGrant: true },
        awaitingKeyGrant: 1,
      });
    });

    test('a member’s language is remembered', async () => {
      const org = await createOrganisation(t);
      const member = await addMember(t, org, 'monitor');
      const res = await call(t, 'PATCH', '/api/me', {
        cookie: member.cookie,
        payload: { locale: 'kk' },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json<{ member: { locale: string } }>().member.locale, 'kk');
      assert.equal((await me(t, member.cookie)).member.locale, 'kk');
      assert.equal(
        (await me(t, org.admin.cookie)).member.locale,
        'en',
        'other members keep theirs',
      );
      const bad = await call(t, 'PATCH', '/api/me', {
        cookie: member.cookie,
        payload: { locale: 'de' },
      });
      assert.equal(bad.statusCode, 400);
      assert.equal((await me(t, member.cookie)).member.locale, 'kk');
    });
  });
}
