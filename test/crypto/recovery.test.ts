// The organisation recovery key: 24 BIP-39 words, the key pairs derived from it, and the
// signed challenge the server asks for before a recovery.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import {
  boxKeyPairFromPrivate,
  createKeyGrant,
  deriveRecoveryKeys,
  fromHex,
  generateBoxKeyPair,
  generateRecoverySecret,
  loadSodium,
  openKeyGrant,
  randomBytes,
  recoverySecretToWords,
  recoveryWordsToSecret,
  recoveryResetDigest,
  signRecoveryChallenge,
  toHex,
  verifyRecoverySignature,
} from '../../src/common/crypto/index.ts';

await loadSodium();

const SECRET = fromHex('c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf');
const TYPO = /check each word for a typo/;

describe('recovery words', () => {
  test('256 random bits become 24 words from the English BIP-39 list, and back', () => {
    for (let i = 0; i < 20; i++) {
      const secret = generateRecoverySecret();
      assert.equal(secret.length, 32);
      const words = recoverySecretToWords(secret);
      const list = words.split(' ');
      assert.equal(list.length, 24);
      for (const w of list) assert.ok(wordlist.includes(w), `${w} is not in the list`);
      assert.deepEqual(recoveryWordsToSecret(words), secret);
    }
  });

  test('tolerates any case and extra whitespace, including line breaks and tabs', () => {
    const words = recoverySecretToWords(SECRET);
    const list = words.split(' ');
    const variants = [
      words.toUpperCase(),
      `  ${words}  `,
      list.join('   '),
      list.join('\n'),
      list.map((w, i) => (i % 2 ? w.toUpperCase() : w)).join(' \t '),
      `\n${list.slice(0, 12).join(' ')}\r\n${list.slice(12).join(' ')}\n`,
      list.map((w) => w[0]?.toUpperCase() + w.slice(1)).join(' '),
    ];
    for (const v of variants) assert.equal(toHex(recoveryWordsToSecret(v)), toHex(SECRET), v);
  });

  test('a typo fails with a readable message', () => {
    const list = recoverySecretToWords(SECRET).split(' ');
    assert.equal(list[0], 'school');
    const misspelt = ['scool', ...list.slice(1)].join(' ');
    assert.throws(() => recoveryWordsToSecret(misspelt), TYPO);
    // A real word in the wrong place: caught by the checksum.
    const swapped = [...list.slice(0, 23), 'zoo'].join(' ');
    assert.throws(() => recoveryWordsToSecret(swapped), TYPO);
    const exchanged = [list[1], list[0], ...list.slice(2)].join(' ');
    assert.throws(() => recoveryWordsToSecret(exchanged), TYPO);
  });

  test('the wrong number of words fails with a readable message', () => {
    const list = recoverySecretToWords(SECRET).split(' ');
    for (const words of [list.slice(0, 23), [...list, 'abandon'], list.slice(0, 12), []]) {
      assert.throws(() => recoveryWordsToSecret(words.join(' ')), /a recovery key has 24 words/);
    }
  });
});

describe('recovery keys', () => {
  test('derived deterministically from the secret; a different secret gives different keys', () => {
    const a = deriveRecoveryKeys(SECRET);
    const b = deriveRecoveryKeys(recoveryWordsToSecret(recoverySecretToWords(SECRET)));
    assert.deepEqual(a, b);
    assert.deepEqual(boxKeyPairFromPrivate(a.box.privateKey).publicKey, a.box.publicKey);
    const other = deriveRecoveryKeys(generateRecoverySecret());
    assert.notDeepEqual(other.box.publicKey, a.box.publicKey);
    assert.notDeepEqual(other.sign.publicKey, a.sign.publicKey);
    assert.notDeepEqual(toHex(a.box.publicKey), toHex(a.sign.publicKey));
  });

  test('the words alone recover the organisation key sealed to the recovery key', () => {
    const org = generateBoxKeyPair();
    const secret = generateRecoverySecret();
    const words = recoverySecretToWords(secret);
    const sealed = createKeyGrant(org.privateKey, deriveRecoveryKeys(secret).box.publicKey);
    const recovered = openKeyGrant(
      sealed,
      deriveRecoveryKeys(recoveryWordsToSecret(words.toUpperCase())).box,
    );
    assert.deepEqual(recovered.privateKey, org.privateKey);
    assert.throws(() => openKeyGrant(sealed, deriveRecoveryKeys(generateRecoverySecret()).box));
  });
});

