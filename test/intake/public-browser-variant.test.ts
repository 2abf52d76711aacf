// The browser-encrypted variant of the public forms (JavaScript on): the server receives
// only envelopes, checks their shape, and stores them exactly as sent. Anything that is not
// shaped like the protocol — a wrong header, plaintext where a sealed value belongs, an
// original that points at nothing, a file that is not a stream envelope — is refused with
// nothing stored.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { toB64 } from '../../src/common/crypto/encoding.ts';
import {
  encryptField,
  generateSymmetricKey,
  openSealedText,
  sealTo,
} from '../../src/common/crypto/envelope.ts';
import { generateRecordKey, sealRecordKey } from '../../src/common/crypto/keys.ts';
import { decryptBytes, encryptBytes } from '../../src/common/crypto/stream.ts';
import { openSealed } from '../../src/common/crypto/envelope.ts';
import { DETAILS_CONTEXT } from '../../src/common/intake/report.ts';
import { bytesEqual } from '../../src/common/crypto/encoding.ts';
import { defaultConfig } from '../../src/server/config.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { call, randomHex } from '../helpers/http.ts';
import {
  blobFiles,
  countRows,
  flat,
  formTokenFrom,
  postMultipart,
  signInAtReturn,
  submitReport,
  type FormPart,
} from '../helpers/public-report.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { readAll } from '../files/support.ts';

interface EncryptedFile {
  role: 'working' | 'original';
  originalOf: string;
  plaintext: Uint8Array;
  fileKey: string;
  fileMeta: string;
  envelope: Uint8Array;
}

function encryptFile(
  org: TestOrganisation,
  plaintext: Uint8Array,
  role: 'working' | 'original',
  originalOf = '',
): EncryptedFile {
  const key = generateSymmetricKey();
  const meta = {
    name: role === 'working' ? 'photo.jpg' : 'IMG_1.jpg',
    type: 'image/jpeg',
    size: plaintext.length,
    sha256: 'a'.repeat(64),
    metadataRemoved: role === 'working',
  };
  return {
    role,
    originalOf,
    plaintext,
    fileKey: toB64(sealTo(org.orgKeyPair.publicKey, key)),
    fileMeta: toB64(sealTo(org.orgKeyPair.publicKey, JSON.stringify(meta))),
    envelope: encryptBytes(key, plaintext),
  };
}

function fileParts(files: readonly EncryptedFile[]): FormPart[] {
  return files.flatMap((f) => [
    { name: 'file_key', value: f.fileKey },
    { name: 'file_meta', value: f.fileMeta },
    { name: 'file_role', value: f.role },
    { name: 'file_original_of', value: f.originalOf },
    {
      name: 'encrypted_file',
      value: { name: 'encrypted', type: 'application/octet-stream', content: f.envelope },
    },
  ]);
}

/** The report form as the enhancement script sends it. */
async function browserReport(
  t: TestApp,
  org: TestOrganisation,
  o: {
    details?: Record<string, string>;
    files?: readonly EncryptedFile[];
    override?: Record<string, string>;
    extra?: FormPart[];
  } = {},
) {
  const recordKey = generateRecordKey();
  const sealedRecordKey = toB64(sealRecordKey(recordKey, org.orgKeyPair.publicKey));
  const sealedDetails = o.details
    ? toB64(encryptField(recordKey, JSON.stringify(o.details), DETAILS_CONTEXT))
    : undefined;
  const head: Record<string, string> = {
    form_token: await formTokenFrom(t, `/report/${org.slug}`),
    lang: 'en',
    incident_types: 'online_hate',
    online_platform: 'telegram',
    encrypted_by: 'browser',
    sealed_record_key: sealedRecordKey,
    ...(sealedDetails ? { sealed_details: sealedDetails } : {}),
    ...o.override,
  };
  const parts: FormPart[] = [
    ...Object.entries(head).map(([name, value]) => ({ name, value })),
    ...(o.extra ?? []),
    ...fileParts(o.files ?? []),
  ];
  const res = await postMultipart(t, `/report/${org.slug}`, parts);
  return { res, sealedRecordKey, sealedDetails, recordKey };
}

