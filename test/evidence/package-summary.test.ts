// summary.pdf of an evidence package, read back with a PDF text extractor: in kk every
// Kazakh letter comes out as written, in ru and en the package's own words, and in each
// the case, every file's SHA-256, the capture addresses, the timestamp and the custody
// entries are there, with numbered pages.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { extractText, getMeta } from 'unpdf';
import type { Locale } from '../../src/common/api/accounts.ts';
import { startTestTsa, type TestTsa } from '../helpers/test-tsa.ts';
import { KAZAKH_WORDS } from '../pdf/fixtures.ts';
import {
  buildBytes,
  sampleItems,
  sha256,
  stamp,
  unzipAll,
  type FixtureItem,
} from './package-fixtures.ts';

let tsa: TestTsa;
let items: FixtureItem[];
const texts = new Map<Locale, { text: string; pages: number; pdf: Uint8Array }>();

before(async () => {
  tsa = await startTestTsa();
  items = sampleItems();
  // A title with every Kazakh-specific letter: ә ғ қ ң ө ұ ү һ і.
  const photo = items[0];
  assert.ok(photo);
  photo.input.meta.title = KAZAKH_WORDS.join(' ');
  for (const item of items) item.input.timestamps.push(await stamp(tsa, item.hashManifest));
  for (const locale of ['kk', 'ru', 'en'] as const) {
    const { zip } = await buildBytes({
      items: items.map((i) => i.input),
      tsaCaPem: [tsa.caPem],
      locale,
    });
    const pdf = (await unzipAll(zip)).get('summary.pdf');
    assert.ok(pdf);
    // pdf.js detaches the buffer it is given: hand it copies.
    const { text, totalPages } = await extractText(new Uint8Array(pdf), { mergePages: true });
    // Table cells wrap: compare with runs of white space made single spaces.
    texts.set(locale, { text: text.replace(/\s+/g, ' '), pages: totalPages, pdf });
  }
});
after(() => tsa.close());

function get(locale: Locale) {
  const value = texts.get(locale);
  assert.ok(value);
  return value;
}

describe('summary.pdf', () => {
  test('in Kazakh: every Kazakh letter is extractable, words and page numbers too', () => {
    const { text, pages } = get('kk');
    for (const letter of ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і', 'Ә', 'І'])
      assert.ok(text.includes(letter), `letter ${letter} missing`);
    for (const word of KAZAKH_WORDS) assert.ok(text.includes(word), `"${word}" missing`);
    for (const phrase of [
      'Дәлелдер пакеті',
      'Сақтау тізбегі',
      'Қалай тексеруге болады',
      'Жүктелді',
    ])
      assert.ok(text.includes(phrase), `"${phrase}" missing`);
    assert.ok(text.includes(`1-бет, барлығы ${pages}`));
  });

  test('in Russian: the package’s words in Cyrillic', () => {
    const { text, pages } = get('ru');
    for (const phrase of [
      'Пакет доказательств',
      'Цепочка хранения',
      'Как проверить',
      'Загружено',
      'Получена метка',
      'Веб-снимок',
      'Исходное имя файла',
      'Нападение у общежития',
      `Страница 1 из ${pages}`,
    ])
      assert.ok(text.includes(phrase), `"${phrase}" missing`);
  });

  test('in English', () => {
    const { text, pages } = get('en');
    for (const phrase of [
      'Evidence package',
      'Chain of custody',
      'How to verify',
      `Page 1 of ${pages}`,
    ])
      assert.ok(text.includes(phrase), `"${phrase}" missing`);
  });

  test('names the case, each file with its SHA-256, the capture, the timestamp and custody', () => {
    const { text: squashed } = get('en');
    for (const phrase of [
      'C-7KQ3',
      'Нападение у общежития',
      'Қорған — Алматы бастамасы',
      'Dana Lawyer',
      'IMG_2041.jpg',
      'https://example.test/post/123',
      'https://example.test/post/123?ref=share',
      tsa.url,
      'Айгерім Сұлтанқызы',
      'Timestamped',
      '24 November 2026 at 10:05:00 UTC',
    ])
      assert.ok(squashed.includes(phrase), `"${phrase}" missing`);
    for (const item of items) {
      assert.ok(squashed.includes(item.input.id));
      for (const file of item.files)
        assert.ok(squashed.includes(sha256(file.bytes)), `SHA-256 of ${file.role} missing`);
    }
  });

  test('its metadata names the package by reference only', async () => {
    const meta = await getMeta(new Uint8Array(get('ru').pdf));
    assert.equal(meta.info.Title, 'Пакет доказательств C-7KQ3');
  });
});
