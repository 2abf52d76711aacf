// Search over sealed incident text in the browser: what matches what (case, diacritics,
// Kazakh and Russian letters, several words), records that do not open, and that building
// the index reports progress and leaves the sealed input untouched.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  encryptField,
  generateBoxKeyPair,
  generateRecordKey,
  loadSodium,
  sealRecordKey,
  toB64,
  type BoxKeyPair,
} from '../../src/common/crypto/index.ts';
import { sealedContext } from '../../src/common/records/contexts.ts';
import {
  buildSearchIndex,
  normaliseForSearch,
  openIndexEntry,
  queryTerms,
  searchRecords,
  SearchIndex,
  type SealedIndexEntry,
} from '../../src/web/features/records/search-index.ts';

let org: BoxKeyPair;
let counter = 0;

before(async () => {
  await loadSodium();
  org = generateBoxKeyPair();
});

function sealedEntry(
  title: string | null,
  description: string | null,
  to: BoxKeyPair = org,
): SealedIndexEntry {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  const key = generateRecordKey();
  return {
    id,
    reference: `I-${String(counter).padStart(4, '0')}`,
    sealedRecordKey: toB64(sealRecordKey(key, to.publicKey)),
    sealedTitle:
      title === null
        ? null
        : toB64(encryptField(key, title, sealedContext('incidents', 'sealed_title', id))),
    sealedDescription:
      description === null
        ? null
        : toB64(
            encryptField(key, description, sealedContext('incidents', 'sealed_description', id)),
          ),
  };
}

function titlesFound(records: ReturnType<typeof openIndexEntry>[], query: string): string[] {
  return searchRecords(records, query).map((r) => r.title ?? r.reference ?? '');
}

describe('normaliseForSearch', () => {
  test('lower-cases Kazakh and Russian letters without changing them into other letters', () => {
    assert.equal(normaliseForSearch('ҚАЗАҚСТАН'), 'қазақстан');
    assert.equal(normaliseForSearch('ӘҒҚҢӨҰҮҺІ'), 'әғқңөұүһі');
    assert.equal(normaliseForSearch('МОСКВА'), 'москва');
  });

  test('removes Latin diacritics, folds ё into е, keeps й and ў as letters', () => {
    assert.equal(normaliseForSearch('Café Ñandú'), 'cafe nandu');
    assert.equal(normaliseForSearch('Ёлка'), 'елка');
    assert.equal(normaliseForSearch('Йошкар'), 'йошкар');
    assert.notEqual(normaliseForSearch('й'), normaliseForSearch('и'));
    assert.equal(normaliseForSearch('Ў'), 'ў');
  });

  test('compatibility forms and white space are normalised', () => {
    assert.equal(normaliseForSearch('ﬁle'), 'file');
    assert.equal(normaliseForSearch('  two\n\twords  '), 'two words');
    assert.deepEqual(queryTerms('  Алматы   ҚАЛАСЫ '), ['алматы', 'қаласы']);
  });
});

