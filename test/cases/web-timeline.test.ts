// Each kind of timeline item opens with the key it names: a contact note under the case
// key, a report's narrative under the report key, a message and a file name sealed to the
// organisation; a value under another key, or moved to another record, does not open.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  encryptField,
  generateBoxKeyPair,
  generateRecordKey,
  loadSodium,
  sealRecordKey,
  sealTo,
  toB64,
} from '../../src/common/crypto/index.ts';
import { DETAILS_CONTEXT } from '../../src/common/intake/report.ts';
import { sealedContext } from '../../src/common/records/contexts.ts';
import type { TimelineItem } from '../../src/web/features/cases/api.ts';
import { openTimelineItem } from '../../src/web/features/cases/timeline.ts';

await loadSodium();

const CASE_ID = '11111111-1111-4111-8111-111111111111';
const CONTACT_ID = '22222222-2222-4222-8222-222222222222';
const REPORT_ID = '33333333-3333-4333-8333-333333333333';
const AT = '2026-03-02T10:00:00.000Z';

const item = (over: Partial<TimelineItem>): TimelineItem => ({
  kind: 'contact',
  at: AT,
  datePrecision: 'day',
  sourceId: CONTACT_ID,
  coded: {},
  sealed: {},
  opensWith: 'record',
  keyRecordId: CASE_ID,
  ...over,
});

describe('openTimelineItem', () => {
  const org = generateBoxKeyPair();
  const caseKey = generateRecordKey();
  const reportKey = generateRecordKey();
  const keys = {
    [CASE_ID]: toB64(sealRecordKey(caseKey, org.publicKey)),
    [REPORT_ID]: toB64(sealRecordKey(reportKey, org.publicKey)),
  };

  test('a contact note under the case key', () => {
    const note = toB64(
      encryptField(
        caseKey,
        'Жива, дома',
        sealedContext('case_contacts', 'sealed_note', CONTACT_ID),
      ),
    );
    assert.deepEqual(openTimelineItem(item({ sealed: { sealed_note: note } }), keys, org), {
      ok: true,
      value: 'Жива, дома',
    });
    // The same ciphertext claimed by another contact does not open.
    assert.deepEqual(
      openTimelineItem(item({ sourceId: REPORT_ID, sealed: { sealed_note: note } }), keys, org),
      { ok: false },
    );
    // Without its key copy nothing opens, and nothing throws.
    assert.deepEqual(openTimelineItem(item({ sealed: { sealed_note: note } }), {}, org), {
      ok: false,
    });
    assert.equal(openTimelineItem(item({}), keys, org), null);
  });

  test('a report narrative, a message and a file name', () => {
    const details = toB64(
      encryptField(reportKey, JSON.stringify({ narrative: 'Мені ұрды' }), DETAILS_CONTEXT),
    );
    assert.deepEqual(
      openTimelineItem(
        item({
          kind: 'report_received',
          sourceId: REPORT_ID,
          keyRecordId: REPORT_ID,
          sealed: { sealed_details: details },
        }),
        keys,
        org,
      ),
      { ok: true, value: 'Мені ұрды' },
    );
    const message = toB64(sealTo(org.publicKey, 'Спасибо'));
    assert.deepEqual(
      openTimelineItem(
        item({
          kind: 'report_message',
          opensWith: 'organisation',
          keyRecordId: null,
          sealed: { sealed_for_org: message },
        }),
        keys,
        org,
      ),
      { ok: true, value: 'Спасибо' },
    );
    const meta = toB64(
      sealTo(
        org.publicKey,
        JSON.stringify({
          name: 'photo.jpg',
          type: 'image/jpeg',
          size: 3,
          sha256: 'ab'.repeat(32),
          metadataRemoved: true,
        }),
      ),
    );
    const opened = openTimelineItem(
      item({
        kind: 'report_file',
        opensWith: 'organisation',
        keyRecordId: null,
        sealed: { sealed_file_key: toB64(sealTo(org.publicKey, caseKey)), sealed_meta: meta },
      }),
      keys,
      org,
    );
    assert.deepEqual(opened, { ok: true, value: 'photo.jpg' });
    // Another organisation's key opens none of them.
    const other = generateBoxKeyPair();
    assert.deepEqual(
      openTimelineItem(
        item({
          kind: 'report_message',
          opensWith: 'organisation',
          keyRecordId: null,
          sealed: { sealed_for_org: message },
        }),
        keys,
        other,
      ),
      { ok: false },
    );
  });
});
