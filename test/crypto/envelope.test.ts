// The ciphertext envelopes: field (XChaCha20-Poly1305 with context), sealed (crypto_box_seal)
// and wrapped (secretbox). Round trips, the version byte and algorithm id, context binding,
// and that every single-bit change and every truncation is rejected with DecryptionError.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ALG_FIELD,
  ALG_SEALED,
  ALG_STREAM,
  ALG_WRAP,
  DecryptionError,
  FORMAT_VERSION,
  KEY_BYTES,
  boxKeyPairFromPrivate,
  decryptField,
  decryptFieldText,
  encryptField,
  fingerprint,
  generateBoxKeyPair,
  generateSymmetricKey,
  loadSodium,
  openSealed,
  openSealedText,
  randomBytes,
  sealTo,
  sodium,
  unwrapKey,
  wrapKey,
} from '../../src/common/crypto/index.ts';

await loadSodium();

/** Asserts `fn` throws a DecryptionError whose message matches `pattern`. */
function assertDecryptionError(fn: () => unknown, pattern: RegExp, note = ''): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(
      err instanceof DecryptionError,
      `expected a DecryptionError ${note}, got ${String(err)}`,
    );
    assert.match(err.message, pattern, note);
    return true;
  });
}

/** A copy of `bytes` with bit `bit` of byte `index` flipped. */
function flip(bytes: Uint8Array, index: number, bit = 0): Uint8Array {
  const copy = bytes.slice();
  copy[index] = (copy[index] ?? 0) ^ (1 << bit);
  return copy;
}

function withByte(bytes: Uint8Array, index: number, value: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = value;
  return copy;
}

const AUTH_FAILED = /authentication failed|could not be opened/;

describe('field envelope', () => {
  const context = 'incidents:description:0b6e6a52-6f0e-4c7a-9a55-1f2d3c4b5a69';
  const text = 'Избили у клуба / клубтың жанында ұрды: ә ғ қ ң ө ұ ү һ і';

  test('round trip of text, binary and empty plaintexts', () => {
    const key = generateSymmetricKey();
    assert.equal(key.length, KEY_BYTES);
    assert.equal(decryptFieldText(key, encryptField(key, text, context), context), text);
    const binary = randomBytes(1000);
    assert.deepEqual(decryptField(key, encryptField(key, binary, context), context), binary);
    assert.equal(decryptField(key, encryptField(key, '', context), context).length, 0);
  });

  test('layout: version byte, algorithm id, 24-byte nonce, ciphertext, 16-byte tag', () => {
    const key = generateSymmetricKey();
    const plaintext = sodium().from_string(text);
    const env = encryptField(key, plaintext, context);
    assert.equal(env[0], FORMAT_VERSION);
    assert.equal(env[1], ALG_FIELD);
    assert.equal(env.length, 2 + 24 + plaintext.length + 16);
  });

  test('a fresh random nonce each time', () => {
    const key = generateSymmetricKey();
    const a = encryptField(key, text, context);
    const b = encryptField(key, text, context);
    assert.notDeepEqual(a.subarray(2, 26), b.subarray(2, 26));
    assert.notDeepEqual(a, b);
  });

  test('wrong version and wrong algorithm are rejected', () => {
    const key = generateSymmetricKey();
    const env = encryptField(key, text, context);
    assertDecryptionError(
      () => decryptField(key, withByte(env, 0, 2), context),
      /unknown format version 2/,
    );
    assertDecryptionError(
      () => decryptField(key, withByte(env, 0, 0), context),
      /unknown format version 0/,
    );
    assertDecryptionError(
      () => decryptField(key, withByte(env, 1, ALG_WRAP), context),
      /expected algorithm 1, found 3/,
    );
    // A wrapped key is not a field, even with a valid header of its own.
    assertDecryptionError(
      () => decryptField(key, wrapKey(key, randomBytes(32)), context),
      /expected algorithm 1, found 3/,
    );
  });

  test('bound to its context: moved to another record or column it does not open', () => {
    const key = generateSymmetricKey();
    const env = encryptField(key, text, 'incidents:description:A');
    assert.equal(decryptFieldText(key, env, 'incidents:description:A'), text);
    for (const other of [
      'incidents:description:B',
      'incidents:summary:A',
      'incidents:description:A ',
      'incidents:description:',
      '',
    ]) {
      assertDecryptionError(() => decryptField(key, env, other), AUTH_FAILED, `context ${other}`);
    }
  });

  test('a wrong key fails; a key of the wrong length is a programming error', () => {
    const key = generateSymmetricKey();
    const env = encryptField(key, text, context);
    assertDecryptionError(() => decryptField(generateSymmetricKey(), env, context), AUTH_FAILED);
    assert.throws(() => decryptField(key.subarray(0, 31), env, context), /must be 32 bytes/);
    assert.throws(() => encryptField(randomBytes(16), text, context), /must be 32 bytes/);
  });

  test('tampering in each region is rejected: header, nonce, body, tag', () => {
    const key = generateSymmetricKey();
    const env = encryptField(key, text, context);
    const tagStart = env.length - 16;
    assertDecryptionError(() => decryptField(key, flip(env, 0), context), /format version/);
    assertDecryptionError(() => decryptField(key, flip(env, 1), context), /expected algorithm/);
    assertDecryptionError(() => decryptField(key, flip(env, 2), context), AUTH_FAILED, 'nonce');
    assertDecryptionError(() => decryptField(key, flip(env, 25, 7), context), AUTH_FAILED, 'nonce');
    assertDecryptionError(() => decryptField(key, flip(env, 26), context), AUTH_FAILED, 'body');
    assertDecryptionError(() => decryptField(key, flip(env, tagStart - 1), context), AUTH_FAILED);
    assertDecryptionError(
      () => decryptField(key, flip(env, tagStart), context),
      AUTH_FAILED,
      'tag',
    );
    assertDecryptionError(
      () => decryptField(key, flip(env, env.length - 1, 7), context),
      AUTH_FAILED,
    );
  });

  test('every single-bit flip anywhere is rejected', () => {
    const key = generateSymmetricKey();
    const env = encryptField(key, 'short secret', context);
    for (let i = 0; i < env.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        assert.throws(() => decryptField(key, flip(env, i, bit), context), DecryptionError);
      }
    }
  });

  test('every truncation and any appended byte is rejected', () => {
    const key = generateSymmetricKey();
    const env = encryptField(key, 'short secret', context);
    for (let len = 0; len < env.length; len++) {
      assert.throws(() => decryptField(key, env.subarray(0, len), context), DecryptionError);
    }
    assertDecryptionError(
      () => decryptField(key, env.subarray(0, 2 + 24 + 15), context),
      /too short/,
    );
    const longer = new Uint8Array(env.length + 1);
    longer.set(env);
    assertDecryptionError(() => decryptField(key, longer, context), AUTH_FAILED);
  });
});

