// Trusted time on the server, both engines, against a real openssl timestamp authority:
// POST /api/evidence/items/:id/timestamps sends only the item's manifest digest, stores a
// token that verifies, and writes the custody event; when the authority is down, slow,
// refuses or sends a token the CA file does not vouch for, the member gets 202 and a
// durable job gets the token later. GET /api/evidence/timestamp-authority tells the
// browser what to check tokens against. The environment reads QORGAN_TSA_URL and
// QORGAN_TSA_CA_FILE.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fromB64 } from '../../src/common/crypto/encoding.ts';
import { tokenInfo, verifyTimestampToken } from '../../src/common/evidence/timestamp.ts';
import { defaultConfig, type TsaConfig } from '../../src/server/config.ts';
import { jobDefinitions } from '../../src/server/jobs/registry.ts';
import { jobRunner } from '../../src/server/jobs/worker.ts';
import { createLogger } from '../../src/server/logger.ts';
import { createMailer } from '../../src/server/mail/mailer.ts';
import { evidenceFromEnvironment } from '../../src/server/runtime.ts';
import { createTestCase } from '../helpers/cases.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { call, errorOf, unknownId } from '../helpers/http.ts';
import { createTestIncident } from '../helpers/records.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { insertItemToStamp, makeTestCa, startTestTsa, type TestTsa } from '../helpers/test-tsa.ts';