for (const engine of engines()) {
  describe(`the browser-encrypted forms (${engine.engine})`, { skip: engine.skip }, () => {
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

    test('a refused browser-encrypted report says that what was written must be written again', async () => {
      const org = await createOrganisation(t);
      const token = await formTokenFrom(t, `/report/${org.slug}`);
      t.clock.advance((t.config.intake.formTokenHours + 1) * 3_600_000);
      const sent = await browserReport(t, org, {
        details: { narrative: 'sealed, then refused' },
        override: { form_token: token },
      });
      assert.equal(sent.res.statusCode, 422);
      // The sealed text cannot be put back into the form, so the page must not pretend it is.
      assert.match(
        flat(sent.res.body),
        /What you wrote and your files were encrypted on this device/,
      );
      assert.equal(await countRows(t, 'reports', org.id), 0);
    });

    test('a report sealed in the browser is stored exactly as sent, files and all', async () => {
      const org = await createOrganisation(t);
      const working = encryptFile(
        org,
        new TextEncoder().encode(`working ${randomHex(4)}`),
        'working',
      );
      const original = encryptFile(
        org,
        new TextEncoder().encode('original bytes'),
        'original',
        '0',
      );
      const other = encryptFile(org, new Uint8Array(70_000).fill(7), 'working');
      const details = { narrative: `sealed in the browser ${randomHex(4)}` };
      const sent = await browserReport(t, org, { details, files: [working, original, other] });
      assert.equal(sent.res.statusCode, 200, flat(sent.res.body).slice(0, 1500));
      assert.equal(sent.res.body.match(/<p class="codename"/g)?.length, 1, 'a receipt');

      const report = await t.database.db
        .selectFrom('reports')
        .selectAll()
        .where('organisation_id', '=', org.id)
        .executeTakeFirstOrThrow();
      assert.equal(report.encrypted_by, 'browser');
      assert.deepEqual(report.incident_types, ['online_hate']);
      assert.equal(report.online_platform, 'telegram');
      assert.equal(toB64(report.sealed_record_key), sent.sealedRecordKey);
      assert.ok(report.sealed_details);
      assert.equal(toB64(report.sealed_details), sent.sealedDetails);

      const files = await t.database.db
        .selectFrom('report_files')
        .selectAll()
        .where('report_id', '=', report.id)
        .execute();
      assert.equal(files.length, 3);
      for (const sentFile of [working, original, other]) {
        const row = files.find((f) => toB64(f.sealed_file_key) === sentFile.fileKey);
        assert.ok(row, 'each file key stored as sent');
        assert.equal(toB64(row.sealed_meta), sentFile.fileMeta);
        assert.equal(row.role, sentFile.role);
        const envelope = await readAll(await t.blobs.openRead(row.blob_key));
        assert.ok(bytesEqual(envelope, sentFile.envelope), 'the envelope as sent');
        const key = openSealed(org.orgKeyPair, row.sealed_file_key);
        assert.ok(bytesEqual(decryptBytes(key, envelope), sentFile.plaintext));
      }
      const workingRow = files.find((f) => toB64(f.sealed_file_key) === working.fileKey);
      const originalRow = files.find((f) => toB64(f.sealed_file_key) === original.fileKey);
      assert.equal(originalRow?.original_of, workingRow?.id);
      const audit = await t.database.db
        .selectFrom('audit_events')
        .select('fields')
        .where('object_id', '=', report.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(audit.fields, {
        reference: report.reference,
        encryptedBy: 'browser',
        files: 2,
      });
    });

    test('without anything written, sealed_details is left out and stored as null', async () => {
      const org = await createOrganisation(t);
      const sent = await browserReport(t, org);
      assert.equal(sent.res.statusCode, 200);
      const report = await t.database.db
        .selectFrom('reports')
        .select(['sealed_details', 'encrypted_by'])
        .where('organisation_id', '=', org.id)
        .executeTakeFirstOrThrow();
      assert.equal(report.sealed_details, null);
    });

    const refusals: [
      string,
      (org: TestOrganisation) => Parameters<typeof browserReport>[2],
      string,
    ][] = [
      [
        'a record key that is not a sealed box',
        () => ({ override: { sealed_record_key: toB64(new Uint8Array(82).fill(1)) } }),
        'The form could not be read.',
      ],
      [
        'details that are not base64url',
        () => ({ override: { sealed_details: 'not*base64' } }),
        'The form could not be read.',
      ],
      [
        'plaintext where a sealed value belongs',
        () => ({ extra: [{ name: 'narrative', value: 'this should have been sealed' }] }),
        'The form could not be read.',
      ],
      [
        'an original that points at no working copy',
        (org) => ({
          files: [
            encryptFile(org, new TextEncoder().encode('w'), 'working'),
            encryptFile(org, new TextEncoder().encode('o'), 'original', '5'),
          ],
        }),
        '“#2” could not be read. Choose it again.',
      ],
      [
        'a file that is not a stream envelope',
        (org) => ({
          files: [
            {
              ...encryptFile(org, new TextEncoder().encode('w'), 'working'),
              envelope: new TextEncoder().encode('plain text, not encrypted at all'),
            },
          ],
        }),
        '“#1” could not be read. Choose it again.',
      ],
      [
        'a file key of the wrong length',
        (org) => ({
          files: [
            {
              ...encryptFile(org, new TextEncoder().encode('w'), 'working'),
              fileKey: toB64(sealTo(org.orgKeyPair.publicKey, new Uint8Array(16))),
            },
          ],
        }),
        '“#1” could not be read. Choose it again.',
      ],
    ];
    for (const [what, build, message] of refusals) {
      test(`refused, nothing stored: ${what}`, async () => {
        const org = await createOrganisation(t);
        const blobsBefore = await blobFiles(t);
        const sent = await browserReport(t, org, build(org));
        assert.ok([400, 422].includes(sent.res.statusCode), `${sent.res.statusCode}`);
        assert.ok(
          flat(sent.res.body).includes(message),
          `"${message}" in ${flat(sent.res.body).slice(0, 2500)}`,
        );
        assert.equal(await countRows(t, 'reports', org.id), 0);
        assert.equal(await countRows(t, 'report_files', org.id), 0);
        assert.deepEqual(await blobFiles(t), blobsBefore);
      });
    }

    test('a reply sealed twice in the browser is stored as sent and shows in the thread', async () => {
      const org = await createOrganisation(t);
      const { codename } = await submitReport(t, org);
      assert.ok(codename);
      const { cookie } = await signInAtReturn(t, codename);
      const page = flat((await call(t, 'GET', '/return/report', { cookie })).body);
      const reporterKey = /data-reporter-public-key="([A-Za-z0-9_-]+)"/.exec(page)?.[1];
      assert.ok(reporterKey);
      const { fromB64 } = await import('../../src/common/crypto/encoding.ts');
      const text = `sealed reply ${randomHex(5)}`;
      const forOrg = toB64(sealTo(org.orgKeyPair.publicKey, text));
      const forReporter = toB64(sealTo(fromB64(reporterKey), text));
      const file = encryptFile(org, new TextEncoder().encode('evidence'), 'working');
      const res = await postMultipart(
        t,
        '/return/messages',
        [
          { name: 'form_token', value: await formTokenFrom(t, '/return/report', cookie) },
          { name: 'lang', value: 'en' },
          { name: 'encrypted_by', value: 'browser' },
          { name: 'sealed_for_org', value: forOrg },
          { name: 'sealed_for_reporter', value: forReporter },
          ...fileParts([file]),
        ],
        { cookie },
      );
      assert.equal(res.statusCode, 303, flat(res.body).slice(0, 1500));
      const message = await t.database.db
        .selectFrom('report_messages')
        .selectAll()
        .where('organisation_id', '=', org.id)
        .executeTakeFirstOrThrow();
      assert.equal(toB64(message.sealed_for_org), forOrg);
      assert.equal(toB64(message.sealed_for_reporter), forReporter);
      assert.equal(openSealedText(org.orgKeyPair, message.sealed_for_org), text);
      const stored = await t.database.db
        .selectFrom('report_files')
        .select(['message_id', 'sealed_file_key'])
        .where('organisation_id', '=', org.id)
        .executeTakeFirstOrThrow();
      assert.equal(stored.message_id, message.id);
      assert.equal(toB64(stored.sealed_file_key), file.fileKey);
      const thread = flat((await call(t, 'GET', '/return/report', { cookie })).body);
      assert.ok(thread.includes(text));
      assert.ok(thread.includes('Files attached: 1'), 'the session keeps its language');

      const broken = await postMultipart(
        t,
        '/return/messages',
        [
          { name: 'form_token', value: await formTokenFrom(t, '/return/report', cookie) },
          { name: 'lang', value: 'en' },
          { name: 'encrypted_by', value: 'browser' },
          { name: 'sealed_for_org', value: forOrg },
          { name: 'sealed_for_reporter', value: 'AQ' },
        ],
        { cookie },
      );
      assert.equal(broken.statusCode, 400);
      assert.equal(await countRows(t, 'report_messages', org.id), 1);
    });
  });
}
