// The incident list on both engines: every filter, every sort in both directions, keyset
// pages that neither skip nor repeat, and only the organisation's own incidents.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CreateIncidentRequest, IncidentSummaryDto } from '../../src/common/api/records.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { call, errorOf } from '../helpers/http.ts';
import { createTestIncident } from '../helpers/records.ts';
import { createTestReport } from '../helpers/reports.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

type Coded = Partial<Omit<CreateIncidentRequest, 'id' | 'sealedRecordKey' | 'sources'>>;

for (const engine of engines()) {
  describe(`incident list (${engine.engine})`, { skip: engine.skip }, () => {
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

    const list = async (org: TestOrganisation, query: string) => {
      const res = await call(t, 'GET', `/api/incidents?${query}`, { cookie: org.admin.cookie });
      assert.equal(res.statusCode, 200, `${query}: ${res.body}`);
      return res.json<{ incidents: IncidentSummaryDto[]; next: string | null }>();
    };
    const idsOf = async (org: TestOrganisation, query: string) =>
      (await list(org, `${query}&limit=500`)).incidents.map((i) => i.id).sort();

    test('every coded filter finds exactly the matching incidents', async () => {
      const org = await createOrganisation(t);
      const other = await createOrganisation(t);
      const report = await createTestReport(t, org, { status: 'accepted' });
      const make = async (coded: Coded) =>
        (await createTestIncident(t, org, org.admin, { coded })).id;
      const a = await make({
        incidentDate: '2026-01-10',
        datePrecision: 'day',
        oblast: 'almaty_city',
        city: 'Almaty',
        placeType: 'home',
        incidentTypes: ['family_confinement', 'threats'],
        biasMotivations: ['sexual_orientation'],
        biasIndicators: ['words'],
        perpetratorTypes: ['family_member'],
        odihrCategory: 'violent_attack',
        violationStatus: 'confirmed',
        reportedToPolice: 'yes',
        policeResponse: 'refused_to_register',
        reportId: report.reportId,
      });
      const b = await make({
        incidentDate: '2026-02-01',
        datePrecision: 'month',
        oblast: 'astana',
        city: 'Astana',
        placeType: 'online',
        onlinePlatform: 'telegram',
        incidentTypes: ['online_hate'],
        biasMotivations: ['gender_identity'],
        biasIndicators: ['symbols'],
        perpetratorTypes: ['online_accounts'],
        odihrCategory: 'hate_speech',
        violationStatus: 'possible',
        reportedToPolice: 'no',
      });
      const c = await make({
        incidentDate: null,
        datePrecision: 'unknown',
        oblast: 'astana',
        placeType: 'workplace',
        incidentTypes: ['discrimination_work', 'threats'],
        biasMotivations: ['sexual_orientation', 'gender_expression'],
        perpetratorTypes: ['employer_colleague'],
        odihrCategory: 'discrimination',
        reportedToPolice: 'yes',
        policeResponse: 'investigating',
      });
      // Another organisation's incident matches every filter below and is never listed.
      await createTestIncident(t, other, other.admin, {
        coded: { oblast: 'astana', incidentTypes: ['threats'], odihrCategory: 'hate_speech' },
      });

      const cases: [string, string[]][] = [
        ['', [a, b, c]],
        ['from=2026-01-15', [b]],
        ['to=2026-01-31', [a]],
        ['from=2026-01-01&to=2026-12-31', [a, b]],
        ['datePrecision=month', [b]],
        ['datePrecision=unknown', [c]],
        ['oblast=astana', [b, c]],
        ['city=Almaty', [a]],
        ['placeType=online', [b]],
        ['onlinePlatform=telegram', [b]],
        ['incidentTypes=threats', [a, c]],
        ['incidentTypes=online_hate,family_confinement', [a, b]],
        ['biasMotivations=sexual_orientation', [a, c]],
        ['biasMotivations=gender_identity,gender_expression', [b, c]],
        ['biasIndicators=symbols', [b]],
        ['perpetratorTypes=family_member,employer_colleague', [a, c]],
        ['odihrCategory=hate_speech', [b]],
        ['crimeStatus=crime', [a]],
        ['crimeStatus=non_crime', [b, c]],
        ['violationStatus=confirmed', [a]],
        ['violationStatus=unknown', [c]],
        ['reportedToPolice=yes', [a, c]],
        ['policeResponse=refused_to_register', [a]],
        ['hasReport=true', [a]],
        ['hasReport=false', [b, c]],
        ['oblast=astana&incidentTypes=threats&reportedToPolice=yes', [c]],
        ['oblast=shymkent', []],
      ];
      for (const [query, expected] of cases) {
        assert.deepEqual(await idsOf(org, query), [...expected].sort(), query || '(no filter)');
      }
    });

    test('an incident is found by its reference in any letter case, and by its report', async () => {
      const org = await createOrganisation(t);
      const other = await createOrganisation(t);
      const report = await createTestReport(t, org, { status: 'accepted' });
      const first = await createTestIncident(t, org, org.admin, {
        coded: { reportId: report.reportId },
      });
      const second = await createTestIncident(t, org, org.admin, {
        coded: { reportId: report.reportId },
      });
      const unrelated = await createTestIncident(t, org);
      const theirs = await createTestIncident(t, other);
      assert.deepEqual(await idsOf(org, `reference=${first.reference}`), [first.id]);
      assert.deepEqual(
        await idsOf(org, `reference=${encodeURIComponent(` ${first.reference.toLowerCase()} `)}`),
        [first.id],
        'the reference is matched whatever its letter case and surrounding spaces',
      );
      assert.deepEqual(await idsOf(org, `reference=${unrelated.reference}`), [unrelated.id]);
      assert.deepEqual(
        await idsOf(org, `reference=${theirs.reference}`),
        [],
        "another organisation's incident is not found by its reference",
      );
      assert.deepEqual(
        await idsOf(org, `reportId=${report.reportId}`),
        [first.id, second.id].sort(),
      );
      assert.deepEqual(await idsOf(other, `reportId=${report.reportId}`), []);
      assert.deepEqual(
        await idsOf(org, `reportId=${report.reportId}&reference=${second.reference}`),
        [second.id],
      );
      const bad = await call(t, 'GET', '/api/incidents?reference=7KQ3', {
        cookie: org.admin.cookie,
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /I-7KQ3/, 'the message shows what a reference looks like');
      const badReport = await call(t, 'GET', '/api/incidents?reportId=R-7KQ3', {
        cookie: org.admin.cookie,
      });
      assert.equal(badReport.statusCode, 400);
    });

    test('a bad filter or cursor is a 400 naming the problem', async () => {
      const org = await createOrganisation(t);
      for (const query of [
        'oblast=atlantis',
        'incidentTypes=threats,teleportation',
        'from=2026-13-01',
        'sort=title',
        'limit=0',
        'cursor=garbage',
      ]) {
        const res = await call(t, 'GET', `/api/incidents?${query}`, { cookie: org.admin.cookie });
        assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
        assert.ok(['invalid_request', 'invalid_cursor'].includes(errorOf(res).code), query);
      }
    });

    test('each sort in each direction pages through every incident once, in order', async () => {
      const org = await createOrganisation(t);
      const dates = [
        '2025-05-01',
        null,
        '2026-01-10',
        '2025-05-01',
        '2024-12-31',
        null,
        '2026-03-03',
        '2025-05-01',
      ];
      const made: { id: string; date: string | null; created: number }[] = [];
      for (const date of dates) {
        const incident = await createTestIncident(t, org, org.admin, {
          coded: { incidentDate: date, datePrecision: date ? 'day' : 'unknown' },
        });
        made.push({ id: incident.id, date, created: t.clock.now().getTime() });
        t.clock.advance(1000);
      }
      // Touch two so the update order differs from the creation order.
      for (const target of [made[2], made[0]]) {
        assert.ok(target);
        const res = await call(t, 'PATCH', `/api/incidents/${target.id}`, {
          cookie: org.admin.cookie,
          payload: { expectedVersion: 1, violationStatus: 'likely' },
        });
        assert.equal(res.statusCode, 200);
        t.clock.advance(1000);
      }

      const pageThrough = async (sort: string, order: string) => {
        const seen: IncidentSummaryDto[] = [];
        let cursor: string | null = null;
        do {
          const page = await list(
            org,
            `sort=${sort}&order=${order}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          );
          assert.ok(page.incidents.length <= 3);
          seen.push(...page.incidents);
          cursor = page.next;
        } while (cursor);
        return seen;
      };

      const byKey =
        (key: (i: IncidentSummaryDto) => string, desc: boolean) =>
        (a: IncidentSummaryDto, b: IncidentSummaryDto) => {
          const ka = key(a);
          const kb = key(b);
          const cmp = ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
          return desc ? -cmp : cmp;
        };
      const keys: Record<string, (i: IncidentSummaryDto) => string> = {
        // An unknown date sorts as the earliest.
        incident_date: (i) => i.incidentDate ?? '0000-00-00',
        created: (i) => i.createdAt,
        updated: (i) => i.updatedAt,
      };
      for (const sort of ['incident_date', 'created', 'updated']) {
        for (const order of ['asc', 'desc']) {
          const seen = await pageThrough(sort, order);
          assert.equal(seen.length, made.length, `${sort} ${order}: every incident once`);
          assert.equal(new Set(seen.map((i) => i.id)).size, made.length, `${sort} ${order}`);
          const key = keys[sort];
          assert.ok(key);
          const expected = [...seen].sort(byKey(key, order === 'desc'));
          assert.deepEqual(
            seen.map((i) => i.id),
            expected.map((i) => i.id),
            `${sort} ${order}: in order`,
          );
        }
      }
      const newestFirst = await list(org, 'limit=1');
      assert.equal(newestFirst.incidents[0]?.incidentDate, '2026-03-03', 'default: latest date');
      const updated = await list(org, 'sort=updated&limit=1');
      assert.equal(updated.incidents[0]?.id, made[0]?.id, 'the last edited comes first');
    });

    test('on PostgreSQL the date-sorted list reads its keyset index in order, without sorting', async (ctx) => {
      if (engine.engine !== 'postgres') return ctx.skip('plans are checked on PostgreSQL');
      const { sql } = await import('kysely');
      const org = await createOrganisation(t);
      const datePlan = await t.database.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        const rows = await sql<{ 'QUERY PLAN': string }>`explain select id from incidents
          where organisation_id = ${org.id}
          order by coalesce(incident_date, '-infinity'::date) desc, id desc limit 50`.execute(trx);
        return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      assert.match(datePlan, /incidents_org_date_keyset_idx/);
      assert.doesNotMatch(datePlan, /Sort/);
    });
  });
}
