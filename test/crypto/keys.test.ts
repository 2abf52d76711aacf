// Password-derived login keys, member key wrapping, key grants and record keys.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ALG_SEALED,
  DEFAULT_KDF,
  DecryptionError,
  FORMAT_VERSION,
  SALT_BYTES,
  TEST_KDF,
  createKeyGrant,
  deriveLoginKeys,
  fromHex,
  generateBoxKeyPair,
  generateRecordKey,
  generateSalt,
  loadSodium,
  openKeyGrant,
  openRecordKey,
  sealRecordKey,
  sodium,
  toHex,
  unwrapKey,
  wrapKey,
} from '../../src/common/crypto/index.ts';

await loadSodium();

const SALT = fromHex('000102030405060708090a0b0c0d0e0f');
const hex = (keys: { wrapKey: Uint8Array; authKey: Uint8Array }) => ({
  wrap: toHex(keys.wrapKey),
  auth: toHex(keys.authKey),
});

describe('deriveLoginKeys', () => {
  test('deterministic for the same password, salt and parameters; two different 32-byte keys', () => {
    const a = deriveLoginKeys('correct horse battery staple', SALT, TEST_KDF);
    const b = deriveLoginKeys('correct horse battery staple', SALT.slice(), { ...TEST_KDF });
    assert.deepEqual(hex(a), hex(b));
    assert.equal(a.wrapKey.length, 32);
    assert.equal(a.authKey.length, 32);
    assert.notEqual(toHex(a.wrapKey), toHex(a.authKey));
  });

  test('a different password, salt or cost gives different keys', () => {
    const base = hex(deriveLoginKeys('correct horse battery staple', SALT, TEST_KDF));
    const variants = [
      deriveLoginKeys('correct horse battery staplE', SALT, TEST_KDF),
      deriveLoginKeys('correct horse battery staple ', SALT, TEST_KDF),
      deriveLoginKeys('', SALT, TEST_KDF),
      deriveLoginKeys('correct horse battery staple', generateSalt(), TEST_KDF),
      deriveLoginKeys(
        'correct horse battery staple',
        fromHex('000102030405060708090a0b0c0d0e0e'),
        TEST_KDF,
      ),
      deriveLoginKeys('correct horse battery staple', SALT, { ...TEST_KDF, opslimit: 2 }),
      deriveLoginKeys('correct horse battery staple', SALT, { ...TEST_KDF, memlimit: 16384 }),
    ].map(hex);
    const seen = new Set([base.wrap, base.auth]);
    for (const v of variants) {
      assert.ok(!seen.has(v.wrap) && !seen.has(v.auth), 'keys repeat');
      seen.add(v.wrap);
      seen.add(v.auth);
    }
  });

  test('passwords are NFC-normalised: composed and decomposed letters give the same keys', () => {
    // й = и + combining breve; ӛ = ә + combining diaeresis; ё = е + combining diaeresis.
    const composed = 'Құпия-й-ӛ-ё-ә';
    const decomposed = 'Құпия-\u0438\u0306-\u04d9\u0308-\u0435\u0308-ә';
    assert.notEqual(composed, decomposed);
    assert.equal(composed, decomposed.normalize('NFC'));
    assert.deepEqual(
      hex(deriveLoginKeys(composed, SALT, TEST_KDF)),
      hex(deriveLoginKeys(decomposed, SALT, TEST_KDF)),
    );
    assert.deepEqual(
      hex(deriveLoginKeys('\u0439', SALT, TEST_KDF)),
      hex(deriveLoginKeys('\u0438\u0306', SALT, TEST_KDF)),
    );
    // The Kazakh letters ә ғ қ ң ө ұ ү һ і have no decomposition: NFC keeps them as typed,
    // so they still derive the keys that a plain UTF-8 password would.
    const kazakh = 'әғқңөұүһі';
    assert.equal(kazakh.normalize('NFD'), kazakh);
    assert.notDeepEqual(
      hex(deriveLoginKeys(kazakh, SALT, TEST_KDF)),
      hex(deriveLoginKeys('әғқңөұүһи', SALT, TEST_KDF)),
    );
    // Compatibility forms are not folded (NFC, not NFKC): a fullwidth A is another password.
    assert.notDeepEqual(
      hex(deriveLoginKeys('\uff21', SALT, TEST_KDF)),
      hex(deriveLoginKeys('A', SALT, TEST_KDF)),
    );
  });

  test('a salt of the wrong length is rejected', () => {
    assert.equal(SALT_BYTES, 16);
    for (const length of [0, 8, 15, 17, 32]) {
      assert.throws(
        () => deriveLoginKeys('password', new Uint8Array(length), TEST_KDF),
        /salt must be 16 bytes/,
      );
    }
    assert.equal(generateSalt().length, SALT_BYTES);
    assert.notDeepEqual(generateSalt(), generateSalt());
  });

  test('TEST_KDF is the libsodium minimum; DEFAULT_KDF is Argon2id 64 MiB, 3 passes', () => {
    const s = sodium();
    assert.equal(TEST_KDF.opslimit, s.crypto_pwhash_OPSLIMIT_MIN);
    assert.equal(TEST_KDF.memlimit, s.crypto_pwhash_MEMLIMIT_MIN);
    assert.deepEqual({ ...DEFAULT_KDF }, { opslimit: 3, memlimit: 64 * 1024 * 1024 });
    assert.throws(() => deriveLoginKeys('password', SALT, { opslimit: 1, memlimit: 4096 }));
  });

  test('the login flow: wrapKey unwraps the member key, authKey and other passwords do not', () => {
    const salt = generateSalt();
    const member = generateBoxKeyPair();
    const keys = deriveLoginKeys('Алматы-2024 құпия сөз', salt, TEST_KDF);
    const wrapped = wrapKey(keys.wrapKey, member.privateKey);
    const again = deriveLoginKeys('Алматы-2024 құпия сөз', salt, TEST_KDF);
    assert.deepEqual(unwrapKey(again.wrapKey, wrapped), member.privateKey);
    // The server holds (a hash of) authKey: it must not unwrap the member key.
    assert.throws(() => unwrapKey(keys.authKey, wrapped), DecryptionError);
    const wrong = deriveLoginKeys('Алматы-2024 құпия сөз!', salt, TEST_KDF);
    assert.throws(() => unwrapKey(wrong.wrapKey, wrapped), DecryptionError);
  });
});

