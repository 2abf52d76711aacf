// The records screens in a real browser on a phone-sized screen: a case worker creates an
// incident with an act whose victim and perpetrator (the victim's father) are added from
// the act form, edits the title, sees the change in the history with both values opened
// in the browser, restores the first version, meets an edit conflict when someone else
// saved meanwhile (their change and hers shown, her typing kept) and saves on top, then
// finds the incident by a Kazakh word of its sealed title. An accepted report opens a
// new incident filled with its answers and narrative. What the server stored opens with
// the organisation key to exactly what was typed; nothing typed reaches it in the clear.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { incidentDetail } from '../src/common/api/records.ts';
import { decryptFieldText, fromB64, openRecordKey } from '../src/common/crypto/index.ts';
import { translate, type TranslationKey } from '../src/common/i18n/index.ts';
import { sealedContext } from '../src/common/records/contexts.ts';
import {
  ACT_TYPES,
  OBLASTS,
  PERSON_PERPETRATOR_TYPES,
  PERSON_RELATIONS,
  PERSON_ROLES,
} from '../src/common/records/vocabulary.ts';
import { INCIDENT_TYPES } from '../src/common/intake/vocabulary.ts';
import { engines } from '../test/helpers/engines.ts';
import { addMember, createOrganisation, type TestOrganisation } from '../test/helpers/factories.ts';
import { call } from '../test/helpers/http.ts';
import { createTestReport } from '../test/helpers/reports.ts';
import { createTestApp, type TestApp } from '../test/helpers/test-app.ts';
import { browserSkip, launchBrowser } from './helpers/browser.ts';
import { ScreenWatch } from './helpers/records.ts';

const skip = browserSkip();
const [pglite] = engines();
const tr = (key: TranslationKey, params?: Record<string, string | number>) =>
  translate('en', key, params);
const en = (terms: readonly { code: string; label: { en: string } }[], code: string) =>
  terms.find((t) => t.code === code)?.label.en ?? code;

async function openIncident(t: TestApp, org: TestOrganisation, id: string) {
  const res = await call(t, 'GET', `/api/incidents/${id}`, { cookie: org.admin.cookie });
  assert.equal(res.statusCode, 200, res.body);
  const detail = incidentDetail.parse(res.json());
  const key = openRecordKey(fromB64(detail.sealedRecordKey), org.orgKeyPair);
  const open = (column: string, sealed: string | null) =>
    sealed === null
      ? null
      : decryptFieldText(key, fromB64(sealed), sealedContext('incidents', column, id));
  return {
    detail,
    title: open('sealed_title', detail.sealedTitle),
    description: open('sealed_description', detail.sealedDescription),
  };
}

