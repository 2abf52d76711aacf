// The demo is the first thing a newcomer runs: it must seed reports in every language,
// in every triage state, through the real use cases, and its codenames must open /return.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createHash } from 'node:crypto';
import exifr from 'exifr';
import { TEST_KDF } from '../../src/common/crypto/keys.ts';
import { decryptBytes } from '../../src/common/crypto/stream.ts';
import { openFileKey, openItemKey, openItemMeta } from '../../src/common/evidence/item-crypto.ts';
import type { CountsDto } from '../../src/common/api/monitoring.ts';
import { seedDemo } from '../../src/server/demo/seed-demo.ts';
import { loginCookie } from '../helpers/factories.ts';
import { engines } from '../helpers/engines.ts';
import { createTestApp } from '../helpers/test-app.ts';

const hashManifestDigestHex = (text: string) =>
  createHash('sha256').update(text, 'utf8').digest('hex');

for (const engine of engines()) {
  describe(`demo seed (${engine.engine})`, { skip: engine.skip }, () => {
    test('seeds reports in ru, kk and en whose codenames open /return', async () => {
      const database = await engine.open();
      const t = await createTestApp(database);
      try {
        const seed = await seedDemo({
          deps: {
            db: database.db,
            blobs: t.blobs,
            secrets: t.secrets,
            config: t.config,
            now: t.clock.now,
          },
          kdf: TEST_KDF,
        });
        assert.deepEqual(new Set(seed.reports.map((r) => r.locale)), new Set(['ru', 'kk', 'en']));
        assert.ok(new Set(seed.reports.map((r) => r.status)).size >= 4, 'several triage states');
        const rows = await database.db
          .selectFrom('reports')
          .select(['reference', 'status', 'encrypted_by'])
          .execute();
        assert.equal(rows.length, seed.reports.length);
        const files = await database.db.selectFrom('report_files').select('role').execute();
        assert.ok(files.length >= 1 && files.every((f) => f.role === 'working'));

        // The report with a thread: its codename signs in and the staff reply shows.
        const withThread = seed.reports[0];
        assert.ok(withThread);
        const signIn = await t.app.inject({
          method: 'POST',
          url: '/return',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({
            codename: withThread.codename,
            lang: 'ru',
            form_token: await formToken(t.app),
          }).toString(),
        });
        assert.equal(signIn.statusCode, 303, signIn.body);
        const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
        const page = await t.app.inject({
          method: 'GET',
          url: '/return/report?lang=ru',
          headers: { cookie },
        });
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /С вами свяжется наш юрист/);
        assert.match(page.body, /Алатауский район/);

        // Partner organisation is listed on /report next to the demo organisation.
        const list = await t.app.inject({ method: 'GET', url: '/report?lang=en' });
        assert.match(list.body, new RegExp(`/report/${seed.organisationSlug}\\b`));
        assert.match(list.body, new RegExp(`/report/${seed.partner.slug}\\b`));

        // Records and cases: every screen has something to show.
        assert.equal(seed.records.incidents.length, 4);
        const incidents = await database.db
          .selectFrom('incidents')
          .select(['reference', 'report_id', 'version'])
          .execute();
        assert.equal(incidents.length, 4);
        assert.ok(
          incidents.some((i) => i.version === 2),
          'an incident with history',
        );
        assert.equal(incidents.filter((i) => i.report_id !== null).length, 2);
        const acts = await database.db.selectFrom('acts').select('act_type').execute();
        assert.ok(acts.some((a) => a.act_type === 'police_refusal_to_register'));
        const relations = await database.db
          .selectFrom('person_relations')
          .select('relation')
          .execute();
        assert.ok(relations.some((r) => r.relation === 'father_of'));
        const interventions = await database.db
          .selectFrom('interventions')
          .select(['intervention_type', 'authority_response'])
          .execute();
        assert.ok(
          interventions.some(
            (i) =>
              i.intervention_type === 'police_complaint' &&
              i.authority_response === 'refused_to_register',
          ),
        );
        const cases = await database.db
          .selectFrom('cases')
          .select(['status', 'restricted', 'outcome'])
          .execute();
        assert.deepEqual(cases.map((c) => c.status).sort(), ['active', 'closed', 'urgent']);
        assert.ok(cases.some((c) => c.restricted));
        const tasks = await database.db.selectFrom('tasks').select('id').execute();
        assert.ok(tasks.length >= 3);
        const alerts = await database.db.selectFrom('contact_alerts').select('id').execute();
        assert.equal(alerts.length, 1, 'the urgent case has an overdue contact');
        const referrals = await database.db
          .selectFrom('referrals')
          .select(['status', 'scope'])
          .execute();
        assert.deepEqual(
          referrals.map((r) => r.status),
          ['pending'],
        );

        // Evidence: three invented items; the photo's original keeps its GPS data, its
        // working copy has none, and every file decrypts to the SHA-256 its meta names.
        assert.equal(seed.evidence.items.length, 3);
        const street = seed.records.evidenceTargets.streetIncident;
        const item = await database.db
          .selectFrom('evidence_items')
          .selectAll()
          .where('incident_id', '=', street.id)
          .executeTakeFirstOrThrow();
        const itemKey = openItemKey(street.key, item.id, item.sealed_item_key);
        const meta = openItemMeta(itemKey, item.id, item.sealed_meta);
        const evidenceFiles = await database.db
          .selectFrom('evidence_files')
          .selectAll()
          .where('item_id', '=', item.id)
          .execute();
        assert.deepEqual(evidenceFiles.map((f) => f.role).sort(), [
          'original',
          'thumbnail',
          'working',
        ]);
        const plain = new Map<string, Uint8Array>();
        for (const file of evidenceFiles) {
          const chunks: Buffer[] = [];
          for await (const chunk of await t.blobs.openRead(file.blob_key))
            chunks.push(chunk as Buffer);
          const bytes = decryptBytes(
            openFileKey(itemKey, file.id, file.sealed_file_key),
            Buffer.concat(chunks),
          );
          const info = meta.files.find((f) => f.fileId === file.id);
          assert.equal(createHash('sha256').update(bytes).digest('hex'), info?.sha256);
          plain.set(file.role, bytes);
        }
        const originalExif = await exifr.parse(Buffer.from(plain.get('original') ?? []), {
          gps: true,
        });
        assert.ok(originalExif?.latitude, 'the original keeps its GPS position');
        const workingExif = await exifr
          .parse(Buffer.from(plain.get('working') ?? []), true)
          .catch(() => undefined);
        assert.equal(workingExif, undefined, 'the working copy carries no metadata');
        assert.equal(
          hashManifestDigestHex(meta.hashManifest),
          Buffer.from(item.manifest_digest ?? []).toString('hex'),
        );

        // Monitoring: an invented campaign of three items, its comments classified in
        // every language, an overlapping second export counted as duplicates, and the
        // most uncertain comments reviewed by the demo monitor, whose counts show apart.
        const monitoring = seed.monitoring;
        assert.equal(monitoring.items.length, 3);
        assert.ok(monitoring.comments >= 140, `${monitoring.comments} comments`);
        assert.equal(monitoring.duplicates, 10);
        assert.equal(monitoring.reviewed, 40);
        const monitor = seed.members.find((m) => m.role === 'monitor');
        assert.ok(monitor);
        const monitorCookie = await loginCookie(t, monitor.email, monitor.password);
        const counts = await t.app.inject({
          method: 'GET',
          url: `/api/monitoring/counts?campaignId=${monitoring.campaignId}`,
          headers: { cookie: monitorCookie },
        });
        assert.equal(counts.statusCode, 200, counts.body);
        const figures = counts.json<CountsDto>();
        assert.equal(figures.totals.comments, monitoring.comments);
        assert.equal(figures.totals.reviewed, 40);
        assert.ok(figures.totals.machineFlagged > 0);
        assert.ok(figures.totals.confirmedHateful > 0);
        assert.ok(
          figures.totals.confirmedHateful < figures.totals.reviewed,
          'reviews say not hateful too',
        );
        for (const language of ['ru', 'kk-cyrl', 'kk-latn', 'en'])
          assert.ok(
            figures.byLanguage.some((l) => l.language === language),
            `comments in ${language}`,
          );
        assert.ok(figures.byDay.length >= 3, 'comments over several days');
        const reviewers = await database.db
          .selectFrom('monitoring_reviews')
          .select('reviewer_id')
          .distinct()
          .execute();
        const monitorId = (
          await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: monitorCookie } })
        ).json<{ member: { id: string } }>().member.id;
        assert.deepEqual(
          reviewers.map((r) => r.reviewer_id),
          [monitorId],
        );
      } finally {
        await t.close();
        await database.close();
      }
    });
  });
}

async function formToken(app: Awaited<ReturnType<typeof createTestApp>>['app']): Promise<string> {
  const page = await app.inject({ method: 'GET', url: '/return?lang=ru' });
  const token = /name="form_token" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(token, 'the /return form carries a form token');
  return token;
}
