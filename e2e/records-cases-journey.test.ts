// From a report to a partner's hands, in a real browser, through the staff app only: a
// case worker of one organisation (in Kazakh) accepts a report asking for a referral,
// documents it as an incident with an act (a victim held by her father, both new people,
// the father recorded as "father of" her), opens a case from it, records a police complaint
// the police refused to register, and adds a task with a deadline; the consent comes from
// the report. The organisation's admin adds the partner on the partners screen and refers
// the case. A coordinator of the partner (in Russian) accepts the referral and reads the
// shared case and its incident, decrypted with the partner's own key; the case worker then
// sees the referral accepted. Every screen: no request to another origin, no console or
// page error, <html lang> follows the language, no sideways scroll on a phone, and no
// English label of the records or cases screens left untranslated.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Locale } from '../src/common/api/accounts.ts';
import {
  CASE_STATUSES,
  CONSENT_SCOPES,
  REFERRAL_STATUSES,
} from '../src/common/cases/vocabulary.ts';
import { translate, type TranslationKey } from '../src/common/i18n/index.ts';
import { labelOf } from '../src/common/intake/vocabulary.ts';
import {
  ACT_TYPES,
  AUTHORITY_RESPONSES,
  INTERVENER_TYPES,
  INTERVENTION_TYPES,
  INVOLVEMENT_DEGREES,
  INVOLVEMENT_TYPES,
  PERSON_PERPETRATOR_TYPES,
  PERSON_RELATIONS,
  PERSON_ROLES,
  VICTIM_STATUSES,
} from '../src/common/records/vocabulary.ts';
import { engines } from '../test/helpers/engines.ts';
import { addMember, createOrganisation } from '../test/helpers/factories.ts';
import { createTestReport } from '../test/helpers/reports.ts';
import { createTestApp, type TestApp } from '../test/helpers/test-app.ts';
import { browserSkip, launchBrowser } from './helpers/browser.ts';
import { inApp, listen, signIn, signOut } from './helpers/cases.ts';
import { englishIn, englishPhrases, JourneyWatch, openFromMenu } from './helpers/journey.ts';

const OURS: Exclude<Locale, 'en'> = 'kk';
const THEIRS: Exclude<Locale, 'en'> = 'ru';
const WAIT = 30_000;

const skip = browserSkip();
const [pglite] = engines();