describe('records screens', { skip }, () => {
  let browser: Browser;
  let t: TestApp;
  let origin: string;
  before(async () => {
    browser = await launchBrowser();
    if (!pglite) throw new Error('no PGlite engine');
    t = await createTestApp(await pglite.open());
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    await t?.database.close();
  });

  test('incident, act, people, history, restore, conflict and search', async () => {
    const watch = new ScreenWatch(origin);
    const org = await createOrganisation(t, 'Шырақ');
    const worker = await addMember(t, org, 'case_worker');
    const canary = randomBytes(4).toString('hex');
    const title = `Қорқыту хаты ${canary}`;
    const description = `Held by the family in Karaganda since March ${canary}.`;

    const context = await watch.context(browser);
    const page = await context.newPage();
    const heading = (name: string | RegExp) => page.getByRole('heading', { name, level: 1 });
    const button = (key: TranslationKey) =>
      page.getByRole('button', { name: tr(key), exact: true });

    // ---- sign in (the keys open in this tab) ----
    await signIn(page, origin, worker.email, worker.password);

    // ---- a new incident from the navigation ----
    await navTo(page, tr('nav.incidents'));
    await heading(tr('incidents.title')).waitFor();
    await page.getByText(tr('incidents.empty')).waitFor();
    await watch.screen(page, 'incidents list');
    await page.getByRole('link', { name: tr('incidents.new') }).click();
    await heading(tr('incident.newTitle')).waitFor();
    await page.getByLabel(tr('records.field.title'), { exact: true }).fill(title);
    await page.getByLabel(tr('records.field.description'), { exact: true }).fill(description);
    await page.getByLabel(tr('records.field.oblast'), { exact: true }).selectOption('karaganda');
    await page.getByLabel(en(INCIDENT_TYPES, 'family_confinement'), { exact: true }).check();
    await watch.screen(page, 'new incident');
    await button('records.create').click();
    const incidentHeading = heading(/^Incident I-/);
    await incidentHeading.waitFor();
    const incidentId = /\/app\/incidents\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    assert.ok(incidentId, page.url());
    const reference = ((await incidentHeading.textContent()) ?? '').replace('Incident ', '');
    let stored = await openIncident(t, org, incidentId);
    assert.equal(stored.title, title);
    assert.equal(stored.description, description);
    assert.equal(stored.detail.incident.oblast, 'karaganda');
    assert.equal(stored.detail.incident.version, 1);

    // ---- an act: the victim and her father, added from the act form ----
    await button('acts.add').click();
    const actForm = page.getByRole('form', { name: tr('acts.new') });
    await actForm
      .getByLabel(tr('records.field.actType'), { exact: true })
      .selectOption('confinement');
    await actForm
      .getByRole('button', { name: tr('people.quickAdd') })
      .first()
      .click();
    let quick = actForm.getByRole('group', { name: tr('people.quickAddTitle') });
    await quick.getByLabel(tr('records.field.name'), { exact: true }).fill(`Айгүл ${canary}`);
    await quick.getByRole('button', { name: tr('records.create') }).click();
    await quick.waitFor({ state: 'detached' });
    const victim = await actForm.getByTestId('act-victim').inputValue();
    assert.match(victim, /^[0-9a-f-]{36}$/, 'the new person is chosen as the victim');

    await actForm.getByRole('button', { name: tr('acts.addPerpetrator') }).click();
    const perpetratorRow = actForm.getByRole('group', {
      name: `${tr('records.field.perpetrator')} 1`,
    });
    await perpetratorRow.getByRole('button', { name: tr('people.quickAdd') }).click();
    quick = perpetratorRow.getByRole('group', { name: tr('people.quickAddTitle') });
    await quick
      .getByLabel(tr('records.field.perpetratorType'), { exact: true })
      .selectOption('father');
    await quick.getByRole('button', { name: tr('records.create') }).click();
    await quick.waitFor({ state: 'detached' });
    await actForm
      .getByLabel(tr('records.field.victimStatusAfter'), { exact: true })
      .selectOption('confined');
    await actForm
      .getByLabel(tr('records.field.notes'), { exact: true })
      .fill(`locked in ${canary}`);
    await watch.screen(page, 'act form');
    await actForm.getByRole('button', { name: tr('records.save') }).click();
    const card = page.getByTestId('act-card');
    await card.waitFor();
    const cardText = (await card.textContent()) ?? '';
    assert.ok(cardText.includes(en(ACT_TYPES, 'confinement')), cardText);
    assert.ok(cardText.includes(en(PERSON_PERPETRATOR_TYPES, 'father')), cardText);
    stored = await openIncident(t, org, incidentId);
    const [act] = stored.detail.acts;
    assert.ok(act);
    assert.equal(act.victimPersonId, victim);
    assert.equal(act.perpetrators.length, 1);
    assert.equal(act.victimStatusAfter, 'confined');
    const father = stored.detail.people.find((p) => p.id === act.perpetrators[0]?.personId);
    assert.equal(father?.perpetratorType, 'father');

    // ---- an edit of the title only ----
    const newTitle = `Қорқыту, екінші нұсқа ${canary}`;
    await page.getByLabel(tr('records.field.title'), { exact: true }).fill(newTitle);
    await page
      .getByRole('button', { name: tr('records.save'), exact: true })
      .first()
      .click();
    await page.getByText(tr('records.saved')).waitFor();
    stored = await openIncident(t, org, incidentId);
    assert.equal(stored.title, newTitle);
    assert.equal(stored.description, description, 'the untouched description is unchanged');
    assert.equal(stored.detail.incident.version, 2);

    // ---- the history shows the title before and after, opened here ----
    const history = page.locator('details.history-panel').last();
    await history.locator('summary').click();
    const v2 = history.locator('[data-testid="history-version"][data-version="2"]');
    await v2.waitFor();
    const v2Text = (await v2.textContent()) ?? '';
    assert.ok(v2Text.includes(tr('records.field.title')), v2Text);
    assert.ok(v2Text.includes(title) && v2Text.includes(newTitle), v2Text);
    assert.ok(!v2Text.includes(tr('records.field.description')), 'only the title changed');
    await watch.screen(page, 'history');

    // ---- restore version 1 ----
    const v1 = history.locator('[data-testid="history-version"][data-version="1"]');
    await v1.getByRole('button', { name: tr('history.restoreButton') }).click();
    await v1
      .getByRole('alertdialog')
      .getByRole('button', { name: tr('history.restoreButton') })
      .click();
    await page.getByText(tr('history.restored', { version: 1 })).waitFor();
    assert.equal(
      await page.getByLabel(tr('records.field.title'), { exact: true }).inputValue(),
      title,
    );
    stored = await openIncident(t, org, incidentId);
    assert.equal(stored.title, title);
    assert.equal(stored.detail.incident.version, 3);

    // ---- someone else saves meanwhile: a conflict, with nothing typed lost ----
    const other = await call(t, 'PATCH', `/api/incidents/${incidentId}`, {
      cookie: org.admin.cookie,
      payload: { expectedVersion: 3, oblast: 'shymkent' },
    });
    assert.equal(other.statusCode, 200, other.body);
    const myDescription = `${description} She called on Friday.`;
    await page.getByLabel(tr('records.field.description'), { exact: true }).fill(myDescription);
    await page
      .getByRole('button', { name: tr('records.save'), exact: true })
      .first()
      .click();
    const conflict = page.getByTestId('edit-conflict');
    await conflict.waitFor();
    const oblastRow = conflict.getByTestId('conflict-oblast');
    assert.ok(((await oblastRow.textContent()) ?? '').includes(en(OBLASTS, 'shymkent')));
    assert.ok(((await oblastRow.textContent()) ?? '').includes(tr('conflict.changedByThem')));
    const mineRow = conflict.getByTestId('conflict-description');
    assert.ok(((await mineRow.textContent()) ?? '').includes(tr('conflict.changedByYou')));
    assert.equal(
      await page.getByLabel(tr('records.field.description'), { exact: true }).inputValue(),
      myDescription,
      'what she typed is still in the form',
    );
    assert.equal(
      await page.getByLabel(tr('records.field.oblast'), { exact: true }).inputValue(),
      'shymkent',
      'the other change is in the form too',
    );
    await watch.screen(page, 'conflict');
    await button('conflict.saveAgain').click();
    await page.getByText(tr('records.saved')).waitFor();
    stored = await openIncident(t, org, incidentId);
    assert.equal(stored.description, myDescription);
    assert.equal(stored.detail.incident.oblast, 'shymkent');
    assert.equal(stored.detail.incident.version, 5);

    // ---- search a Kazakh word of the sealed title, in lower case ----
    await navTo(page, tr('nav.incidents'));
    await heading(tr('incidents.title')).waitFor();
    const row = page.getByTestId('incident-row').filter({ hasText: reference });
    await row.getByText(title).waitFor();
    await page.getByText(tr('incidents.searchReady', { count: 1 })).waitFor();
    await page.getByTestId('incident-search').fill(`қорқыту ${canary.toUpperCase()}`);
    await page.getByText(tr('incidents.searchResults', { count: 1 })).waitFor();
    await page.getByTestId('incident-row').filter({ hasText: reference }).waitFor();
    await page.getByTestId('incident-search').fill('шантаж');
    await page.getByText(tr('incidents.searchNone')).waitFor();
    await watch.screen(page, 'search');

    // ---- the server never saw the typed words ----
    const rows = await t.database.db.selectFrom('incidents').selectAll().execute();
    const people = await t.database.db.selectFrom('people').selectAll().execute();
    const acts = await t.database.db.selectFrom('acts').selectAll().execute();
    const versions = await t.database.db.selectFrom('record_versions').selectAll().execute();
    const dump = JSON.stringify([rows, people, acts, versions], (_k, v: unknown) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v,
    );
    assert.ok(!dump.includes(canary), 'no typed text is stored in the clear');

    assert.deepEqual(watch.problems, []);
    await context.close();
  });

  test('people with a relation read both ways, and an intervention with its history', async () => {
    const watch = new ScreenWatch(origin);
    const org = await createOrganisation(t, 'Шырақ');
    const worker = await addMember(t, org, 'case_worker');
    const name = `Айгүл ${randomBytes(3).toString('hex')}`;
    const context = await watch.context(browser);
    const page = await context.newPage();
    const heading = (text: string | RegExp) => page.getByRole('heading', { name: text, level: 1 });
    await signIn(page, origin, worker.email, worker.password);

    // ---- two people: a victim with her sealed name, and her father ----
    await navTo(page, tr('nav.people'));
    await heading(tr('people.title')).waitFor();
    await page.getByRole('button', { name: tr('people.new'), exact: true }).click();
    const form = page.getByRole('form', { name: tr('people.new') });
    await form.getByLabel(en(PERSON_ROLES, 'victim'), { exact: true }).check();
    await form.getByLabel(tr('records.field.name'), { exact: true }).fill(name);
    await watch.screen(page, 'new person');
    await form.getByRole('button', { name: tr('records.create') }).click();
    const victimHeading = heading(/^Person P-/);
    await victimHeading.waitFor();
    const victimCode = ((await victimHeading.textContent()) ?? '').replace('Person ', '');
    // Pseudonymous by default: the real name shows only when asked for.
    assert.equal(await page.getByLabel(tr('records.field.name'), { exact: true }).count(), 0);
    await page.getByRole('button', { name: tr('people.showName') }).click();
    assert.equal(
      await page.getByLabel(tr('records.field.name'), { exact: true }).inputValue(),
      name,
    );

    await navTo(page, tr('nav.people'));
    await page.getByRole('button', { name: tr('people.new'), exact: true }).click();
    await page
      .getByRole('form', { name: tr('people.new') })
      .getByLabel(tr('records.field.perpetratorType'), { exact: true })
      .selectOption('father');
    await page
      .getByRole('form', { name: tr('people.new') })
      .getByRole('button', { name: tr('records.create') })
      .click();
    const fatherHeading = heading(/^Person P-/);
    await fatherHeading.waitFor();
    const fatherCode = ((await fatherHeading.textContent()) ?? '').replace('Person ', '');
    assert.notEqual(fatherCode, victimCode);

    // ---- "father of" from his side, "child of" from hers ----
    await page.getByRole('button', { name: tr('people.addRelation') }).click();
    const relation = page.getByRole('form', { name: tr('people.addRelation') });
    await relation.getByLabel(tr('people.relationIs'), { exact: true }).selectOption('father_of');
    await relation
      .getByLabel(tr('records.field.otherPerson'), { exact: true })
      .fill(victimCode.toLowerCase());
    await relation.getByRole('button', { name: tr('records.add') }).click();
    const relations = page.getByTestId('relations');
    await relations.getByText(en(PERSON_RELATIONS, 'father_of')).waitFor();
    await watch.screen(page, 'person with relation');
    await relations.getByRole('link', { name: victimCode }).click();
    await heading(`Person ${victimCode}`).waitFor();
    await page.getByTestId('relations').getByText('child of').waitFor();
    await page.getByTestId('relations').getByRole('link', { name: fatherCode }).waitFor();

    // ---- an intervention: a police complaint the police refused to register ----
    await navTo(page, tr('nav.interventions'));
    await heading(tr('interventions.title')).waitFor();
    await page.getByRole('button', { name: tr('interventions.new'), exact: true }).click();
    const iform = page.getByRole('form', { name: tr('interventions.new') });
    await iform
      .getByLabel(tr('records.field.intervenerType'), { exact: true })
      .selectOption('lawyer');
    await iform
      .getByLabel(tr('records.field.interventionType'), { exact: true })
      .selectOption('police_complaint');
    await iform
      .getByLabel(tr('records.field.authorityResponse'), { exact: true })
      .selectOption('refused_to_register');
    await iform.getByLabel(tr('records.field.title'), { exact: true }).fill('Арыз полицияға');
    await watch.screen(page, 'new intervention');
    await iform.getByRole('button', { name: tr('records.save') }).click();
    await heading(`${tr('interventions.pageTitle')}: Complaint to the police`).waitFor();
    assert.equal(
      await page.getByLabel(tr('records.field.title'), { exact: true }).inputValue(),
      'Арыз полицияға',
    );
    await page.getByLabel(tr('records.field.status'), { exact: true }).selectOption('appealed');
    await page.getByRole('button', { name: tr('records.save'), exact: true }).click();
    await page.getByText(tr('records.saved')).waitFor();
    const history = page.locator('details.history-panel');
    await history.locator('summary').click();
    const v2 = history.locator('[data-testid="history-version"][data-version="2"]');
    await v2.waitFor();
    assert.ok(((await v2.textContent()) ?? '').includes(tr('records.field.status')));
    await watch.screen(page, 'intervention');
    await navTo(page, tr('nav.interventions'));
    const row = page.getByTestId('intervention-row');
    await row.waitFor();
    assert.ok(((await row.textContent()) ?? '').includes('Refused to register'));

    assert.deepEqual(watch.problems, []);
    await context.close();
  });

  test('an accepted report is documented as an incident', async () => {
    const watch = new ScreenWatch(origin);
    const org = await createOrganisation(t, 'Шырақ');
    const worker = await addMember(t, org, 'case_worker');
    const narrative = `Мені жұмыстан шығарды ${randomBytes(4).toString('hex')}`;
    const report = await createTestReport(t, org, {
      locale: 'kk',
      answers: { incidentTypes: ['discrimination_work'], oblast: 'almaty_city' },
      details: { narrative },
    });
    const accepted = await call(t, 'POST', `/api/reports/${report.reportId}/status`, {
      cookie: org.admin.cookie,
      payload: { status: 'accepted' },
    });
    assert.equal(accepted.statusCode, 200, accepted.body);

    const context = await watch.context(browser);
    const page = await context.newPage();
    await signIn(page, origin, worker.email, worker.password);
    await navTo(page, tr('nav.reports'));
    // Accepted reports are not in the default list of open ones.
    await page.getByLabel(tr('reports.filter.status'), { exact: true }).selectOption('accepted');
    await page.getByRole('link', { name: report.reference }).click();
    await page.getByTestId('document-as-incident').click();
    await page.getByRole('heading', { name: tr('incident.newTitle'), level: 1 }).waitFor();
    const descriptionField = page.getByLabel(tr('records.field.description'), { exact: true });
    await page.waitForFunction(
      (text) => [...document.querySelectorAll('textarea')].some((t) => t.value === text),
      narrative,
    );
    assert.equal(await descriptionField.inputValue(), narrative);
    assert.equal(
      await page.getByLabel(tr('records.field.crimeStatus'), { exact: true }).inputValue(),
      'non_crime',
      'discrimination starts as a non-crime incident',
    );
    await watch.screen(page, 'documented report');
    await page.getByRole('button', { name: tr('records.create'), exact: true }).click();
    await page.getByRole('heading', { name: /^Incident I-/, level: 1 }).waitFor();
    const incidentId = /\/app\/incidents\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    const stored = await openIncident(t, org, incidentId);
    assert.equal(stored.detail.incident.reportId, report.reportId);
    assert.equal(stored.description, narrative);
    assert.deepEqual(stored.detail.incident.incidentTypes, ['discrimination_work']);
    assert.deepEqual(watch.problems, []);
    await context.close();
  });
});

async function signIn(page: Page, origin: string, email: string, password: string) {
  await page.goto(`${origin}/app/login`);
  await page.getByTestId('language-switch').first().selectOption('en');
  await page.getByLabel(tr('field.email'), { exact: true }).fill(email);
  await page.getByLabel(tr('field.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: tr('login.submit'), exact: true }).click();
  await page.getByRole('heading', { name: 'Шырақ', level: 1 }).waitFor({ timeout: 30_000 });
}

/** Opens a screen from the navigation (behind the menu button on a phone). */
async function navTo(page: Page, name: string): Promise<void> {
  const menu = page.getByRole('button', { name: tr('nav.menu') });
  // The menu remembers the path it was opened on, so it can already be open on a revisit.
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') {
    await menu.click();
  }
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}
