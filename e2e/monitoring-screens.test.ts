// The monitoring screens in a real browser on a phone-sized screen: a monitor creates a
// campaign and a monitored item (the forms refuse an empty name and a bad address with a
// message beside the field), imports pasted comments (a repeated line counted as a
// duplicate), sees the counts with machine-flagged and human-confirmed apart, reviews two
// comments from the keyboard (N, then Y with a category toggled by its number, Enter to
// save) and sees the confirmed figures change while the machine figure stays; a small CSV
// goes through the column-mapping step, and its bad rows come back with their line and a
// reason in the member's language. The main screens are checked in Russian and Kazakh too.
// Every screen: no request to another origin, no console error, no sideways scroll, no
// inline style, no serious accessibility violation.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  IMPORT_MAX_BYTES,
  comment as commentSchema,
  commentList,
  counts as countsSchema,
  modelStatus,
} from '../src/common/api/monitoring.ts';
import type { Locale } from '../src/common/api/accounts.ts';
import { translate, type TranslationKey } from '../src/common/i18n/index.ts';
import { engines } from '../test/helpers/engines.ts';
import { addMember, createOrganisation, type TestMember } from '../test/helpers/factories.ts';
import { call } from '../test/helpers/http.ts';
import { createTestIncident } from '../test/helpers/records.ts';
import { createTestApp, type TestApp } from '../test/helpers/test-app.ts';
import { browserSkip, launchBrowser } from './helpers/browser.ts';
import { inApp, signIn } from './helpers/cases.ts';
import { listItems, openItemInNode, overflowing } from './helpers/evidence.ts';
import { ScreenWatch } from './helpers/records.ts';

const skip = browserSkip();
const [pglite] = engines();

function labels(locale: Locale) {
  return (key: TranslationKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
}

/** The screen checks, naming what sticks out when the page scrolls sideways. */
async function screen(watch: ScreenWatch, page: Page, name: string): Promise<void> {
  const before = watch.problems.length;
  await watch.screen(page, name);
  if (watch.problems.slice(before).some((p) => p.includes('scrolls sideways'))) {
    for (const element of await overflowing(page)) watch.problems.push(`${name}: ${element}`);
  }
}

async function navTo(page: Page, locale: Locale, name: string): Promise<void> {
  const menu = page.getByRole('button', { name: translate(locale, 'nav.menu') });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') {
    await menu.click();
  }
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

async function apiCounts(t: TestApp, member: TestMember, itemId: string) {
  const res = await call(t, 'GET', `/api/monitoring/counts?itemId=${itemId}`, {
    cookie: member.cookie,
  });
  assert.equal(res.statusCode, 200, res.body);
  return countsSchema.parse(res.json());
}

async function apiComment(t: TestApp, member: TestMember, id: string) {
  const res = await call(t, 'GET', `/api/monitoring/comments/${id}`, { cookie: member.cookie });
  assert.equal(res.statusCode, 200, res.body);
  return commentSchema.parse((res.json() as { comment: unknown }).comment);
}

async function apiComments(t: TestApp, member: TestMember, itemId: string) {
  const res = await call(t, 'GET', `/api/monitoring/comments?itemId=${itemId}&limit=500`, {
    cookie: member.cookie,
  });
  assert.equal(res.statusCode, 200, res.body);
  return commentList.parse(res.json()).comments;
}

async function apiImportText(t: TestApp, member: TestMember, itemId: string, text: string) {
  const res = await call(t, 'POST', `/api/monitoring/items/${itemId}/imports?format=text`, {
    cookie: member.cookie,
    headers: { 'content-type': 'application/octet-stream' },
    payload: Buffer.from(text),
  });
  assert.equal(res.statusCode, 201, res.body);
}

async function apiItem(t: TestApp, member: TestMember, title: string): Promise<string> {
  const res = await call(t, 'POST', '/api/monitoring/items', {
    cookie: member.cookie,
    payload: { platform: 'youtube', url: 'https://www.youtube.com/watch?v=example', title },
  });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { id: string }).id;
}