describe('records and cases journey', { skip }, () => {
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

  test('a report becomes an incident and a case, is referred, and the partner accepts', async () => {
    const tag = randomBytes(3).toString('hex');
    const ours = await createOrganisation(t, 'Шырақ');
    const worker = await addMember(t, ours, 'case_worker');
    const partner = await createOrganisation(t, 'Көмек');
    const coordinator = await addMember(t, partner, 'coordinator');
    const report = await createTestReport(t, ours, {
      locale: 'kk',
      answers: {
        incidentTypes: ['physical_violence'],
        oblast: 'almaty_city',
        wishes: ['referral', 'legal_help'],
      },
      details: { narrative: `Әкем мені үйде қамап ұстап отыр. ${tag}` },
    });

    const watch = new JourneyWatch(origin);
    const context = await watch.context(browser);
    context.setDefaultTimeout(WAIT);
    const page = await context.newPage();
    const tr = (key: TranslationKey, params?: Record<string, string | number>) =>
      translate(OURS, key, params);
    const label = (key: TranslationKey) => page.getByLabel(tr(key), { exact: true });
    const button = (key: TranslationKey, params?: Record<string, string | number>) =>
      page.getByRole('button', { name: tr(key, params), exact: true });
    const heading = (name: string, level = 1) => page.getByRole('heading', { name, level });
    const screen = (name: string) => watch.screen(page, OURS, name);

    // ---- 1. the case worker accepts the report in the triage inbox ----
    await signIn(page, origin, worker, OURS, 'Шырақ');
    await openFromMenu(page, OURS, 'nav.reports');
    await heading(tr('reports.title')).waitFor();
    const row = page.getByTestId('report-row').filter({ hasText: report.reference });
    await row.getByText(tr('reportStatus.new')).waitFor();
    await screen('inbox');
    await row.getByRole('link', { name: report.reference }).click();
    await heading(
      tr('reports.reportTitle', { reference: report.reference.replace(/-/g, '\u2011') }),
    ).waitFor();
    await page.getByTestId('report-narrative').getByText(tag, { exact: false }).waitFor();
    await page.getByLabel(tr('reportStatus.accepted'), { exact: true }).check();
    await button('reports.triage.changeStatus').click();
    await page
      .getByText(tr('reports.triage.statusChanged', { status: tr('reportStatus.accepted') }))
      .waitFor();
    await page.getByTestId('report-status').getByText(tr('reportStatus.accepted')).waitFor();
    await screen('accepted report');

    // ---- 2. documented as an incident, with an act: a victim and her father ----
    await page.getByTestId('document-as-incident').click();
    await heading(tr('incident.newTitle')).waitFor();
    await page.getByText(tr('incident.fromReport', { reference: report.reference })).waitFor();
    const incidentTitle = `Әкесі үйде ұстап отыр ${tag}`;
    await label('records.field.title').fill(incidentTitle);
    await screen('new incident from the report');
    await button('records.create').click();
    await page.waitForURL(/\/app\/incidents\/[0-9a-f-]{36}$/, { timeout: WAIT });
    const incident = await t.database.db
      .selectFrom('incidents')
      .select(['id', 'reference', 'report_id'])
      .where('organisation_id', '=', ours.id)
      .executeTakeFirstOrThrow();
    assert.equal(incident.report_id, report.reportId, 'the incident remembers its report');
    await heading(tr('incident.pageTitle', { reference: incident.reference })).waitFor();
    assert.equal(
      await label('records.field.title').inputValue(),
      incidentTitle,
      'the title opens in the browser',
    );

    await button('acts.add').click();
    const actForm = page.getByRole('form', { name: tr('acts.new') });
    await actForm
      .getByLabel(tr('records.field.actType'), { exact: true })
      .selectOption({ label: labelOf(ACT_TYPES, 'confinement', OURS) });
    const quickPerson = actForm.getByRole('group', { name: tr('people.quickAddTitle') });
    // The victim: a new person, pseudonymous; her name is sealed in this tab.
    await actForm
      .locator('.person-picker')
      .filter({ has: page.getByTestId('act-victim') })
      .getByRole('button', { name: tr('people.quickAdd'), exact: true })
      .click();
    assert.ok(
      await quickPerson
        .getByLabel(labelOf(PERSON_ROLES, 'victim', OURS), { exact: true })
        .isChecked(),
      'someone added as the victim starts as a victim',
    );
    await quickPerson.getByLabel(tr('records.field.name'), { exact: true }).fill('Әсем');
    await quickPerson.getByRole('button', { name: tr('records.create'), exact: true }).click();
    await quickPerson.waitFor({ state: 'detached' });
    const victimCode = await selectedText(page, 'act-victim');
    assert.match(victimCode, /^P-\S+ · /, 'the victim is shown by code name');
    // The perpetrator: a new person whose perpetrator type is "father".
    await actForm.getByRole('button', { name: tr('acts.addPerpetrator'), exact: true }).click();
    await actForm
      .locator('.person-picker')
      .filter({ has: page.getByTestId('act-perpetrator-0') })
      .getByRole('button', { name: tr('people.quickAdd'), exact: true })
      .click();
    await quickPerson
      .getByLabel(tr('records.field.perpetratorType'), { exact: true })
      .selectOption({ label: labelOf(PERSON_PERPETRATOR_TYPES, 'father', OURS) });
    await quickPerson.getByLabel(tr('records.field.name'), { exact: true }).fill('Ерлан');
    await quickPerson.getByRole('button', { name: tr('records.create'), exact: true }).click();
    await quickPerson.waitFor({ state: 'detached' });
    const fatherLabel = await selectedText(page, 'act-perpetrator-0');
    assert.ok(
      fatherLabel.endsWith(` · ${labelOf(PERSON_PERPETRATOR_TYPES, 'father', OURS)}`),
      `the perpetrator reads as a father: ${fatherLabel}`,
    );
    await actForm
      .getByLabel(tr('records.field.victimStatusAfter'), { exact: true })
      .selectOption({ label: labelOf(VICTIM_STATUSES, 'confined', OURS) });
    await screen('new act');
    await actForm.getByRole('button', { name: tr('records.save'), exact: true }).click();
    const act = page.getByTestId('act-card');
    await act
      .getByRole('heading', {
        name: `${tr('acts.actN', { n: 1 })}: ${labelOf(ACT_TYPES, 'confinement', OURS)}`,
      })
      .waitFor();
    const actText = (await act.textContent()) ?? '';
    const victim = victimCode.split(' · ')[0] ?? '';
    const father = fatherLabel.split(' · ')[0] ?? '';
    assert.ok(actText.includes(victimCode), `the act names the victim: ${actText}`);
    assert.ok(
      actText.includes(
        `${fatherLabel} — ${labelOf(INVOLVEMENT_TYPES, 'direct', OURS)}, ${labelOf(INVOLVEMENT_DEGREES, 'confirmed', OURS)}`,
      ),
      `the act names the father as perpetrator: ${actText}`,
    );
    assert.ok(!actText.includes('Ерлан') && !actText.includes('Әсем'), 'real names stay hidden');
    await screen('incident with an act');

    // The father is "father of" the victim, recorded on his page; her page reads it back.
    await openFromMenu(page, OURS, 'nav.people');
    await heading(tr('people.title')).waitFor();
    await page.getByTestId('person-row').getByRole('link', { name: father, exact: true }).click();
    await heading(tr('people.pageTitle', { codeName: father })).waitFor();
    await button('people.addRelation').click();
    const relationForm = page.getByRole('form', { name: tr('people.addRelation') });
    await relationForm
      .getByLabel(tr('people.relationIs'), { exact: true })
      .selectOption({ label: relationOf('father_of', 'label', OURS) });
    await relationForm.getByLabel(tr('records.field.otherPerson'), { exact: true }).fill(victim);
    await relationForm.getByRole('button', { name: tr('records.add'), exact: true }).click();
    await page
      .getByTestId('relations')
      .getByText(relationOf('father_of', 'label', OURS), { exact: false })
      .waitFor();
    await screen('father with a relation');
    await page.getByTestId('relations').getByRole('link', { name: victim, exact: true }).click();
    await heading(tr('people.pageTitle', { codeName: victim })).waitFor();
    await page
      .getByTestId('relations')
      .getByText(relationOf('father_of', 'inverse', OURS), { exact: false })
      .waitFor();

    // ---- 3. a case opened from the incident and the report ----
    await openFromMenu(page, OURS, 'nav.cases');
    await heading(tr('cases.list.title')).waitFor();
    await page.getByRole('link', { name: tr('cases.list.new') }).click();
    await heading(tr('cases.new.title')).waitFor();
    const caseTitle = `Әсемді босату ${tag}`;
    await label('cases.field.title').fill(caseTitle);
    await label('cases.field.goal').fill('Қауіпсіз жерге көшіру, заңгер көмегі');
    await label('cases.new.fromIncident').selectOption({ label: incident.reference });
    await label('cases.new.fromReport').selectOption({ label: report.reference });
    await screen('new case');
    await button('cases.new.submit').click();
    await page.getByTestId('case-page-title').getByText(caseTitle).waitFor();
    const caseId = /\/app\/cases\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    assert.ok(caseId, `on the case page: ${page.url()}`);
    const kase = await t.database.db
      .selectFrom('cases')
      .select(['reference', 'sealed_title'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.ok(kase.sealed_title, 'the case title is stored');
    assert.ok(
      !Buffer.from(kase.sealed_title).toString('utf8').includes(tag),
      'the server holds only ciphertext of the case title',
    );
    await page
      .getByTestId('case-status')
      .getByText(labelOf(CASE_STATUSES, 'open', OURS))
      .waitFor();
    const links = page.getByRole('region', { name: tr('cases.links.title') });
    await links.getByRole('link', { name: incident.reference, exact: true }).waitFor();
    await links.getByText(incidentTitle).waitFor();
    await links.getByRole('link', { name: report.reference, exact: true }).waitFor();
    await screen('case page');

    // ---- 4. a police complaint, refused registration, on the case's incident ----
    await links.getByRole('link', { name: incident.reference, exact: true }).click();
    await heading(tr('incident.pageTitle', { reference: incident.reference })).waitFor();
    await button('interventions.add').click();
    const interventionForm = page.getByRole('form', { name: tr('interventions.new') });
    const inIntervention = (key: TranslationKey) =>
      interventionForm.getByLabel(tr(key), { exact: true });
    await inIntervention('records.field.intervenerType').selectOption({
      label: labelOf(INTERVENER_TYPES, 'lawyer', OURS),
    });
    await inIntervention('records.field.interventionType').selectOption({
      label: labelOf(INTERVENTION_TYPES, 'police_complaint', OURS),
    });
    await inIntervention('records.field.submittedOn').fill('2026-03-02');
    await inIntervention('records.field.responseOn').fill('2026-03-05');
    await inIntervention('records.field.authorityResponse').selectOption({
      label: labelOf(AUTHORITY_RESPONSES, 'refused_to_register', OURS),
    });
    const complaintTitle = `Полицияға арыз ${tag}`;
    await inIntervention('records.field.title').fill(complaintTitle);
    await screen('new intervention');
    await interventionForm.getByRole('button', { name: tr('records.save'), exact: true }).click();
    const intervention = page.getByTestId('intervention-row');
    await intervention
      .getByText(labelOf(AUTHORITY_RESPONSES, 'refused_to_register', OURS), { exact: true })
      .waitFor();
    await intervention
      .getByRole('link', { name: labelOf(INTERVENTION_TYPES, 'police_complaint', OURS) })
      .click();
    await heading(
      `${tr('interventions.pageTitle')}: ${labelOf(INTERVENTION_TYPES, 'police_complaint', OURS)}`,
    ).waitFor();
    assert.equal(await label('records.field.title').inputValue(), complaintTitle);
    assert.equal(
      await label('records.field.authorityResponse').inputValue(),
      'refused_to_register',
    );
    await screen('intervention');

    // ---- 5. a task with a deadline ----
    await inApp(page, `/app/cases/${caseId}`);
    await page.getByTestId('case-page-title').getByText(caseTitle).waitFor();
    const taskTitle = `Прокуратураға шағым жазу ${tag}`;
    await label('cases.tasks.field.title').fill(taskTitle);
    await label('cases.tasks.field.due').fill('2026-12-20T10:00');
    await button('cases.tasks.submit').click();
    await page.getByText(tr('cases.tasks.added')).waitFor();
    const task = page.getByTestId('case-task').filter({ hasText: taskTitle });
    await task.getByText(tr('cases.tasks.dueOn', { date: '' }).trim(), { exact: false }).waitFor();
    assert.match((await task.textContent()) ?? '', /2026/, 'the deadline is shown');

    // ---- 6. consent from the report's referral wish ----
    await button('cases.consent.record').click();
    await label('cases.consent.source').selectOption({ label: tr('cases.consent.sourceReport') });
    await label('cases.consent.report').selectOption({ label: report.reference });
    await page.getByLabel(labelOf(CONSENT_SCOPES, 'incidents', OURS), { exact: true }).check();
    await screen('consent form');
    await button('cases.consent.submit').click();
    const consent = page.getByTestId('consent');
    await consent.getByText(tr('cases.consent.active')).waitFor();
    await consent.getByText(labelOf(CONSENT_SCOPES, 'incidents', OURS), { exact: false }).waitFor();
    await signOut(page, OURS);

    // ---- 6. the admin adds the partner and refers the case ----
    await signIn(page, origin, ours.admin, OURS, 'Шырақ');
    await openFromMenu(page, OURS, 'nav.partners');
    await heading(tr('cases.partners.title')).waitFor();
    await button('cases.partners.add', { name: 'Көмек' }).click();
    await button('cases.partners.remove', { name: 'Көмек' }).waitFor();
    await screen('partners');
    await inApp(page, `/app/cases/${caseId}`);
    await page.getByTestId('case-page-title').getByText(caseTitle).waitFor();
    await label('cases.referral.partner').selectOption({ label: 'Көмек' });
    await page.getByLabel(labelOf(CONSENT_SCOPES, 'incidents', OURS), { exact: true }).check();
    await page.getByTestId('referral-summary').waitFor();
    await screen('referral form');
    await button('cases.referral.submit').click();
    await page.getByText(tr('cases.referral.sent', { partner: 'Көмек' })).waitFor();
    await page
      .getByTestId('referral-status')
      .getByText(labelOf(REFERRAL_STATUSES, 'pending', OURS))
      .waitFor();
    const shared = await t.database.db
      .selectFrom('record_keys')
      .select('record_type')
      .where('organisation_id', '=', partner.id)
      .orderBy('record_type')
      .execute();
    assert.deepEqual(
      shared.map((k) => k.record_type),
      ['case', 'incident'],
      'the partner holds the keys of the case and its incident, nothing else',
    );
    await signOut(page, OURS);

    // ---- 7. the partner's coordinator accepts and reads the shared case ----
    const ru = (key: TranslationKey, params?: Record<string, string | number>) =>
      translate(THEIRS, key, params);
    await signIn(page, origin, coordinator, THEIRS, 'Көмек');
    await openFromMenu(page, THEIRS, 'nav.referrals');
    await heading(ru('cases.incoming.title')).waitFor();
    const incoming = page.getByTestId('incoming-referral').filter({ hasText: kase.reference });
    await incoming.getByText(labelOf(REFERRAL_STATUSES, 'pending', THEIRS)).waitFor();
    await incoming.getByText(ru('cases.incoming.from', { name: 'Шырақ' })).waitFor();
    assert.ok(!((await incoming.textContent()) ?? '').includes(tag), 'nothing decrypted before');
    await watch.screen(page, THEIRS, 'incoming referral');
    await incoming.getByRole('button', { name: ru('cases.incoming.accept'), exact: true }).click();
    await incoming.getByText(labelOf(REFERRAL_STATUSES, 'accepted', THEIRS)).waitFor();
    await incoming
      .getByRole('link', { name: ru('cases.incoming.open', { reference: kase.reference }) })
      .click();
    await heading(
      ru('cases.caseTitle', { reference: kase.reference.replace(/-/g, '\u2011') }),
    ).waitFor();
    await page.getByTestId('shared-case-title').getByText(caseTitle).waitFor();
    await page
      .getByRole('heading', { level: 3 })
      .filter({ hasText: incident.reference })
      .getByText(incidentTitle)
      .waitFor();
    await watch.screen(page, THEIRS, 'shared case');
    await signOut(page, THEIRS);

    // ---- the referring side sees the referral accepted ----
    await signIn(page, origin, worker, OURS, 'Шырақ');
    await inApp(page, `/app/cases/${caseId}`);
    await page.getByTestId('case-page-title').getByText(caseTitle).waitFor();
    await page
      .getByTestId('referral')
      .filter({ hasText: 'Көмек' })
      .getByTestId('referral-status')
      .getByText(labelOf(REFERRAL_STATUSES, 'accepted', OURS))
      .waitFor();
    await screen('case after the partner accepted');

    await context.close();
    assert.deepEqual(watch.problems, []);
  });

  test('the English check finds an English label and ignores translated text', () => {
    const phrases = englishPhrases('kk');
    assert.ok(phrases.includes(translate('en', 'acts.title')), 'acts.title is checked');
    assert.deepEqual(englishIn(`${translate('kk', 'acts.title')} · P-7KQ3`, phrases), []);
    assert.deepEqual(englishIn(`Жәбірленуші ${translate('en', 'acts.title')}`, phrases), [
      translate('en', 'acts.title'),
    ]);
  });
});

/** The text of the option chosen in the select with this test id. */
async function selectedText(page: Page, testId: string): Promise<string> {
  return page
    .getByTestId(testId)
    .evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
}

/** How "A is father of B" reads from A's side (label) or from B's (inverse). */
function relationOf(code: string, side: 'label' | 'inverse', locale: Locale): string {
  const term = PERSON_RELATIONS.find((r) => r.code === code);
  if (!term) throw new Error(`no relation ${code}`);
  return term[side][locale];
}
