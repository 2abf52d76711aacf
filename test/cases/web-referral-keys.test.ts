// The key set a referral sends: only keys the consented scope covers, re-sealed so the
// partner opens them with its own key and this organisation's copy is untouched; the case
// key always; a key that does not open stops the referral.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  fromB64,
  generateBoxKeyPair,
  generateRecordKey,
  loadSodium,
  openRecordKey,
  sealRecordKey,
  toB64,
  type BoxKeyPair,
} from '../../src/common/crypto/index.ts';
import {
  buildReferralKeys,
  countByType,
  UnopenableKeyError,
  type HeldKey,
  type SharedRecordType,
} from '../../src/web/features/cases/referral-keys.ts';

await loadSodium();

describe('buildReferralKeys', () => {
  let org: BoxKeyPair;
  let partner: BoxKeyPair;
  const plain = new Map<string, Uint8Array>();
  let held: HeldKey[];

  const hold = (recordType: SharedRecordType, recordId: string, to = org): HeldKey => {
    const key = generateRecordKey();
    plain.set(recordId, new Uint8Array(key));
    return { recordType, recordId, sealedKey: toB64(sealRecordKey(key, to.publicKey)) };
  };

  before(() => {
    org = generateBoxKeyPair();
    partner = generateBoxKeyPair();
    held = [
      hold('case', 'case-1'),
      hold('incident', 'inc-1'),
      hold('incident', 'inc-2'),
      hold('person', 'person-1'),
      hold('intervention', 'int-1'),
      hold('report', 'rep-1'),
      hold('report_file', 'file-1'),
    ];
  });

  test('shares the case and the consented kinds, re-sealed to the partner', () => {
    const set = buildReferralKeys({
      held,
      scope: ['incidents', 'reports'],
      org,
      partnerPublicKey: partner.publicKey,
    });
    assert.deepEqual(
      set.shared.map((k) => k.recordId),
      ['case-1', 'inc-1', 'inc-2', 'rep-1', 'file-1'],
    );
    assert.deepEqual(
      set.withheld.map((k) => k.recordId),
      ['person-1', 'int-1'],
    );
    for (const key of set.shared) {
      const opened = openRecordKey(fromB64(key.sealedKey), partner);
      assert.deepEqual(opened, plain.get(key.recordId));
      // Sealed to the partner only: this organisation's key does not open the new copy.
      assert.throws(() => openRecordKey(fromB64(key.sealedKey), org));
    }
    const counts = countByType(set.shared);
    assert.equal(counts.case, 1);
    assert.equal(counts.incident, 2);
    assert.equal(counts.person, 0);
    assert.equal(counts.report_file, 1);
  });

  test('a scope of the case alone shares only the case key', () => {
    const set = buildReferralKeys({
      held,
      scope: [],
      org,
      partnerPublicKey: partner.publicKey,
    });
    assert.deepEqual(
      set.shared.map((k) => k.recordType),
      ['case'],
    );
    assert.equal(set.withheld.length, held.length - 1);
  });

  test('the same key listed twice is shared once', () => {
    const set = buildReferralKeys({
      held: [...held, held[1] as HeldKey],
      scope: ['incidents'],
      org,
      partnerPublicKey: partner.publicKey,
    });
    assert.equal(set.shared.filter((k) => k.recordId === 'inc-1').length, 1);
  });

  test('a key in scope that does not open stops the referral', () => {
    const stranger = generateBoxKeyPair();
    const foreign = hold('person', 'person-x', stranger);
    assert.throws(
      () =>
        buildReferralKeys({
          held: [...held, foreign],
          scope: ['people'],
          org,
          partnerPublicKey: partner.publicKey,
        }),
      (error: unknown) => error instanceof UnopenableKeyError && error.recordId === 'person-x',
    );
    // Out of scope it is never opened, so it does not stop anything.
    const set = buildReferralKeys({
      held: [...held, foreign],
      scope: ['incidents'],
      org,
      partnerPublicKey: partner.publicKey,
    });
    assert.ok(set.withheld.some((k) => k.recordId === 'person-x'));
  });

  test('without the case key there is nothing to refer', () => {
    assert.throws(() =>
      buildReferralKeys({
        held: held.filter((k) => k.recordType !== 'case'),
        scope: ['incidents'],
        org,
        partnerPublicKey: partner.publicKey,
      }),
    );
  });
});