describe('key grants', () => {
  test('opens with the member key it was made for, not with another member key', () => {
    const org = generateBoxKeyPair();
    const alice = generateBoxKeyPair();
    const bob = generateBoxKeyPair();
    const grant = createKeyGrant(org.privateKey, alice.publicKey);
    assert.equal(grant[0], FORMAT_VERSION);
    assert.equal(grant[1], ALG_SEALED);
    const opened = openKeyGrant(grant, alice);
    assert.deepEqual(opened.privateKey, org.privateKey);
    assert.deepEqual(opened.publicKey, org.publicKey);
    assert.throws(() => openKeyGrant(grant, bob), DecryptionError);
    // Bob's own grant opens for Bob.
    assert.deepEqual(
      openKeyGrant(createKeyGrant(org.privateKey, bob.publicKey), bob).publicKey,
      org.publicKey,
    );
  });

  test('a tampered grant fails', () => {
    const org = generateBoxKeyPair();
    const alice = generateBoxKeyPair();
    const grant = createKeyGrant(org.privateKey, alice.publicKey);
    for (const index of [0, 1, 2, 40, grant.length - 1]) {
      const copy = grant.slice();
      copy[index] = (copy[index] ?? 0) ^ 1;
      assert.throws(() => openKeyGrant(copy, alice), DecryptionError, `byte ${index}`);
    }
  });
});

describe('record keys', () => {
  test('fresh 32-byte keys, sealed to the owner and to referred organisations', () => {
    const a = generateRecordKey();
    assert.equal(a.length, 32);
    assert.notDeepEqual(generateRecordKey(), a);
    const owner = generateBoxKeyPair();
    const referred = generateBoxKeyPair();
    const stranger = generateBoxKeyPair();
    const toOwner = sealRecordKey(a, owner.publicKey);
    const toReferred = sealRecordKey(a, referred.publicKey);
    assert.deepEqual(openRecordKey(toOwner, owner), a);
    assert.deepEqual(openRecordKey(toReferred, referred), a);
    assert.throws(() => openRecordKey(toOwner, referred), DecryptionError);
    assert.throws(() => openRecordKey(toOwner, stranger), DecryptionError);
    assert.throws(() => openRecordKey(toReferred, stranger), DecryptionError);
  });
});