describe('sealed envelope', () => {
  test('round trip to a key pair; another key pair cannot open it', () => {
    const alice = generateBoxKeyPair();
    const bob = generateBoxKeyPair();
    const env = sealTo(alice.publicKey, 'для Алисы');
    assert.equal(openSealedText(alice, env), 'для Алисы');
    assertDecryptionError(() => openSealed(bob, env), AUTH_FAILED);
    const bytes = randomBytes(64);
    assert.deepEqual(openSealed(alice, sealTo(alice.publicKey, bytes)), bytes);
    assert.equal(openSealed(alice, sealTo(alice.publicKey, new Uint8Array(0))).length, 0);
  });

  test('layout: version byte, algorithm id, ephemeral key, tag, ciphertext', () => {
    const kp = generateBoxKeyPair();
    const env = sealTo(kp.publicKey, randomBytes(10));
    assert.equal(env[0], FORMAT_VERSION);
    assert.equal(env[1], ALG_SEALED);
    assert.equal(env.length, 2 + 32 + 16 + 10);
    // Randomised: the same plaintext seals differently each time.
    assert.notDeepEqual(sealTo(kp.publicKey, 'x'), sealTo(kp.publicKey, 'x'));
  });

  test('wrong version and wrong algorithm are rejected', () => {
    const kp = generateBoxKeyPair();
    const env = sealTo(kp.publicKey, 'secret');
    assertDecryptionError(() => openSealed(kp, withByte(env, 0, 9)), /unknown format version 9/);
    assertDecryptionError(
      () => openSealed(kp, withByte(env, 1, ALG_FIELD)),
      /expected algorithm 2, found 1/,
    );
  });

  test('tampering in each region is rejected: header, ephemeral key, tag, body', () => {
    const kp = generateBoxKeyPair();
    const env = sealTo(kp.publicKey, 'a sealed record key, 32 bytes..');
    assertDecryptionError(() => openSealed(kp, flip(env, 0)), /format version/);
    assertDecryptionError(() => openSealed(kp, flip(env, 1)), /expected algorithm/);
    assertDecryptionError(() => openSealed(kp, flip(env, 2)), AUTH_FAILED, 'ephemeral key');
    assertDecryptionError(() => openSealed(kp, flip(env, 2 + 31, 6)), AUTH_FAILED, 'ephemeral key');
    assertDecryptionError(() => openSealed(kp, flip(env, 2 + 32)), AUTH_FAILED, 'tag');
    assertDecryptionError(() => openSealed(kp, flip(env, 2 + 32 + 15, 7)), AUTH_FAILED, 'tag');
    assertDecryptionError(() => openSealed(kp, flip(env, 2 + 48)), AUTH_FAILED, 'body');
    assertDecryptionError(() => openSealed(kp, flip(env, env.length - 1)), AUTH_FAILED, 'body');
  });

  test('every single-bit flip, every truncation and an appended byte are rejected', () => {
    const kp = generateBoxKeyPair();
    const env = sealTo(kp.publicKey, 'grant');
    for (let i = 0; i < env.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        assert.throws(() => openSealed(kp, flip(env, i, bit)), DecryptionError);
      }
    }
    for (let len = 0; len < env.length; len++) {
      assert.throws(() => openSealed(kp, env.subarray(0, len)), DecryptionError);
    }
    const longer = new Uint8Array(env.length + 1);
    longer.set(env);
    assertDecryptionError(() => openSealed(kp, longer), AUTH_FAILED);
  });

  test('a public key of the wrong length is refused', () => {
    assert.throws(() => sealTo(randomBytes(31), 'x'), /bad public key length/);
  });
});

