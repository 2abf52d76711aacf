// Known-answer vectors for src/common/crypto: fixed inputs and the outputs they must give.
//
// The expected outputs were computed once by running the code (Node 24, libsodium 0.8.4)
// and pasted here as literals. test/crypto/kat.test.ts checks Node against them and
// e2e/crypto-browser.test.ts checks the browser build against the same literals, so a
// change of format, algorithm, KDF parameters or normalisation shows up as a failure.
// Never regenerate them to make a test pass: a changed output means stored data would no
// longer open.
//
// Sealed boxes and secretstreams are randomised; for them the known answer is that one
// side opens what the other produced (cross-opening), with the fixed key pairs below.
import * as crypto from '../../src/common/crypto/index.ts';

/** `count` bytes start, start+1, … (mod 256), as hex. */
function sequence(start: number, count: number): string {
  let hex = '';
  for (let i = 0; i < count; i++) hex += ((start + i) & 0xff).toString(16).padStart(2, '0');
  return hex;
}

/** Deterministic file contents for the stream vectors (not all-zero, not periodic in 256). */
export function streamPlaintext(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + (i >>> 8) * 7 + 11) & 0xff;
  return out;
}

export const INPUTS = {
  field: {
    keyHex: sequence(0x00, 32),
    nonceHex: sequence(0x40, 24),
    context: 'incidents:description:0b6e6a52-6f0e-4c7a-9a55-1f2d3c4b5a69',
    plaintext: 'Нападение у метро. Шабуыл: ә ғ қ ң ө ұ ү һ і',
  },
  wrap: {
    kekHex: sequence(0x20, 32),
    nonceHex: sequence(0x60, 24),
    secretHex: sequence(0x80, 32),
  },
  /** deriveLoginKeys with TEST_KDF (the libsodium minimum). */
  loginTest: {
    password: 'correct horse battery staple',
    saltHex: sequence(0xa0, 16),
    params: { opslimit: 1, memlimit: 8192 },
  },
  /** deriveLoginKeys with 2 passes and 8 MiB, a Kazakh password (NFC-normalised). */
  loginSmall: {
    password: 'Қорған-құпиясөз: әғқңөұүһі',
    saltHex: sequence(0xb0, 16),
    params: { opslimit: 2, memlimit: 8 * 1024 * 1024 },
  },
  recovery: {
    secretHex: sequence(0xc0, 32),
    organisationId: '3f1c2b7e-9d4a-4e61-8b0c-5a7d9e2f4c18',
    challengeNonceHex: sequence(0xe0, 32),
    /** A reset as the browser sends it; the signature covers its digest. */
    reset: {
      memberId: '9b2e4f1a-7c3d-4e8b-a1f0-6d5c4b3a2918',
      publicKey: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
      wrappedPrivateKey:
        'AQOgoaKjpKWmp6ipqqusra6vsLGys7S1tre4ubq7vL2-v8DBwsPExcbHyMnKy8zNzs_Q0dLT1NXW19jZ2tvc3d7f',
      kdf: { salt: 'ICEiIyQlJicoKSorLC0uLw', opslimit: 3, memlimit: 67108864 },
      authKey: 'MDEyMzQ1Njc4OTo7PD0-P0BBQkNERUZHSElKS0xNTk8',
      sealedOrgKey: 'AQJQUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn8',
    },
  },
  fingerprint: {
    publicKeyHex: sequence(0x10, 32),
  },
  /** Fixed X25519 private keys; the public halves are known answers below. */
  boxKeys: {
    /** The member key the browser opens Node's sealed boxes and key grants with. */
    memberPrivateHex: sequence(0x31, 32),
    /** The key Node opens the browser's sealed boxes and key grants with. */
    nodePrivateHex: sequence(0x51, 32),
    /** The organisation key that key grants carry. */
    orgPrivateHex: sequence(0x71, 32),
  },
  sealedMessage: 'Запечатано для участника — мөрленген хабар',
  stream: {
    fileKeyHex: sequence(0x90, 32),
    /** Empty, one byte, exactly one chunk, two chunks and a bit (CHUNK_BYTES = 65536). */
    sizes: [0, 1, 65536, 2 * 65536 + 5],
  },
} as const;