interface StampedBody {
  id: string;
  digest: string;
  tsaUrl: string;
  token: string;
  genTime: string;
  serialNumber: string;
  verified: boolean;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

for (const engine of engines()) {
  describe(`trusted time on the server (${engine.engine})`, { skip: engine.skip }, () => {
    let database: TestDatabase;
    let t: TestApp;
    let tsa: TestTsa;
    let org: TestOrganisation;
    let tsaConfig: TsaConfig;

    before(async () => {
      tsa = await startTestTsa();
      tsaConfig = { url: tsa.url, caCertificatesPem: [tsa.caPem], timeoutMs: 2_000 };
      database = await engine.open();
      t = await createTestApp(database, {
        evidence: { ...defaultConfig().evidence, tsa: tsaConfig },
      });
      org = await createOrganisation(t);
    });
    after(async () => {
      await t.close();
      await database.close();
      await tsa.close();
    });

    /** An item on a fresh incident of `org`. */
    const newItem = async (organisation = org) => {
      const incident = await createTestIncident(t, organisation);
      return insertItemToStamp(t.database.db, {
        organisationId: organisation.id,
        incidentId: incident.id,
      });
    };
    const stamp = (itemId: string, digest: string, cookie = org.admin.cookie) =>
      call(t, 'POST', `/api/evidence/items/${itemId}/timestamps`, {
        cookie,
        payload: { digest },
      });
    const storedTokens = (itemId: string) =>
      t.database.db
        .selectFrom('evidence_timestamps')
        .selectAll()
        .where('item_id', '=', itemId)
        .execute();
    const custody = (itemId: string) =>
      t.database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('object_type', '=', 'evidence_item')
        .where('object_id', '=', itemId)
        .orderBy('seq')
        .execute();
    const pendingJobs = (itemId: string) =>
      t.database.db
        .selectFrom('jobs')
        .selectAll()
        .where('kind', '=', 'evidence.timestamp')
        .where('done_at', 'is', null)
        .execute()
        .then((rows) => rows.filter((r) => (r.payload as { itemId?: string }).itemId === itemId));
    /** Runs every due job as the server's worker would, with the app's config. */
    const silent = createLogger({ level: 'silent' });
    const drainJobs = async () => {
      const run = jobRunner({
        db: t.database.db,
        engine: t.database.engine,
        definitions: jobDefinitions,
        logger: silent,
        now: t.clock.now,
        services: { mailer: createMailer(null, silent), secrets: t.secrets, config: t.config },
      });
      while (await run()) {
        // one job per call
      }
    };
    /** Runs `body` with the authority answering in `mode`, restoring it after. */
    const withMode = async <T>(mode: TestTsa['mode'], body: () => Promise<T>): Promise<T> => {
      tsa.mode = mode;
      try {
        return await body();
      } finally {
        tsa.mode = 'ok';
      }
    };

    test('stamping sends only the digest and stores a token that verifies, with a custody event', async () => {
      const item = await newItem();
      const sentBefore = tsa.requests.length;
      const res = await stamp(item.id, hex(item.digest));
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json<StampedBody>();
      assert.equal(body.digest, hex(item.digest));
      assert.equal(body.tsaUrl, tsa.url);
      assert.equal(body.verified, true);

      // What left the server: one small TimeStampReq carrying the digest, nothing else.
      assert.equal(tsa.requests.length, sentBefore + 1);
      const sent = tsa.requests.at(-1);
      assert.ok(sent);
      assert.ok(sent.length < 120, `request is ${sent.length} bytes`);
      assert.ok(Buffer.from(sent).includes(Buffer.from(item.digest)));

      const token = fromB64(body.token);
      const check = await verifyTimestampToken(token, {
        digest: item.digest,
        trustedCaPem: [tsa.caPem],
      });
      assert.deepEqual(check.failures, []);
      assert.equal(check.serialNumber, body.serialNumber);
      assert.equal(check.genTime?.toISOString(), body.genTime);

      const rows = await storedTokens(item.id);
      assert.equal(rows.length, 1);
      assert.deepEqual(new Uint8Array(rows[0]?.token ?? []), token);
      assert.equal(hex(rows[0]?.digest ?? new Uint8Array()), hex(item.digest));
      assert.equal(rows[0]?.organisation_id, org.id);

      const events = await custody(item.id);
      assert.deepEqual(
        events.map((e) => e.action),
        ['evidence.timestamped'],
      );
      const event = events[0];
      assert.equal(event?.actor_member_id, org.admin.id);
      const fields = event?.fields as Record<string, unknown>;
      assert.equal(fields.timestampSerial, body.serialNumber);
      assert.equal(fields.genTime, body.genTime);
      assert.ok(
        !JSON.stringify(fields).includes(hex(item.digest)),
        'the custody event does not repeat the digest',
      );
    });

    test('a second stamp of the same item is another token with its own serial', async () => {
      const item = await newItem();
      const first = await stamp(item.id, hex(item.digest));
      const second = await stamp(item.id, hex(item.digest));
      assert.equal(first.statusCode, 201);
      assert.equal(second.statusCode, 201);
      assert.notEqual(
        first.json<StampedBody>().serialNumber,
        second.json<StampedBody>().serialNumber,
      );
      assert.equal((await storedTokens(item.id)).length, 2);
    });

    test('stamping a case item works for a member who sees the case', async () => {
      const kase = await createTestCase(t, org, org.admin);
      const item = await insertItemToStamp(t.database.db, {
        organisationId: org.id,
        caseId: kase.id,
      });
      const worker = await addMember(t, org, 'case_worker');
      const res = await stamp(item.id, hex(item.digest), worker.cookie);
      assert.equal(res.statusCode, 201, res.body);
    });

    test('a digest other than the item’s manifest digest is refused and nothing is sent', async () => {
      const item = await newItem();
      const sentBefore = tsa.requests.length;
      const res = await stamp(item.id, 'ab'.repeat(32));
      assert.equal(res.statusCode, 400);
      assert.equal(errorOf(res).code, 'digest_mismatch');
      const malformed = await stamp(item.id, 'not hex');
      assert.equal(malformed.statusCode, 400);
      assert.equal(tsa.requests.length, sentBefore);
      assert.equal((await storedTokens(item.id)).length, 0);
      assert.equal((await custody(item.id)).length, 0);
    });

    test('an item with no manifest digest yet cannot be stamped', async () => {
      const item = await newItem();
      await t.database.db
        .updateTable('evidence_items')
        .set({ manifest_digest: null })
        .where('id', '=', item.id)
        .execute();
      const res = await stamp(item.id, hex(item.digest));
      assert.equal(res.statusCode, 409);
      assert.equal(errorOf(res).code, 'manifest_digest_missing');
    });

    test('another organisation’s item, a missing item and a restricted case’s item answer 404', async () => {
      const other = await createOrganisation(t, 'Elsewhere');
      const theirs = await newItem(other);
      const sentBefore = tsa.requests.length;
      const res = await stamp(theirs.id, hex(theirs.digest));
      assert.equal(res.statusCode, 404);
      assert.equal((await stamp(unknownId(), hex(theirs.digest))).statusCode, 404);

      const restricted = await createTestCase(t, org, org.admin, { restricted: true });
      const hidden = await insertItemToStamp(t.database.db, {
        organisationId: org.id,
        caseId: restricted.id,
      });
      const worker = await addMember(t, org, 'case_worker');
      const refused = await stamp(hidden.id, hex(hidden.digest), worker.cookie);
      assert.equal(refused.statusCode, 404);
      assert.equal(
        errorOf(refused).message,
        errorOf(res).message,
        'the same answer as for a missing item',
      );
      // The admin sees every restricted case.
      assert.equal((await stamp(hidden.id, hex(hidden.digest))).statusCode, 201);
      assert.equal(tsa.requests.length, sentBefore + 1);
      assert.equal((await storedTokens(theirs.id)).length, 0);
    });

    test('a viewer may not stamp (evidence.write)', async () => {
      const item = await newItem();
      const viewer = await addMember(t, org, 'viewer');
      const res = await stamp(item.id, hex(item.digest), viewer.cookie);
      assert.equal(res.statusCode, 403);
    });

    test('when the authority is down the member gets 202 and the job stamps once it is back', async () => {
      const item = await newItem();
      const worker = await addMember(t, org, 'lawyer');
      const res = await withMode('unavailable', () =>
        stamp(item.id, hex(item.digest), worker.cookie),
      );
      assert.equal(res.statusCode, 202, res.body);
      assert.deepEqual(res.json(), { pending: true, reason: 'tsa_http_error' });
      assert.equal((await storedTokens(item.id)).length, 0);
      assert.equal((await pendingJobs(item.id)).length, 1);

      // Asking again while the job waits does not queue a second one.
      const again = await withMode('unavailable', () => stamp(item.id, hex(item.digest)));
      assert.equal(again.statusCode, 202);
      assert.equal((await pendingJobs(item.id)).length, 1);

      // Still down when the job first runs: it is kept for a later attempt, its error
      // names the failure and not the digest.
      t.clock.advance(61_000);
      await withMode('unavailable', drainJobs);
      const [waiting] = await pendingJobs(item.id);
      assert.ok(waiting, 'the job is kept for another attempt');
      assert.equal(waiting.attempts, 1);
      assert.match(waiting.last_error ?? '', /tsa_http_error/);
      assert.ok(!(waiting.last_error ?? '').includes(hex(item.digest)));
      assert.equal((await storedTokens(item.id)).length, 0);

      // Back up: the next attempt stores the token, with the member who asked as actor.
      t.clock.advance(10 * 60_000);
      await drainJobs();
      assert.equal((await pendingJobs(item.id)).length, 0);
      const rows = await storedTokens(item.id);
      assert.equal(rows.length, 1);
      const token = rows[0]?.token;
      assert.ok(token);
      const check = await verifyTimestampToken(token, {
        digest: item.digest,
        trustedCaPem: [tsa.caPem],
      });
      assert.equal(check.ok, true);
      const events = await custody(item.id);
      assert.deepEqual(
        events.map((e) => [e.action, e.actor_member_id]),
        [['evidence.timestamped', worker.id]],
      );
      assert.equal(
        (events[0]?.fields as Record<string, unknown>).timestampSerial,
        tokenInfo(token).serialNumber,
      );

      // Running the queue again changes nothing: the job is done.
      t.clock.advance(5 * 60_000);
      await drainJobs();
      assert.equal((await storedTokens(item.id)).length, 1);
    });

    test('a slow authority times out, a refusal and a token the CA does not vouch for are named', async () => {
      const slow = await newItem();
      const res = await withMode('hang', () => stamp(slow.id, hex(slow.digest)));
      assert.equal(res.statusCode, 202);
      assert.deepEqual(res.json(), { pending: true, reason: 'tsa_timeout' });

      const refused = await newItem();
      const rejected = await withMode('reject', () => stamp(refused.id, hex(refused.digest)));
      assert.deepEqual(rejected.json(), { pending: true, reason: 'tsa_rejected' });

      const untrusted = await newItem();
      const dir = await mkdtemp(join(tmpdir(), 'qorgan-ts-route-'));
      const saved = t.config.evidence.tsa;
      try {
        const other = await makeTestCa(dir, 'Some Other CA');
        t.config.evidence.tsa = { ...tsaConfig, caCertificatesPem: [other.certPem] };
        const invalid = await stamp(untrusted.id, hex(untrusted.digest));
        assert.equal(invalid.statusCode, 202);
        assert.deepEqual(invalid.json(), { pending: true, reason: 'tsa_token_invalid' });
      } finally {
        t.config.evidence.tsa = saved;
        await rm(dir, { recursive: true, force: true });
      }
      for (const item of [slow, refused, untrusted]) {
        assert.equal((await storedTokens(item.id)).length, 0);
        assert.equal((await pendingJobs(item.id)).length, 1);
      }
    });

    test('the retry job does nothing for an item deleted or already stamped meanwhile', async () => {
      const gone = await newItem();
      const stamped = await newItem();
      await withMode('unavailable', async () => {
        assert.equal((await stamp(gone.id, hex(gone.digest))).statusCode, 202);
        assert.equal((await stamp(stamped.id, hex(stamped.digest))).statusCode, 202);
      });
      await t.database.db.deleteFrom('evidence_items').where('id', '=', gone.id).execute();
      assert.equal((await stamp(stamped.id, hex(stamped.digest))).statusCode, 201);
      const sentBefore = tsa.requests.length;
      t.clock.advance(61_000);
      await drainJobs();
      // (Other tests' jobs may run here too; none of the new requests is about these items.)
      for (const sent of tsa.requests.slice(sentBefore)) {
        assert.ok(!Buffer.from(sent).includes(Buffer.from(gone.digest)), 'deleted item stamped');
        assert.ok(!Buffer.from(sent).includes(Buffer.from(stamped.digest)), 'stamped twice');
      }
      assert.equal((await storedTokens(stamped.id)).length, 1);
      assert.equal((await pendingJobs(gone.id)).length, 0);
      assert.equal((await pendingJobs(stamped.id)).length, 0);
    });

    test('an item shows its stored tokens re-checked against the CA configured now', async () => {
      const item = await newItem();
      const res = await stamp(item.id, hex(item.digest));
      assert.equal(res.json<StampedBody>().verified, true);
      const shown = async () => {
        const got = await call(t, 'GET', `/api/evidence/items/${item.id}`, {
          cookie: org.admin.cookie,
        });
        assert.equal(got.statusCode, 200, got.body);
        return got.json<{ timestamps: StampedBody[] }>().timestamps;
      };
      const [good] = await shown();
      assert.equal(good?.verified, true);
      assert.equal(good?.serialNumber, res.json<StampedBody>().serialNumber);
      const dir = await mkdtemp(join(tmpdir(), 'qorgan-ts-present-'));
      const saved = t.config.evidence.tsa;
      try {
        const other = await makeTestCa(dir, 'Another CA');
        t.config.evidence.tsa = { ...tsaConfig, caCertificatesPem: [other.certPem] };
        assert.equal((await shown())[0]?.verified, false);
        t.config.evidence.tsa = null;
        assert.equal((await shown())[0]?.verified, false);
      } finally {
        t.config.evidence.tsa = saved;
        await rm(dir, { recursive: true, force: true });
      }
    });

    test('the timestamp authority route tells members what tokens are checked against', async () => {
      const worker = await addMember(t, org, 'case_worker');
      const res = await call(t, 'GET', '/api/evidence/timestamp-authority', {
        cookie: worker.cookie,
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), {
        configured: true,
        url: tsa.url,
        caCertificatesPem: [tsa.caPem],
      });
    });

    test('with no authority configured stamping is refused and the route says so', async () => {
      const item = await newItem();
      const saved = t.config.evidence.tsa;
      t.config.evidence.tsa = null;
      try {
        const res = await stamp(item.id, hex(item.digest));
        assert.equal(res.statusCode, 409);
        assert.equal(errorOf(res).code, 'tsa_not_configured');
        const authority = await call(t, 'GET', '/api/evidence/timestamp-authority', {
          cookie: org.admin.cookie,
        });
        assert.deepEqual(authority.json(), { configured: false, url: null, caCertificatesPem: [] });
      } finally {
        t.config.evidence.tsa = saved;
      }
      assert.equal((await pendingJobs(item.id)).length, 0);
    });
  });
}

describe('trusted time settings from the environment', () => {
  let dir: string;
  let caPath: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qorgan-ts-env-'));
    const ca = await makeTestCa(dir);
    caPath = ca.certPath;
  });
  after(() => rm(dir, { recursive: true, force: true }));
  const defaults = defaultConfig().evidence;