describe('wrapped envelope', () => {
  test('round trip; a wrong key-encryption key fails', () => {
    const kek = generateSymmetricKey();
    const secret = generateBoxKeyPair().privateKey;
    const env = wrapKey(kek, secret);
    assert.deepEqual(unwrapKey(kek, env), secret);
    assertDecryptionError(() => unwrapKey(generateSymmetricKey(), env), AUTH_FAILED);
    assert.throws(() => unwrapKey(kek.subarray(1), env), /must be 32 bytes/);
  });

  test('layout: version byte, algorithm id, 24-byte nonce, tag, ciphertext; random nonce', () => {
    const kek = generateSymmetricKey();
    const env = wrapKey(kek, randomBytes(32));
    assert.equal(env[0], FORMAT_VERSION);
    assert.equal(env[1], ALG_WRAP);
    assert.equal(env.length, 2 + 24 + 16 + 32);
    const secret = randomBytes(32);
    assert.notDeepEqual(wrapKey(kek, secret).subarray(2, 26), wrapKey(kek, secret).subarray(2, 26));
  });

  test('wrong version and wrong algorithm are rejected', () => {
    const kek = generateSymmetricKey();
    const env = wrapKey(kek, randomBytes(32));
    assertDecryptionError(
      () => unwrapKey(kek, withByte(env, 0, 255)),
      /unknown format version 255/,
    );
    assertDecryptionError(
      () => unwrapKey(kek, withByte(env, 1, ALG_STREAM)),
      /expected algorithm 3, found 4/,
    );
  });

  test('tampering in each region is rejected: header, nonce, tag, body', () => {
    const kek = generateSymmetricKey();
    const env = wrapKey(kek, randomBytes(32));
    assertDecryptionError(() => unwrapKey(kek, flip(env, 0)), /format version/);
    assertDecryptionError(() => unwrapKey(kek, flip(env, 1)), /expected algorithm/);
    assertDecryptionError(() => unwrapKey(kek, flip(env, 2)), AUTH_FAILED, 'nonce');
    assertDecryptionError(() => unwrapKey(kek, flip(env, 25)), AUTH_FAILED, 'nonce');
    assertDecryptionError(() => unwrapKey(kek, flip(env, 26)), AUTH_FAILED, 'tag');
    assertDecryptionError(() => unwrapKey(kek, flip(env, 41)), AUTH_FAILED, 'tag');
    assertDecryptionError(() => unwrapKey(kek, flip(env, 42)), AUTH_FAILED, 'body');
    assertDecryptionError(() => unwrapKey(kek, flip(env, env.length - 1, 7)), AUTH_FAILED, 'body');
  });

  test('every single-bit flip, every truncation and an appended byte are rejected', () => {
    const kek = generateSymmetricKey();
    const env = wrapKey(kek, randomBytes(32));
    for (let i = 0; i < env.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        assert.throws(() => unwrapKey(kek, flip(env, i, bit)), DecryptionError);
      }
    }
    for (let len = 0; len < env.length; len++) {
      assert.throws(() => unwrapKey(kek, env.subarray(0, len)), DecryptionError);
    }
    const longer = new Uint8Array(env.length + 1);
    longer.set(env);
    assertDecryptionError(() => unwrapKey(kek, longer), AUTH_FAILED);
  });
});

describe('key pairs and fingerprints', () => {
  test('the public key is derived from the private key', () => {
    const kp = generateBoxKeyPair();
    assert.deepEqual(boxKeyPairFromPrivate(kp.privateKey).publicKey, kp.publicKey);
    assert.notDeepEqual(generateBoxKeyPair().publicKey, kp.publicKey);
  });

  test('fingerprints are 40 hex digits in groups of four and differ between keys', () => {
    const a = generateBoxKeyPair().publicKey;
    const b = flip(a, 0);
    assert.match(fingerprint(a), /^([0-9A-F]{4} ){9}[0-9A-F]{4}$/);
    assert.equal(fingerprint(a), fingerprint(a.slice()));
    assert.notEqual(fingerprint(a), fingerprint(b));
  });
});
