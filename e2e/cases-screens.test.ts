// The cases screens in a real browser, in Russian, on a phone-sized screen. Two
// organisations on one server are partners. A member of the first opens a case (sealed in
// the browser), adds a task, records a contact and the person's consent, and refers the
// case; the server holds only ciphertext of the title. An admin of the partner accepts the
// referral and reads the shared case, decrypted with the partner's own organisation key.
// Every screen: no request to another origin, no console error, no sideways scroll.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { labelOf } from '../src/common/intake/vocabulary.ts';
import { CONTACT_CHANNELS, REFERRAL_STATUSES } from '../src/common/cases/vocabulary.ts';
import { translate, type TranslationKey } from '../src/common/i18n/index.ts';
import { INTERVENER_TYPES, INTERVENTION_TYPES } from '../src/common/records/vocabulary.ts';
import { encryptField, openRecordKey, openSealedText, toB64 } from '../src/common/crypto/index.ts';
import { sealedContext } from '../src/common/records/contexts.ts';
import { call } from '../test/helpers/http.ts';
import { engines } from '../test/helpers/engines.ts';
import { addMember, createOrganisation } from '../test/helpers/factories.ts';
import { createTestIncident, createTestPerson } from '../test/helpers/records.ts';
import { createTestReport } from '../test/helpers/reports.ts';
import { createTestApp, type TestApp } from '../test/helpers/test-app.ts';
import { browserSkip, launchBrowser } from './helpers/browser.ts';
import {
  accessibilityProblems,
  addPartner,
  inApp,
  listen,
  signIn,
  signOut,
} from './helpers/cases.ts';

const VIEWPORT = { width: 360, height: 740 };
const locale = 'ru' as const;
const tr = (key: TranslationKey, params?: Record<string, string | number>) =>
  translate(locale, key, params);

const skip = browserSkip();
const [pglite] = engines();

