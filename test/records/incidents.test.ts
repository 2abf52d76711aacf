// Incidents on both engines: a browser's round trip through sealed fields, edits with
// version checks, reports as sources, acts, links, audit events.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  ActDto,
  IncidentDetailDto,
  IncidentSummaryDto,
} from '../../src/common/api/records.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation } from '../helpers/factories.ts';
import { actionsSince, auditHead, call, errorOf } from '../helpers/http.ts';
import {
  buildAct,
  buildIncident,
  createTestAct,
  createTestIncident,
  createTestPerson,
  open,
  openKey,
  seal,
} from '../helpers/records.ts';
import { createTestReport } from '../helpers/reports.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

for (const engine of engines()) {
  describe(`incidents (${engine.engine})`, { skip: engine.skip }, () => {
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

    test('create then get: coded fields as sent, sealed fields open with the organisation key', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const witness = await createTestPerson(t, org, worker, { coded: { roles: ['witness'] } });
      const { body } = buildIncident(org, {
        title: 'Асқар ұсталып отыр',
        description: 'Held at home by his father since March',
        sources: [{ type: 'witness', reliability: 'high', personId: witness.id, note: 'Sister' }],
        coded: {
          incidentDate: '2026-02-14',
          datePrecision: 'day',
          oblast: 'almaty_city',
          city: 'Almaty',
          placeType: 'home',
          incidentTypes: ['family_confinement', 'threats'],
          biasMotivations: ['sexual_orientation'],
          biasIndicators: ['outing'],
          perpetratorTypes: ['family_member'],
          odihrCategory: 'violent_attack',
          violationStatus: 'likely',
          reportedToPolice: 'yes',
          policeResponse: 'refused_to_register',
        },
      });
      const created = await call(t, 'POST', '/api/incidents', {
        cookie: worker.cookie,
        payload: body,
      });
      assert.equal(created.statusCode, 201, created.body);
      const detail = created.json<IncidentDetailDto>();
      assert.match(detail.incident.reference, /^I-[0-9A-Z]{4,8}$/);
      assert.equal(detail.incident.crimeStatus, 'crime', 'a violent attack is a crime');
      assert.equal(detail.incident.version, 1);

      const got = await call(t, 'GET', `/api/incidents/${body.id}`, { cookie: worker.cookie });
      assert.equal(got.statusCode, 200);
      const read = got.json<IncidentDetailDto>();
      const { incident } = read;
      assert.deepEqual(
        [
          incident.incidentDate,
          incident.datePrecision,
          incident.oblast,
          incident.city,
          incident.placeType,
          incident.incidentTypes,
          incident.biasMotivations,
          incident.biasIndicators,
          incident.perpetratorTypes,
          incident.odihrCategory,
          incident.violationStatus,
          incident.reportedToPolice,
          incident.policeResponse,
          incident.createdBy,
        ],
        [
          '2026-02-14',
          'day',
          'almaty_city',
          'Almaty',
          'home',
          ['family_confinement', 'threats'],
          ['sexual_orientation'],
          ['outing'],
          ['family_member'],
          'violent_attack',
          'likely',
          'yes',
          'refused_to_register',
          worker.id,
        ],
      );
      const key = openKey(org, read.sealedRecordKey);
      assert.equal(
        open(key, read.sealedTitle, 'incidents', 'sealed_title', body.id),
        'Асқар ұсталып отыр',
      );
      assert.equal(
        open(key, read.sealedDescription, 'incidents', 'sealed_description', body.id),
        'Held at home by his father since March',
      );
      const source = read.sources[0];
      assert.ok(source);
      assert.equal(source.personId, witness.id);
      assert.equal(
        open(key, source.sealedNote, 'incidents', `sources.note.${source.id}`, body.id),
        'Sister',
      );
      assert.deepEqual(
        read.people.map((p) => p.codeName),
        [witness.codeName],
      );
      assert.ok(!got.body.includes('Held at home'), 'no plaintext on the wire');
    });

    test('hate speech and discrimination default to non-crime', async () => {
      const org = await createOrganisation(t);
      for (const [category, status] of [
        ['hate_speech', 'non_crime'],
        ['discrimination', 'non_crime'],
        ['threat', 'crime'],
        ['other', 'undetermined'],
      ] as const) {
        const made = await createTestIncident(t, org, org.admin, {
          coded: { odihrCategory: category },
        });
        assert.equal(made.detail.incident.crimeStatus, status, category);
      }
    });

    test('update writes only what changed, bumps the version and records who changed which field', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const made = await createTestIncident(t, org, org.admin, { title: 'Old title' });
      const head = await auditHead(t);
      const res = await call(t, 'PATCH', `/api/incidents/${made.id}`, {
        cookie: worker.cookie,
        payload: {
          expectedVersion: 1,
          oblast: 'shymkent',
          sealedTitle: seal(made.recordKey, 'New title', 'incidents', 'sealed_title', made.id),
          odihrCategory: 'hate_speech',
        },
      });
      assert.equal(res.statusCode, 200, res.body);
      const detail = res.json<IncidentDetailDto>();
      assert.equal(detail.incident.version, 2);
      assert.equal(detail.incident.oblast, 'shymkent');
      assert.equal(detail.incident.crimeStatus, 'non_crime');
      assert.equal(detail.incident.updatedBy, worker.id);
      assert.equal(
        open(made.recordKey, detail.sealedTitle, 'incidents', 'sealed_title', made.id),
        'New title',
      );
      assert.deepEqual(await actionsSince(t, org.id, head), ['incident.updated']);
      const event = await t.database.db
        .selectFrom('audit_events')
        .select('fields')
        .where('organisation_id', '=', org.id)
        .where('action', '=', 'incident.updated')
        .executeTakeFirstOrThrow();
      assert.deepEqual(event.fields, {
        version: 2,
        changedFields: ['oblast', 'odihrCategory', 'crimeStatus', 'sealedTitle'],
      });

      // Sending the same values again changes nothing and writes nothing.
      const same = await call(t, 'PATCH', `/api/incidents/${made.id}`, {
        cookie: worker.cookie,
        payload: { expectedVersion: 2, oblast: 'shymkent', sealedTitle: detail.sealedTitle },
      });
      assert.equal(same.statusCode, 200);
      assert.equal(same.json<IncidentDetailDto>().incident.version, 2);
    });

    test('a stale version is a 409 edit_conflict and nothing is written', async () => {
      const org = await createOrganisation(t);
      const made = await createTestIncident(t, org);
      const first = await call(t, 'PATCH', `/api/incidents/${made.id}`, {
        cookie: org.admin.cookie,
        payload: { expectedVersion: 1, oblast: 'astana' },
      });
      assert.equal(first.statusCode, 200);
      const head = await auditHead(t);
      const stale = await call(t, 'PATCH', `/api/incidents/${made.id}`, {
        cookie: org.admin.cookie,
        payload: { expectedVersion: 1, oblast: 'aktobe', violationStatus: 'confirmed' },
      });
      assert.equal(stale.statusCode, 409);
      assert.equal(errorOf(stale).code, 'edit_conflict');
      const now = await call(t, 'GET', `/api/incidents/${made.id}`, { cookie: org.admin.cookie });
      const incident = now.json<IncidentDetailDto>().incident;
      assert.deepEqual(
        [incident.oblast, incident.violationStatus, incident.version],
        ['astana', 'unknown', 2],
      );
      const versions = await t.database.db
        .selectFrom('record_versions')
        .select('version')
        .where('record_id', '=', made.id)
        .execute();
      assert.equal(versions.length, 2);
      assert.deepEqual(await actionsSince(t, org.id, head), ['incident.viewed']);
    });

    test('an incident documents only an accepted report of the organisation', async () => {
      const org = await createOrganisation(t);
      const other = await createOrganisation(t);
      const fresh = await createTestReport(t, org, { status: 'new' });
      const accepted = await createTestReport(t, org, { status: 'accepted' });
      const theirs = await createTestReport(t, other, { status: 'accepted' });
      const attempt = async (reportId: string) =>
        call(t, 'POST', '/api/incidents', {
          cookie: org.admin.cookie,
          payload: buildIncident(org, { coded: { reportId } }).body,
        });
      const notAccepted = await attempt(fresh.reportId);
      assert.equal(notAccepted.statusCode, 400);
      assert.equal(errorOf(notAccepted).code, 'report_not_accepted');
      const foreign = await attempt(theirs.reportId);
      assert.equal(foreign.statusCode, 400);
      assert.equal(errorOf(foreign).code, 'report_unknown');
      const missing = await attempt(crypto.randomUUID());
      assert.equal(errorOf(missing).code, 'report_unknown');
      const ok = await attempt(accepted.reportId);
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json<IncidentDetailDto>().incident.reportId, accepted.reportId);
      const count = await t.database.db
        .selectFrom('incidents')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('organisation_id', '=', org.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1, 'refused requests stored nothing');
    });

    test('a source or act naming another organisation’s person is a 400 and stores nothing', async () => {
      const org = await createOrganisation(t);
      const other = await createOrganisation(t);
      const theirs = await createTestPerson(t, other);
      const res = await call(t, 'POST', '/api/incidents', {
        cookie: org.admin.cookie,
        payload: buildIncident(org, {
          sources: [{ type: 'witness', reliability: 'low', personId: theirs.id }],
        }).body,
      });
      assert.equal(res.statusCode, 400);
      assert.equal(errorOf(res).code, 'person_unknown');
      const made = await createTestIncident(t, org);
      const act = await call(t, 'POST', `/api/incidents/${made.id}/acts`, {
        cookie: org.admin.cookie,
        payload: buildAct(made, { coded: { victimPersonId: theirs.id } }),
      });
      assert.equal(act.statusCode, 400);
      assert.equal(errorOf(act).code, 'person_unknown');
      const perp = await call(t, 'POST', `/api/incidents/${made.id}/acts`, {
        cookie: org.admin.cookie,
        payload: buildAct(made, {
          coded: { perpetrators: [{ personId: theirs.id, involvement: 'direct' }] },
        }),
      });
      assert.equal(errorOf(perp).code, 'person_unknown');
      const detail = await call(t, 'GET', `/api/incidents/${made.id}`, {
        cookie: org.admin.cookie,
      });
      assert.deepEqual(detail.json<IncidentDetailDto>().acts, []);
    });

    test('acts: a family member holds the victim; create, update with versions, delete', async () => {
      const org = await createOrganisation(t);
      const lawyer = await addMember(t, org, 'lawyer');
      const victim = await createTestPerson(t, org, lawyer, { name: 'Victim' });
      const father = await createTestPerson(t, org, lawyer, {
        name: 'Father',
        coded: { roles: ['perpetrator'], perpetratorType: 'father' },
      });
      const made = await createTestIncident(t, org, lawyer);
      const act = await createTestAct(t, made, lawyer, {
        notes: 'Locked in a room, phone taken',
        coded: {
          actType: 'confinement',
          victimPersonId: victim.id,
          perpetrators: [{ personId: father.id, involvement: 'direct', degree: 'confirmed' }],
          methods: ['restraint', 'confiscation_of_phone'],
          physicalConsequences: ['bruises'],
          psychologicalConsequences: ['fear', 'isolation'],
          economicConsequences: ['job_loss'],
          locationType: 'family_home',
          victimStatusAfter: 'confined',
          actDate: '2026-03',
        },
      }).catch((e: unknown) => e);
      assert.ok(act instanceof Error, 'a month is not a date: the request is refused');

      const created = await createTestAct(t, made, lawyer, {
        notes: 'Locked in a room, phone taken',
        coded: {
          actType: 'confinement',
          victimPersonId: victim.id,
          perpetrators: [{ personId: father.id, involvement: 'direct', degree: 'confirmed' }],
          methods: ['restraint', 'confiscation_of_phone'],
          physicalConsequences: ['bruises'],
          psychologicalConsequences: ['fear', 'isolation'],
          economicConsequences: ['job_loss'],
          locationType: 'family_home',
          victimStatusAfter: 'confined',
          actDate: '2026-03-01',
          datePrecision: 'month',
        },
      });
      const detail = (
        await call(t, 'GET', `/api/incidents/${made.id}`, { cookie: lawyer.cookie })
      ).json<IncidentDetailDto>();
      const got = detail.acts[0];
      assert.ok(got);
      assert.deepEqual(got.perpetrators, [
        { personId: father.id, involvement: 'direct', degree: 'confirmed' },
      ]);
      assert.equal(got.victimStatusAfter, 'confined');
      assert.equal(
        open(made.recordKey, got.sealedNotes, 'acts', 'sealed_notes', created.id),
        'Locked in a room, phone taken',
      );
      assert.deepEqual(
        detail.people.map((p) => p.codeName).sort(),
        [victim.codeName, father.codeName].sort(),
      );

      const person = await call(t, 'GET', `/api/people/${father.id}`, { cookie: lawyer.cookie });
      assert.deepEqual(person.json<{ appearances: unknown[] }>().appearances, [
        {
          incidentId: made.id,
          incidentReference: made.reference,
          actId: created.id,
          as: 'perpetrator',
        },
      ]);

      const updated = await call(t, 'PATCH', `/api/incidents/${made.id}/acts/${created.id}`, {
        cookie: lawyer.cookie,
        payload: { expectedVersion: 1, victimStatusAfter: 'free', methods: ['restraint'] },
      });
      assert.equal(updated.statusCode, 200, updated.body);
      assert.equal(updated.json<ActDto>().version, 2);
      const stale = await call(t, 'PATCH', `/api/incidents/${made.id}/acts/${created.id}`, {
        cookie: lawyer.cookie,
        payload: { expectedVersion: 1, victimStatusAfter: 'missing' },
      });
      assert.equal(stale.statusCode, 409);
      assert.equal(errorOf(stale).code, 'edit_conflict');

      // An act reached through another incident is not found.
      const elsewhere = await createTestIncident(t, org, lawyer);
      const wrong = await call(t, 'PATCH', `/api/incidents/${elsewhere.id}/acts/${created.id}`, {
        cookie: lawyer.cookie,
        payload: { expectedVersion: 2, victimStatusAfter: 'missing' },
      });
      assert.equal(wrong.statusCode, 404);

      const removed = await call(t, 'DELETE', `/api/incidents/${made.id}/acts/${created.id}`, {
        cookie: lawyer.cookie,
      });
      assert.equal(removed.statusCode, 204);
      const after = (
        await call(t, 'GET', `/api/incidents/${made.id}`, { cookie: lawyer.cookie })
      ).json<IncidentDetailDto>();
      assert.deepEqual(after.acts, []);
      const history = await t.database.db
        .selectFrom('record_versions')
        .select('id')
        .where('record_id', '=', created.id)
        .execute();
      assert.deepEqual(history, [], 'the act’s old notes went with it');
    });

    test('links show on both incidents; duplicates, self-links and other organisations are refused', async () => {
      const org = await createOrganisation(t);
      const other = await createOrganisation(t);
      const first = await createTestIncident(t, org);
      const second = await createTestIncident(t, org);
      const theirs = await createTestIncident(t, other);
      const link = await call(t, 'POST', `/api/incidents/${first.id}/links`, {
        cookie: org.admin.cookie,
        payload: { toIncidentId: second.id, linkType: 'retaliation' },
      });
      assert.equal(link.statusCode, 201, link.body);
      const linkId = link.json<{ id: string }>().id;
      const views = async (id: string) =>
        (
          await call(t, 'GET', `/api/incidents/${id}`, { cookie: org.admin.cookie })
        ).json<IncidentDetailDto>().links;
      assert.deepEqual(
        (await views(first.id)).map((l) => [l.direction, l.otherIncidentId, l.otherReference]),
        [['outgoing', second.id, second.reference]],
      );
      assert.deepEqual(
        (await views(second.id)).map((l) => [l.direction, l.otherIncidentId, l.linkType]),
        [['incoming', first.id, 'retaliation']],
      );
      const again = await call(t, 'POST', `/api/incidents/${first.id}/links`, {
        cookie: org.admin.cookie,
        payload: { toIncidentId: second.id, linkType: 'retaliation' },
      });
      assert.equal(again.statusCode, 409);
      const self = await call(t, 'POST', `/api/incidents/${first.id}/links`, {
        cookie: org.admin.cookie,
        payload: { toIncidentId: first.id, linkType: 'related' },
      });
      assert.equal(errorOf(self).code, 'link_to_self');
      const foreign = await call(t, 'POST', `/api/incidents/${first.id}/links`, {
        cookie: org.admin.cookie,
        payload: { toIncidentId: theirs.id, linkType: 'related' },
      });
      assert.equal(foreign.statusCode, 400);
      assert.equal(errorOf(foreign).code, 'incident_unknown');

      // Removed from the other end.
      const removed = await call(t, 'DELETE', `/api/incidents/${second.id}/links/${linkId}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(removed.statusCode, 204);
      assert.deepEqual(await views(first.id), []);
    });

    test('reading an incident is audited; lists are not reads of sealed data', async () => {
      const org = await createOrganisation(t);
      const viewer = await addMember(t, org, 'viewer');
      const made = await createTestIncident(t, org);
      const head = await auditHead(t);
      await call(t, 'GET', '/api/incidents', { cookie: viewer.cookie });
      await call(t, 'GET', `/api/incidents/${made.id}`, { cookie: viewer.cookie });
      await call(t, 'GET', `/api/incidents/${made.id}/history`, { cookie: viewer.cookie });
      await call(t, 'GET', '/api/records/search-index', { cookie: viewer.cookie });
      assert.deepEqual(await actionsSince(t, org.id, head), [
        'incident.viewed',
        'incident.history_viewed',
        'records.search_index_read',
      ]);
      const list = await call(t, 'GET', '/api/incidents', { cookie: viewer.cookie });
      const rows = list.json<{ incidents: IncidentSummaryDto[] }>().incidents;
      assert.equal(rows.length, 1);
      assert.ok(!('sealedTitle' in (rows[0] ?? {})), 'lists carry coded fields only');
    });

    test('audit rows carry ids, codes and field names, never a sealed value', async () => {
      const org = await createOrganisation(t);
      const person = await createTestPerson(t, org, org.admin, { name: 'Sealed name' });
      const made = await createTestIncident(t, org, org.admin, {
        title: 'Sealed title',
        sources: [{ type: 'media', reliability: 'medium', personId: person.id, note: 'Note' }],
      });
      const act = await createTestAct(t, made, org.admin, { notes: 'Sealed notes' });
      const newTitle = seal(made.recordKey, 'Another', 'incidents', 'sealed_title', made.id);
      await call(t, 'PATCH', `/api/incidents/${made.id}`, {
        cookie: org.admin.cookie,
        payload: { expectedVersion: 1, sealedTitle: newTitle },
      });
      const sealedValues = [
        made.detail.sealedTitle,
        made.detail.sources[0]?.sealedNote,
        made.detail.sealedRecordKey,
        person.detail.sealedName,
        person.detail.sealedRecordKey,
        act.sealedNotes,
        newTitle,
      ].filter((v): v is string => typeof v === 'string');
      assert.equal(sealedValues.length, 7);
      const rows = await t.database.db
        .selectFrom('audit_events')
        .select(['action', 'fields'])
        .where('organisation_id', '=', org.id)
        .execute();
      assert.ok(rows.length >= 4);
      const text = JSON.stringify(rows);
      for (const value of sealedValues) {
        assert.ok(!text.includes(value.slice(0, 24)), 'a sealed value reached the audit log');
        assert.ok(!text.includes(Buffer.from(value, 'base64url').toString('hex').slice(0, 32)));
      }
    });

    test('the search index pages through every incident with its sealed key, title and description', async () => {
      const org = await createOrganisation(t);
      const titles = new Map<string, string>();
      for (let i = 0; i < 5; i++) {
        const made = await createTestIncident(t, org, org.admin, {
          title: `Случай ${i}`,
          description: `Описание ${i}`,
        });
        titles.set(made.id, `Случай ${i}`);
      }
      const found = new Map<string, string>();
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await call(
          t,
          'GET',
          `/api/records/search-index?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          { cookie: org.admin.cookie },
        );
        assert.equal(res.statusCode, 200, res.body);
        const page = res.json<{
          entries: { id: string; sealedRecordKey: string; sealedTitle: string | null }[];
          next: string | null;
        }>();
        for (const entry of page.entries) {
          const key = openKey(org, entry.sealedRecordKey);
          found.set(
            entry.id,
            open(key, entry.sealedTitle, 'incidents', 'sealed_title', entry.id) ?? '',
          );
        }
        cursor = page.next;
        pages++;
      } while (cursor);
      assert.equal(pages, 3);
      assert.deepEqual(found, titles);
    });
  });
}
