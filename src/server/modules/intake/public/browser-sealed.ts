// The browser-encrypted variant of the public forms sends ciphertext the server cannot
// open. The server checks only the shape — base64url, the envelope's version byte and
// algorithm, a length the plaintext limits allow — so that a broken or hostile client
// cannot store something staff software would choke on. It never trusts more than that.
import { fromB64 } from '../../../../common/crypto/encoding.ts';
import {
  ALG_FIELD,
  ALG_SEALED,
  FORMAT_VERSION,
  KEY_BYTES,
} from '../../../../common/crypto/envelope.ts';
import { LIMITS } from '../../../../common/intake/report.ts';

const HEADER = 2;
/** crypto_box_seal adds an ephemeral public key and a MAC. */
const SEAL_OVERHEAD = 32 + 16;
/** XChaCha20-Poly1305: nonce and tag. */
const FIELD_OVERHEAD = 24 + 16;
/** Worst case of one UTF-16 unit in JSON-escaped UTF-8 ("\u001f" is six bytes). */
const JSON_BYTES_PER_CHAR = 6;

const DETAILS_TEXT_CHARS = LIMITS.narrativeChars + LIMITS.contactChars + 3 * LIMITS.detailChars;

/** The shapes a browser may send, by what they hold. */
export const SEALED_SHAPES = {
  /** sealTo(orgPublicKey, recordKey) or sealTo(orgPublicKey, fileKey). */
  sealedKey: {
    alg: ALG_SEALED,
    min: HEADER + SEAL_OVERHEAD + KEY_BYTES,
    max: HEADER + SEAL_OVERHEAD + KEY_BYTES,
  },
  /** encryptField(recordKey, JSON details, DETAILS_CONTEXT). */
  details: {
    alg: ALG_FIELD,
    min: HEADER + FIELD_OVERHEAD + 2,
    max: HEADER + FIELD_OVERHEAD + DETAILS_TEXT_CHARS * JSON_BYTES_PER_CHAR + 512,
  },
  /** sealTo(orgPublicKey, JSON FileMeta). */
  fileMeta: {
    alg: ALG_SEALED,
    min: HEADER + SEAL_OVERHEAD + 2,
    max: HEADER + SEAL_OVERHEAD + LIMITS.fileNameChars * JSON_BYTES_PER_CHAR + 512,
  },
  /** sealTo(publicKey, message text): UTF-8, at most three bytes per UTF-16 unit. */
  message: {
    alg: ALG_SEALED,
    min: HEADER + SEAL_OVERHEAD,
    max: HEADER + SEAL_OVERHEAD + LIMITS.messageChars * 3,
  },
} as const;

export type SealedShape = keyof typeof SEALED_SHAPES;

/** The bytes of a base64url envelope of the given shape, or null when it is not one. */
export function sealedValue(text: string, shape: SealedShape): Uint8Array | null {
  const { alg, min, max } = SEALED_SHAPES[shape];
  // Base64url without padding; four characters carry three bytes.
  if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length > Math.ceil((max * 4) / 3)) return null;
  let bytes: Uint8Array;
  try {
    bytes = fromB64(text);
  } catch {
    return null;
  }
  if (bytes.length < min || bytes.length > max) return null;
  if (bytes[0] !== FORMAT_VERSION || bytes[1] !== alg) return null;
  return bytes;
}

/** The largest base64url text of a shape, for the parser's field size limit. */
export function largestSealedText(): number {
  return Math.max(...Object.values(SEALED_SHAPES).map((s) => Math.ceil((s.max * 4) / 3)));
}
