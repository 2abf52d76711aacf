// Crypto-erasure on both engines. A canary is written into every sealed field of an
// incident (title, description, a source note, an act's notes, edited once so the history
// holds an older copy), a person (name, contacts, details) and an intervention (title,
// notes). After an admin deletes them, no key, version or row of theirs remains, and nothing
// left in the database opens to the canary with the organisation's private key: every bytea
// and every base64url string inside jsonb (and, on PostgreSQL, in a pg_dump of the whole
// database) is tried as a record key sealed to the organisation and as a field under every
// key so found, with every context the deleted records used. A surviving record written the
// same way must still open: it proves the scan would have found the canary.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import type { IncidentDetailDto } from '../../src/common/api/records.ts';
import { fromB64, fromHex } from '../../src/common/crypto/encoding.ts';
import { decryptFieldText, openSealed } from '../../src/common/crypto/envelope.ts';
import { sodium } from '../../src/common/crypto/sodium.ts';
import { sealedContext, type SealedTable } from '../../src/common/records/contexts.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { actionsSince, auditHead, call } from '../helpers/http.ts';
import {
  createTestAct,
  createTestIncident,
  createTestIntervention,
  createTestPerson,
  seal,
} from '../helpers/records.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const run = promisify(execFile);
const B64URL = /[A-Za-z0-9_-]{40,}/g;

/** Every bytea value, and every long base64url string inside jsonb, of every table. */
async function blobsInTables(t: TestApp): Promise<Uint8Array[]> {
  const columns = await sql<{ table_name: string; column_name: string; data_type: string }>`
    select table_name, column_name, data_type from information_schema.columns
    where table_schema = 'public' and data_type in ('bytea', 'jsonb')`.execute(t.database.db);
  const blobs: Uint8Array[] = [];
  for (const c of columns.rows) {
    const rows = await sql<{ v: unknown }>`select ${sql.ref(c.column_name)} as v
      from ${sql.table(c.table_name)} where ${sql.ref(c.column_name)} is not null`.execute(
      t.database.db,
    );
    for (const { v } of rows.rows) {
      if (v instanceof Uint8Array) blobs.push(new Uint8Array(v));
      else blobs.push(...base64Strings(JSON.stringify(v)));
    }
  }
  return blobs;
}

function base64Strings(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const match of text.match(B64URL) ?? []) {
    try {
      out.push(fromB64(match));
    } catch {
      // not base64url after all
    }
  }
  return out;
}

/** Every hex bytea literal and base64url string of a plain-text pg_dump. */
async function blobsInDump(url: string): Promise<{ blobs: Uint8Array[]; text: string }> {
  const { stdout } = await run('/usr/bin/pg_dump', ['--data-only', '--no-owner', url], {
    maxBuffer: 256 * 1024 * 1024,
  });
  const blobs = [...stdout.matchAll(/\\\\x([0-9a-f]+)/g)].flatMap((m) =>
    m[1] && m[1].length % 2 === 0 ? [fromHex(m[1])] : [],
  );
  return { blobs: [...blobs, ...base64Strings(stdout)], text: stdout };
}

/** Everything the organisation's private key opens among `blobs`, with `contexts`. */
function reveal(org: TestOrganisation, blobs: Uint8Array[], contexts: string[]): string[] {
  const keys: Uint8Array[] = [];
  const texts: string[] = [];
  for (const blob of blobs) {
    try {
      const opened = openSealed(org.orgKeyPair, blob);
      if (opened.length === 32) keys.push(opened);
      texts.push(sodium().to_string(opened));
    } catch {
      // not sealed to this organisation
    }
  }
  for (const blob of blobs) {
    for (const key of keys) {
      for (const context of contexts) {
        try {
          texts.push(decryptFieldText(key, blob, context));
        } catch {
          // not this key or context
        }
      }
    }
  }
  return texts;
}

