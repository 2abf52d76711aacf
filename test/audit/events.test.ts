// Every accounts mutation writes its audit event in the same transaction; a refused one
// writes nothing (except failed logins and recovery attempts, recorded on purpose).
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import {
  acceptInvitation,
  approvalFor,
  enrolTotp,
  invite,
  me,
  passwordStep,
  recoveryResetFor,
  type RecoveryStart,
} from '../helpers/accounts.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation } from '../helpers/factories.ts';
import { actionsSince, auditHead, call } from '../helpers/http.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { CASES, sessionsOf, type Request } from './event-cases.ts';

for (const engine of engines()) {
  describe(`audit events of accounts use cases (${engine.engine})`, { skip: engine.skip }, () => {
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

    for (const c of CASES) {
      test(`${c.name} → ${c.status}, records ${c.actions.length ? c.actions.join(' + ') : 'nothing'}`, async () => {
        const org = await createOrganisation(t);
        const totp = c.totp
          ? await enrolTotp(t, org.admin.cookie)
          : { secret: new Uint8Array(), recoveryCodes: [] };
        const request = await c.prepare(t, org, { secret: totp.secret, codes: totp.recoveryCodes });
        const seq = await auditHead(t);
        const res = await request();
        assert.equal(res.statusCode, c.status, res.body);
        assert.deepEqual(await actionsSince(t, org.id, seq), c.actions);
      });
    }

    test('recovery records recovery.failed for a wrong key and recovery.used for the right one', async () => {
      const org = await createOrganisation(t);
      const other = await createOrganisation(t);
      const start = async () =>
        (
          await call(t, 'POST', '/api/recovery/start', { payload: { organisationSlug: org.slug } })
        ).json<RecoveryStart>();
      const seq = await auditHead(t);
      const wrong = await call(t, 'POST', '/api/recovery/complete', {
        payload: recoveryResetFor(org, await start(), org.admin.id, other.recoveryWords).body,
      });
      assert.equal(wrong.statusCode, 400);
      assert.deepEqual(await actionsSince(t, org.id, seq), ['recovery.failed']);
      const right = await call(t, 'POST', '/api/recovery/complete', {
        payload: recoveryResetFor(org, await start(), org.admin.id).body,
      });
      assert.equal(right.statusCode, 200, right.body);
      assert.deepEqual(await actionsSince(t, org.id, seq), ['recovery.failed', 'recovery.used']);
    });

    test('the event is written in the same transaction: when it cannot be written, the change is undone', async () => {
      const org = await createOrganisation(t);
      const pending = await acceptInvitation(t, org, (await invite(t, org)).token);
      const viewer = await addMember(t, org, 'viewer');
      // A constraint that refuses one action stands in for any failure while writing the event.
      const refuse = (action: string) =>
        sql`alter table audit_events add constraint qorgan_test_refuse check (action <> ${sql.lit(action)}) not valid`.execute(
          t.database.db,
        );
      const allow = () =>
        sql`alter table audit_events drop constraint qorgan_test_refuse`.execute(t.database.db);
      const attempts: [string, Request, () => Promise<void>][] = [
        [
          'member.approved',
          () =>
            call(t, 'POST', `/api/members/${pending.id}/approve`, {
              cookie: org.admin.cookie,
              payload: approvalFor(org, pending),
            }),
          async () => {
            assert.equal((await me(t, pending.cookie)).member.status, 'pending');
            const grant = await t.database.db
              .selectFrom('key_grants')
              .select('id')
              .where('member_id', '=', pending.id)
              .executeTakeFirst();
            assert.equal(grant, undefined, 'no key grant was stored');
          },
        ],
        [
          'member.role_changed',
          () =>
            call(t, 'PATCH', `/api/members/${viewer.id}`, {
              cookie: org.admin.cookie,
              payload: { role: 'admin' },
            }),
          async () => assert.equal((await me(t, viewer.cookie)).member.role, 'viewer'),
        ],
        [
          'invitation.created',
          () =>
            call(t, 'POST', '/api/invitations', {
              cookie: org.admin.cookie,
              payload: { role: 'admin' },
            }),
          async () => {
            const list = await call(t, 'GET', '/api/invitations', { cookie: org.admin.cookie });
            assert.ok(
              !list
                .json<{ invitations: { role: string }[] }>()
                .invitations.some((i) => i.role === 'admin'),
              'no invitation was stored',
            );
          },
        ],
        [
          'session.started',
          () => passwordStep(t, org.admin.email, org.admin.password),
          async () =>
            assert.equal(
              (await sessionsOf(t, org.admin.cookie)).length,
              1,
              'no session was started',
            ),
        ],
      ];
      for (const [action, attempt, check] of attempts) {
        await refuse(action);
        try {
          const res = await attempt();
          assert.equal(res.statusCode, 500, `${action}: ${res.body}`);
        } finally {
          await allow();
        }
        await check();
      }
    });
  });
}