describe('searching opened records', () => {
  let records: ReturnType<typeof openIndexEntry>[];
  before(() => {
    records = [
      sealedEntry('Нападение у кафе', 'Избили возле клуба в Алматы'),
      sealedEntry('Қорқыту хаты', 'Отбасы ұстап отыр, Қарағанды'),
      sealedEntry('Café attack', null),
      sealedEntry('Йогурт и ёлка', 'без описания'),
      sealedEntry(null, 'only a description mentions Shymkent'),
    ].map((e) => openIndexEntry(e, org));
  });

  test('a Kazakh letter finds itself in either case', () => {
    assert.deepEqual(titlesFound(records, 'қ'), ['Қорқыту хаты']);
    assert.deepEqual(titlesFound(records, 'ҚОРҚЫТУ'), ['Қорқыту хаты']);
    assert.deepEqual(titlesFound(records, 'қарағанды'), ['Қорқыту хаты']);
  });

  test('case and diacritics do not matter; Russian ё and е are one letter', () => {
    assert.deepEqual(titlesFound(records, 'cafe'), ['Café attack']);
    assert.deepEqual(titlesFound(records, 'CAFÉ'), ['Café attack']);
    assert.deepEqual(titlesFound(records, 'елка'), ['Йогурт и ёлка']);
    assert.deepEqual(titlesFound(records, 'НАПАДЕНИЕ'), ['Нападение у кафе']);
  });

  test('и does not find й', () => {
    assert.deepEqual(titlesFound(records, 'иогурт'), []);
    assert.deepEqual(titlesFound(records, 'йогурт'), ['Йогурт и ёлка']);
  });

  test('every word must appear, in any order, in the title, description or reference', () => {
    assert.deepEqual(titlesFound(records, 'алматы избили'), ['Нападение у кафе']);
    assert.deepEqual(titlesFound(records, 'алматы шантаж'), []);
    assert.deepEqual(titlesFound(records, 'shymkent'), [records[4]?.reference ?? '']);
    assert.deepEqual(titlesFound(records, records[1]?.reference?.toLowerCase() ?? 'x'), [
      'Қорқыту хаты',
    ]);
  });

  test('an empty query finds nothing rather than everything', () => {
    assert.deepEqual(searchRecords(records, '   '), []);
  });

  test('a limit stops the search early', () => {
    assert.equal(searchRecords(records, 'а', 1).length, 1);
  });
});

describe('opening and building', () => {
  test('a record sealed to another organisation is kept, unopened, and found only by reference', () => {
    const other = generateBoxKeyPair();
    const entry = sealedEntry('secret title', 'secret', other);
    const record = openIndexEntry(entry, org);
    assert.equal(record.opened, false);
    assert.equal(record.title, null);
    assert.equal(searchRecords([record], 'secret').length, 0);
    assert.equal(searchRecords([record], entry.reference ?? '').length, 1);
  });

  test('a title moved to another record does not open (the context binds it to its record)', () => {
    const a = sealedEntry('moved', null);
    const b = sealedEntry('target', null);
    const swapped = { ...b, sealedRecordKey: a.sealedRecordKey, sealedTitle: a.sealedTitle };
    assert.equal(openIndexEntry(swapped, org).opened, false);
  });

  test('building reports progress slice by slice and can be stopped', async () => {
    const entries = Array.from({ length: 7 }, (_, i) => sealedEntry(`title ${i}`, null));
    const progress: [number, number][] = [];
    const index = await buildSearchIndex(entries, org, {
      slice: 3,
      onProgress: (done, total) => progress.push([done, total]),
    });
    assert.deepEqual(progress, [
      [3, 7],
      [6, 7],
      [7, 7],
    ]);
    assert.equal(index.size, 7);
    assert.equal(index.search('title 6')[0]?.id, entries[6]?.id);

    const controller = new AbortController();
    const partial = await buildSearchIndex(entries, org, {
      slice: 2,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    assert.equal(partial.size, 2);
  });

  test('adding a record again replaces it, and clear forgets everything', () => {
    const entry = sealedEntry('first', null);
    const index = new SearchIndex();
    index.add([openIndexEntry(entry, org)]);
    index.add([{ ...openIndexEntry(entry, org), title: 'second', haystack: 'second' }]);
    assert.equal(index.size, 1);
    assert.equal(index.get(entry.id)?.title, 'second');
    index.clear();
    assert.equal(index.size, 0);
    assert.equal(index.search('second').length, 0);
  });

  test('2,000 records open and search without a quadratic step', async () => {
    const entries = Array.from({ length: 2000 }, (_, i) =>
      sealedEntry(`Инцидент ${i}`, i === 1234 ? 'Описание Қарағанды' : `Описание ${i}`),
    );
    const started = performance.now();
    const index = await buildSearchIndex(entries, org);
    const built = performance.now() - started;
    const searchStarted = performance.now();
    assert.equal(index.search('ҚАРАҒАНДЫ описание')[0]?.title, 'Инцидент 1234');
    const searched = performance.now() - searchStarted;
    // Generous bounds: this guards against an accidental quadratic step, not a benchmark.
    assert.ok(built < 20_000, `opening 2,000 took ${built} ms`);
    assert.ok(searched < 500, `searching took ${searched} ms`);
  });
});
