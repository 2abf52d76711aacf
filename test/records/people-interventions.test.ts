// People (pseudonymous, with relations) and interventions on both engines.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type {
  InterventionDetailDto,
  InterventionSummaryDto,
  PersonDetailDto,
  PersonSummaryDto,
} from '../../src/common/api/records.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { call, errorOf } from '../helpers/http.ts';
import {
  buildIntervention,
  createTestIncident,
  createTestIntervention,
  createTestPerson,
  open,
  openKey,
  seal,
} from '../helpers/records.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

for (const engine of engines()) {
  describe(`people and interventions (${engine.engine})`, { skip: engine.skip }, () => {
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

    test('a person has a server-made code name; name, contacts and details open only with the key', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const person = await createTestPerson(t, org, worker, {
        name: 'Ерлан Қасымов',
        contacts: '+7 700 000 0000',
        details: 'Lives with his parents in Shymkent',
        coded: { roles: ['victim', 'source'], ageGroup: '18_24' },
      });
      assert.match(person.codeName, /^P-[0-9A-Z]{4,8}$/);
      const res = await call(t, 'GET', `/api/people/${person.id}`, { cookie: worker.cookie });
      assert.equal(res.statusCode, 200);
      assert.ok(!res.body.includes('Ерлан') && !res.body.includes('+7 700'), 'nothing in clear');
      const detail = res.json<PersonDetailDto>();
      assert.deepEqual(detail.person.roles, ['victim', 'source']);
      const key = openKey(org, detail.sealedRecordKey);
      assert.equal(
        open(key, detail.sealedName, 'people', 'sealed_name', person.id),
        'Ерлан Қасымов',
      );
      assert.equal(
        open(key, detail.sealedContacts, 'people', 'sealed_contacts', person.id),
        '+7 700 000 0000',
      );
      assert.equal(
        open(key, detail.sealedDetails, 'people', 'sealed_details', person.id),
        'Lives with his parents in Shymkent',
      );

      const edited = await call(t, 'PATCH', `/api/people/${person.id}`, {
        cookie: worker.cookie,
        payload: {
          expectedVersion: 1,
          sealedContacts: seal(key, 'Signal only', 'people', 'sealed_contacts', person.id),
        },
      });
      assert.equal(edited.statusCode, 200, edited.body);
      const after = edited.json<PersonDetailDto>();
      assert.equal(after.person.version, 2);
      assert.equal(
        open(key, after.sealedContacts, 'people', 'sealed_contacts', person.id),
        'Signal only',
      );
      const stale = await call(t, 'PATCH', `/api/people/${person.id}`, {
        cookie: worker.cookie,
        payload: { expectedVersion: 1, ageGroup: '25_34' },
      });
      assert.equal(errorOf(stale).code, 'edit_conflict');
    });

    test('code names are unique within the organisation', async () => {
      const org = await createOrganisation(t);
      const names = new Set<string>();
      for (let i = 0; i < 12; i++) names.add((await createTestPerson(t, org)).codeName);
      assert.equal(names.size, 12);
    });

    test('people list: filter by role, perpetrator type and age group, pages in order', async () => {
      const org = await createOrganisation(t);
      const father = await createTestPerson(t, org, org.admin, {
        coded: { roles: ['perpetrator'], perpetratorType: 'father', ageGroup: '50_64' },
      });
      t.clock.advance(1000);
      const victim = await createTestPerson(t, org, org.admin, {
        coded: { roles: ['victim', 'witness'], ageGroup: '18_24' },
      });
      t.clock.advance(1000);
      const officer = await createTestPerson(t, org, org.admin, {
        coded: { roles: ['perpetrator'], perpetratorType: 'police' },
      });
      const ids = async (query: string) =>
        (await call(t, 'GET', `/api/people?${query}`, { cookie: org.admin.cookie }))
          .json<{ people: PersonSummaryDto[] }>()
          .people.map((p) => p.id);
      assert.deepEqual(await ids(''), [officer.id, victim.id, father.id]);
      assert.deepEqual(await ids('order=asc'), [father.id, victim.id, officer.id]);
      assert.deepEqual(await ids('role=perpetrator'), [officer.id, father.id]);
      assert.deepEqual(await ids('role=witness'), [victim.id]);
      assert.deepEqual(await ids('perpetratorType=father'), [father.id]);
      assert.deepEqual(await ids('ageGroup=18_24'), [victim.id]);
      const first = await call(t, 'GET', '/api/people?limit=2', { cookie: org.admin.cookie });
      const page = first.json<{ people: PersonSummaryDto[]; next: string }>();
      assert.equal(page.people.length, 2);
      const second = await call(t, 'GET', `/api/people?limit=2&cursor=${page.next}`, {
        cookie: org.admin.cookie,
      });
      const rest = second.json<{ people: PersonSummaryDto[]; next: string | null }>();
      assert.deepEqual(
        rest.people.map((p) => p.id),
        [father.id],
      );
      assert.equal(rest.next, null);
    });

    test('people list: a person is found by code name in any letter case, only in the organisation', async () => {
      const org = await createOrganisation(t);
      const other = await createOrganisation(t);
      const person = await createTestPerson(t, org);
      await createTestPerson(t, org);
      const theirs = await createTestPerson(t, other);
      const found = async (query: string) => {
        const res = await call(t, 'GET', `/api/people?${query}`, { cookie: org.admin.cookie });
        assert.equal(res.statusCode, 200, res.body);
        return res.json<{ people: PersonSummaryDto[] }>().people.map((p) => p.id);
      };
      assert.deepEqual(await found(`codeName=${person.codeName}`), [person.id]);
      assert.deepEqual(await found(`codeName=${person.codeName.toLowerCase()}`), [person.id]);
      assert.deepEqual(await found(`codeName=${theirs.codeName}`), []);
      const bad = await call(t, 'GET', '/api/people?codeName=Arman', { cookie: org.admin.cookie });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /P-4F2M/);
    });

    test('relations show on both people with their direction', async () => {
      const org = await createOrganisation(t);
      const other = await createOrganisation(t);
      const father = await createTestPerson(t, org);
      const son = await createTestPerson(t, org);
      const stranger = await createTestPerson(t, other);
      const made = await call(t, 'POST', `/api/people/${father.id}/relations`, {
        cookie: org.admin.cookie,
        payload: { relatedPersonId: son.id, relation: 'holds_captive' },
      });
      assert.equal(made.statusCode, 201, made.body);
      const relationId = made.json<{ id: string }>().id;
      const relationsOf = async (id: string) =>
        (
          await call(t, 'GET', `/api/people/${id}`, { cookie: org.admin.cookie })
        ).json<PersonDetailDto>().relations;
      assert.deepEqual(
        (await relationsOf(father.id)).map((r) => [r.direction, r.relation, r.otherPerson.id]),
        [['outgoing', 'holds_captive', son.id]],
      );
      assert.deepEqual(
        (await relationsOf(son.id)).map((r) => [r.direction, r.otherPerson.codeName]),
        [['incoming', father.codeName]],
      );
      const again = await call(t, 'POST', `/api/people/${father.id}/relations`, {
        cookie: org.admin.cookie,
        payload: { relatedPersonId: son.id, relation: 'holds_captive' },
      });
      assert.equal(again.statusCode, 409);
      const foreign = await call(t, 'POST', `/api/people/${father.id}/relations`, {
        cookie: org.admin.cookie,
        payload: { relatedPersonId: stranger.id, relation: 'father_of' },
      });
      assert.equal(foreign.statusCode, 400);
      assert.equal(errorOf(foreign).code, 'person_unknown');
      const self = await call(t, 'POST', `/api/people/${father.id}/relations`, {
        cookie: org.admin.cookie,
        payload: { relatedPersonId: father.id, relation: 'father_of' },
      });
      assert.equal(errorOf(self).code, 'relation_to_self');
      const removed = await call(t, 'DELETE', `/api/people/${son.id}/relations/${relationId}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(removed.statusCode, 204);
      assert.deepEqual(await relationsOf(father.id), []);
    });

    test('an intervention: the police refused to register a complaint; round trip, edit, incident view', async () => {
      const org = await createOrganisation(t);
      const lawyer = await addMember(t, org, 'lawyer');
      const incident = await createTestIncident(t, org, lawyer);
      const made = await createTestIntervention(t, org, lawyer, {
        title: 'Complaint to the district police',
        notes: 'Officer refused to accept it',
        coded: {
          incidentId: incident.id,
          intervenerType: 'lawyer',
          interventionType: 'police_complaint',
          submittedOn: '2026-03-02',
          status: 'submitted',
          priority: 'high',
        },
      });
      const res = await call(t, 'GET', `/api/interventions/${made.id}`, { cookie: lawyer.cookie });
      const detail = res.json<InterventionDetailDto>();
      assert.equal(detail.intervention.authorityResponse, 'awaiting');
      const key = openKey(org, detail.sealedRecordKey);
      assert.equal(
        open(key, detail.sealedTitle, 'interventions', 'sealed_title', made.id),
        'Complaint to the district police',
      );
      assert.equal(
        open(key, detail.sealedNotes, 'interventions', 'sealed_notes', made.id),
        'Officer refused to accept it',
      );
      const answered = await call(t, 'PATCH', `/api/interventions/${made.id}`, {
        cookie: lawyer.cookie,
        payload: {
          expectedVersion: 1,
          authorityResponse: 'refused_to_register',
          responseOn: '2026-03-03',
          status: 'responded',
        },
      });
      assert.equal(answered.statusCode, 200, answered.body);
      assert.equal(answered.json<InterventionDetailDto>().intervention.version, 2);
      const stale = await call(t, 'PATCH', `/api/interventions/${made.id}`, {
        cookie: lawyer.cookie,
        payload: { expectedVersion: 1, status: 'closed' },
      });
      assert.equal(errorOf(stale).code, 'edit_conflict');

      const view = await call(t, 'GET', `/api/incidents/${incident.id}`, {
        cookie: lawyer.cookie,
      });
      assert.deepEqual(
        view
          .json<{ interventions: InterventionSummaryDto[] }>()
          .interventions.map((i) => [i.id, i.authorityResponse]),
        [[made.id, 'refused_to_register']],
      );
    });

    test('an intervention names only an incident and a case of the organisation', async () => {
      const org = await createOrganisation(t);
      const other = await createOrganisation(t);
      const theirIncident = await createTestIncident(t, other);
      const attempt = async (coded: { incidentId?: string; caseId?: string }) =>
        call(t, 'POST', '/api/interventions', {
          cookie: org.admin.cookie,
          payload: buildIntervention(org, { coded }).body,
        });
      const foreign = await attempt({ incidentId: theirIncident.id });
      assert.equal(foreign.statusCode, 400);
      assert.equal(errorOf(foreign).code, 'incident_unknown');
      const noCase = await attempt({ caseId: randomUUID() });
      assert.equal(noCase.statusCode, 400);
      assert.equal(errorOf(noCase).code, 'case_unknown');
      const theirCase = await insertCase(other);
      const foreignCase = await attempt({ caseId: theirCase });
      assert.equal(errorOf(foreignCase).code, 'case_unknown');
      const ownCase = await insertCase(org);
      const ok = await attempt({ caseId: ownCase });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json<InterventionDetailDto>().intervention.caseId, ownCase);
    });

    test('interventions list: every filter', async () => {
      const org = await createOrganisation(t);
      const incident = await createTestIncident(t, org);
      const caseId = await insertCase(org);
      const a = await createTestIntervention(t, org, org.admin, {
        coded: {
          incidentId: incident.id,
          intervenerType: 'lawyer',
          interventionType: 'police_complaint',
          authorityResponse: 'refused_to_register',
          status: 'responded',
          priority: 'urgent',
        },
      });
      t.clock.advance(1000);
      const b = await createTestIntervention(t, org, org.admin, {
        coded: {
          caseId,
          intervenerType: 'un_mechanism',
          interventionType: 'urgent_appeal',
          status: 'submitted',
          priority: 'high',
        },
      });
      t.clock.advance(1000);
      const c = await createTestIntervention(t, org, org.admin, {
        coded: {
          incidentId: incident.id,
          caseId,
          intervenerType: 'journalist',
          interventionType: 'media',
        },
      });
      const ids = async (query: string) =>
        (await call(t, 'GET', `/api/interventions?${query}`, { cookie: org.admin.cookie }))
          .json<{ interventions: InterventionSummaryDto[] }>()
          .interventions.map((i) => i.id);
      const cases: [string, string[]][] = [
        ['', [c.id, b.id, a.id]],
        ['order=asc', [a.id, b.id, c.id]],
        ['status=submitted', [b.id]],
        ['status=planned', [c.id]],
        ['priority=urgent', [a.id]],
        ['interventionType=urgent_appeal', [b.id]],
        ['intervenerType=journalist', [c.id]],
        ['authorityResponse=refused_to_register', [a.id]],
        ['authorityResponse=awaiting', [c.id, b.id]],
        [`incidentId=${incident.id}`, [c.id, a.id]],
        [`caseId=${caseId}`, [c.id, b.id]],
        [`caseId=${caseId}&incidentId=${incident.id}`, [c.id]],
      ];
      for (const [query, expected] of cases) assert.deepEqual(await ids(query), expected, query);
      const page = await call(t, 'GET', '/api/interventions?limit=2', { cookie: org.admin.cookie });
      const next = page.json<{ next: string }>().next;
      assert.deepEqual(await ids(`limit=2&cursor=${next}`), [a.id]);
    });

    /** A bare case row (the cases module owns them; here only its existence matters). */
    async function insertCase(org: TestOrganisation): Promise<string> {
      const id = randomUUID();
      const now = t.clock.now();
      await t.database.db
        .insertInto('cases')
        .values({
          id,
          organisation_id: org.id,
          reference: `C-${randomUUID()
            .slice(0, 6)
            .toUpperCase()
            .replace(/[^0-9A-Z]/g, 'X')}`,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return id;
    }
  });
}
