// Sessions: idle and absolute expiry, a new session per login, the member's own session
// list, signing out one device, and no reach into another member's sessions.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, authKeyFor, createOrganisation, loginCookie } from '../helpers/factories.ts';
import { call } from '../helpers/http.ts';
import { createTestApp, sessionCookieOf, type TestApp } from '../helpers/test-app.ts';

const MINUTE = 60_000;

interface SessionView {
  id: string;
  device: string;
  current: boolean;
}

for (const engine of engines()) {
  describe(`sessions (${engine.engine})`, { skip: engine.skip }, () => {
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

    const status = async (cookie: string) =>
      (await call(t, 'GET', '/api/me', { cookie })).statusCode;
    const sessions = async (cookie: string) => {
      const res = await call(t, 'GET', '/api/me/sessions', { cookie });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ sessions: SessionView[] }>().sessions;
    };
    const currentId = async (cookie: string) => {
      const found = (await sessions(cookie)).find((s) => s.current);
      assert.ok(found, 'the current session is flagged');
      return found.id;
    };

    test('a session ends after the idle time without requests, and activity keeps it alive', async () => {
      const org = await createOrganisation(t);
      const idle = t.config.session.idleMinutes * MINUTE;
      t.clock.advance(idle - 2 * MINUTE);
      assert.equal(await status(org.admin.cookie), 200, 'still alive just before the idle limit');
      t.clock.advance(idle - 2 * MINUTE);
      assert.equal(await status(org.admin.cookie), 200, 'the last request restarted the idle time');
      t.clock.advance(idle + MINUTE);
      assert.equal(await status(org.admin.cookie), 401, 'idle for longer than the limit');
    });

    test('a session ends at its absolute limit however active it is', async () => {
      const org = await createOrganisation(t);
      const absolute = t.config.session.absoluteHours * 60 * MINUTE;
      const stride = Math.floor(t.config.session.idleMinutes / 2) * MINUTE;
      let elapsed = 0;
      while (elapsed + stride < absolute) {
        t.clock.advance(stride);
        elapsed += stride;
        assert.equal(
          await status(org.admin.cookie),
          200,
          `alive after ${elapsed / MINUTE} min of activity`,
        );
      }
      t.clock.advance(absolute - elapsed + MINUTE);
      assert.equal(await status(org.admin.cookie), 401, 'past the absolute limit');
    });

    test('each login makes a new session; logging out ends only that one', async () => {
      const org = await createOrganisation(t);
      const second = await loginCookie(t, org.admin.email, org.admin.password);
      assert.notEqual(second, org.admin.cookie);
      assert.equal(await status(org.admin.cookie), 200, 'the earlier session is not replaced');
      assert.equal(await status(second), 200);

      const out = await call(t, 'POST', '/api/auth/logout', {
        cookie: org.admin.cookie,
        payload: {},
      });
      assert.equal(out.statusCode, 204);
      const cleared = out.cookies.find((c) => c.name === '__Host-qorgan_session');
      assert.ok(cleared && cleared.value === '', 'the cookie is cleared');
      assert.equal(await status(org.admin.cookie), 401, 'the logged-out cookie is dead');
      assert.equal(await status(second), 200, 'the other session lives on');
    });

    test('a member lists their own sessions with the current one flagged, and ends another', async () => {
      const org = await createOrganisation(t);
      const phone = await call(t, 'POST', '/api/auth/login', {
        headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Gecko/20100101 Firefox/128.0' },
        payload: {
          email: org.admin.email,
          authKey: await authKeyFor(t, org.admin.email, org.admin.password),
        },
      });
      const phoneCookie = sessionCookieOf(phone);
      const list = await sessions(org.admin.cookie);
      assert.equal(list.length, 2);
      assert.equal(list.filter((s) => s.current).length, 1);
      const phoneSession = list.find((s) => !s.current);
      assert.ok(phoneSession);
      assert.equal(
        phoneSession.device,
        'Firefox · Android',
        'a coarse device label, not the user agent',
      );
      assert.equal(
        await currentId(phoneCookie),
        phoneSession.id,
        'the phone sees itself as current',
      );

      const ended = await call(t, 'DELETE', `/api/me/sessions/${phoneSession.id}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(ended.statusCode, 204);
      assert.equal(await status(phoneCookie), 401);
      assert.equal(await status(org.admin.cookie), 200);
      assert.deepEqual(
        (await sessions(org.admin.cookie)).map((s) => s.current),
        [true],
      );
      const again = await call(t, 'DELETE', `/api/me/sessions/${phoneSession.id}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(again.statusCode, 404, 'an ended session is gone');
    });

    test('ending another member’s session answers 404 and leaves it alive', async () => {
      const org = await createOrganisation(t);
      const member = await addMember(t, org, 'case_worker');
      const theirs = await currentId(member.cookie);
      const res = await call(t, 'DELETE', `/api/me/sessions/${theirs}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(res.statusCode, 404);
      assert.equal(await status(member.cookie), 200);
      assert.ok(
        !(await sessions(org.admin.cookie)).some((s) => s.id === theirs),
        'and it is not listed',
      );
    });

    test('ending one’s own current session signs out', async () => {
      const org = await createOrganisation(t);
      const res = await call(t, 'DELETE', `/api/me/sessions/${await currentId(org.admin.cookie)}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(res.statusCode, 204);
      assert.equal(await status(org.admin.cookie), 401);
    });
  });
}
