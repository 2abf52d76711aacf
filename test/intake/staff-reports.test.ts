// The triage inbox as staff use it: the list with its filters, counts and pages, a report
// with its sealed parts (which only the organisation key opens), and its files as
// ciphertext. Reading sealed data is audited; the list of coded answers is not.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { ReportDetailDto, ReportSummaryDto } from '../../src/common/api/intake.ts';
import { fromB64 } from '../../src/common/crypto/encoding.ts';
import {
  decryptFieldText,
  openSealed,
  openSealedText,
  sealTo,
} from '../../src/common/crypto/envelope.ts';
import { openRecordKey } from '../../src/common/crypto/keys.ts';
import { decryptBytes } from '../../src/common/crypto/stream.ts';
import { DETAILS_CONTEXT, fileMeta } from '../../src/common/intake/report.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation } from '../helpers/factories.ts';
import { actionsSince, auditHead, call, errorOf, unknownId } from '../helpers/http.ts';
import { addReporterMessage, createTestReport } from '../helpers/reports.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

interface Page {
  reports: ReportSummaryDto[];
  next: string | null;
}

const canary = () => `canary-${randomBytes(8).toString('hex')}`;
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

for (const engine of engines()) {
  describe(`the triage inbox (${engine.engine})`, { skip: engine.skip }, () => {
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

    const list = async (cookie: string, query = '') => {
      const res = await call(t, 'GET', `/api/reports${query ? `?${query}` : ''}`, { cookie });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<Page>();
    };
    const ids = (page: Page) => page.reports.map((r) => r.id);

    test('the inbox lists only this organisation’s reports, newest first, with coded answers and counts', async () => {
      const org = await createOrganisation(t);
      const other = await createOrganisation(t, 'Elsewhere');
      const older = await createTestReport(t, org, {
        receivedAt: minutesAgo(30),
        locale: 'kk',
        answers: {
          incidentTypes: ['physical_violence', 'threats'],
          oblast: 'almaty_city',
          city: 'Almaty',
          reporterRole: 'witness',
          datePrecision: 'month',
          incidentDate: '2025-11-01',
          wishes: ['contact_me'],
        },
        files: [
          { name: 'a.txt', type: 'text/plain', bytes: new TextEncoder().encode('one') },
          { name: 'b.txt', type: 'text/plain', bytes: new TextEncoder().encode('two') },
        ],
      });
      const newer = await createTestReport(t, org, { receivedAt: minutesAgo(10) });
      const outside = await createTestReport(t, other, { receivedAt: minutesAgo(5) });
      // The older report: the reporter wrote, staff answered, the reporter wrote again.
      await addReporterMessage(t, org, older, 'first', minutesAgo(25));
      const reply = await call(t, 'POST', `/api/reports/${older.reportId}/messages`, {
        cookie: org.admin.cookie,
        payload: {
          sealedForOrg: b64(sealTo(org.orgKeyPair.publicKey, 'answer')),
          sealedForReporter: b64(sealTo(older.reporterKeyPair.publicKey, 'answer')),
        },
      });
      assert.equal(reply.statusCode, 201, reply.body);
      // The newer report: one message from the reporter, not yet answered.
      await addReporterMessage(t, org, newer, 'hello', minutesAgo(9));

      const page = await list(org.admin.cookie);
      assert.deepEqual(ids(page), [newer.reportId, older.reportId]);
      assert.equal(page.next, null);
      assert.ok(!ids(page).includes(outside.reportId));
      const [first, second] = page.reports;
      assert.deepEqual(
        [first?.fileCount, first?.messageCount, first?.awaitingReply],
        [0, 1, true],
        'a message from the reporter waits for a reply',
      );
      assert.deepEqual(
        [second?.fileCount, second?.messageCount, second?.awaitingReply],
        [2, 2, false],
        'answered',
      );
      assert.equal(second?.reference, older.reference);
      assert.equal(second?.locale, 'kk');
      assert.deepEqual(second?.incidentTypes, ['physical_violence', 'threats']);
      assert.equal(second?.oblast, 'almaty_city');
      assert.equal(second?.incidentDate, '2025-11-01');
      assert.equal(second?.datePrecision, 'month');
      assert.deepEqual(second?.wishes, ['contact_me']);
      assert.equal(second?.status, 'in_progress', 'the reply moved it on');

      await addReporterMessage(t, org, older, 'again', new Date(Date.now() + 1000));
      const after = await list(org.admin.cookie);
      assert.equal(after.reports.find((r) => r.id === older.reportId)?.awaitingReply, true);
    });

    test('filters by status (and open), incident type, oblast, assignment and received dates', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const a = await createTestReport(t, org, {
        status: 'new',
        answers: { incidentTypes: ['threats'], oblast: 'astana' },
        receivedAt: new Date('2026-01-10T23:30:00Z'),
      });
      const b = await createTestReport(t, org, {
        status: 'in_progress',
        answers: { incidentTypes: ['harassment', 'online_hate'], oblast: 'shymkent' },
        receivedAt: new Date('2026-01-11T00:30:00Z'),
      });
      const c = await createTestReport(t, org, {
        status: 'spam',
        answers: { incidentTypes: ['online_hate'], oblast: 'astana' },
        receivedAt: new Date('2026-01-12T12:00:00Z'),
      });
      for (const [report, memberId] of [
        [a, worker.id],
        [b, org.admin.id],
      ] as const) {
        const res = await call(t, 'POST', `/api/reports/${report.reportId}/assignment`, {
          cookie: org.admin.cookie,
          payload: { memberId },
        });
        assert.equal(res.statusCode, 200, res.body);
      }
      const sorted = async (query: string) => ids(await list(org.admin.cookie, query)).sort();
      const set = (...reports: { reportId: string }[]) => reports.map((r) => r.reportId).sort();

      assert.deepEqual(await sorted('status=open'), set(a, b));
      assert.deepEqual(await sorted('status=spam'), set(c));
      assert.deepEqual(await sorted('status=accepted'), []);
      assert.deepEqual(await sorted('incidentType=online_hate'), set(b, c));
      assert.deepEqual(await sorted('oblast=astana'), set(a, c));
      assert.deepEqual(await sorted('oblast=astana&incidentType=online_hate'), set(c));
      assert.deepEqual(await sorted('assigned=none'), set(c));
      assert.deepEqual(await sorted(`assigned=${worker.id}`), set(a));
      assert.deepEqual(await sorted('assigned=me'), set(b), 'me is the signed-in admin');
      const asWorker = ids(await list(worker.cookie, 'assigned=me')).sort();
      assert.deepEqual(asWorker, set(a));
      // Dates are whole UTC days, both ends included.
      assert.deepEqual(await sorted('from=2026-01-11'), set(b, c));
      assert.deepEqual(await sorted('to=2026-01-11'), set(a, b));
      assert.deepEqual(await sorted('from=2026-01-11&to=2026-01-11'), set(b));

      for (const bad of [
        'status=unknown',
        'incidentType=nope',
        'assigned=someone',
        'from=2026-13-01',
        'limit=0',
        'colour=red',
      ]) {
        const res = await call(t, 'GET', `/api/reports?${bad}`, { cookie: org.admin.cookie });
        assert.equal(res.statusCode, 400, `${bad}: ${res.body}`);
        assert.equal(errorOf(res).code, 'invalid_request');
      }
    });

    test('pages continue where the last ended and never split reports received at one instant', async () => {
      const org = await createOrganisation(t);
      const base = Date.parse('2026-02-01T12:00:00Z');
      const made: { id: string; at: number }[] = [];
      // Distinct times, then a group of three at one instant, then more distinct times.
      const times = [0, 1, 2, 3, 3, 3, 4, 5, 6].map((m) => base - m * 60_000);
      for (const at of times) {
        const r = await createTestReport(t, org, { receivedAt: new Date(at) });
        made.push({ id: r.reportId, at });
      }
      for (const limit of [1, 2, 3, 4, 100]) {
        const seen: string[] = [];
        let before: string | null = null;
        let pages = 0;
        do {
          const query: string = `limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`;
          const page = await list(org.admin.cookie, query);
          seen.push(...ids(page));
          before = page.next;
          pages += 1;
          assert.ok(pages <= made.length + 1, 'paging ends');
        } while (before);
        assert.deepEqual(
          [...seen].sort(),
          made.map((m) => m.id).sort(),
          `limit ${limit}: every report exactly once`,
        );
        const times = seen.map((id) => made.find((m) => m.id === id)?.at ?? 0);
        assert.deepEqual(
          times,
          [...times].sort((x, y) => y - x),
          `limit ${limit}: newest first`,
        );
      }
      // With limit 1, the group of three comes as one page.
      const first = await list(
        org.admin.cookie,
        `limit=1&before=${new Date(base - 2 * 60_000).toISOString()}`,
      );
      assert.equal(first.reports.length, 3);
      assert.equal(first.next, new Date(base - 3 * 60_000).toISOString());
    });

    test('a report opens with its sealed parts, which the organisation key decrypts, and the read is audited', async () => {
      const org = await createOrganisation(t);
      const narrative = `They waited for me at the entrance. ${canary()}`;
      const contact = `Signal ${canary()}`;
      const photo = randomBytes(200_000); // several stream chunks
      const report = await createTestReport(t, org, {
        details: { narrative, contact },
        files: [{ name: 'photo.jpg', type: 'image/jpeg', bytes: photo }],
      });
      await addReporterMessage(t, org, report, 'Are you there?');
      const head = await auditHead(t);

      const res = await call(t, 'GET', `/api/reports/${report.reportId}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(res.statusCode, 200, res.body);
      const detail = res.json<ReportDetailDto>();
      assert.equal(detail.report.id, report.reportId);
      assert.ok(
        !res.body.includes(narrative.split(' ').pop() ?? 'x'),
        'no plaintext in the answer',
      );

      const recordKey = openRecordKey(fromB64(detail.sealedRecordKey), org.orgKeyPair);
      assert.ok(detail.sealedDetails);
      const details = JSON.parse(
        decryptFieldText(recordKey, fromB64(detail.sealedDetails), DETAILS_CONTEXT),
      ) as { narrative: string; contact: string };
      assert.deepEqual(details, { narrative, contact });
      assert.deepEqual(fromB64(detail.reporterPublicKey), report.reporterKeyPair.publicKey);

      assert.equal(detail.files.length, 1);
      const [file] = detail.files;
      assert.ok(file);
      const meta = fileMeta.parse(
        JSON.parse(openSealedText(org.orgKeyPair, fromB64(file.sealedMeta))),
      );
      assert.deepEqual(
        [meta.name, meta.type, meta.size],
        ['photo.jpg', 'image/jpeg', photo.length],
      );
      assert.equal(detail.messages.length, 1);
      assert.equal(
        openSealedText(org.orgKeyPair, fromB64(detail.messages[0]?.sealedForOrg ?? '')),
        'Are you there?',
      );
      assert.deepEqual(await actionsSince(t, org.id, head), ['report.viewed']);
      const event = await t.database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('organisation_id', '=', org.id)
        .where('seq', '>', head)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [event.actor_member_id, event.object_type, event.object_id, event.fields],
        [org.admin.id, 'report', report.reportId, {}],
      );

      const missing = await call(t, 'GET', `/api/reports/${unknownId()}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(missing.statusCode, 404);
    });

    test('a file downloads as its stored ciphertext, which its key opens to the exact bytes; audited, HEAD is not', async () => {
      const org = await createOrganisation(t);
      const bytes = randomBytes(150_000);
      const report = await createTestReport(t, org, {
        files: [{ name: 'scan.pdf', type: 'application/pdf', bytes }],
      });
      const fileId = report.fileIds[0] ?? '';
      const url = `/api/reports/${report.reportId}/files/${fileId}`;
      const detail = (
        await call(t, 'GET', `/api/reports/${report.reportId}`, { cookie: org.admin.cookie })
      ).json<ReportDetailDto>();
      const head = await auditHead(t);

      const res = await call(t, 'GET', url, { cookie: org.admin.cookie });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], 'application/octet-stream');
      assert.equal(Number(res.headers['content-length']), res.rawPayload.length);
      assert.equal(res.rawPayload.length, detail.files[0]?.ciphertextBytes);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(String(res.headers['content-disposition']), /^attachment/);
      const fileKey = openSealed(org.orgKeyPair, fromB64(detail.files[0]?.sealedFileKey ?? ''));
      assert.deepEqual(Buffer.from(decryptBytes(fileKey, new Uint8Array(res.rawPayload))), bytes);
      assert.ok(!res.rawPayload.includes(bytes.subarray(0, 64)), 'the body is ciphertext');
      assert.deepEqual(await actionsSince(t, org.id, head), ['report.file_downloaded']);

      const headOnly = await call(t, 'HEAD', url, { cookie: org.admin.cookie });
      assert.equal(headOnly.statusCode, 200);
      assert.equal(Number(headOnly.headers['content-length']), res.rawPayload.length);
      assert.equal(headOnly.rawPayload.length, 0);
      assert.deepEqual(await actionsSince(t, org.id, head), ['report.file_downloaded']);

      // A file id of another report, even of the same organisation, is not found here.
      const another = await createTestReport(t, org, {
        files: [{ name: 'x', type: 'text/plain', bytes: new Uint8Array([1]) }],
      });
      for (const wrong of [
        `/api/reports/${report.reportId}/files/${another.fileIds[0] ?? ''}`,
        `/api/reports/${report.reportId}/files/${unknownId()}`,
      ]) {
        const res404 = await call(t, 'GET', wrong, { cookie: org.admin.cookie });
        assert.equal(res404.statusCode, 404, wrong);
      }
      assert.deepEqual(await actionsSince(t, org.id, head), ['report.file_downloaded']);
    });
  });
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}
