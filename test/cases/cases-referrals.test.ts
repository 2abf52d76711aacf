// Consent and referrals between organisations, on both engines: a referral without
// consent, beyond the consent's scope, to an organisation that is not a partner, or with a
// key missing or one too many is refused and stores nothing; an accepted referral lets the
// partner open exactly the shared sealed fields with its own organisation key and nothing
// else; declining or withdrawing destroys the partner's key copies.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { ReferralSummaryDto } from '../../src/common/api/cases.ts';
import { fromB64, toB64 } from '../../src/common/crypto/encoding.ts';
import { openSealedText, sealTo } from '../../src/common/crypto/envelope.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import {
  addMember,
  createOrganisation,
  type TestMember,
  type TestOrganisation,
} from '../helpers/factories.ts';
import { call, errorOf } from '../helpers/http.ts';
import { createTestIntervention as createRecordsIntervention } from '../helpers/records.ts';
import { createTestReport } from '../helpers/reports.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  buildReferral,
  createTestCase,
  createTestIncident,
  createTestIntervention,
  createTestPerson,
  getBundle,
  linkToCase,
  makePartner,
  open,
  openKey,
  recordTestConsent,
  referCase,
  type TestCase,
} from '../helpers/cases.ts';

for (const engine of engines()) {
  describe(`cases: consent and referrals (${engine.engine})`, { skip: engine.skip }, () => {
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

    interface World {
      home: TestOrganisation;
      partner: TestOrganisation;
      stranger: TestOrganisation;
      coordinator: TestMember;
      partnerCoordinator: TestMember;
      kase: TestCase;
      incident: Awaited<ReturnType<typeof createTestIncident>>;
      person: Awaited<ReturnType<typeof createTestPerson>>;
      intervention: Awaited<ReturnType<typeof createTestIntervention>>;
      reportId: string;
      fileIds: string[];
    }

    /** A case with an incident, a person, an intervention and an accepted report with a file. */
    async function world(): Promise<World> {
      const home = await createOrganisation(t, 'Home');
      const partner = await createOrganisation(t, 'Partner');
      const stranger = await createOrganisation(t, 'Stranger');
      await makePartner(t, home, partner);
      const coordinator = await addMember(t, home, 'coordinator');
      const partnerCoordinator = await addMember(t, partner, 'coordinator');
      const person = await createTestPerson(t, home, { name: 'Arman N.' });
      const kase = await createTestCase(t, home, coordinator, {
        title: 'Free Arman',
        centralPersonId: person.id,
      });
      const incident = await createTestIncident(t, home, { title: 'Locked in by his father' });
      await linkToCase(t, coordinator, kase.id, 'incidents', incident.id);
      const intervention = await createTestIntervention(t, home, { caseId: kase.id });
      const report = await createTestReport(t, home, {
        status: 'accepted',
        answers: { wishes: ['referral'] },
        files: [{ name: 'photo.jpg', type: 'image/jpeg', bytes: new Uint8Array([1, 2, 3]) }],
      });
      await linkToCase(t, coordinator, kase.id, 'reports', report.reportId);
      return {
        home,
        partner,
        stranger,
        coordinator,
        partnerCoordinator,
        kase,
        incident,
        person,
        intervention,
        reportId: report.reportId,
        fileIds: report.fileIds,
      };
    }

    const stored = async (w: World) => ({
      referrals: (
        await t.database.db
          .selectFrom('referrals')
          .select('id')
          .where('case_id', '=', w.kase.id)
          .execute()
      ).length,
      partnerKeys: (
        await t.database.db
          .selectFrom('record_keys')
          .select('record_id')
          .where('organisation_id', 'in', [w.partner.id, w.stranger.id])
          .execute()
      ).map((r) => r.record_id),
    });
    const send = (w: World, body: unknown) =>
      call(t, 'POST', `/api/cases/${w.kase.id}/referrals`, {
        cookie: w.coordinator.cookie,
        payload: body,
      });
    const partnerKey = (org: TestOrganisation) => ({
      id: org.id,
      publicKey: org.orgKeyPair.publicKey,
    });

    test('refused: without consent, beyond its scope, to a non-partner, for another partner, with a key missing or one too many — nothing stored', async () => {
      const w = await world();
      const body = await buildReferral(t, w.home, w.coordinator, w.kase.id, {
        partner: partnerKey(w.partner),
        consentId: randomUUID(),
        scope: ['case', 'incidents'],
      });
      const noConsent = await send(w, body);
      assert.equal(noConsent.statusCode, 403, noConsent.body);
      assert.equal(errorOf(noConsent).code, 'no_consent');

      const consentId = await recordTestConsent(t, w.coordinator, w.kase, ['case', 'incidents']);
      const beyond = await send(
        w,
        await buildReferral(t, w.home, w.coordinator, w.kase.id, {
          partner: partnerKey(w.partner),
          consentId,
          scope: ['case', 'incidents', 'people'],
        }),
      );
      assert.equal(beyond.statusCode, 403, beyond.body);
      assert.equal(errorOf(beyond).code, 'beyond_consent');
      assert.match(errorOf(beyond).message, /people/);

      const toStranger = await send(
        w,
        await buildReferral(t, w.home, w.coordinator, w.kase.id, {
          partner: partnerKey(w.stranger),
          consentId,
          scope: ['case'],
        }),
      );
      assert.equal(toStranger.statusCode, 403, toStranger.body);
      assert.equal(errorOf(toStranger).code, 'not_a_partner');

      const onlyStranger = await recordTestConsent(
        t,
        w.coordinator,
        w.kase,
        ['case'],
        w.stranger.id,
      );
      const wrongPartner = await send(
        w,
        await buildReferral(t, w.home, w.coordinator, w.kase.id, {
          partner: partnerKey(w.partner),
          consentId: onlyStranger,
          scope: ['case'],
        }),
      );
      assert.equal(wrongPartner.statusCode, 403);
      assert.equal(errorOf(wrongPartner).code, 'no_consent');

      const full = await buildReferral(t, w.home, w.coordinator, w.kase.id, {
        partner: partnerKey(w.partner),
        consentId,
        scope: ['case', 'incidents'],
      });
      assert.equal(full.keys.length, 2);
      const missing = await send(w, { ...full, keys: full.keys.slice(0, 1) });
      assert.equal(missing.statusCode, 400, missing.body);
      assert.equal(errorOf(missing).code, 'key_set_mismatch');
      const personKey = toB64(sealTo(w.partner.orgKeyPair.publicKey, w.person.recordKey));
      const extra = await send(w, {
        ...full,
        keys: [...full.keys, { recordId: w.person.id, recordType: 'person', sealedKey: personKey }],
      });
      assert.equal(extra.statusCode, 400, extra.body);
      assert.equal(errorOf(extra).code, 'key_set_mismatch');
      const twice = await send(w, { ...full, keys: [...full.keys, full.keys[0]] });
      assert.equal(twice.statusCode, 400);

      const withdrawn = await call(
        t,
        'POST',
        `/api/cases/${w.kase.id}/consents/${consentId}/withdraw`,
        { cookie: w.coordinator.cookie, payload: {} },
      );
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      const afterWithdrawal = await send(w, full);
      assert.equal(afterWithdrawal.statusCode, 403);
      assert.equal(errorOf(afterWithdrawal).code, 'no_consent');

      assert.deepEqual(await stored(w), { referrals: 0, partnerKeys: [] }, 'nothing stored');
    });

    test('an intervention recorded on the case is in the plan when the scope has interventions', async () => {
      const w = await world();
      // As the case page records one: through the records API, with the case and an incident.
      const recorded = await createRecordsIntervention(t, w.home, w.coordinator, {
        coded: { caseId: w.kase.id, incidentId: w.incident.id },
      });
      const planned = async (scope: string) => {
        const res = await call(t, 'GET', `/api/cases/${w.kase.id}/referral-plan?scope=${scope}`, {
          cookie: w.coordinator.cookie,
        });
        assert.equal(res.statusCode, 200, res.body);
        return res
          .json<{ records: { recordId: string; recordType: string }[] }>()
          .records.filter((r) => r.recordType === 'intervention')
          .map((r) => r.recordId)
          .sort();
      };
      assert.deepEqual(await planned('interventions'), [w.intervention.id, recorded.id].sort());
      assert.deepEqual(await planned('incidents'), [], 'not without interventions in the scope');
    });

    test('accepted: the partner opens exactly the shared records with its own key, and nothing else', async () => {
      const w = await world();
      const consentId = await recordTestConsent(t, w.coordinator, w.kase, [
        'case',
        'incidents',
        'reports',
      ]);
      const plan = await call(
        t,
        'GET',
        `/api/cases/${w.kase.id}/referral-plan?scope=incidents,reports`,
        { cookie: w.coordinator.cookie },
      );
      assert.deepEqual(
        plan
          .json<{ records: { recordId: string; recordType: string }[] }>()
          .records.map((r) => `${r.recordType}:${r.recordId}`)
          .sort(),
        [
          `case:${w.kase.id}`,
          `incident:${w.incident.id}`,
          `report:${w.reportId}`,
          ...w.fileIds.map((f) => `report_file:${f}`),
        ].sort(),
        'the case, its incidents, its reports and each report file',
      );
      const message = toB64(sealTo(w.partner.orgKeyPair.publicKey, 'Please take this case.'));
      const body = await buildReferral(t, w.home, w.coordinator, w.kase.id, {
        partner: partnerKey(w.partner),
        consentId,
        scope: ['case', 'incidents', 'reports'],
      });
      const sent = await send(w, { ...body, sealedMessage: message });
      assert.equal(sent.statusCode, 201, sent.body);
      const referralId = body.id;

      // The partner's deciders hear of it; the list shows who, which case, what scope — nothing sealed.
      const notes = await call(t, 'GET', '/api/notifications', {
        cookie: w.partnerCoordinator.cookie,
      });
      assert.ok(
        notes
          .json<{ notifications: { kind: string; referralId: string | null }[] }>()
          .notifications.some((n) => n.kind === 'referral_received' && n.referralId === referralId),
      );
      const incoming = await call(t, 'GET', '/api/referrals?direction=incoming', {
        cookie: w.partnerCoordinator.cookie,
      });
      assert.equal(incoming.statusCode, 200, incoming.body);
      assert.doesNotMatch(incoming.body, /sealed/i);
      const listed = incoming.json<{ referrals: ReferralSummaryDto[] }>().referrals;
      assert.deepEqual(
        listed.map((r) => [r.id, r.fromOrganisationName, r.caseReference, r.status, r.consentId]),
        [[referralId, 'Home', w.kase.reference, 'pending', null]],
      );
      const detail = await call(t, 'GET', `/api/referrals/${referralId}`, {
        cookie: w.partnerCoordinator.cookie,
      });
      assert.equal(
        openSealedText(
          w.partner.orgKeyPair,
          fromB64(detail.json<{ sealedMessage: string }>().sealedMessage),
        ),
        'Please take this case.',
      );
      const early = await getBundle(t, w.partnerCoordinator, referralId);
      assert.equal(early.res.statusCode, 409, 'nothing opens before acceptance');

      const reply = toB64(sealTo(w.home.orgKeyPair.publicKey, 'We will take it.'));
      const accepted = await call(t, 'POST', `/api/referrals/${referralId}/accept`, {
        cookie: w.partnerCoordinator.cookie,
        payload: { sealedReply: reply },
      });
      assert.equal(accepted.statusCode, 200, accepted.body);
      const again = await call(t, 'POST', `/api/referrals/${referralId}/decline`, {
        cookie: w.partnerCoordinator.cookie,
        payload: {},
      });
      assert.equal(again.statusCode, 409, 'decided once');

      // Both sides see the status; the referrer reads the reply and is notified.
      const outgoing = await call(t, 'GET', `/api/referrals/${referralId}`, {
        cookie: w.coordinator.cookie,
      });
      const out = outgoing.json<{ referral: ReferralSummaryDto; sealedReply: string }>();
      assert.equal(out.referral.status, 'accepted');
      assert.equal(openSealedText(w.home.orgKeyPair, fromB64(out.sealedReply)), 'We will take it.');
      const homeNotes = await call(t, 'GET', '/api/notifications', {
        cookie: w.coordinator.cookie,
      });
      assert.ok(homeNotes.body.includes('referral_decided'));
      assert.equal(
        (await call(t, 'GET', `/api/cases/${w.kase.id}`, { cookie: w.coordinator.cookie })).json<{
          referrals: ReferralSummaryDto[];
        }>().referrals[0]?.status,
        'accepted',
      );

      const { res, bundle } = await getBundle(t, w.partnerCoordinator, referralId);
      assert.equal(res.statusCode, 200, res.body);
      assert.ok(bundle);
      const caseKey = openKey(bundle.case.sealedRecordKey, w.partner.orgKeyPair);
      assert.equal(
        open(caseKey, 'cases', 'sealed_title', w.kase.id, bundle.case.sealedTitle ?? ''),
        'Free Arman',
      );
      assert.deepEqual(
        bundle.incidents.map((i) => i.id),
        [w.incident.id],
      );
      const incident = bundle.incidents[0];
      assert.ok(incident);
      const incidentKey = openKey(incident.sealedRecordKey, w.partner.orgKeyPair);
      assert.equal(
        open(incidentKey, 'incidents', 'sealed_title', w.incident.id, incident.sealedTitle ?? ''),
        'Locked in by his father',
      );
      assert.equal(incident.acts.length, 1);
      assert.deepEqual(bundle.people, [], 'people were not in the scope');
      assert.deepEqual(bundle.interventions, [], 'interventions were not in the scope');
      assert.deepEqual(
        bundle.reports.map((r) => [r.id, r.files.map((f) => f.id)]),
        [[w.reportId, w.fileIds]],
      );
      const partnerCopies = await t.database.db
        .selectFrom('record_keys')
        .select(['record_id', 'referral_id'])
        .where('organisation_id', '=', w.partner.id)
        .execute();
      assert.deepEqual(
        partnerCopies.map((c) => c.record_id).sort(),
        [w.kase.id, w.incident.id, w.reportId, ...w.fileIds].sort(),
        'the partner holds keys of the shared records only',
      );
      assert.ok(partnerCopies.every((c) => c.referral_id === referralId));
      assert.doesNotMatch(
        JSON.stringify(bundle),
        new RegExp(w.person.id),
        'not even the person id',
      );
      // The partner cannot read the referring organisation's case itself.
      assert.equal(
        (await call(t, 'GET', `/api/cases/${w.kase.id}`, { cookie: w.partnerCoordinator.cookie }))
          .statusCode,
        404,
      );
      // Nor can another organisation read the bundle.
      assert.equal((await getBundle(t, w.stranger.admin, referralId)).res.statusCode, 404);
    });

    test('declining destroys the partner’s key copies; so does withdrawing an accepted referral', async () => {
      const w = await world();
      const consentId = await recordTestConsent(t, w.coordinator, w.kase, ['case', 'people']);
      const first = await referCase(t, w.home, w.coordinator, w.kase.id, {
        partner: w.partner,
        consentId,
        scope: ['case', 'people'],
      });
      assert.equal((await stored(w)).partnerKeys.length, 2);
      const twice = await send(
        w,
        await buildReferral(t, w.home, w.coordinator, w.kase.id, {
          partner: partnerKey(w.partner),
          consentId,
          scope: ['case'],
        }),
      );
      assert.equal(twice.statusCode, 409, 'one live referral per partner');
      const declined = await call(t, 'POST', `/api/referrals/${first}/decline`, {
        cookie: w.partnerCoordinator.cookie,
        payload: {},
      });
      assert.equal(declined.statusCode, 200, declined.body);
      assert.deepEqual((await stored(w)).partnerKeys, [], 'declined: no key copies left');
      assert.equal((await getBundle(t, w.partnerCoordinator, first)).res.statusCode, 409);

      const second = await referCase(t, w.home, w.coordinator, w.kase.id, {
        partner: w.partner,
        consentId,
        scope: ['case'],
      });
      const accept = await call(t, 'POST', `/api/referrals/${second}/accept`, {
        cookie: w.partnerCoordinator.cookie,
        payload: {},
      });
      assert.equal(accept.statusCode, 200);
      assert.equal((await getBundle(t, w.partnerCoordinator, second)).res.statusCode, 200);
      const partnerWithdraws = await call(t, 'POST', `/api/referrals/${second}/withdraw`, {
        cookie: w.partnerCoordinator.cookie,
        payload: {},
      });
      assert.equal(partnerWithdraws.statusCode, 404, 'only the referrer withdraws');
      const withdrawn = await call(t, 'POST', `/api/referrals/${second}/withdraw`, {
        cookie: w.coordinator.cookie,
        payload: {},
      });
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      assert.deepEqual((await stored(w)).partnerKeys, [], 'withdrawn: no key copies left');
      assert.equal((await getBundle(t, w.partnerCoordinator, second)).res.statusCode, 409);
      const incoming = await call(t, 'GET', '/api/referrals?direction=incoming', {
        cookie: w.partnerCoordinator.cookie,
      });
      assert.deepEqual(
        incoming
          .json<{ referrals: ReferralSummaryDto[] }>()
          .referrals.map((r) => r.status)
          .sort(),
        ['declined', 'withdrawn'],
        'the partner still sees where each stands',
      );

      // Withdrawing consent withdraws the referral that rests on it.
      const third = await referCase(t, w.home, w.coordinator, w.kase.id, {
        partner: w.partner,
        consentId,
        scope: ['case'],
      });
      await call(t, 'POST', `/api/cases/${w.kase.id}/consents/${consentId}/withdraw`, {
        cookie: w.coordinator.cookie,
        payload: {},
      });
      const after = await call(t, 'GET', `/api/referrals/${third}`, {
        cookie: w.coordinator.cookie,
      });
      assert.equal(after.json<{ referral: ReferralSummaryDto }>().referral.status, 'withdrawn');
      assert.deepEqual((await stored(w)).partnerKeys, []);
    });

    test('consent from the report form only when a linked report asked for referral; partners are managed by admins', async () => {
      const w = await world();
      const quiet = await createTestReport(t, w.home, { status: 'accepted' });
      await linkToCase(t, w.coordinator, w.kase.id, 'reports', quiet.reportId);
      const fromReport = (reportId: string) =>
        call(t, 'POST', `/api/cases/${w.kase.id}/consents`, {
          cookie: w.coordinator.cookie,
          payload: { id: randomUUID(), source: 'report', reportId, scope: ['case'] },
        });
      const refused = await fromReport(quiet.reportId);
      assert.equal(refused.statusCode, 400);
      assert.equal(errorOf(refused).code, 'no_consent_in_report');
      const ok = await fromReport(w.reportId);
      assert.equal(ok.statusCode, 201, ok.body);
      const noNote = await call(t, 'POST', `/api/cases/${w.kase.id}/consents`, {
        cookie: w.coordinator.cookie,
        payload: { id: randomUUID(), source: 'recorded', scope: ['case'] },
      });
      assert.equal(noNote.statusCode, 400, 'a recorded consent says how it was given');

      // Partners: the admin lists other organisations and adds or removes them; the
      // coordinator sees the partners with their public keys.
      const orgs = await call(t, 'GET', '/api/partners/organisations', {
        cookie: w.home.admin.cookie,
      });
      const list = orgs.json<{ organisations: { id: string; isPartner: boolean }[] }>()
        .organisations;
      assert.equal(list.find((o) => o.id === w.partner.id)?.isPartner, true);
      assert.equal(list.find((o) => o.id === w.stranger.id)?.isPartner, false);
      assert.ok(!list.some((o) => o.id === w.home.id));
      const theirs = await call(t, 'GET', '/api/partners/organisations', {
        cookie: w.partner.admin.cookie,
      });
      assert.equal(
        theirs
          .json<{ organisations: { id: string; listsUsAsPartner: boolean }[] }>()
          .organisations.find((o) => o.id === w.home.id)?.listsUsAsPartner,
        true,
        'the relation is one-way and each side sees it',
      );
      const key = await call(t, 'GET', `/api/partners/${w.partner.id}/public-key`, {
        cookie: w.coordinator.cookie,
      });
      assert.equal(
        key.json<{ publicKey: string }>().publicKey,
        toB64(w.partner.orgKeyPair.publicKey),
      );
      assert.equal(
        (
          await call(t, 'GET', `/api/partners/${w.stranger.id}/public-key`, {
            cookie: w.coordinator.cookie,
          })
        ).statusCode,
        404,
      );
      assert.equal(
        (
          await call(t, 'PUT', `/api/partners/${w.stranger.id}`, {
            cookie: w.coordinator.cookie,
            payload: {},
          })
        ).statusCode,
        403,
      );
      assert.equal(
        (
          await call(t, 'PUT', `/api/partners/${w.home.id}`, {
            cookie: w.home.admin.cookie,
            payload: {},
          })
        ).statusCode,
        400,
      );
      const removed = await call(t, 'DELETE', `/api/partners/${w.partner.id}`, {
        cookie: w.home.admin.cookie,
      });
      assert.equal(removed.statusCode, 204);
      const consentId = await recordTestConsent(t, w.coordinator, w.kase, ['case']);
      const noLonger = await send(
        w,
        await buildReferral(t, w.home, w.coordinator, w.kase.id, {
          partner: partnerKey(w.partner),
          consentId,
          scope: ['case'],
        }),
      );
      assert.equal(noLonger.statusCode, 403);
      assert.equal(errorOf(noLonger).code, 'not_a_partner');
    });
  });
}
