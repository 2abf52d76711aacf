// Names people typed or a hostile ZIP carries are data, never paths: an original name
// with ../, a NUL or 255 letters leaves the entry names alone and is kept verbatim in the
// manifest; a longer one is refused before anything is written; entries named with path
// tricks in a tampered package are reported (escaped for the terminal), and a manifest
// that lists such a path is not a package manifest.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  PackageBuildError,
  buildEvidencePackage,
} from '../../src/common/evidence/package/build.ts';
import {
  bytesSource,
  printableName,
  verifyEvidencePackage,
} from '../../src/common/evidence/package/verify.ts';
import {
  buildBytes,
  fixtureItem,
  jpegBytes,
  packageOptions,
  rezip,
  unzipAll,
} from './package-fixtures.ts';

const LAYOUT =
  /^(manifest\.json|README\.txt|summary\.pdf|SHA256SUMS|tsa\/ca-\d+\.pem|items\/\d{2}-[0-9a-f-]{36}\/(original|working|thumbnail|screenshot|html|mhtml|capture_metadata)\.[a-z0-9]+|items\/\d{2}-[0-9a-f-]{36}\/(hash-manifest\.json|timestamp-\d+\.tsr))$/;

const TRICKS = [
  '../../../../etc/passwd',
  '..\\..\\Windows\\System32\\evil.dll',
  '/root/.ssh/authorized_keys',
  'photo\u0000.jpg.exe',
  'я'.repeat(255),
  'x'.repeat(250) + '/../y',
];

describe('original names with path tricks', () => {
  test('never become entry names, and are kept verbatim as data', async () => {
    const items = TRICKS.map((name, i) =>
      fixtureItem({
        files: [{ role: 'original', bytes: jpegBytes(`trick-${i}`, 500), mediaType: 'image/jpeg' }],
        originalName: name,
        title: `../../${name}`,
      }),
    );
    const built = await buildBytes({ items: items.map((i) => i.input) });
    const names = [...(await unzipAll(built.zip)).keys()];
    for (const name of names) assert.match(name, LAYOUT);
    assert.equal(names.filter((n) => n.endsWith('/original.jpg')).length, TRICKS.length);
    assert.deepEqual(
      built.manifest.items.map((i) => i.originalName),
      TRICKS,
    );
    const result = await verifyEvidencePackage(bytesSource(built.zip));
    assert.equal(result.ok, true);
    assert.equal(result.items[3]?.originalName, 'photo\u0000.jpg.exe');
  });

  test('a 300-letter name is refused before anything is written', async () => {
    const item = fixtureItem({
      files: [{ role: 'original', bytes: jpegBytes('long'), mediaType: 'image/jpeg' }],
      originalName: 'ы'.repeat(300),
    });
    await assert.rejects(
      buildEvidencePackage(await packageOptions({ items: [item.input] })),
      (error: Error) =>
        error instanceof PackageBuildError &&
        error.message === `item 1 (${item.input.id}): its sealed meta is not valid`,
    );
  });

  test('a detected type that is not one we know becomes .bin, never an extension from a name', async () => {
    const item = fixtureItem({
      files: [{ role: 'original', bytes: jpegBytes('odd'), mediaType: 'application/x-../../evil' }],
      originalName: 'report.pdf',
    });
    const built = await buildBytes({ items: [item.input] });
    assert.match(built.manifest.items[0]?.files[0]?.path ?? '', /\/original\.bin$/);
  });
});

describe('a tampered package with path-trick entries', () => {
  test('reports each such entry as unexpected, and reads none of them', async () => {
    const item = fixtureItem({
      files: [{ role: 'original', bytes: jpegBytes('victim'), mediaType: 'image/jpeg' }],
    });
    const built = await buildBytes({ items: [item.input] });
    const entries = await unzipAll(built.zip);
    const planted = [
      '../../evil.sh',
      '/etc/cron.d/evil',
      'items/../../evil',
      'a\u0000b',
      'z'.repeat(300),
    ];
    const zip = await rezip([
      ...[...entries].map(([name, data]) => ({ name, data })),
      ...planted.map((name) => ({ name, data: new TextEncoder().encode('#!/bin/sh\nrm -rf ~\n') })),
    ]);
    const before = (await verifyEvidencePackage(bytesSource(built.zip))).bytesRead;
    const result = await verifyEvidencePackage(bytesSource(zip));
    assert.equal(result.ok, false);
    assert.deepEqual(result.unexpectedEntries, planted);
    assert.ok(result.items.every((i) => i.ok));
    assert.equal(result.bytesRead, before, 'the planted entries were not read');
  });

  test('a manifest listing a path outside the layout is not a package manifest', async () => {
    const item = fixtureItem({
      files: [{ role: 'original', bytes: jpegBytes('victim'), mediaType: 'image/jpeg' }],
    });
    const built = await buildBytes({ items: [item.input] });
    const entries = await unzipAll(built.zip);
    const path = built.manifest.items[0]?.files[0]?.path ?? '';
    const manifest = new TextDecoder()
      .decode(entries.get('manifest.json'))
      .replace(`"path": "${path}"`, '"path": "../../../etc/passwd"');
    const zip = await rezip(
      [...entries].map(([name, data]) => ({
        name,
        data: name === 'manifest.json' ? new TextEncoder().encode(manifest) : data,
      })),
    );
    const result = await verifyEvidencePackage(bytesSource(zip));
    assert.equal(result.ok, false);
    assert.match(
      result.manifest.problem ?? '',
      /^is not a package manifest: items\.0\.files\.0\.path: not a path this package format makes/,
    );
  });

  test('names printed for people have control and direction characters escaped', () => {
    assert.equal(printableName('a\u0000b\u001b[32mPASS'), 'a\\u0000b\\u001b[32mPASS');
    assert.equal(printableName('evil\u202egpj.exe'), 'evil\\u202egpj.exe');
    assert.equal(printableName('ы'.repeat(200)), `${'ы'.repeat(120)}…`);
  });
});
