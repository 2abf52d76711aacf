// Sending a report without JavaScript: a minimal report (only "what happened") and a full
// one, through real multipart bodies. The coded answers land in their columns, what the
// reporter wrote decrypts with the organisation key to exactly what they typed, files are
// stored encrypted and open with the organisation key, and the receipt shows the codename
// and nothing from the report. Report, files, notifications and audit commit together.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { deriveReporterKeys } from '../../src/common/crypto/codename.ts';
import { bytesEqual } from '../../src/common/crypto/encoding.ts';
import { decryptFieldText, openSealed, openSealedText } from '../../src/common/crypto/envelope.ts';
import { decryptBytes } from '../../src/common/crypto/stream.ts';
import { openRecordKey } from '../../src/common/crypto/keys.ts';
import { DETAILS_CONTEXT, fileMeta, reportDetails } from '../../src/common/intake/report.ts';
import { defaultConfig } from '../../src/server/config.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { randomHex } from '../helpers/http.ts';
import { countRows, flat, submitReport } from '../helpers/public-report.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { phonePhoto, readAll } from '../files/support.ts';

async function reportsOf(t: TestApp, org: TestOrganisation) {
  return t.database.db
    .selectFrom('reports')
    .selectAll()
    .where('organisation_id', '=', org.id)
    .orderBy('received_at')
    .execute();
}

