// Authorisation of every route, derived from ROLE_PERMISSIONS: no session → 401; a role
// without the permission → 403; a pending member → 403 outside their own account; a member
// of another organisation cannot reach this one's objects. The route table must cover
// every route the app registers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROLES, type Role } from '../../src/common/api/accounts.ts';
import { ROLE_PERMISSIONS } from '../../src/common/policy/permissions.ts';
import { acceptInvitation, approvalFor, invite, me } from '../helpers/accounts.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import {
  addMember,
  createOrganisation,
  type TestMember,
  type TestOrganisation,
} from '../helpers/factories.ts';
import { call, countAuditEvents, listRoutes, unknownId } from '../helpers/http.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  AUTHENTICATED_ROUTES,
  OPTIONAL_ROUTES,
  PUBLIC_ROUTES,
  type RouteCase,
} from './route-table.ts';

const label = (r: { method: string; route: string }) => `${r.method} ${r.route}`;

for (const engine of engines()) {
  describe(`authorisation of every route (${engine.engine})`, { skip: engine.skip }, () => {
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

    const send = async (
      r: RouteCase,
      org: TestOrganisation,
      actor: TestMember,
      cookie = actor.cookie,
    ) => {
      const built = await r.build(t, org, actor);
      return call(t, r.method, built.url, {
        cookie,
        payload: built.payload,
        ...(built.headers && { headers: built.headers }),
      });
    };

    test('the table covers every route the app registers, and nothing more', () => {
      const registered = new Set(
        listRoutes(t.app)
          .filter((r) => r.method !== 'HEAD')
          .map((r) => `${r.method} ${r.url}`),
      );
      const known = new Set([...AUTHENTICATED_ROUTES, ...PUBLIC_ROUTES].map(label));
      const optional = new Set(OPTIONAL_ROUTES.map(label));
      const missing = [...registered].filter((r) => !known.has(r) && !optional.has(r));
      assert.deepEqual(
        missing,
        [],
        'routes without an authorisation case: add them to test/http/route-table.ts',
      );
      const stale = [...known].filter((r) => !registered.has(r));
      assert.deepEqual(stale, [], 'table entries for routes that no longer exist');
    });

    test('without a session every authenticated route answers 401 and changes nothing', async () => {
      const org = await createOrganisation(t);
      // Build every valid request first (that may create objects), then send them without a session.
      const requests = [];
      for (const r of AUTHENTICATED_ROUTES)
        requests.push({ r, built: await r.build(t, org, org.admin) });
      const before = await countAuditEvents(t);
      for (const { r, built } of requests) {
        const headers = built.headers && { headers: built.headers };
        const res = await call(t, r.method, built.url, { payload: built.payload, ...headers });
        assert.equal(res.statusCode, 401, `${label(r)}: ${res.body}`);
        if (r.method === 'GET')
          assert.equal((await call(t, 'HEAD', built.url)).statusCode, 401, `HEAD ${r.route}`);
        const garbage = await call(t, r.method, built.url, {
          cookie: '__Host-qorgan_session=not-a-session-token-at-all-xxxxxxxx',
          payload: built.payload,
          ...headers,
        });
        assert.equal(garbage.statusCode, 401, `${label(r)} with an unknown token`);
      }
      assert.equal(
        await countAuditEvents(t),
        before,
        'no refused request was recorded as a change',
      );
    });

    test('every role gets exactly what ROLE_PERMISSIONS grants it', async () => {
      const org = await createOrganisation(t);
      const members = new Map<Role, TestMember>([['admin', org.admin]]);
      for (const role of ROLES)
        if (role !== 'admin') members.set(role, await addMember(t, org, role));
      for (const r of AUTHENTICATED_ROUTES) {
        if (r.need === 'self' || r.need === 'public') continue;
        for (const role of ROLES) {
          const actor = members.get(role);
          assert.ok(actor);
          const allowed = ROLE_PERMISSIONS[role].includes(r.need);
          const res = await send(r, org, actor);
          assert.equal(
            res.statusCode,
            allowed ? r.ok : 403,
            `${label(r)} as ${role} (${r.need} ${allowed ? 'granted' : 'not granted'}): ${res.body}`,
          );
        }
      }
    });

    test('a pending member is refused everything but their own account', async () => {
      const org = await createOrganisation(t);
      for (const r of AUTHENTICATED_ROUTES) {
        // A fresh pending member per route: some self routes end the session they run in.
        const pending = await acceptInvitation(t, org, (await invite(t, org)).token);
        const res = await send(r, org, pending);
        assert.equal(
          res.statusCode,
          r.need === 'self' ? r.ok : 403,
          `${label(r)} as pending: ${res.body}`,
        );
      }
      const pending = await acceptInvitation(t, org, (await invite(t, org)).token);
      const out = await call(t, 'POST', '/api/auth/logout', {
        cookie: pending.cookie,
        payload: {},
      });
      assert.equal(out.statusCode, 204);
      assert.equal((await call(t, 'GET', '/api/me', { cookie: pending.cookie })).statusCode, 401);
    });

    test('an admin of another organisation cannot touch this one’s members, invitations or sessions', async () => {
      const org = await createOrganisation(t, 'Home');
      const outsider = await createOrganisation(t, 'Elsewhere');
      const pending = await acceptInvitation(t, org, (await invite(t, org)).token);
      const active = await addMember(t, org, 'case_worker');
      const open = await invite(t, org);
      const sessions = await call(t, 'GET', '/api/me/sessions', { cookie: active.cookie });
      const activeSession =
        sessions.json<{ sessions: { id: string }[] }>().sessions[0]?.id ?? unknownId();
      const before = await countAuditEvents(t);

      const attempts: [RouteCase['method'], string, unknown][] = [
        ['POST', `/api/members/${pending.id}/approve`, approvalFor(org, pending)],
        ['PATCH', `/api/members/${active.id}`, { role: 'admin' }],
        ['PATCH', `/api/members/${org.admin.id}`, { role: 'viewer' }],
        ['POST', `/api/members/${active.id}/disable`, {}],
        ['POST', `/api/members/${org.admin.id}/disable`, {}],
        ['DELETE', `/api/invitations/${open.id}`, undefined],
        ['DELETE', `/api/me/sessions/${activeSession}`, undefined],
      ];
      for (const [method, url, payload] of attempts) {
        const res = await call(t, method, url, { cookie: outsider.admin.cookie, payload });
        assert.ok(
          [403, 404].includes(res.statusCode),
          `${method} ${url}: ${res.statusCode} ${res.body}`,
        );
      }
      assert.equal(await countAuditEvents(t), before, 'nothing was recorded, so nothing changed');
      assert.equal((await me(t, pending.cookie)).member.status, 'pending');
      assert.deepEqual(
        [(await me(t, active.cookie)).member.role, (await me(t, active.cookie)).member.status],
        ['case_worker', 'active'],
      );
      assert.deepEqual(
        [
          (await me(t, org.admin.cookie)).member.role,
          (await me(t, org.admin.cookie)).member.status,
        ],
        ['admin', 'active'],
      );
      assert.equal(
        (await call(t, 'POST', '/api/invitations/inspect', { payload: { token: open.token } }))
          .statusCode,
        200,
        'invitation still open',
      );

      // Lists show the outsider only their own organisation.
      for (const url of ['/api/members', '/api/invitations', '/api/audit?limit=200']) {
        const res = await call(t, 'GET', url, { cookie: outsider.admin.cookie });
        assert.equal(res.statusCode, 200);
        for (const id of [org.id, org.admin.id, pending.id, active.id, open.id])
          assert.ok(!res.body.includes(id), `${url} leaks ${id}`);
      }
      const theirOrg = await call(t, 'GET', '/api/organisation', { cookie: outsider.admin.cookie });
      assert.equal(theirOrg.json<{ id: string }>().id, outsider.id);
    });
  });
}