export interface DeterministicOutputs {
  fieldHex: string;
  wrapHex: string;
  loginTest: { wrapKeyHex: string; authKeyHex: string };
  loginSmall: { wrapKeyHex: string; authKeyHex: string };
  recovery: {
    words: string;
    boxPublicKeyHex: string;
    signPublicKeyHex: string;
    resetDigestHex: string;
    challengeSignatureHex: string;
  };
  fingerprint: string;
  boxPublicKeys: { memberHex: string; nodeHex: string; orgHex: string };
}

export const EXPECTED: DeterministicOutputs = {
  fieldHex:
    '0101404142434445464748494a4b4c4d4e4f505152535455565704a4d5c0005fa9a65f40570b7f21b52a420f8d1590798326ba842cc7d884f32e38d9d2c6852254a12e3125c7da61e0d148f25d3afca56607962eabd4c01b6c86eb0b2add3461fee8549555e2f04b53c9c8264b14f4a18af0bd64',
  wrapHex:
    '0103606162636465666768696a6b6c6d6e6f7071727374757677a254b529fddadf44d85bd93de107217a5f812f742bd3419e3f0a1f0cebe3b9b46a48b4953370e57c040519aba3151978',
  loginTest: {
    wrapKeyHex: 'dda698ac1c02a21488bf537cff55e96f07309752aa9d00a7e3a5e4df5dbfa1ed',
    authKeyHex: '7d7f4e55b188daea7e86a881e81a6d5638abfdbb0c7aec787e8068adcb167ff6',
  },
  loginSmall: {
    wrapKeyHex: '084a49a907fb36bcda0de15240c61c2403efa1fdbd550dd149023a4c66cda1ac',
    authKeyHex: 'db8a237b01943ad4109083d98b16eb39c0a44561b97367d6a1d27f55ddab51a4',
  },
  recovery: {
    words:
      'school asthma rail maze fragile glue case deer slim grid inhale panic artist truly exercise one strategy salute cushion remember saddle humble kiwi work',
    boxPublicKeyHex: '7573826e3b4eaca1bad91171d6c022c8afa150e1d49e31fc587e7e0e497ea028',
    signPublicKeyHex: '0b8ae4ec4dd7cd10aaa5a5a80ba3bbeffafd4340f0c3f76034cf2d083614aa46',
    resetDigestHex: '36034b3ffb3239195fce6ce665f5d858d55193f9f20a74801bf87cf8cf37b89c',
    challengeSignatureHex:
      '7014305b38aac2393c5b368d32e3a6301f6f7c90b9825bd8711dc840c24a434a12d4f690327f64fdb230382fca3f33abda457b07c3235ee74b05ccf4a7a3e30b',
  },
  fingerprint: '1635 6CC6 6C51 C509 F4E6 2DB1 301C 1ADB 230F 7166',
  boxPublicKeys: {
    memberHex: '5f09b7f97a40b50220697064b43b27411b07a4aa1fe05370b27519826983d30d',
    nodeHex: '0233f006ef4bed144ea0a5bb46c7067c7c2acec5f8cc811f3df59fdcd5ac7614',
    orgHex: 'd214723afdfe2cddbdc929b18a5e43017e44445fc5d6c8fcf88b1868c53f395c',
  },
};

/**
 * Computes every deterministic vector from INPUTS. The same function runs in Node
 * (kat.test.ts) and in the browser bundle (e2e/fixtures/crypto-kat-entry.ts); both compare
 * its result with the EXPECTED literals. `await crypto.loadSodium()` first.
 */
