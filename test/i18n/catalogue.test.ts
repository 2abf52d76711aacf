// The ru / kk / en catalogue: nothing missing, nothing empty, the same {placeholders} in
// every language, every plural category a language needs, and every key the web app
// uses defined.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Locale } from '../../src/common/api/accounts.ts';
import { en } from '../../src/common/i18n/en.ts';
import {
  catalogues,
  formatDate,
  formatDateTime,
  pickLocale,
  placeholdersOf,
  SUPPORTED_LOCALES,
  translate,
} from '../../src/common/i18n/index.ts';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const enKeys = Object.keys(en);
const pluralBases = new Set(
  enKeys.filter((k) => k.endsWith('_other')).map((k) => k.replace(/_other$/, '')),
);

function entries(locale: Locale): [string, unknown][] {
  return Object.entries(catalogues[locale]);
}

/** The English message a key corresponds to: itself, or the `_other` form for extra plural forms. */
function englishFor(key: string): string | undefined {
  if (key in en) return (en as Record<string, string>)[key];
  const base = key.replace(PLURAL_SUFFIX, '');
  return pluralBases.has(base) ? (en as Record<string, string>)[`${base}_other`] : undefined;
}

describe('message catalogue', () => {
  for (const locale of SUPPORTED_LOCALES) {
    test(`${locale}: every key of en is present and not empty`, () => {
      const catalogue = catalogues[locale] as Record<string, unknown>;
      const missing = enKeys.filter(
        (k) => typeof catalogue[k] !== 'string' || (catalogue[k] as string).trim() === '',
      );
      assert.deepEqual(missing, [], `missing or empty in ${locale}`);
    });

    test(`${locale}: no unknown keys`, () => {
      const unknown = entries(locale)
        .map(([k]) => k)
        .filter((k) => englishFor(k) === undefined);
      assert.deepEqual(unknown, [], `keys in ${locale} that en does not define`);
    });

    test(`${locale}: placeholders match English`, () => {
      const differing = entries(locale).flatMap(([key, value]) => {
        const english = englishFor(key);
        if (english === undefined || typeof value !== 'string') return [];
        const want = placeholdersOf(english);
        const got = placeholdersOf(value);
        return JSON.stringify(want) === JSON.stringify(got)
          ? []
          : [`${key}: ${got.join(',')} ≠ ${want.join(',')}`];
      });
      assert.deepEqual(differing, []);
    });

    test(`${locale}: every plural message has the forms the language needs`, () => {
      const catalogue = catalogues[locale] as Record<string, unknown>;
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      const missing = [...pluralBases].flatMap((base) =>
        categories
          .filter((c) => typeof catalogue[`${base}_${c}`] !== 'string')
          .map((c) => `${base}_${c}`),
      );
      assert.deepEqual(missing, []);
    });
  }

  test('Kazakh is written in Kazakh Cyrillic, not copied from Russian', () => {
    const kk = catalogues.kk as Record<string, string>;
    const ru = catalogues.ru as Record<string, string>;
    const kazakhLetters = /[әғқңөұүһі]/i;
    const withKazakhLetters = enKeys.filter((k) => kazakhLetters.test(kk[k] ?? '')).length;
    assert.ok(
      withKazakhLetters / enKeys.length > 0.6,
      `only ${withKazakhLetters} of ${enKeys.length} kk messages use Kazakh letters`,
    );
    // Identical messages are fine only where the word is the same (brand names, role titles).
    const same = enKeys.filter((k) => kk[k] === ru[k]);
    assert.ok(same.length < 10, `kk equals ru for: ${same.join(', ')}`);
  });

  test('translate fills placeholders and picks plural forms', () => {
    assert.equal(
      translate('en', 'members.pendingTitle', { count: 1 }),
      '1 person waiting for approval',
    );
    assert.equal(
      translate('en', 'members.pendingTitle', { count: 3 }),
      '3 people waiting for approval',
    );
    assert.equal(
      translate('ru', 'recovery.wordCount', { count: 1 }),
      'Вы ввели 1 слово, а в ключе восстановления их 24.',
    );
    assert.equal(
      translate('ru', 'recovery.wordCount', { count: 3 }),
      'Вы ввели 3 слова, а в ключе восстановления их 24.',
    );
    assert.equal(
      translate('ru', 'recovery.wordCount', { count: 5 }),
      'Вы ввели 5 слов, а в ключе восстановления их 24.',
    );
    assert.equal(
      translate('ru', 'recovery.wordCount', { count: 21 }),
      'Вы ввели 21 слово, а в ключе восстановления их 24.',
    );
    assert.match(translate('kk', 'overview.awaiting', { count: 2 }), /^2 адам/);
    assert.equal(
      translate('en', 'invite.intro', { organisation: 'Shyraq', role: 'Lawyer' }),
      'You are invited to join Shyraq as Lawyer.',
    );
    // A missing parameter leaves the placeholder visible rather than printing "undefined".
    assert.equal(translate('en', 'validation.tooLong'), 'Too long: at most {max} characters.');
  });

  test('dates read naturally in every language, Kazakh included', () => {
    const date = new Date(2026, 11, 1, 16, 35);
    assert.equal(formatDate('kk', date), '2026 ж. 1 желтоқсан');
    assert.equal(formatDateTime('kk', date), '2026 ж. 1 желтоқсан, 16:35');
    assert.match(formatDate('ru', date), /1 декабря 2026/);
    assert.match(formatDate('en', date), /1 December 2026/);
  });

  test('pickLocale matches by primary language and falls back to Russian', () => {
    assert.equal(pickLocale(['kk-KZ', 'ru']), 'kk');
    assert.equal(pickLocale(['en-US']), 'en');
    assert.equal(pickLocale(['de-DE', 'fr']), 'ru');
    assert.equal(pickLocale([]), 'ru');
  });
});

describe('keys used by the web app', () => {
  const webRoot = fileURLToPath(new URL('../../src/web/', import.meta.url));

  async function sourceFiles(dir: string): Promise<string[]> {
    const out: string[] = [];
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) out.push(...(await sourceFiles(full)));
      else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
    }
    return out;
  }

  test('every t(…) key in src/web exists in en', async () => {
    const used = new Map<string, string>();
    for (const file of await sourceFiles(webRoot)) {
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*(['"])([^'"]+)\1/g)) {
        used.set(match[2] ?? '', path.relative(webRoot, file));
      }
    }
    assert.ok(used.size > 100, `expected many t() calls, found ${used.size}`);
    const unknown = [...used]
      .filter(([key]) => !(key in en) && !pluralBases.has(key))
      .map(([k, f]) => `${k} (${f})`);
    assert.deepEqual(unknown, []);
  });
});