describe('recovery challenge signature', () => {
  const orgId = '3f1c2b7e-9d4a-4e61-8b0c-5a7d9e2f4c18';
  const reset = {
    memberId: '9b2e4f1a-7c3d-4e8b-a1f0-6d5c4b3a2918',
    publicKey: 'pk',
    wrappedPrivateKey: 'wrapped',
    kdf: { salt: 'salt', opslimit: 3, memlimit: 67108864 },
    authKey: 'auth',
    sealedOrgKey: 'grant',
  };
  const digest = recoveryResetDigest(reset);

  test('covers every field of the reset', () => {
    const keys = deriveRecoveryKeys(SECRET);
    const nonce = randomBytes(32);
    const signature = signRecoveryChallenge(keys, orgId, nonce, digest);
    const changes = [
      { memberId: 'another' },
      { publicKey: 'other' },
      { wrappedPrivateKey: 'other' },
      { kdf: { ...reset.kdf, salt: 'other' } },
      { kdf: { ...reset.kdf, opslimit: 4 } },
      { kdf: { ...reset.kdf, memlimit: 8192 } },
      { authKey: 'other' },
      { sealedOrgKey: 'other' },
    ];
    for (const change of changes) {
      const altered = recoveryResetDigest({ ...reset, ...change });
      assert.equal(
        verifyRecoverySignature(keys.sign.publicKey, orgId, nonce, altered, signature),
        false,
        JSON.stringify(change),
      );
    }
  });

  test('verifies for the same organisation and nonce', () => {
    const keys = deriveRecoveryKeys(SECRET);
    const nonce = randomBytes(32);
    const signature = signRecoveryChallenge(keys, orgId, nonce, digest);
    assert.equal(signature.length, 64);
    assert.equal(
      verifyRecoverySignature(keys.sign.publicKey, orgId, nonce, digest, signature),
      true,
    );
  });

  test('fails for another organisation id, another nonce, another key or a tampered signature', () => {
    const keys = deriveRecoveryKeys(SECRET);
    const nonce = randomBytes(32);
    const signature = signRecoveryChallenge(keys, orgId, nonce, digest);
    const pk = keys.sign.publicKey;
    assert.equal(
      verifyRecoverySignature(pk, '3f1c2b7e-9d4a-4e61-8b0c-5a7d9e2f4c19', nonce, digest, signature),
      false,
    );
    assert.equal(verifyRecoverySignature(pk, '', nonce, digest, signature), false);
    assert.equal(verifyRecoverySignature(pk, orgId, randomBytes(32), digest, signature), false);
    const nonceFlipped = nonce.slice();
    nonceFlipped[31] = (nonceFlipped[31] ?? 0) ^ 1;
    assert.equal(verifyRecoverySignature(pk, orgId, nonceFlipped, digest, signature), false);
    assert.equal(
      verifyRecoverySignature(pk, orgId, nonce.subarray(0, 31), digest, signature),
      false,
    );
    const otherKeys = deriveRecoveryKeys(generateRecoverySecret());
    assert.equal(
      verifyRecoverySignature(otherKeys.sign.publicKey, orgId, nonce, digest, signature),
      false,
    );
    for (let i = 0; i < signature.length; i++) {
      const tampered = signature.slice();
      tampered[i] = (tampered[i] ?? 0) ^ 0x10;
      assert.equal(verifyRecoverySignature(pk, orgId, nonce, digest, tampered), false, `byte ${i}`);
    }
  });

  test('a signature or key of the wrong length is refused without throwing', () => {
    const keys = deriveRecoveryKeys(SECRET);
    const nonce = randomBytes(32);
    const signature = signRecoveryChallenge(keys, orgId, nonce, digest);
    assert.equal(
      verifyRecoverySignature(keys.sign.publicKey, orgId, nonce, digest, signature.subarray(0, 63)),
      false,
    );
    assert.equal(
      verifyRecoverySignature(keys.sign.publicKey, orgId, nonce, digest, new Uint8Array(0)),
      false,
    );
    assert.equal(
      verifyRecoverySignature(keys.sign.publicKey.subarray(1), orgId, nonce, digest, signature),
      false,
    );
    // The box public key is not a verify key.
    assert.equal(
      verifyRecoverySignature(keys.box.publicKey, orgId, nonce, digest, signature),
      false,
    );
  });
});
