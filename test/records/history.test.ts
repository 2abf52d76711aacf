// Version history and restore of incidents, acts, people and interventions on both
// engines: who changed which field when, old sealed values opened in the "browser", and an
// earlier version written back as a new one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  ActDto,
  IncidentDetailDto,
  InterventionDetailDto,
  PersonDetailDto,
  VersionListDto,
} from '../../src/common/api/records.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation } from '../helpers/factories.ts';
import { actionsSince, auditHead, call, errorOf } from '../helpers/http.ts';
import {
  createTestAct,
  createTestIncident,
  createTestIntervention,
  createTestPerson,
  open,
  openKey,
  seal,
} from '../helpers/records.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

for (const engine of engines()) {
  describe(`version history (${engine.engine})`, { skip: engine.skip }, () => {
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

    test('incident history: who changed which field, old titles open, restore writes a new version', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const lawyer = await addMember(t, org, 'lawyer');
      const made = await createTestIncident(t, org, worker, {
        title: 'First title',
        coded: { oblast: 'astana' },
      });
      t.clock.advance(60_000);
      const edit = await call(t, 'PATCH', `/api/incidents/${made.id}`, {
        cookie: lawyer.cookie,
        payload: {
          expectedVersion: 1,
          oblast: 'pavlodar',
          sealedTitle: seal(made.recordKey, 'Second title', 'incidents', 'sealed_title', made.id),
        },
      });
      assert.equal(edit.statusCode, 200);
      t.clock.advance(60_000);
      await call(t, 'PATCH', `/api/incidents/${made.id}`, {
        cookie: worker.cookie,
        payload: { expectedVersion: 2, violationStatus: 'confirmed' },
      });

      const res = await call(t, 'GET', `/api/incidents/${made.id}/history`, {
        cookie: worker.cookie,
      });
      assert.equal(res.statusCode, 200, res.body);
      const history = res.json<VersionListDto>();
      assert.deepEqual(
        history.versions.map((v) => [v.version, v.memberId, v.changeKind, v.changedFields]),
        [
          [3, worker.id, 'update', ['violationStatus']],
          [2, lawyer.id, 'update', ['oblast', 'sealedTitle']],
          [1, worker.id, 'create', history.versions[2]?.changedFields],
        ],
      );
      assert.ok(history.versions[2]?.changedFields.includes('sealedTitle'));
      const [v3, v2, v1] = history.versions;
      assert.ok(v1 && v2 && v3);
      assert.ok(Date.parse(v3.changedAt) > Date.parse(v2.changedAt));
      const key = openKey(org, history.sealedRecordKey);
      const titleOf = (snapshot: Record<string, unknown>) =>
        open(key, snapshot.sealedTitle as string, 'incidents', 'sealed_title', made.id);
      assert.equal(titleOf(v1.snapshot), 'First title');
      assert.equal(titleOf(v2.snapshot), 'Second title');
      assert.equal(v1.snapshot.oblast, 'astana');
      assert.ok(!res.body.includes('First title'));

      const stale = await call(t, 'POST', `/api/incidents/${made.id}/history/1/restore`, {
        cookie: lawyer.cookie,
        payload: { expectedVersion: 2 },
      });
      assert.equal(stale.statusCode, 409);
      assert.equal(errorOf(stale).code, 'edit_conflict');
      const missing = await call(t, 'POST', `/api/incidents/${made.id}/history/9/restore`, {
        cookie: lawyer.cookie,
        payload: { expectedVersion: 3 },
      });
      assert.equal(missing.statusCode, 404);

      const head = await auditHead(t);
      const restored = await call(t, 'POST', `/api/incidents/${made.id}/history/1/restore`, {
        cookie: lawyer.cookie,
        payload: { expectedVersion: 3 },
      });
      assert.equal(restored.statusCode, 200, restored.body);
      const detail = restored.json<IncidentDetailDto>();
      assert.equal(detail.incident.version, 4);
      assert.equal(detail.incident.oblast, 'astana');
      assert.equal(detail.incident.violationStatus, 'unknown');
      assert.equal(
        open(key, detail.sealedTitle, 'incidents', 'sealed_title', made.id),
        'First title',
      );
      assert.deepEqual(await actionsSince(t, org.id, head), ['incident.restored']);
      const after = (
        await call(t, 'GET', `/api/incidents/${made.id}/history`, { cookie: worker.cookie })
      ).json<VersionListDto>();
      const v4 = after.versions[0];
      assert.ok(v4);
      assert.deepEqual(
        [v4.version, v4.changeKind, v4.restoredFrom, v4.memberId, v4.changedFields.sort()],
        [4, 'restore', 1, lawyer.id, ['oblast', 'sealedTitle', 'violationStatus']],
      );
      assert.equal(after.versions.length, 4, 'the restored-over versions are kept');
    });

    test('act history opens with the incident key; restore drops a victim deleted since', async () => {
      const org = await createOrganisation(t);
      const incident = await createTestIncident(t, org);
      const victim = await createTestPerson(t, org);
      const act = await createTestAct(t, incident, org.admin, {
        notes: 'First notes',
        coded: { actType: 'beating', victimPersonId: victim.id },
      });
      await call(t, 'PATCH', `/api/incidents/${incident.id}/acts/${act.id}`, {
        cookie: org.admin.cookie,
        payload: {
          expectedVersion: 1,
          actType: 'threats',
          sealedNotes: seal(incident.recordKey, 'Second notes', 'acts', 'sealed_notes', act.id),
        },
      });
      const history = (
        await call(t, 'GET', `/api/incidents/${incident.id}/acts/${act.id}/history`, {
          cookie: org.admin.cookie,
        })
      ).json<VersionListDto>();
      assert.deepEqual(history.versions[0]?.changedFields, ['actType', 'sealedNotes']);
      const key = openKey(org, history.sealedRecordKey);
      assert.equal(
        open(
          key,
          history.versions[1]?.snapshot.sealedNotes as string,
          'acts',
          'sealed_notes',
          act.id,
        ),
        'First notes',
      );

      const deleted = await call(t, 'DELETE', `/api/people/${victim.id}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(deleted.statusCode, 204);
      // Deleting the victim detached them from the act: a new version.
      const restored = await call(
        t,
        'POST',
        `/api/incidents/${incident.id}/acts/${act.id}/history/1/restore`,
        { cookie: org.admin.cookie, payload: { expectedVersion: 3 } },
      );
      assert.equal(restored.statusCode, 200, restored.body);
      const back = restored.json<ActDto>();
      assert.deepEqual([back.actType, back.victimPersonId, back.version], ['beating', null, 4]);
      assert.equal(open(key, back.sealedNotes, 'acts', 'sealed_notes', act.id), 'First notes');
    });

    test('person and intervention history and restore', async () => {
      const org = await createOrganisation(t);
      const person = await createTestPerson(t, org, org.admin, { name: 'Old name' });
      await call(t, 'PATCH', `/api/people/${person.id}`, {
        cookie: org.admin.cookie,
        payload: {
          expectedVersion: 1,
          sealedName: seal(person.recordKey, 'New name', 'people', 'sealed_name', person.id),
          roles: ['victim', 'witness'],
        },
      });
      const personHistory = (
        await call(t, 'GET', `/api/people/${person.id}/history`, { cookie: org.admin.cookie })
      ).json<VersionListDto>();
      assert.deepEqual(personHistory.versions[0]?.changedFields, ['roles', 'sealedName']);
      const restoredPerson = await call(t, 'POST', `/api/people/${person.id}/history/1/restore`, {
        cookie: org.admin.cookie,
        payload: { expectedVersion: 2 },
      });
      const p = restoredPerson.json<PersonDetailDto>();
      assert.deepEqual(p.person.roles, ['victim']);
      assert.equal(
        open(person.recordKey, p.sealedName, 'people', 'sealed_name', person.id),
        'Old name',
      );

      const intervention = await createTestIntervention(t, org, org.admin, {
        coded: { status: 'planned' },
      });
      await call(t, 'PATCH', `/api/interventions/${intervention.id}`, {
        cookie: org.admin.cookie,
        payload: { expectedVersion: 1, status: 'submitted', submittedOn: '2026-02-02' },
      });
      const ih = (
        await call(t, 'GET', `/api/interventions/${intervention.id}/history`, {
          cookie: org.admin.cookie,
        })
      ).json<VersionListDto>();
      assert.deepEqual(ih.versions[0]?.changedFields, ['submittedOn', 'status']);
      const back = await call(
        t,
        'POST',
        `/api/interventions/${intervention.id}/history/1/restore`,
        { cookie: org.admin.cookie, payload: { expectedVersion: 2 } },
      );
      const i = back.json<InterventionDetailDto>();
      assert.deepEqual(
        [i.intervention.status, i.intervention.submittedOn, i.intervention.version],
        ['planned', null, 3],
      );
    });

    test('a viewer reads history but cannot restore; another organisation gets 404', async () => {
      const org = await createOrganisation(t);
      const other = await createOrganisation(t);
      const viewer = await addMember(t, org, 'viewer');
      const made = await createTestIncident(t, org);
      const read = await call(t, 'GET', `/api/incidents/${made.id}/history`, {
        cookie: viewer.cookie,
      });
      assert.equal(read.statusCode, 200);
      const restore = await call(t, 'POST', `/api/incidents/${made.id}/history/1/restore`, {
        cookie: viewer.cookie,
        payload: { expectedVersion: 1 },
      });
      assert.equal(restore.statusCode, 403);
      for (const [method, url] of [
        ['GET', `/api/incidents/${made.id}/history`],
        ['POST', `/api/incidents/${made.id}/history/1/restore`],
      ] as const) {
        const res = await call(t, method, url, {
          cookie: other.admin.cookie,
          payload: method === 'POST' ? { expectedVersion: 1 } : undefined,
        });
        assert.equal(res.statusCode, 404, url);
      }
    });
  });
}