async function apiItemCampaign(t: TestApp, member: TestMember, itemId: string) {
  const res = await call(t, 'GET', `/api/monitoring/items/${itemId}`, { cookie: member.cookie });
  return (res.json() as { campaignId: string | null }).campaignId;
}

const figure = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .textContent()
    .then((text) => Number(text));

// Invented for this test: counter-speech, a threat, an insult, neutral talk, and one line
// pasted twice.
const PASTED = [
  'Держитесь, мы с вами, спасибо за видео',
  'таких надо избивать и выгонять из города',
  'Сен ақымақсың, жоғал бұл жерден',
  'Kecheki koncert tamasha boldy',
  'Держитесь, мы с вами, спасибо за видео',
  '',
  'What a brave couple, respect from Almaty',
].join('\n');

const CSV = [
  'User,Message,Date',
  'aigerim_k,"Спасибо, что показали это",2026-03-01T10:00:00Z',
  'troll77,Их надо лечить принудительно,2026-03-02T11:00:00Z,лишнее',
  'someone,,2026-03-03T12:00:00Z',
  'dana_s,"Жақсы бейне, рахмет",2026-03-04T09:30:00Z',
].join('\n');

describe('monitoring screens', { skip }, () => {
  let browser: Browser;
  let t: TestApp;
  let origin: string;
  before(async () => {
    if (!pglite) throw new Error('no PGlite engine');
    browser = await launchBrowser();
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

  test('item, pasted import, counts apart, keyboard review, CSV mapping; ru and kk', async () => {
    const watch = new ScreenWatch(origin);
    const org = await createOrganisation(t, 'Шырақ');
    const monitor = await addMember(t, org, 'monitor');
    const context = await watch.context(browser);
    const page = await context.newPage();
    const tr = labels('en');
    const heading = (name: string) => page.getByRole('heading', { name, level: 1 });
    // The review buttons carry their key first ("N Not hateful").
    const button = (key: TranslationKey) => page.getByRole('button', { name: tr(key) });

    // ---- the monitoring home from the navigation ----
    await signIn(page, origin, monitor, 'en', 'Шырақ');
    await navTo(page, 'en', tr('nav.monitoring'));
    await heading(tr('monitoring.title')).waitFor();
    await page.getByText(tr('monitoring.itemsNone')).waitFor();
    await screen(watch, page, 'monitoring home');

    // ---- a campaign: an empty name is refused beside the field ----
    const campaignForm = page.getByRole('form', { name: tr('monitoring.newCampaign') });
    await campaignForm.getByRole('button', { name: tr('monitoring.createCampaign') }).click();
    await campaignForm.getByText(tr('monitoring.error.nameRequired')).waitFor();
    await campaignForm
      .getByLabel(tr('monitoring.field.name'), { exact: true })
      .fill('Реакции на видео с поцелуем');
    await campaignForm.getByRole('button', { name: tr('monitoring.createCampaign') }).click();
    await page
      .getByTestId('monitoring-campaign')
      .getByText('Реакции на видео с поцелуем')
      .waitFor();

    // ---- an item: a bad address is refused, then it is created in the campaign ----
    const itemForm = page.getByRole('form', { name: tr('monitoring.newItem') });
    await itemForm.getByLabel(tr('monitoring.field.platform')).selectOption('instagram');
    await itemForm.getByLabel(tr('monitoring.field.url')).fill('instagram.com/p/abc');
    await itemForm.getByLabel(tr('monitoring.field.author')).fill('@news_kz');
    await itemForm.getByLabel(tr('monitoring.field.publishedAt')).fill('2026-02-28');
    await itemForm.getByLabel(tr('monitoring.field.title')).fill('Видео с поцелуем, репост');
    await itemForm
      .getByLabel(tr('monitoring.field.campaign'))
      .selectOption({ label: 'Реакции на видео с поцелуем' });
    await itemForm.getByRole('button', { name: tr('monitoring.createItem') }).click();
    await itemForm.getByText(tr('monitoring.error.urlInvalid')).waitFor();
    await screen(watch, page, 'item form with an error');
    await itemForm
      .getByLabel(tr('monitoring.field.url'))
      .fill('https://www.instagram.com/p/Cx1Example/');
    await itemForm.getByRole('button', { name: tr('monitoring.createItem') }).click();
    await heading('Видео с поцелуем, репост').waitFor();
    const itemId = /\/app\/monitoring\/items\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    assert.ok(itemId, page.url());
    await page.getByText(tr('monitoring.counts.empty')).waitFor();

    // ---- pasted comments ----
    const importForm = page.getByRole('form', { name: tr('monitoring.import.title') });
    await importForm.getByRole('button', { name: tr('monitoring.import.submit') }).click();
    await importForm.getByText(tr('monitoring.import.pasteEmpty')).waitFor();
    await importForm.getByLabel(tr('monitoring.import.pasteLabel')).fill(PASTED);
    await importForm.getByRole('button', { name: tr('monitoring.import.submit') }).click();
    const result = page.getByTestId('import-result');
    await result
      .getByText(tr('monitoring.import.result', { imported: 5, duplicates: 1, problems: 0 }))
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('total-comments').getByText('5', { exact: true }).waitFor();
    const stored = await apiCounts(t, monitor, itemId);
    assert.equal(stored.totals.comments, 5);
    // Machine and confirmed are two figures, each the server's own.
    assert.equal(await figure(page, 'total-machine'), stored.totals.machineFlagged);
    assert.equal(await figure(page, 'total-confirmed'), 0);
    assert.equal(await figure(page, 'total-reviewed'), 0);
    const categories = page.getByTestId('by-category');
    await categories.getByRole('columnheader', { name: tr('monitoring.counts.machine') }).waitFor();
    await categories
      .getByRole('columnheader', { name: tr('monitoring.counts.confirmed') })
      .waitFor();
    assert.equal(await page.getByTestId('monitoring-comment').count(), 5);
    // A rule's span is marked in the verbatim text, which stays whole.
    const listed = await apiComments(t, monitor, itemId);
    const matched = listed.find((c) => c.machine.evidence.rules.length > 0);
    assert.ok(matched, 'control: a rule matched one of the pasted comments');
    const rule = matched.machine.evidence.rules[0];
    assert.ok(rule);
    const row = page.getByTestId('monitoring-comment').filter({ hasText: matched.text });
    assert.equal(await row.locator('.monitoring-verbatim').textContent(), matched.text);
    assert.ok(
      (await row.locator('mark').allTextContents()).some((m) =>
        m.includes(matched.text.slice(rule.start, rule.end)),
      ),
    );
    await screen(watch, page, 'item with counts and comments');

    // ---- review two comments from the keyboard ----
    await page.getByRole('link', { name: tr('monitoring.item.review') }).click();
    await heading(tr('monitoring.review.title')).waitFor();
    await page.getByText(tr('monitoring.review.keys')).waitFor();
    const card = page.getByTestId('review-card');
    await card.waitFor();
    await screen(watch, page, 'review queue');
    const first = (await card.getAttribute('data-comment-id')) ?? '';
    await page.keyboard.press('n');
    assert.equal(await button('monitoring.review.notHateful').getAttribute('aria-pressed'), 'true');
    await page.keyboard.press('Enter');
    await page.getByText(tr('monitoring.review.saved', { count: 1 })).waitFor();
    await page.waitForFunction(
      (id) =>
        document.querySelector('[data-testid="review-card"]')?.getAttribute('data-comment-id') !==
        id,
      first,
    );
    const second = (await card.getAttribute('data-comment-id')) ?? '';
    assert.notEqual(second, first);
    await page.keyboard.press('y');
    await page.keyboard.press('3'); // threat
    await page.keyboard.press('Enter');
    await page.getByText(tr('monitoring.review.saved', { count: 2 })).waitFor();
    // S skips: the next comment shows, and the skipped one stays unreviewed.
    await page.waitForFunction(
      (id) =>
        document.querySelector('[data-testid="review-card"]')?.getAttribute('data-comment-id') !==
        id,
      second,
    );
    const third = (await card.getAttribute('data-comment-id')) ?? '';
    await page.keyboard.press('s');
    await page.waitForFunction(
      (id) =>
        document.querySelector('[data-testid="review-card"]')?.getAttribute('data-comment-id') !==
        id,
      third,
    );
    assert.equal((await apiComment(t, monitor, third)).confirmed, null);

    const one = await apiComment(t, monitor, first);
    assert.deepEqual(
      { hateful: one.confirmed?.hateful, categories: one.confirmed?.categories },
      { hateful: false, categories: [] },
    );
    const two = await apiComment(t, monitor, second);
    assert.equal(two.confirmed?.hateful, true);
    // Y keeps the machine's categories as suggested; 3 toggles "threat" on or off.
    const expected = new Set(two.machine.categories);
    if (expected.has('threat')) expected.delete('threat');
    else expected.add('threat');
    assert.deepEqual(new Set(two.confirmed?.categories), expected);

    // ---- back on the item: confirmed figures changed, machine figure did not ----
    await page.getByRole('link', { name: tr('monitoring.review.back') }).click();
    await heading('Видео с поцелуем, репост').waitFor();
    await page.getByTestId('total-reviewed').getByText('2', { exact: true }).waitFor();
    assert.equal(await figure(page, 'total-confirmed'), 1);
    assert.equal(await figure(page, 'total-machine'), stored.totals.machineFlagged);
    await page.getByLabel(tr('monitoring.filter.confirmed')).selectOption('reviewed');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="monitoring-comment"]').length === 2,
    );
    // The comments export follows the list's filters: the two reviewed comments, no other.
    const commentsHref = await page
      .getByRole('link', { name: tr('monitoring.export.comments') })
      .getAttribute('href');
    assert.ok(commentsHref?.includes('confirmed=reviewed'), commentsHref ?? '');
    const exported = await page.request.get(`${origin}${commentsHref}`);
    assert.equal(exported.status(), 200);
    const csvText = await exported.text();
    assert.ok(csvText.includes(one.text) && csvText.includes(two.text));
    assert.equal(
      PASTED.split('\n')
        .filter((line) => line && line !== one.text && line !== two.text)
        .filter((line) => csvText.includes(line)).length,
      0,
      'no unreviewed comment in the export',
    );

    // ---- a CSV through the mapping step ----
    await importForm.getByLabel(tr('monitoring.import.file'), { exact: true }).check();
    await importForm.getByLabel(tr('monitoring.import.format')).selectOption('csv');
    await importForm
      .getByLabel(tr('monitoring.import.fileLabel'), { exact: true })
      .setInputFiles({ name: 'comments.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    const mapping = page.getByTestId('csv-mapping');
    await mapping.waitFor();
    const textColumn = mapping.getByLabel(tr('monitoring.import.column.text'));
    assert.equal(await textColumn.inputValue(), 'Message', 'guessed from the header');
    assert.equal(
      await mapping.getByLabel(tr('monitoring.import.column.author')).inputValue(),
      'User',
    );
    await mapping.getByRole('cell', { name: 'aigerim_k' }).waitFor();
    await screen(watch, page, 'CSV mapping');
    await importForm.getByRole('button', { name: tr('monitoring.import.submit') }).click();
    await result
      .getByText(tr('monitoring.import.result', { imported: 2, duplicates: 0, problems: 2 }))
      .waitFor({ timeout: 60_000 });
    const problems = page.getByTestId('import-problems').getByRole('listitem');
    assert.deepEqual(await problems.allTextContents(), [
      `${tr('monitoring.import.problemLine', { line: 3 })}: ${tr('monitoring.problem.column_count')}`,
      `${tr('monitoring.import.problemLine', { line: 4 })}: ${tr('monitoring.problem.missing_text')}`,
    ]);
    await page.getByTestId('total-comments').getByText('7', { exact: true }).waitFor();
    await screen(watch, page, 'CSV imported');

    // Without a header row the columns are chosen by number.
    await importForm.getByLabel(tr('monitoring.import.fileLabel'), { exact: true }).setInputFiles({
      name: 'no-header.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('erlan_b;Бұл бейнені көрдім\nmarat;Видео удалили?\n'),
    });
    await mapping.getByRole('cell', { name: 'marat' }).waitFor();
    await mapping.getByLabel(tr('monitoring.import.hasHeader')).uncheck();
    await mapping.getByRole('cell', { name: 'erlan_b' }).waitFor();
    await mapping.getByLabel(tr('monitoring.import.column.text')).selectOption('2');
    await mapping.getByLabel(tr('monitoring.import.column.author')).selectOption('1');
    await importForm.getByRole('button', { name: tr('monitoring.import.submit') }).click();
    await result
      .getByText(tr('monitoring.import.result', { imported: 2, duplicates: 0, problems: 0 }))
      .waitFor({ timeout: 60_000 });
    const headless = (await apiComments(t, monitor, itemId)).find((c) => c.author === 'erlan_b');
    assert.equal(headless?.text, 'Бұл бейнені көрдім');
    await page.getByTestId('total-comments').getByText('9', { exact: true }).waitFor();

    // JSON lines: a broken line is reported with its number, the rest imported.
    await importForm.getByLabel(tr('monitoring.import.format')).selectOption('jsonl');
    assert.equal(await page.getByTestId('csv-mapping').count(), 0);
    await importForm.getByLabel(tr('monitoring.import.fileLabel'), { exact: true }).setInputFiles({
      name: 'comments.jsonl',
      mimeType: 'application/jsonl',
      buffer: Buffer.from(
        '{"text":"Хорошее видео","author":"asel"}\n{"text": "обрыв\n{"text":"Тамаша","author":"nur"}\n',
      ),
    });
    await importForm.getByRole('button', { name: tr('monitoring.import.submit') }).click();
    await result
      .getByText(tr('monitoring.import.result', { imported: 2, duplicates: 0, problems: 1 }))
      .waitFor({ timeout: 60_000 });
    assert.deepEqual(
      await page.getByTestId('import-problems').getByRole('listitem').allTextContents(),
      [
        `${tr('monitoring.import.problemLine', { line: 2 })}: ${tr('monitoring.problem.invalid_json')}`,
      ],
    );
    // A file over the web limit is refused here, with the way to import it instead.
    await importForm.getByLabel(tr('monitoring.import.fileLabel'), { exact: true }).setInputFiles({
      name: 'huge.jsonl',
      mimeType: 'application/jsonl',
      buffer: Buffer.alloc(IMPORT_MAX_BYTES + 1, 0x20),
    });
    await importForm.getByRole('button', { name: tr('monitoring.import.submit') }).click();
    await importForm.getByText(tr('monitoring.import.tooLarge')).waitFor();
    await page.getByTestId('total-comments').getByText('11', { exact: true }).waitFor();

    // ---- the campaign: its counts over its items, the same figures ----
    await navTo(page, 'en', tr('nav.monitoring'));
    await page.getByRole('link', { name: 'Реакции на видео с поцелуем' }).click();
    await page
      .getByRole('heading', {
        name: tr('monitoring.itemsOfCampaign', { name: 'Реакции на видео с поцелуем' }),
      })
      .waitFor();
    await page.getByTestId('total-comments').getByText('11', { exact: true }).waitFor();
    assert.equal(await figure(page, 'total-reviewed'), 2);
    assert.equal(await figure(page, 'total-confirmed'), 1);
    assert.equal(
      await page.getByRole('link', { name: tr('monitoring.export.counts') }).getAttribute('href'),
      `/api/monitoring/exports/counts.csv?campaignId=${
        (await apiItemCampaign(t, monitor, itemId)) ?? ''
      }`,
    );
    await page.getByRole('link', { name: tr('monitoring.reviewCampaign') }).waitFor();
    await screen(watch, page, 'campaign with counts');

    // ---- Russian and Kazakh ----
    for (const locale of ['ru', 'kk'] as const) {
      const l = labels(locale);
      await page.getByTestId('language-switch').first().selectOption(locale);
      await navTo(page, locale, l('nav.monitoring'));
      await page.getByRole('heading', { name: l('monitoring.title'), level: 1 }).waitFor();
      await page.getByRole('heading', { name: l('monitoring.campaigns'), level: 2 }).waitFor();
      await screen(watch, page, `monitoring home ${locale}`);
      await inApp(page, `/app/monitoring/items/${itemId}`);
      await page.getByRole('heading', { name: l('monitoring.counts.title'), level: 2 }).waitFor();
      await page.getByText(l('monitoring.counts.note')).waitFor();
      await page
        .getByRole('columnheader', { name: l('monitoring.counts.machine') })
        .first()
        .waitFor();
      await page
        .getByRole('columnheader', { name: l('monitoring.counts.confirmed') })
        .first()
        .waitFor();
      await screen(watch, page, `item ${locale}`);
      await page.getByRole('link', { name: l('monitoring.item.review') }).click();
      await page.getByRole('heading', { name: l('monitoring.review.title'), level: 1 }).waitFor();
      await page.getByText(l('monitoring.review.keys')).waitFor();
      await screen(watch, page, `review ${locale}`);
    }

    assert.deepEqual(watch.problems, []);
    await context.close();
  });
  test('retrain from the reviewed labels shows the figures the server answers', async () => {
    const watch = new ScreenWatch(origin);
    const org = await createOrganisation(t, 'Алаң');
    const monitor = await addMember(t, org, 'monitor');
    const itemId = await apiItem(t, monitor, 'Репортаж о марше');
    // Invented: one group of hostile lines and one of ordinary talk, labelled by group.
    const hostile = Array.from({ length: 24 }, (_, i) => `Таких надо гнать из страны, всех ${i}`);
    const ordinary = Array.from({ length: 24 }, (_, i) => `Хороший репортаж, спасибо ${i}`);
    await apiImportText(t, monitor, itemId, [...hostile, ...ordinary].join('\n'));
    for (const c of await apiComments(t, monitor, itemId)) {
      const hateful = hostile.includes(c.text);
      const res = await call(t, 'POST', `/api/monitoring/comments/${c.id}/reviews`, {
        cookie: monitor.cookie,
        payload: { hateful, categories: hateful ? ['insult'] : [] },
      });
      assert.equal(res.statusCode, 201, res.body);
    }

    const context = await watch.context(browser);
    const page = await context.newPage();
    const tr = labels('kk');
    await signIn(page, origin, monitor, 'kk', 'Алаң');
    await inApp(page, `/app/monitoring/review?itemId=${itemId}`);
    await page.getByRole('heading', { name: tr('monitoring.review.title'), level: 1 }).waitFor();
    await page.getByTestId('review-done').waitFor();
    await page.getByRole('button', { name: tr('monitoring.model.retrain') }).click();
    const shown = page.getByTestId('retrain-result');
    await shown.waitFor({ timeout: 120_000 });
    const res = await call(t, 'GET', '/api/monitoring/model', { cookie: monitor.cookie });
    const status = modelStatus.parse(res.json());
    const trained = status.organisationModel;
    assert.ok(trained, 'the server kept the retrain');
    assert.equal(trained.examples, 48);
    assert.equal(
      await shown.textContent(),
      `${tr('monitoring.model.result', {
        examples: trained.examples,
        seconds: trained.trainingSeconds.toFixed(1),
        heldOut: trained.heldOut,
        ours: trained.organisationQuality.f1.toFixed(2),
        shipped: trained.shippedQuality.f1.toFixed(2),
      })} ${tr(trained.inUse ? 'monitoring.model.inUse' : 'monitoring.model.notInUse')}`,
    );
    await page
      .getByTestId('model-status')
      .getByText(tr('monitoring.model.status', { version: status.activeVersion, count: 48 }))
      .waitFor();
    await screen(watch, page, 'retrained kk');
    assert.deepEqual(watch.problems, []);
    await context.close();
  });

  test('a case worker reads monitoring, cannot import or review, and seals a comment as evidence', async () => {
    const watch = new ScreenWatch(origin);
    const org = await createOrganisation(t, 'Сенім');
    const worker = await addMember(t, org, 'case_worker');
    const itemId = await apiItem(t, org.admin, 'Пост о прайде');
    await apiImportText(t, org.admin, itemId, 'Первый комментарий\nВторой комментарий');
    const context = await watch.context(browser);
    const page = await context.newPage();
    const tr = labels('ru');
    await signIn(page, origin, worker, 'ru', 'Сенім');
    await navTo(page, 'ru', tr('nav.monitoring'));
    await page.getByRole('link', { name: 'Пост о прайде' }).click();
    await page.getByRole('heading', { name: 'Пост о прайде', level: 1 }).waitFor();
    await page.getByTestId('total-comments').getByText('2', { exact: true }).waitFor();
    assert.equal(await page.getByRole('form', { name: tr('monitoring.import.title') }).count(), 0);
    assert.equal(await page.getByRole('link', { name: tr('monitoring.item.review') }).count(), 0);
    await screen(watch, page, 'item read-only ru');

    // ---- from a comment to an incident's evidence ----
    const incident = await createTestIncident(t, org);
    const [target] = (await apiComments(t, org.admin, itemId)).filter(
      (c) => c.text === 'Второй комментарий',
    );
    assert.ok(target);
    const row = page.getByTestId('monitoring-comment').filter({ hasText: 'Второй комментарий' });
    await row.getByRole('button', { name: tr('monitoring.evidence.add') }).click();
    const form = row.getByRole('form', { name: tr('monitoring.evidence.add') });
    const referenceField = form.getByLabel(tr('monitoring.evidence.incident'));
    await referenceField.fill('I-ZZZZ');
    await form.getByRole('button', { name: tr('monitoring.evidence.submit') }).click();
    await form
      .getByText(tr('monitoring.evidence.referenceUnknown', { reference: 'I-ZZZZ' }))
      .waitFor();
    // Typed in lower case, as a person might.
    await referenceField.fill(incident.reference.toLowerCase());
    await screen(watch, page, 'comment to evidence ru');
    await form.getByRole('button', { name: tr('monitoring.evidence.submit') }).click();
    await row.getByTestId('evidence-added').waitFor({ timeout: 60_000 });

    // What the incident holds opens, in Node, to the comment's record and its hash.
    const { items } = await listItems(t, worker, { incidentId: incident.id });
    assert.equal(items.length, 1);
    const [sealed] = items;
    assert.ok(sealed);
    const opened = await openItemInNode(t, worker, org.orgKeyPair, sealed);
    const file = JSON.parse((opened.files.get('original') ?? Buffer.alloc(0)).toString('utf8')) as {
      sha256: string;
      verbatimRecord: string;
    };
    assert.equal(file.sha256, target.sha256);
    assert.equal(createHash('sha256').update(file.verbatimRecord).digest('hex'), target.sha256);
    assert.equal((JSON.parse(file.verbatimRecord) as { text: string }).text, 'Второй комментарий');
    assert.match(opened.meta.description, /Второй комментарий/);
    assert.deepEqual(watch.problems, []);
    await context.close();
  });
});