for (const engine of engines()) {
  describe(
    `submitting a report without JavaScript (${engine.engine})`,
    { skip: engine.skip },
    () => {
      let t: TestApp;
      let database: TestDatabase;
      before(async () => {
        database = await engine.open();
        // Every request comes from one address here; the limits have their own tests.
        const intake = { ...defaultConfig().intake, perClientSubmissions: 1000 };
        t = await createTestApp(database, { intake });
      });
      after(async () => {
        await t.close();
        await database.close();
      });

      test('a minimal report: only "what happened"; the receipt shows an 8-word codename', async () => {
        const org = await createOrganisation(t);
        const reader = await addMember(t, org, 'case_worker');
        const { res, codename } = await submitReport(t, org, {
          lang: 'kk',
          fields: { incident_types: 'harassment' },
        });
        assert.equal(res.statusCode, 200, res.body.slice(0, 500));
        assert.equal(res.headers['set-cookie'], undefined, 'no cookie on a submission');
        assert.equal(res.headers['cache-control'], 'no-store');
        assert.match(res.body, /<html lang="kk">/);
        assert.ok(flat(res.body).includes('Хабарламаңыз қабылданды'));
        assert.ok(codename, 'the receipt shows a codename');
        assert.equal(codename.split(' ').length, 8);

        const [report, ...others] = await reportsOf(t, org);
        assert.ok(report);
        assert.equal(others.length, 0);
        assert.deepEqual(report.incident_types, ['harassment']);
        assert.equal(report.status, 'new');
        assert.equal(report.locale, 'kk');
        assert.equal(report.encrypted_by, 'server');
        assert.equal(report.date_precision, 'unknown');
        assert.equal(report.incident_date, null);
        assert.equal(report.reporter_role, null);
        assert.deepEqual(report.wishes, []);
        assert.equal(report.sealed_details, null, 'nothing written, nothing sealed');
        assert.match(report.reference, /^R-[2-9A-HJ-NP-Z]{4}$/);
        // The codename opens this report at /return, and the receipt is its only trace.
        const keys = deriveReporterKeys(codename, t.secrets.codenameSalt);
        assert.ok(bytesEqual(keys.lookup, report.codename_lookup));
        assert.ok(bytesEqual(keys.keyPair.publicKey, report.reporter_public_key));
        assert.ok(!flat(res.body).includes(report.reference), 'the receipt holds no reference');
        // The record key opens with the organisation key.
        assert.equal(openRecordKey(report.sealed_record_key, org.orgKeyPair).length, 32);

        const notified = await t.database.db
          .selectFrom('notifications')
          .select(['member_id', 'kind', 'report_id'])
          .where('organisation_id', '=', org.id)
          .execute();
        assert.ok(
          notified.some((n) => n.member_id === reader.id && n.kind === 'report_received'),
          'the organisation is notified in the same transaction',
        );
        assert.ok(notified.every((n) => n.report_id === report.id));
        const audit = await t.database.db
          .selectFrom('audit_events')
          .selectAll()
          .where('organisation_id', '=', org.id)
          .where('action', '=', 'report.received')
          .execute();
        assert.equal(audit.length, 1);
        assert.equal(audit[0]?.actor_member_id, null);
        assert.equal(audit[0]?.object_id, report.id);
        assert.deepEqual(audit[0]?.fields, {
          reference: report.reference,
          encryptedBy: 'server',
          files: 0,
        });
      });

      test('a full report: coded columns, and sealed details that decrypt to the exact text', async () => {
        const org = await createOrganisation(t);
        const canary = `canary-${randomHex(8)}`;
        // Browsers send line breaks in a textarea as CRLF; the reporter typed LF.
        const narrative = `Они ждали у подъезда.\r\nМені «${canary}» деп атады. 🙁\r\n\r\nЕщё строка`;
        const contact = `Signal: @safe_${canary} — только после 20:00`;
        const fields = {
          reporter_role: 'victim',
          incident_types: ['physical_violence', 'threats', 'physical_violence'],
          date_precision: 'month',
          date_year: '2025',
          date_month: '11',
          date_day: '',
          oblast: 'almaty_city',
          city: '  Алматы ',
          place_type: 'street',
          online_platform: '',
          exact_place: `у дома ${canary}`,
          perpetrator_types: ['stranger', 'police'],
          bias_indicators: ['words', 'appearance'],
          bias_details: `«${canary}» кричали`,
          reported_to_police: 'yes',
          police_response: 'refused_to_register',
          police_details: `участковый ${canary}`,
          not_reported_reasons: [],
          wishes: ['legal_help', 'statistics'],
          contact,
          narrative,
        };
        const { res, codename } = await submitReport(t, org, { lang: 'ru', fields });
        assert.equal(res.statusCode, 200, flat(res.body).slice(0, 2000));
        assert.ok(codename);
        assert.ok(!res.body.includes(canary), 'the receipt holds nothing the reporter wrote');
        assert.ok(!res.body.includes('Алматы'), 'nor the coded answers');

        const [report] = await reportsOf(t, org);
        assert.ok(report);
        assert.equal(report.reporter_role, 'victim');
        assert.deepEqual(report.incident_types, ['physical_violence', 'threats']);
        assert.equal(report.date_precision, 'month');
        assert.equal(report.incident_date, '2025-11-01');
        assert.equal(report.oblast, 'almaty_city');
        assert.equal(report.city, 'Алматы');
        assert.equal(report.place_type, 'street');
        assert.equal(report.online_platform, null);
        assert.deepEqual(report.perpetrator_types, ['stranger', 'police']);
        assert.deepEqual(report.bias_indicators, ['words', 'appearance']);
        assert.equal(report.reported_to_police, 'yes');
        assert.equal(report.police_response, 'refused_to_register');
        assert.deepEqual(report.not_reported_reasons, []);
        assert.deepEqual(report.wishes, ['legal_help', 'statistics']);
        assert.equal(report.locale, 'ru');

        const recordKey = openRecordKey(report.sealed_record_key, org.orgKeyPair);
        assert.ok(report.sealed_details);
        const details = reportDetails.parse(
          JSON.parse(decryptFieldText(recordKey, report.sealed_details, DETAILS_CONTEXT)),
        );
        assert.deepEqual(details, {
          narrative: narrative.replace(/\r\n/g, '\n'),
          contact,
          exactPlace: `у дома ${canary}`,
          biasDetails: `«${canary}» кричали`,
          policeDetails: `участковый ${canary}`,
        });
        // Sealed means sealed: the canary is in no column in plaintext.
        const row = JSON.stringify(report, (_k, v: unknown) =>
          v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v,
        );
        assert.ok(!row.includes(canary));
      });

      test('files are stored encrypted and open with the organisation key; photos keep an original on request', async () => {
        const org = await createOrganisation(t);
        const text = `заметка ${randomHex(6)}\nвторая строка\n`;
        const photo = await phonePhoto('jpeg');
        const { res } = await submitReport(t, org, {
          lang: 'en',
          fields: { incident_types: 'threats', keep_metadata: '1' },
          files: [
            { name: 'notes.txt', type: 'text/plain', content: text },
            { name: 'IMG_0042.jpg', type: 'image/jpeg', content: photo },
          ],
        });
        assert.equal(res.statusCode, 200, flat(res.body).slice(0, 2000));
        const [report] = await reportsOf(t, org);
        assert.ok(report);
        const files = await t.database.db
          .selectFrom('report_files')
          .selectAll()
          .where('report_id', '=', report.id)
          .orderBy('created_at')
          .execute();
        assert.equal(files.length, 3, 'the text file, the photo working copy and its original');
        const opened = [];
        for (const file of files) {
          assert.equal(file.organisation_id, org.id);
          assert.equal(file.message_id, null);
          const fileKey = openSealed(org.orgKeyPair, file.sealed_file_key);
          const meta = fileMeta.parse(JSON.parse(openSealedText(org.orgKeyPair, file.sealed_meta)));
          const envelope = await readAll(await t.blobs.openRead(file.blob_key));
          assert.equal(envelope.length, Number(file.ciphertext_bytes));
          const bytes = decryptBytes(fileKey, envelope);
          assert.equal(meta.size, bytes.length);
          assert.equal(meta.sha256, createHash('sha256').update(bytes).digest('hex'));
          opened.push({ file, meta, bytes });
        }
        const note = opened.find((o) => o.meta.name === 'notes.txt');
        assert.ok(note);
        assert.equal(Buffer.from(note.bytes).toString('utf8'), text, 'the exact bytes');
        assert.equal(note.file.role, 'working');
        const working = opened.find(
          (o) => o.meta.name === 'IMG_0042.jpg' && o.file.role === 'working',
        );
        const original = opened.find((o) => o.file.role === 'original');
        assert.ok(working && original);
        assert.equal(working.meta.metadataRemoved, true);
        assert.equal(original.meta.metadataRemoved, false);
        assert.equal(original.file.original_of, working.file.id, 'the original points at its copy');
        assert.ok(bytesEqual(original.bytes, photo), 'the original is the photo as sent');
        const audit = await t.database.db
          .selectFrom('audit_events')
          .select('fields')
          .where('object_id', '=', report.id)
          .executeTakeFirstOrThrow();
        assert.deepEqual(audit.fields, {
          reference: report.reference,
          encryptedBy: 'server',
          files: 2,
        });
      });

      test('references are unique in an organisation and every codename is different', async () => {
        const org = await createOrganisation(t);
        const codenames = new Set<string>();
        for (let i = 0; i < 5; i++) {
          const { codename } = await submitReport(t, org);
          assert.ok(codename);
          codenames.add(codename);
        }
        assert.equal(codenames.size, 5);
        const references = (await reportsOf(t, org)).map((r) => r.reference);
        assert.equal(new Set(references).size, 5);
        assert.equal(await countRows(t, 'reports', org.id), 5);
      });

      test('a date given without choosing its precision is read from the parts filled in', async () => {
        const org = await createOrganisation(t);
        const { res } = await submitReport(t, org, {
          fields: { incident_types: 'threats', date_year: '2024', date_month: '2', date_day: '29' },
        });
        assert.equal(res.statusCode, 200, flat(res.body).slice(0, 1500));
        const [report] = await reportsOf(t, org);
        assert.equal(report?.date_precision, 'day');
        assert.equal(report?.incident_date, '2024-02-29');
      });
    },
  );
}
