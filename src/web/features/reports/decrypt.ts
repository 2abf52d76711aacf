// Opens a report in this tab with the organisation key: the record key, the details, each
// file's metadata, the messages; and a downloaded file, chunk by chunk. Nothing decrypted
// here is stored anywhere but React state, and a part that does not open is reported as
// such (never a crash, never a half-shown value).
import {
  createStreamDecryptor,
  DecryptionError,
  decryptFieldText,
  envelopePieces,
  fromB64,
  openRecordKey,
  openSealed,
  openSealedText,
  sealTo,
  sodium,
  toB64,
  type BoxKeyPair,
  type StreamDecryptor,
} from '../../../common/crypto/index.ts';
import {
  DETAILS_CONTEXT,
  fileMeta,
  reportDetails,
  type FileMeta,
  type ReportDetails,
} from '../../../common/intake/report.ts';
import type { ReportDetail, ReportFile, ReportMessage } from '../../api/endpoints.ts';

/** A value that opened, or the reason it did not. */
export type Opened<T> = { ok: true; value: T } | { ok: false };

function attempt<T>(open: () => T): Opened<T> {
  try {
    return { ok: true, value: open() };
  } catch {
    // DecryptionError, bad JSON or a shape the schema refuses: all mean "cannot be read".
    return { ok: false };
  }
}

export interface OpenedFile {
  file: ReportFile;
  meta: Opened<FileMeta>;
}

export interface OpenedMessage {
  message: ReportMessage;
  text: Opened<string>;
}

export interface OpenedReport {
  /** False when the record key itself did not open: nothing sealed can be shown. */
  recordKeyOpened: boolean;
  /** Null when the reporter wrote nothing in their own words. */
  details: Opened<ReportDetails> | null;
  files: OpenedFile[];
  messages: OpenedMessage[];
}

export function openReport(detail: ReportDetail, org: BoxKeyPair): OpenedReport {
  const recordKey = attempt(() => openRecordKey(fromB64(detail.sealedRecordKey), org));
  let details: Opened<ReportDetails> | null = null;
  if (detail.sealedDetails !== null) {
    const sealed = detail.sealedDetails;
    details = recordKey.ok
      ? attempt(() =>
          reportDetails.parse(
            JSON.parse(decryptFieldText(recordKey.value, fromB64(sealed), DETAILS_CONTEXT)),
          ),
        )
      : { ok: false };
  }
  if (recordKey.ok) sodium().memzero(recordKey.value);
  return {
    recordKeyOpened: recordKey.ok,
    details,
    files: detail.files.map((file) => ({
      file,
      meta: attempt(() =>
        fileMeta.parse(JSON.parse(openSealedText(org, fromB64(file.sealedMeta)))),
      ),
    })),
    messages: detail.messages.map((message) => ({
      message,
      text: attempt(() => openSealedText(org, fromB64(message.sealedForOrg))),
    })),
  };
}

/** The reply as the server stores it: the same text sealed to the organisation and to the reporter. */
export function sealReply(
  text: string,
  orgPublicKey: Uint8Array,
  reporterPublicKey: string,
): { sealedForOrg: string; sealedForReporter: string } {
  return {
    sealedForOrg: toB64(sealTo(orgPublicKey, text)),
    sealedForReporter: toB64(sealTo(fromB64(reporterPublicKey), text)),
  };
}

export interface DecryptedFile {
  blob: Blob;
  /** Whether the SHA-256 of the plaintext equals the one sealed in the metadata. */
  hashMatches: boolean;
}

/**
 * Decrypts a file's stream envelope as it downloads: the header, then each encrypted chunk
 * in turn, so a large file never sits in memory twice. Throws DecryptionError when the
 * key does not fit, a chunk was altered, or the file was cut short.
 */
export async function decryptFileResponse(
  response: Response,
  sealedFileKey: string,
  meta: FileMeta,
  org: BoxKeyPair,
): Promise<DecryptedFile> {
  if (!response.body) throw new DecryptionError('empty response');
  const s = sodium();
  const fileKey = openSealed(org, fromB64(sealedFileKey));
  try {
    const parts: Uint8Array[] = [];
    const hash = s.crypto_hash_sha256_init();
    let decryptor: StreamDecryptor | null = null;
    for await (const piece of envelopePieces(response.body)) {
      if (!decryptor) {
        decryptor = createStreamDecryptor(fileKey, piece);
        continue;
      }
      const { plaintext } = decryptor.pull(piece);
      s.crypto_hash_sha256_update(hash, plaintext);
      parts.push(plaintext);
    }
    if (!decryptor) throw new DecryptionError('empty file');
    decryptor.finish();
    const digest = s.to_hex(s.crypto_hash_sha256_final(hash));
    return {
      // Uint8Array<ArrayBufferLike> is not a BlobPart to TypeScript (a SharedArrayBuffer
      // could back it); these are plain ArrayBuffers from libsodium.
      blob: new Blob(parts as BlobPart[], { type: meta.type || 'application/octet-stream' }),
      hashMatches: digest === meta.sha256,
    };
  } finally {
    s.memzero(fileKey);
  }
}