for (const engine of engines()) {
  describe(`crypto-erasure (${engine.engine})`, { skip: engine.skip }, () => {
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

    test('deleting an incident, a person and an intervention leaves nothing that opens to their text', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const canary = `CANARY-${randomUUID()}`;
      const survivor = `SURVIVOR-${randomUUID()}`;
      const contexts: string[] = [];
      const ctx = (table: SealedTable, column: string, id: string) => {
        contexts.push(sealedContext(table, column, id));
      };

      const person = await createTestPerson(t, org, worker, {
        name: `${canary} name`,
        contacts: `${canary} contacts`,
        details: `${canary} details`,
        coded: { roles: ['victim'] },
      });
      for (const column of ['sealed_name', 'sealed_contacts', 'sealed_details'])
        ctx('people', column, person.id);
      const perpetrator = await createTestPerson(t, org, worker, {
        coded: { roles: ['perpetrator'], perpetratorType: 'brother' },
      });
      await call(t, 'POST', `/api/people/${person.id}/relations`, {
        cookie: worker.cookie,
        payload: { relatedPersonId: perpetrator.id, relation: 'sibling_of' },
      });

      const incident = await createTestIncident(t, org, worker, {
        title: `${canary} title v1`,
        description: `${canary} description`,
        sources: [
          { type: 'victim', reliability: 'high', personId: person.id, note: `${canary} note` },
        ],
      });
      const sourceId = incident.detail.sources[0]?.id ?? '';
      for (const column of ['sealed_title', 'sealed_description', `sources.note.${sourceId}`])
        ctx('incidents', column, incident.id);
      // An edit, so the history holds the first title as well.
      const edited = await call(t, 'PATCH', `/api/incidents/${incident.id}`, {
        cookie: worker.cookie,
        payload: {
          expectedVersion: 1,
          sealedTitle: seal(
            incident.recordKey,
            `${canary} title v2`,
            'incidents',
            'sealed_title',
            incident.id,
          ),
        },
      });
      assert.equal(edited.statusCode, 200);
      const act = await createTestAct(t, incident, worker, {
        notes: `${canary} act notes`,
        coded: {
          actType: 'confinement',
          victimPersonId: person.id,
          perpetrators: [{ personId: perpetrator.id, involvement: 'direct', degree: 'confirmed' }],
        },
      });
      ctx('acts', 'sealed_notes', act.id);

      const intervention = await createTestIntervention(t, org, worker, {
        title: `${canary} intervention title`,
        notes: `${canary} intervention notes`,
        coded: { incidentId: incident.id },
      });
      for (const column of ['sealed_title', 'sealed_notes'])
        ctx('interventions', column, intervention.id);

      // A record that stays, sealed the same way: the scan must find its text.
      const kept = await createTestIncident(t, org, worker, { title: survivor });
      ctx('incidents', 'sealed_title', kept.id);

      const before = reveal(org, await blobsInTables(t), contexts);
      assert.ok(
        before.some((s) => s.includes(canary)),
        'the scan opens the records before',
      );
      assert.ok(before.some((s) => s.includes(survivor)));

      // Only an admin deletes.
      for (const url of [
        `/api/people/${person.id}`,
        `/api/incidents/${incident.id}`,
        `/api/interventions/${intervention.id}`,
      ]) {
        const refused = await call(t, 'DELETE', url, { cookie: worker.cookie });
        assert.equal(refused.statusCode, 403, url);
      }

      const head = await auditHead(t);
      const deletedPerson = await call(t, 'DELETE', `/api/people/${person.id}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(deletedPerson.statusCode, 204, deletedPerson.body);
      // The act and the source that named the person were detached, not deleted.
      const detail = (
        await call(t, 'GET', `/api/incidents/${incident.id}`, { cookie: org.admin.cookie })
      ).json<IncidentDetailDto>();
      assert.equal(detail.acts[0]?.victimPersonId, null);
      assert.equal(detail.sources[0]?.personId, null);
      assert.deepEqual(
        detail.people.map((p) => p.id),
        [perpetrator.id],
      );

      for (const url of [
        `/api/interventions/${intervention.id}`,
        `/api/incidents/${incident.id}`,
      ]) {
        const res = await call(t, 'DELETE', url, { cookie: org.admin.cookie });
        assert.equal(res.statusCode, 204, `${url}: ${res.body}`);
        const gone = await call(t, 'GET', url, { cookie: org.admin.cookie });
        assert.equal(gone.statusCode, 404, url);
      }
      assert.deepEqual(
        (await actionsSince(t, org.id, head)).filter((a) => a === 'record.deleted').length,
        3,
      );
      const events = await t.database.db
        .selectFrom('audit_events')
        .select(['object_type', 'object_id', 'fields'])
        .where('organisation_id', '=', org.id)
        .where('action', '=', 'record.deleted')
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        events.map((e) => [e.object_type, e.object_id]),
        [
          ['person', person.id],
          ['intervention', intervention.id],
          ['incident', incident.id],
        ],
      );
      assert.deepEqual(events[0]?.fields, {
        actsDetached: 1,
        sourcesDetached: 1,
        caseLinksDetached: 0,
        casesCentralDetached: 0,
        relationsRemoved: 1,
        keysDestroyed: 1,
      });

      const ids = [person.id, incident.id, act.id, intervention.id];
      const db = t.database.db;
      const leftovers = {
        keys: await db
          .selectFrom('record_keys')
          .select('record_id')
          .where('record_id', 'in', ids)
          .execute(),
        versions: await db
          .selectFrom('record_versions')
          .select('record_id')
          .where('record_id', 'in', ids)
          .execute(),
        incidents: await db
          .selectFrom('incidents')
          .select('id')
          .where('id', '=', incident.id)
          .execute(),
        acts: await db
          .selectFrom('acts')
          .select('id')
          .where('incident_id', '=', incident.id)
          .execute(),
        people: await db.selectFrom('people').select('id').where('id', '=', person.id).execute(),
        relations: await db
          .selectFrom('person_relations')
          .select('id')
          .where((eb) =>
            eb.or([eb('person_id', '=', person.id), eb('related_person_id', '=', person.id)]),
          )
          .execute(),
        interventions: await db
          .selectFrom('interventions')
          .select('id')
          .where('id', '=', intervention.id)
          .execute(),
      };
      for (const [what, rows] of Object.entries(leftovers)) assert.deepEqual(rows, [], what);

      const afterTables = reveal(org, await blobsInTables(t), contexts);
      assert.ok(!afterTables.some((s) => s.includes(canary)), 'no table opens to the canary');
      assert.ok(
        afterTables.some((s) => s.includes(survivor)),
        'the survivor still opens',
      );

      if (database.url) {
        const dump = await blobsInDump(database.url);
        assert.ok(!dump.text.includes(canary), 'no plaintext canary in the dump');
        const fromDump = reveal(org, dump.blobs, contexts);
        assert.ok(!fromDump.some((s) => s.includes(canary)), 'nothing in the dump opens to it');
        assert.ok(
          fromDump.some((s) => s.includes(survivor)),
          'the dump scan works',
        );
      }
    });
  });
}
