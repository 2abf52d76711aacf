// Known-answer tests: Node against the literals in vectors.ts. The browser build is held to
// the same literals in e2e/crypto-browser.test.ts.
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ALG_FIELD,
  ALG_WRAP,
  CHUNK_BYTES,
  FORMAT_VERSION,
  TEST_KDF,
  boxKeyPairFromPrivate,
  decryptFieldText,
  decryptBytes,
  deriveLoginKeys,
  deriveRecoveryKeys,
  encryptBytes,
  encryptField,
  fingerprint,
  fromHex,
  loadSodium,
  openKeyGrant,
  openSealedText,
  recoveryChallengeMessage,
  recoverySecretToWords,
  recoveryWordsToSecret,
  sealTo,
  createKeyGrant,
  recoveryResetDigest,
  signRecoveryChallenge,
  toHex,
  unwrapKey,
  verifyRecoverySignature,
  wrapKey,
} from '../../src/common/crypto/index.ts';
import { EXPECTED, INPUTS, computeDeterministic, streamPlaintext } from './vectors.ts';

await loadSodium();

function b64url(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64url');
}

describe('known answers (Node)', () => {
  test('the vectors use the parameters the code exports', () => {
    assert.deepEqual({ ...INPUTS.loginTest.params }, { ...TEST_KDF });
    assert.equal(INPUTS.stream.sizes[2], CHUNK_BYTES);
  });

  test('encryptField with a fixed key, nonce and context', () => {
    const out = encryptField(
      fromHex(INPUTS.field.keyHex),
      INPUTS.field.plaintext,
      INPUTS.field.context,
      fromHex(INPUTS.field.nonceHex),
    );
    assert.equal(toHex(out), EXPECTED.fieldHex);
    assert.equal(out[0], FORMAT_VERSION);
    assert.equal(out[1], ALG_FIELD);
    assert.equal(toHex(out.subarray(2, 26)), INPUTS.field.nonceHex);
    assert.equal(
      decryptFieldText(
        fromHex(INPUTS.field.keyHex),
        fromHex(EXPECTED.fieldHex),
        INPUTS.field.context,
      ),
      INPUTS.field.plaintext,
    );
  });

  test('wrapKey with a fixed key-encryption key and nonce', () => {
    const out = wrapKey(
      fromHex(INPUTS.wrap.kekHex),
      fromHex(INPUTS.wrap.secretHex),
      fromHex(INPUTS.wrap.nonceHex),
    );
    assert.equal(toHex(out), EXPECTED.wrapHex);
    assert.equal(out[0], FORMAT_VERSION);
    assert.equal(out[1], ALG_WRAP);
    assert.equal(
      toHex(unwrapKey(fromHex(INPUTS.wrap.kekHex), fromHex(EXPECTED.wrapHex))),
      INPUTS.wrap.secretHex,
    );
  });

  test('deriveLoginKeys with TEST_KDF', () => {
    const keys = deriveLoginKeys(
      INPUTS.loginTest.password,
      fromHex(INPUTS.loginTest.saltHex),
      TEST_KDF,
    );
    assert.equal(toHex(keys.wrapKey), EXPECTED.loginTest.wrapKeyHex);
    assert.equal(toHex(keys.authKey), EXPECTED.loginTest.authKeyHex);
  });

  test('deriveLoginKeys with 2 passes and 8 MiB and a Kazakh password', () => {
    const keys = deriveLoginKeys(
      INPUTS.loginSmall.password,
      fromHex(INPUTS.loginSmall.saltHex),
      INPUTS.loginSmall.params,
    );
    assert.equal(toHex(keys.wrapKey), EXPECTED.loginSmall.wrapKeyHex);
    assert.equal(toHex(keys.authKey), EXPECTED.loginSmall.authKeyHex);
    // The same password typed decomposed (NFD) gives the same keys.
    const nfd = deriveLoginKeys(
      INPUTS.loginSmall.password.normalize('NFD'),
      fromHex(INPUTS.loginSmall.saltHex),
      INPUTS.loginSmall.params,
    );
    assert.equal(toHex(nfd.wrapKey), EXPECTED.loginSmall.wrapKeyHex);
  });

  test('recovery words and keys of a fixed secret', () => {
    const secret = fromHex(INPUTS.recovery.secretHex);
    assert.equal(recoverySecretToWords(secret), EXPECTED.recovery.words);
    assert.equal(toHex(recoveryWordsToSecret(EXPECTED.recovery.words)), INPUTS.recovery.secretHex);
    const keys = deriveRecoveryKeys(secret);
    assert.equal(toHex(keys.box.publicKey), EXPECTED.recovery.boxPublicKeyHex);
    assert.equal(toHex(keys.sign.publicKey), EXPECTED.recovery.signPublicKeyHex);
    const nonce = fromHex(INPUTS.recovery.challengeNonceHex);
    const digest = recoveryResetDigest(INPUTS.recovery.reset);
    assert.equal(toHex(digest), EXPECTED.recovery.resetDigestHex);
    const signature = signRecoveryChallenge(keys, INPUTS.recovery.organisationId, nonce, digest);
    assert.equal(toHex(signature), EXPECTED.recovery.challengeSignatureHex);
    assert.ok(
      verifyRecoverySignature(
        fromHex(EXPECTED.recovery.signPublicKeyHex),
        INPUTS.recovery.organisationId,
        nonce,
        digest,
        fromHex(EXPECTED.recovery.challengeSignatureHex),
      ),
    );
  });

  test('the recovery signature is plain Ed25519 (checked with node:crypto, not libsodium)', () => {
    const publicKey = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: b64url(EXPECTED.recovery.signPublicKeyHex) },
      format: 'jwk',
    });
    const digest = fromHex(EXPECTED.recovery.resetDigestHex);
    const message = recoveryChallengeMessage(
      INPUTS.recovery.organisationId,
      fromHex(INPUTS.recovery.challengeNonceHex),
      digest,
    );
    const signature = Buffer.from(EXPECTED.recovery.challengeSignatureHex, 'hex');
    assert.equal(verify(null, message, publicKey, signature), true);
    const otherMessage = recoveryChallengeMessage(
      'another-org',
      fromHex(INPUTS.recovery.challengeNonceHex),
      digest,
    );
    assert.equal(verify(null, otherMessage, publicKey, signature), false);
    const otherReset = recoveryChallengeMessage(
      INPUTS.recovery.organisationId,
      fromHex(INPUTS.recovery.challengeNonceHex),
      recoveryResetDigest({ ...INPUTS.recovery.reset, authKey: INPUTS.recovery.reset.publicKey }),
    );
    assert.equal(
      verify(null, otherReset, publicKey, signature),
      false,
      'the signature covers the reset',
    );
  });

  test('fingerprint of a fixed key', () => {
    const fp = fingerprint(fromHex(INPUTS.fingerprint.publicKeyHex));
    assert.equal(fp, EXPECTED.fingerprint);
    assert.match(fp, /^([0-9A-F]{4} ){9}[0-9A-F]{4}$/);
  });

  test('X25519 public keys of the fixed private keys (checked with node:crypto too)', () => {
    const cases = [
      [INPUTS.boxKeys.memberPrivateHex, EXPECTED.boxPublicKeys.memberHex],
      [INPUTS.boxKeys.nodePrivateHex, EXPECTED.boxPublicKeys.nodeHex],
      [INPUTS.boxKeys.orgPrivateHex, EXPECTED.boxPublicKeys.orgHex],
    ] as const;
    for (const [privateHex, publicHex] of cases) {
      assert.equal(toHex(boxKeyPairFromPrivate(fromHex(privateHex)).publicKey), publicHex);
      const nodeKey = createPrivateKey({
        key: { kty: 'OKP', crv: 'X25519', d: b64url(privateHex), x: b64url(publicHex) },
        format: 'jwk',
      });
      const jwk = createPublicKey(nodeKey).export({ format: 'jwk' });
      assert.equal(jwk.x, b64url(publicHex));
    }
  });

  test('computeDeterministic (what the browser page runs) gives the literals in Node', () => {
    assert.deepEqual(computeDeterministic(), EXPECTED);
  });

  test('sealed boxes, key grants and streams open with the fixed key pairs', () => {
    // Randomised: the known answer is that they open (the browser test opens Node's too).
    const member = boxKeyPairFromPrivate(fromHex(INPUTS.boxKeys.memberPrivateHex));
    const org = boxKeyPairFromPrivate(fromHex(INPUTS.boxKeys.orgPrivateHex));
    const sealed = sealTo(member.publicKey, INPUTS.sealedMessage);
    assert.equal(openSealedText(member, sealed), INPUTS.sealedMessage);
    const grant = createKeyGrant(org.privateKey, member.publicKey);
    assert.equal(toHex(openKeyGrant(grant, member).publicKey), EXPECTED.boxPublicKeys.orgHex);
    const fileKey = fromHex(INPUTS.stream.fileKeyHex);
    for (const size of INPUTS.stream.sizes) {
      const plaintext = streamPlaintext(size);
      assert.deepEqual(decryptBytes(fileKey, encryptBytes(fileKey, plaintext)), plaintext);
    }
  });
});
