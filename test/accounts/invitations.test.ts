// Invitations: an admin invites, the invitee inspects and accepts (a pending member with
// no key), the admin approves (the organisation key is granted). Links are single-use.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fromB64 } from '../../src/common/crypto/encoding.ts';
import { openKeyGrant } from '../../src/common/crypto/keys.ts';
import { fingerprint } from '../../src/common/crypto/envelope.ts';
import { acceptInvitation, approvalFor, invite, inviteeFor, me } from '../helpers/accounts.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, loginCookie } from '../helpers/factories.ts';
import { call, errorOf } from '../helpers/http.ts';
import { createTestApp, sessionCookieOf, type TestApp } from '../helpers/test-app.ts';

for (const engine of engines()) {
  describe(`invitations (${engine.engine})`, { skip: engine.skip }, () => {
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

    const inspect = (token: string) =>
      call(t, 'POST', '/api/invitations/inspect', { payload: { token } });

    test('an admin creates an invitation; the invitee sees the organisation and role', async () => {
      const org = await createOrganisation(t, 'Inviting organisation');
      const created = await call(t, 'POST', '/api/invitations', {
        cookie: org.admin.cookie,
        payload: { role: 'lawyer' },
      });
      assert.equal(created.statusCode, 201, created.body);
      const { token, id, expiresAt } = created.json<{
        token: string;
        id: string;
        expiresAt: string;
      }>();
      assert.equal(
        new Date(expiresAt).getTime(),
        t.clock.now().getTime() + t.config.invitationDays * 86_400_000,
      );

      const seen = await inspect(token);
      assert.equal(seen.statusCode, 200, seen.body);
      const body = seen.json<{
        organisation: { id: string; name: string; publicKey: string };
        role: string;
      }>();
      assert.equal(body.organisation.id, org.id);
      assert.equal(body.organisation.name, 'Inviting organisation');
      assert.equal(
        fingerprint(fromB64(body.organisation.publicKey)),
        fingerprint(org.orgKeyPair.publicKey),
      );
      assert.equal(body.role, 'lawyer');

      const listed = await call(t, 'GET', '/api/invitations', { cookie: org.admin.cookie });
      const invitations = listed.json<{ invitations: { id: string; state: string }[] }>()
        .invitations;
      assert.deepEqual(
        invitations.map((i) => [i.id, i.state]),
        [[id, 'open']],
      );
      assert.ok(!listed.body.includes(token), 'the token is shown only once');
    });

    test('only an admin may invite', async () => {
      const org = await createOrganisation(t);
      const coordinator = await addMember(t, org, 'coordinator');
      const res = await call(t, 'POST', '/api/invitations', {
        cookie: coordinator.cookie,
        payload: { role: 'admin' },
      });
      assert.equal(res.statusCode, 403);
      const listed = await call(t, 'GET', '/api/invitations', { cookie: org.admin.cookie });
      const states = listed
        .json<{ invitations: { state: string }[] }>()
        .invitations.map((i) => i.state);
      assert.deepEqual(
        states,
        ['used'],
        'only the invitation that brought the coordinator in exists',
      );
    });

    test('accepting makes a pending member: signed in, but without the key or the organisation', async () => {
      const org = await createOrganisation(t);
      const { token } = await invite(t, org, 'monitor');
      const invitee = inviteeFor(org);
      const res = await call(t, 'POST', '/api/invitations/accept', {
        payload: { token, credentials: invitee.credentials },
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json<{ status: string }>().status, 'pending');
      const cookie = sessionCookieOf(res);

      const mine = await me(t, cookie);
      assert.equal(mine.member.status, 'pending');
      assert.equal(mine.member.role, 'monitor');
      assert.equal(mine.keyGrant, null);
      assert.deepEqual(mine.permissions, []);
      for (const url of ['/api/organisation', '/api/members', '/api/keys/status']) {
        const denied = await call(t, 'GET', url, { cookie });
        assert.equal(denied.statusCode, 403, `${url}: ${denied.body}`);
      }
    });

    test('a used, an expired and a revoked invitation all answer 410', async () => {
      const org = await createOrganisation(t);
      const used = await invite(t, org);
      await acceptInvitation(t, org, used.token);
      const expired = await invite(t, org);
      const revoked = await invite(t, org);
      const gone = await call(t, 'DELETE', `/api/invitations/${revoked.id}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(gone.statusCode, 204);
      assert.equal((await inspect(expired.token)).statusCode, 200, 'still open before it expires');
      t.clock.advance(t.config.invitationDays * 86_400_000 + 1_000);
      for (const token of [used.token, expired.token, revoked.token]) {
        assert.equal((await inspect(token)).statusCode, 410);
        const res = await call(t, 'POST', '/api/invitations/accept', {
          payload: { token, credentials: inviteeFor(org).credentials },
        });
        assert.equal(res.statusCode, 410);
        assert.equal(errorOf(res).code, 'invitation_invalid');
      }
      // A week later the admin's session has long ended: sign in again.
      const admin = await loginCookie(t, org.admin.email, org.admin.password);
      const listed = await call(t, 'GET', '/api/invitations', { cookie: admin });
      const states = listed.json<{ invitations: { id: string; state: string }[] }>().invitations;
      const stateOf = (id: string) => states.find((i) => i.id === id)?.state;
      assert.deepEqual(
        [stateOf(used.id), stateOf(expired.id), stateOf(revoked.id)],
        ['used', 'expired', 'revoked'],
      );
      const members = await call(t, 'GET', '/api/members', { cookie: admin });
      assert.equal(
        members.json<{ members: unknown[] }>().members.length,
        2,
        'only the first accept made a member',
      );
    });

    test('two accepts racing with one link: exactly one succeeds', async () => {
      const org = await createOrganisation(t);
      const { token } = await invite(t, org);
      const results = await Promise.all(
        [inviteeFor(org), inviteeFor(org)].map((invitee) =>
          call(t, 'POST', '/api/invitations/accept', {
            payload: { token, credentials: invitee.credentials },
          }),
        ),
      );
      assert.deepEqual(
        results.map((r) => r.statusCode).sort(),
        [201, 410],
        results.map((r) => r.body).join('\n'),
      );
      const members = await call(t, 'GET', '/api/members', { cookie: org.admin.cookie });
      assert.equal(members.json<{ members: unknown[] }>().members.length, 2);
    });

    test('approval activates the member with a key grant that opens to the organisation key', async () => {
      const org = await createOrganisation(t);
      const { token } = await invite(t, org, 'case_worker');
      const member = await acceptInvitation(t, org, token);
      const res = await call(t, 'POST', `/api/members/${member.id}/approve`, {
        cookie: org.admin.cookie,
        payload: approvalFor(org, member),
      });
      assert.equal(res.statusCode, 200, res.body);
      const view = res.json<{ status: string; hasKeyGrant: boolean; approvedAt: string | null }>();
      assert.equal(view.status, 'active');
      assert.equal(view.hasKeyGrant, true);
      assert.ok(view.approvedAt);

      const mine = await me(t, member.cookie);
      assert.equal(mine.member.status, 'active');
      assert.ok(mine.keyGrant);
      const orgKey = openKeyGrant(fromB64(mine.keyGrant), member.keyPair);
      assert.deepEqual(orgKey.privateKey, org.orgKeyPair.privateKey);
      assert.deepEqual(orgKey.publicKey, org.orgKeyPair.publicKey);
      assert.equal(
        (await call(t, 'GET', '/api/organisation', { cookie: member.cookie })).statusCode,
        200,
      );

      const twice = await call(t, 'POST', `/api/members/${member.id}/approve`, {
        cookie: org.admin.cookie,
        payload: approvalFor(org, member),
      });
      assert.equal(twice.statusCode, 409);
    });

    test('an e-mail that already has an account cannot accept, and the link stays usable', async () => {
      const org = await createOrganisation(t);
      const { token } = await invite(t, org);
      const invitee = inviteeFor(org);
      const clash = await call(t, 'POST', '/api/invitations/accept', {
        payload: { token, credentials: { ...invitee.credentials, email: org.admin.email } },
      });
      assert.equal(clash.statusCode, 409);
      const ok = await call(t, 'POST', '/api/invitations/accept', {
        payload: { token, credentials: invitee.credentials },
      });
      assert.equal(ok.statusCode, 201, ok.body);
    });
  });
}