describe('cases screens', { skip }, () => {
  let browser: Browser;
  let t: TestApp;
  let origin: string;
  before(async () => {
    browser = await launchBrowser();
    if (!pglite) throw new Error('no PGlite engine');
    t = await createTestApp(await pglite.open());
    origin = await listen(t);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    await t?.database.close();
  });

  test('open a case, add a task and a contact, refer it; the partner accepts and reads it', async () => {
    const problems: string[] = [];
    const ours = await createOrganisation(t, 'Шырақ');
    const partner = await createOrganisation(t, 'Көмек');
    await addPartner(t, partner, ours);

    const context: BrowserContext = await browser.newContext({
      viewport: VIEWPORT,
      acceptDownloads: true,
    });
    context.on('request', (r) => {
      if (!r.url().startsWith(origin)) problems.push(`request to another origin: ${r.url()}`);
    });
    context.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text()))
        problems.push(`console error: ${m.text()}`);
    });
    context.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
    const page = await context.newPage();
    const label = (key: TranslationKey) => page.getByLabel(tr(key), { exact: true });
    const button = (key: TranslationKey) =>
      page.getByRole('button', { name: tr(key), exact: true });
    const noSideScroll = async (name: string) => {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > VIEWPORT.width) problems.push(`${name}: scrolls sideways (${width}px)`);
      for (const v of await accessibilityProblems(page)) problems.push(`${name}: ${v}`);
    };

    // ---- a member of the first organisation opens a case ----
    await signIn(page, origin, ours.admin, locale, 'Шырақ');
    await page.getByRole('heading', { name: tr('cases.dashboard.urgent') }).waitFor();
    await noSideScroll('overview with the dashboard');

    // ---- the admin makes the other organisation a partner ----
    await page.getByRole('button', { name: tr('nav.menu') }).click();
    await page
      .getByRole('navigation')
      .getByRole('link', { name: tr('nav.partners') })
      .click();
    await page
      .getByRole('button', { name: tr('cases.partners.add', { name: 'Көмек' }), exact: true })
      .click();
    await page
      .getByRole('button', { name: tr('cases.partners.remove', { name: 'Көмек' }), exact: true })
      .waitFor();
    await noSideScroll('partners');
    await page.getByRole('button', { name: tr('nav.menu') }).click();
    await page
      .getByRole('navigation')
      .getByRole('link', { name: tr('nav.cases') })
      .click();
    await page.getByRole('heading', { name: tr('cases.list.title'), level: 1 }).waitFor();
    await page.getByText(tr('cases.list.empty')).waitFor();
    await noSideScroll('cases list');
    await page.getByRole('link', { name: tr('cases.list.new') }).click();
    const title = `Освободить Әсем ${randomBytes(4).toString('hex')}`;
    await label('cases.field.title').fill(title);
    await label('cases.field.goal').fill('Қауіпсіз жерге көшіру');
    await label('cases.field.restricted').check();
    await noSideScroll('new case');
    await button('cases.new.submit').click();
    await page.getByTestId('case-page-title').getByText(title).waitFor({ timeout: 30_000 });
    await noSideScroll('case page');

    const row = await t.database.db
      .selectFrom('cases')
      .select(['id', 'reference', 'sealed_title', 'restricted'])
      .where('organisation_id', '=', ours.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.restricted, true);
    assert.ok(row.sealed_title, 'the title is stored');
    assert.ok(
      !Buffer.from(row.sealed_title).toString('utf8').includes('Освободить'),
      'the server holds only ciphertext of the title',
    );

    // ---- a task ----
    await label('cases.tasks.field.title').fill('Подать жалобу прокурору');
    await button('cases.tasks.submit').click();
    await page.getByText(tr('cases.tasks.added')).waitFor();
    await page.getByTestId('task-title').getByText('Подать жалобу прокурору').waitFor();

    // ---- a contact ----
    await label('cases.contact.channel').selectOption('phone');
    await label('cases.contact.note').fill('Жива, дома, говорит свободно');
    await button('cases.contact.submit').click();
    await page.getByText(tr('cases.contact.recorded')).waitFor();
    await page
      .getByTestId('last-contact')
      .getByText(labelOf(CONTACT_CHANNELS, 'phone', locale), { exact: false })
      .waitFor();

    await page.getByTestId('timeline-item').getByText('Жива, дома, говорит свободно').waitFor();

    // ---- someone else saves the title meanwhile: a conflict keeps the member's text ----
    await button('cases.edit.start').click();
    const mine = `${title} (моё)`;
    await label('cases.field.title').fill(mine);
    const theirs = `${title} (их)`;
    const held = await t.database.db
      .selectFrom('record_keys')
      .innerJoin('cases', 'cases.id', 'record_keys.record_id')
      .select(['record_keys.sealed_key', 'cases.version'])
      .where('record_keys.record_id', '=', row.id)
      .where('record_keys.organisation_id', '=', ours.id)
      .executeTakeFirstOrThrow();
    const caseKey = openRecordKey(new Uint8Array(held.sealed_key), ours.orgKeyPair);
    const edited = await call(t, 'PATCH', `/api/cases/${row.id}`, {
      cookie: ours.admin.cookie,
      payload: {
        expectedVersion: held.version,
        sealedTitle: toB64(
          encryptField(caseKey, theirs, sealedContext('cases', 'sealed_title', row.id)),
        ),
      },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    await button('common.save').click();
    await page.getByTestId('conflict-theirs').getByText(theirs).waitFor();
    assert.equal(await label('cases.edit.yourTitle').inputValue(), mine, 'my text is kept');
    await noSideScroll('edit conflict');
    await button('cases.edit.reapply').click();
    await page.getByTestId('case-page-title').getByText(mine).waitFor();
    await page.getByText(tr('cases.history.title')).click();
    await page.getByText(theirs).first().waitFor();
    await page.getByRole('button', { name: tr('cases.history.restore', { version: 1 }) }).waitFor();

    // ---- the case file as a PDF, made in the browser ----
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      button('cases.export.button').click(),
    ]);
    assert.equal(download.suggestedFilename(), `case-${row.reference}-${locale}.pdf`);
    const pdf = await readFile(await download.path());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');

    // ---- consent, then the referral ----
    await button('cases.consent.record').click();
    await page.getByLabel(tr('cases.consent.note'), { exact: true }).fill('Устно, по телефону');
    await page.getByRole('button', { name: tr('cases.consent.submit'), exact: true }).click();
    await page.getByTestId('consent').waitFor();
    await label('cases.referral.partner').selectOption({ label: 'Көмек' });
    await page.getByTestId('referral-summary').waitFor();
    await label('cases.referral.message').fill('Просим помочь с юристом');
    await button('cases.referral.submit').click();
    await page.getByText(tr('cases.referral.sent', { partner: 'Көмек' })).waitFor({
      timeout: 30_000,
    });
    await page
      .getByTestId('referral-status')
      .getByText(labelOf(REFERRAL_STATUSES, 'pending', locale))
      .waitFor();
    await noSideScroll('case after referral');
    const keys = await t.database.db
      .selectFrom('record_keys')
      .select(['record_type'])
      .where('organisation_id', '=', partner.id)
      .execute();
    assert.deepEqual(
      keys.map((k) => k.record_type),
      ['case'],
      'the partner got the case key and nothing the scope does not cover',
    );

    await inApp(page, '/app/cases?restricted=1');
    await page.getByTestId('case-row').getByTestId('case-title').getByText(mine).waitFor();
    await noSideScroll('cases list with a case');

    // ---- the partner accepts and reads the shared case ----
    await signOut(page, locale);
    await signIn(page, origin, partner.admin, locale, 'Көмек');
    await page.getByRole('button', { name: tr('nav.menu') }).click();
    await page
      .getByRole('navigation')
      .getByRole('link', { name: tr('nav.referrals') })
      .click();
    const incoming = page.getByTestId('incoming-referral').filter({ hasText: row.reference });
    await incoming.waitFor();
    assert.ok(!((await incoming.textContent()) ?? '').includes(title), 'nothing sealed before');
    await noSideScroll('incoming referrals');
    await incoming
      .getByLabel(tr('cases.incoming.reply'), { exact: true })
      .fill('Берём, юрист свяжется');
    await incoming.getByRole('button', { name: tr('cases.incoming.accept'), exact: true }).click();
    await incoming
      .getByRole('link', { name: tr('cases.incoming.open', { reference: row.reference }) })
      .click();
    await page.getByTestId('shared-case-title').getByText(mine).waitFor({ timeout: 30_000 });
    await page.getByText('Қауіпсіз жерге көшіру').waitFor();
    await page.getByTestId('referral-message').getByText('Просим помочь с юристом').waitFor();
    const decided = await t.database.db
      .selectFrom('referrals')
      .select(['status', 'sealed_reply'])
      .where('case_id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.equal(decided.status, 'accepted');
    assert.ok(decided.sealed_reply);
    assert.equal(
      openSealedText(ours.orgKeyPair, new Uint8Array(decided.sealed_reply)),
      'Берём, юрист свяжется',
      'the reply is sealed to the referring organisation',
    );
    await noSideScroll('shared case');

    await context.close();
    assert.deepEqual(problems, []);
  });
  test('a case opened from a report and from an incident; an intervention added on the case', async () => {
    const problems: string[] = [];
    const tag = randomBytes(3).toString('hex');
    const ours = await createOrganisation(t, 'Шырақ');
    const worker = await addMember(t, ours, 'case_worker');
    const report = await createTestReport(t, ours, { status: 'accepted' });
    const incident = await createTestIncident(t, ours, ours.admin, {
      title: `Держат дома ${tag}`,
      coded: { reportId: report.reportId },
    });
    const earlier = await createTestIncident(t, ours);
    const father = await createTestPerson(t, ours);

    const context: BrowserContext = await browser.newContext({ viewport: VIEWPORT });
    context.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text()))
        problems.push(`console error: ${m.text()}`);
    });
    context.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
    const page = await context.newPage();
    const label = (key: TranslationKey) => page.getByLabel(tr(key), { exact: true });
    const button = (key: TranslationKey) =>
      page.getByRole('button', { name: tr(key), exact: true });
    await signIn(page, origin, worker, locale, 'Шырақ');

    // An accepted report offers to open a case that starts from it.
    await inApp(page, `/app/reports/${report.reportId}`);
    // It names the incident already documented from it, and still offers another.
    await page
      .getByTestId('documented-as')
      .getByRole('link', { name: incident.reference, exact: true })
      .waitFor();
    assert.equal(
      await page.getByTestId('document-as-incident').textContent(),
      tr('records.documentAnother'),
    );
    await page.getByTestId('open-case-from-report').click();
    await page.getByRole('heading', { name: tr('cases.new.title'), level: 1 }).waitFor();
    assert.equal(await label('cases.new.fromReport').inputValue(), report.reportId);

    // So does an incident; the new case is linked to it.
    await inApp(page, `/app/incidents/${incident.id}`);
    await page.getByTestId('open-case-from-incident').click();
    await page.getByRole('heading', { name: tr('cases.new.title'), level: 1 }).waitFor();
    assert.equal(await label('cases.new.fromIncident').inputValue(), incident.id);
    const caseTitle = `Освободить ${tag}`;
    await label('cases.field.title').fill(caseTitle);
    await button('cases.new.submit').click();
    await page.getByTestId('case-page-title').getByText(caseTitle).waitFor({ timeout: 30_000 });
    const caseId = /\/app\/cases\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    const links = page.getByRole('region', { name: tr('cases.links.title') });
    await links.getByRole('link', { name: incident.reference, exact: true }).waitFor();

    // An intervention recorded from the case belongs to it (and to the incident chosen).
    await links.getByRole('button', { name: tr('interventions.add'), exact: true }).click();
    const form = page.getByRole('form', { name: tr('interventions.new') });
    const field = (key: TranslationKey) => form.getByLabel(tr(key), { exact: true });
    await field('records.field.incident').selectOption({ label: incident.reference });
    await field('records.field.intervenerType').selectOption({
      label: labelOf(INTERVENER_TYPES, 'lawyer', locale),
    });
    await field('records.field.interventionType').selectOption({
      label: labelOf(INTERVENTION_TYPES, 'police_complaint', locale),
    });
    await field('records.field.submittedOn').fill('2026-03-02');
    const complaint = `Заявление в полицию ${tag}`;
    await field('records.field.title').fill(complaint);
    await form.getByRole('button', { name: tr('records.save'), exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await links.getByRole('link', { name: complaint }).waitFor();
    await page
      .getByRole('list', { name: tr('cases.timeline.title') })
      .getByText(complaint)
      .waitFor();
    const stored = await t.database.db
      .selectFrom('interventions')
      .select(['case_id', 'incident_id'])
      .where('organisation_id', '=', ours.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, { case_id: caseId, incident_id: incident.id });

    // Another incident and a person are linked by what the member types, in any case.
    const linkBy = async (kind: 'incidents' | 'people', typed: string) => {
      await links.getByLabel(tr('cases.links.kind'), { exact: true }).selectOption(kind);
      await links.getByLabel(tr('cases.links.reference'), { exact: true }).fill(typed);
      await links.getByRole('button', { name: tr('cases.links.link'), exact: true }).click();
    };
    await linkBy('incidents', ` ${earlier.reference.toLowerCase()}`);
    await links.getByRole('link', { name: earlier.reference, exact: true }).waitFor();
    await linkBy('people', father.codeName.toLowerCase());
    await links.getByRole('link', { name: father.codeName, exact: true }).waitFor();
    await linkBy('people', 'P-ZZZZZZZZ');
    await links.getByText(tr('cases.links.notFound', { reference: 'P-ZZZZZZZZ' })).waitFor();

    await context.close();
    assert.deepEqual(problems, []);
  });
});
