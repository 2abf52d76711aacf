// The public pages' catalogue: every key in every language, none empty, the same
// {placeholders} everywhere, Russian and Kazakh actually written in their language, and
// every key the pages use defined (the type does that; this checks the files agree).
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { en } from '../../src/server/modules/intake/public/messages/en.ts';
import {
  PUBLIC_CATALOGUES,
  translatorFor,
} from '../../src/server/modules/intake/public/messages/index.ts';

const KEYS = Object.keys(en);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Letters only Kazakh uses (ә ғ қ ң ө ұ ү һ і). */
const KAZAKH_LETTERS = /[әғқңөұүһі]/i;
const CYRILLIC = /[а-яё]/i;

describe('public page messages', () => {
  for (const locale of ['ru', 'kk', 'en'] as const) {
    const catalogue = PUBLIC_CATALOGUES[locale] as Record<string, unknown>;

    test(`${locale}: every key is present and not empty, and there are no others`, () => {
      const missing = KEYS.filter(
        (key) => typeof catalogue[key] !== 'string' || (catalogue[key] as string).trim() === '',
      );
      assert.deepEqual(missing, [], `missing or empty in ${locale}`);
      const extra = Object.keys(catalogue).filter((key) => !(key in en));
      assert.deepEqual(extra, [], `keys in ${locale} that en does not have`);
    });

    test(`${locale}: the same placeholders as English`, () => {
      for (const key of KEYS) {
        assert.deepEqual(
          placeholders(String(catalogue[key])),
          placeholders(en[key as keyof typeof en]),
          `${locale} ${key}`,
        );
      }
    });
  }

  test('Russian and Kazakh texts are written in their language, not left in English', () => {
    // Units, names of languages and month names may coincide; sentences may not.
    for (const key of KEYS) {
      const english = en[key as keyof typeof en];
      if (!/[a-z]{3,} [a-z]{3,}/i.test(english)) continue;
      for (const locale of ['ru', 'kk'] as const) {
        const text = PUBLIC_CATALOGUES[locale][key as keyof typeof en];
        assert.notEqual(text, english, `${locale} ${key} is the English text`);
        assert.match(text, CYRILLIC, `${locale} ${key} is written in Cyrillic`);
      }
    }
    const kazakh = Object.values(PUBLIC_CATALOGUES.kk).join(' ');
    const russian = Object.values(PUBLIC_CATALOGUES.ru).join(' ');
    assert.match(kazakh, KAZAKH_LETTERS, 'Kazakh uses its own letters');
    assert.doesNotMatch(russian, KAZAKH_LETTERS, 'Russian has no Kazakh letters');
  });

  test('placeholders are filled, and a missing value stays visible rather than blank', () => {
    const t = translatorFor('ru');
    assert.equal(t('view.reference', { reference: 'R-7KQ3' }), 'Номер: R-7KQ3');
    assert.equal(t('view.reference'), 'Номер: {reference}');
  });

  test('every message key the pages and routes name exists', async () => {
    const root = path.resolve(import.meta.dirname, '../../src/server/modules/intake/public');
    const files = (await readdir(root, { recursive: true })).filter(
      (f) => f.endsWith('.ts') && !f.startsWith('messages'),
    );
    const used = new Set<string>();
    for (const file of files) {
      const source = await readFile(path.join(root, file), 'utf8');
      for (const match of source.matchAll(/\bt\('([a-zA-Z_.0-9]+)'/g)) used.add(match[1] ?? '');
    }
    assert.ok(used.size > 40, `found ${used.size} keys in use`);
    const unknown = [...used].filter((key) => !(key in en));
    assert.deepEqual(unknown, [], 'keys used by the pages but not in the catalogue');
  });
});