export function computeDeterministic(): DeterministicOutputs {
  const { fromHex, toHex } = crypto;
  const i = INPUTS;
  const loginTest = crypto.deriveLoginKeys(
    i.loginTest.password,
    fromHex(i.loginTest.saltHex),
    i.loginTest.params,
  );
  const loginSmall = crypto.deriveLoginKeys(
    i.loginSmall.password,
    fromHex(i.loginSmall.saltHex),
    i.loginSmall.params,
  );
  const recoverySecret = fromHex(i.recovery.secretHex);
  const recoveryKeys = crypto.deriveRecoveryKeys(recoverySecret);
  const pub = (privateHex: string) =>
    toHex(crypto.boxKeyPairFromPrivate(fromHex(privateHex)).publicKey);
  return {
    fieldHex: toHex(
      crypto.encryptField(
        fromHex(i.field.keyHex),
        i.field.plaintext,
        i.field.context,
        fromHex(i.field.nonceHex),
      ),
    ),
    wrapHex: toHex(
      crypto.wrapKey(fromHex(i.wrap.kekHex), fromHex(i.wrap.secretHex), fromHex(i.wrap.nonceHex)),
    ),
    loginTest: { wrapKeyHex: toHex(loginTest.wrapKey), authKeyHex: toHex(loginTest.authKey) },
    loginSmall: { wrapKeyHex: toHex(loginSmall.wrapKey), authKeyHex: toHex(loginSmall.authKey) },
    recovery: {
      words: crypto.recoverySecretToWords(recoverySecret),
      boxPublicKeyHex: toHex(recoveryKeys.box.publicKey),
      signPublicKeyHex: toHex(recoveryKeys.sign.publicKey),
      resetDigestHex: toHex(crypto.recoveryResetDigest(i.recovery.reset)),
      challengeSignatureHex: toHex(
        crypto.signRecoveryChallenge(
          recoveryKeys,
          i.recovery.organisationId,
          fromHex(i.recovery.challengeNonceHex),
          crypto.recoveryResetDigest(i.recovery.reset),
        ),
      ),
    },
    fingerprint: crypto.fingerprint(fromHex(i.fingerprint.publicKeyHex)),
    boxPublicKeys: {
      memberHex: pub(i.boxKeys.memberPrivateHex),
      nodeHex: pub(i.boxKeys.nodePrivateHex),
      orgHex: pub(i.boxKeys.orgPrivateHex),
    },
  };
}

// ---- What Node and the browser page exchange (e2e/crypto-browser.test.ts) ----

/** Ciphertexts made by Node with random nonces, for the browser to open. */
export interface NodeMade {
  /** sealTo(member public key, INPUTS.sealedMessage) */
  sealedHex: string;
  /** createKeyGrant(org private key, member public key) */
  keyGrantHex: string;
  /** encryptField with a random nonce, INPUTS.field key, context and plaintext. */
  fieldHex: string;
  /** encryptBytes(INPUTS.stream file key, streamPlaintext(size)) for each size. */
  streams: { size: number; hex: string }[];
}

/** What the browser returns: its vectors, what it opened and what it made. */
export interface BrowserKatResult {
  deterministic: DeterministicOutputs;
  opened: {
    sealedText: string;
    keyGrantOrgPrivateHex: string;
    keyGrantOrgPublicHex: string;
    fieldText: string;
    /** SHA-256 (hex) of each decrypted stream, in NodeMade.streams order. */
    streams: { size: number; plaintextSha256: string }[];
  };
  made: {
    /** sealTo(node public key, INPUTS.sealedMessage) */
    sealedHex: string;
    /** createKeyGrant(org private key, node public key) */
    keyGrantHex: string;
    /** encryptField with a random nonce (INPUTS.field key, context, plaintext). */
    fieldHex: string;
    /** encryptBytes(INPUTS.stream file key, streamPlaintext(size)) for each size. */
    streams: { size: number; hex: string }[];
  };
  /** Wall time of the loginSmall derivation (Argon2id, 8 MiB, 2 passes) in the page. */
  argon2SmallMs: number;
}
