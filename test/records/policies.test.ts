// Who may do what with records, on both engines: another organisation's ids answer 404
// like missing ones and change nothing; a viewer reads but cannot write; a monitor cannot
// read; only an admin deletes. Each test makes its own organisations.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { call, countAuditEvents, unknownId } from '../helpers/http.ts';
import {
  buildAct,
  buildIncident,
  buildIntervention,
  buildPerson,
  createTestAct,
  createTestIncident,
  createTestIntervention,
  createTestPerson,
} from '../helpers/records.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

for (const engine of engines()) {
  describe(`records policies (${engine.engine})`, { skip: engine.skip }, () => {
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

    /** One of each record in `org`, and every request that names them. */
    async function scene(org: TestOrganisation) {
      const incident = await createTestIncident(t, org);
      const second = await createTestIncident(t, org);
      const act = await createTestAct(t, incident, org.admin);
      const person = await createTestPerson(t, org);
      const relative = await createTestPerson(t, org);
      const intervention = await createTestIntervention(t, org);
      const link = await call(t, 'POST', `/api/incidents/${incident.id}/links`, {
        cookie: org.admin.cookie,
        payload: { toIncidentId: second.id, linkType: 'follow_up' },
      });
      const relation = await call(t, 'POST', `/api/people/${person.id}/relations`, {
        cookie: org.admin.cookie,
        payload: { relatedPersonId: relative.id, relation: 'mother_of' },
      });
      const linkId = link.json<{ id: string }>().id;
      const relationId = relation.json<{ id: string }>().id;
      const reads: [Method, string][] = [
        ['GET', `/api/incidents/${incident.id}`],
        ['GET', `/api/incidents/${incident.id}/history`],
        ['GET', `/api/incidents/${incident.id}/acts/${act.id}/history`],
        ['GET', `/api/people/${person.id}`],
        ['GET', `/api/people/${person.id}/history`],
        ['GET', `/api/interventions/${intervention.id}`],
        ['GET', `/api/interventions/${intervention.id}/history`],
      ];
      // In order: each restore follows an edit, so it expects version 2.
      const writes: [Method, string, unknown][] = [
        ['PATCH', `/api/incidents/${incident.id}`, { expectedVersion: 1, oblast: 'astana' }],
        ['POST', `/api/incidents/${incident.id}/history/1/restore`, { expectedVersion: 2 }],
        ['POST', `/api/incidents/${incident.id}/acts`, buildAct(incident)],
        [
          'PATCH',
          `/api/incidents/${incident.id}/acts/${act.id}`,
          { expectedVersion: 1, actType: 'threats' },
        ],
        [
          'POST',
          `/api/incidents/${incident.id}/acts/${act.id}/history/1/restore`,
          { expectedVersion: 2 },
        ],
        ['DELETE', `/api/incidents/${incident.id}/acts/${act.id}`, undefined],
        [
          'POST',
          `/api/incidents/${incident.id}/links`,
          { toIncidentId: second.id, linkType: 'related' },
        ],
        ['DELETE', `/api/incidents/${incident.id}/links/${linkId}`, undefined],
        ['PATCH', `/api/people/${person.id}`, { expectedVersion: 1, ageGroup: '25_34' }],
        ['POST', `/api/people/${person.id}/history/1/restore`, { expectedVersion: 2 }],
        [
          'POST',
          `/api/people/${person.id}/relations`,
          { relatedPersonId: relative.id, relation: 'friend_of' },
        ],
        ['DELETE', `/api/people/${person.id}/relations/${relationId}`, undefined],
        ['PATCH', `/api/interventions/${intervention.id}`, { expectedVersion: 1, priority: 'low' }],
        ['POST', `/api/interventions/${intervention.id}/history/1/restore`, { expectedVersion: 2 }],
      ];
      const deletes: [Method, string][] = [
        ['DELETE', `/api/incidents/${incident.id}`],
        ['DELETE', `/api/people/${person.id}`],
        ['DELETE', `/api/interventions/${intervention.id}`],
      ];
      return { incident, person, intervention, reads, writes, deletes };
    }

    test('another organisation’s admin gets 404 for every record id, and nothing changes', async () => {
      const org = await createOrganisation(t);
      const outsider = await createOrganisation(t);
      const { reads, writes, deletes, incident, person } = await scene(org);
      const before = await countAuditEvents(t);
      for (const [method, url, payload] of [
        ...reads.map(([m, u]) => [m, u, undefined] as const),
        ...writes,
        ...deletes.map(([m, u]) => [m, u, undefined] as const),
      ]) {
        const res = await call(t, method, url, { cookie: outsider.admin.cookie, payload });
        assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
      }
      assert.equal(await countAuditEvents(t), before, 'nothing recorded, so nothing changed');
      // The same for an id that names nothing.
      const res = await call(t, 'GET', `/api/incidents/${unknownId()}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(res.statusCode, 404);
      // Lists and the search index show the outsider none of it.
      for (const url of [
        '/api/incidents',
        '/api/people',
        '/api/interventions',
        '/api/records/search-index',
        '/api/records/search-index?type=person',
      ]) {
        const list = await call(t, 'GET', url, { cookie: outsider.admin.cookie });
        assert.equal(list.statusCode, 200);
        assert.ok(!list.body.includes(incident.id) && !list.body.includes(person.id), url);
      }
      // Ids of another organisation inside a body are "not found" (400), never a hint.
      const theirs = await createTestPerson(t, outsider);
      const refused = await call(t, 'POST', `/api/incidents/${incident.id}/acts`, {
        cookie: org.admin.cookie,
        payload: buildAct(incident, { coded: { victimPersonId: theirs.id } }),
      });
      assert.equal(refused.statusCode, 400);
    });

    test('a viewer reads everything and writes nothing', async () => {
      const org = await createOrganisation(t);
      const viewer = await addMember(t, org, 'viewer');
      const { reads, writes, deletes } = await scene(org);
      for (const [method, url] of reads) {
        const res = await call(t, method, url, { cookie: viewer.cookie });
        assert.equal(res.statusCode, 200, `${method} ${url}: ${res.body}`);
      }
      const before = await countAuditEvents(t);
      const creates: [Method, string, unknown][] = [
        ['POST', '/api/incidents', buildIncident(org).body],
        ['POST', '/api/people', buildPerson(org).body],
        ['POST', '/api/interventions', buildIntervention(org).body],
      ];
      for (const [method, url, payload] of [
        ...creates,
        ...writes,
        ...deletes.map(([m, u]) => [m, u, undefined] as const),
      ]) {
        const res = await call(t, method, url, { cookie: viewer.cookie, payload });
        assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
      }
      assert.equal(await countAuditEvents(t), before);
    });

    test('a monitor cannot read records at all', async () => {
      const org = await createOrganisation(t);
      const monitor = await addMember(t, org, 'monitor');
      const { reads } = await scene(org);
      for (const [method, url] of [
        ...reads,
        ['GET', '/api/incidents'] as const,
        ['GET', '/api/people'] as const,
        ['GET', '/api/interventions'] as const,
        ['GET', '/api/records/search-index'] as const,
      ]) {
        const res = await call(t, method, url, { cookie: monitor.cookie });
        assert.equal(res.statusCode, 403, `${method} ${url}`);
      }
    });

    test('case workers, lawyers and coordinators write but only an admin deletes', async () => {
      const org = await createOrganisation(t);
      for (const role of ['case_worker', 'lawyer', 'coordinator'] as const) {
        const member = await addMember(t, org, role);
        const { writes, deletes } = await scene(org);
        for (const [method, url, payload] of writes) {
          const res = await call(t, method, url, { cookie: member.cookie, payload });
          assert.ok(
            [200, 201, 204].includes(res.statusCode),
            `${role} ${method} ${url}: ${res.body}`,
          );
        }
        for (const [method, url] of deletes) {
          const res = await call(t, method, url, { cookie: member.cookie });
          assert.equal(res.statusCode, 403, `${role} ${method} ${url}`);
        }
      }
      const { deletes } = await scene(org);
      for (const [method, url] of deletes) {
        const res = await call(t, method, url, { cookie: org.admin.cookie });
        assert.equal(res.statusCode, 204, `admin ${method} ${url}: ${res.body}`);
      }
    });
  });
}