  test('no QORGAN_TSA_URL: no authority', async () => {
    assert.equal((await evidenceFromEnvironment(defaults, {})).tsa, null);
  });

  test('QORGAN_TSA_URL with QORGAN_TSA_CA_FILE configures the authority with that CA', async () => {
    const evidence = await evidenceFromEnvironment(defaults, {
      QORGAN_TSA_URL: 'https://freetsa.org/tsr',
      QORGAN_TSA_CA_FILE: caPath,
    });
    assert.equal(evidence.tsa?.url, 'https://freetsa.org/tsr');
    assert.equal(evidence.tsa?.caCertificatesPem.length, 1);
    assert.match(evidence.tsa?.caCertificatesPem[0] ?? '', /BEGIN CERTIFICATE/);
    assert.ok((evidence.tsa?.timeoutMs ?? 0) > 0);
  });

  test('a URL without a CA file, an unreadable or empty CA file, or a bad URL is refused at start', async () => {
    await assert.rejects(
      evidenceFromEnvironment(defaults, { QORGAN_TSA_URL: 'https://freetsa.org/tsr' }),
      /QORGAN_TSA_CA_FILE/,
    );
    await assert.rejects(
      evidenceFromEnvironment(defaults, {
        QORGAN_TSA_URL: 'https://freetsa.org/tsr',
        QORGAN_TSA_CA_FILE: join(dir, 'missing.pem'),
      }),
      /cannot read/,
    );
    const empty = join(dir, 'empty.pem');
    await writeFile(empty, 'not a certificate\n');
    await assert.rejects(
      evidenceFromEnvironment(defaults, {
        QORGAN_TSA_URL: 'https://freetsa.org/tsr',
        QORGAN_TSA_CA_FILE: empty,
      }),
      /no readable certificate/,
    );
    await assert.rejects(
      evidenceFromEnvironment(defaults, { QORGAN_TSA_URL: 'ftp://x', QORGAN_TSA_CA_FILE: caPath }),
      /QORGAN_TSA_URL/,
    );
  });

  test('QORGAN_CAPTURE_PROXY sets the capture proxy; nonsense is refused', async () => {
    const evidence = await evidenceFromEnvironment(defaults, {
      QORGAN_CAPTURE_PROXY: 'socks5://127.0.0.1:9050',
    });
    assert.equal(evidence.capture.proxy, 'socks5://127.0.0.1:9050');
    assert.equal(defaults.capture.proxy, null, 'the defaults are not changed');
    for (const bad of [
      '127.0.0.1 9050',
      'socks4://127.0.0.1:9050',
      'https://proxy:3128',
      'socks5://user:pw@127.0.0.1:9050',
    ])
      await assert.rejects(
        evidenceFromEnvironment(defaults, { QORGAN_CAPTURE_PROXY: bad }),
        /QORGAN_CAPTURE_PROXY/,
        bad,
      );
    for (const good of ['socks5h://127.0.0.1:9050', 'http://proxy.example:3128'])
      assert.equal(
        (await evidenceFromEnvironment(defaults, { QORGAN_CAPTURE_PROXY: good })).capture.proxy,
        good,
      );
  });
});
