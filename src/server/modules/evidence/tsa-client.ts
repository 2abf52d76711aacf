// Asks the configured RFC 3161 timestamp authority to stamp one digest. Only the digest
// leaves the server — the SHA-256 of a salted hash manifest, which says nothing about the
// files — with a fresh nonce. The answer is accepted only when it is granted, answers this
// request (nonce, imprint) and verifies completely against the configured CA certificates;
// anything else is a TsaError that says whether trying again later may help.
import {
  buildTimestampRequest,
  parseTimestampResponse,
  randomNonce,
  TIMESTAMP_STATUS,
  verifyTimestampToken,
  type TimestampFailure,
} from '../../../common/evidence/timestamp.ts';
import type { TsaConfig } from '../../config.ts';

export type TsaErrorCode =
  /** No answer: refused, DNS failure, reset. */
  | 'tsa_unreachable'
  /** No answer within the configured time. */
  | 'tsa_timeout'
  /** An HTTP status other than 200, or another content type. */
  | 'tsa_http_error'
  /** Not a TimeStampResp, or granted without a token. */
  | 'tsa_bad_response'
  /** The authority refused (PKIStatus rejection or waiting). */
  | 'tsa_rejected'
  /** A token that does not answer the request or does not verify against the CA file. */
  | 'tsa_token_invalid';

export class TsaError extends Error {
  readonly code: TsaErrorCode;
  /** Whether the same request may succeed later (the retry job tries again). */
  readonly retryable: boolean;
  /** For tsa_token_invalid: what the verification found. */
  readonly failures: TimestampFailure[];
  constructor(code: TsaErrorCode, message: string, failures: TimestampFailure[] = []) {
    super(message);
    this.name = 'TsaError';
    this.code = code;
    this.failures = failures;
    // A rejection or a bad token is as likely to be a passing fault of the authority as a
    // configuration mistake; either way retrying is cheap and the job gives up in the end.
    this.retryable = true;
  }
}

export interface StampedToken {
  /** The TimeStampToken, DER, as the authority sent it. */
  token: Uint8Array;
  genTime: Date;
  /** Lowercase hex. */
  serialNumber: string;
  tsaSubject: string | null;
}

/** Largest response read from an authority; tokens are a few kilobytes. */
const MAX_RESPONSE_BYTES = 256 * 1024;

export async function requestTimestampToken(options: {
  /** The authority to ask (config.evidence.tsa). */
  tsa: TsaConfig;
  /** The SHA-256 digest to stamp, 32 bytes. */
  digest: Uint8Array;
  /** fetch to use (tests); the global one by default. */
  fetchImpl?: typeof fetch;
}): Promise<StampedToken> {
  const { tsa, digest } = options;
  const nonce = randomNonce();
  const body = buildTimestampRequest(digest, nonce);
  let response: Response;
  try {
    response = await (options.fetchImpl ?? fetch)(tsa.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/timestamp-query',
        accept: 'application/timestamp-reply',
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(tsa.timeoutMs),
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError')
      throw new TsaError(
        'tsa_timeout',
        `the timestamp authority did not answer in ${tsa.timeoutMs} ms`,
      );
    throw new TsaError('tsa_unreachable', 'the timestamp authority could not be reached');
  }
  const type = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (response.status !== 200 || type !== 'application/timestamp-reply') {
    await response.body?.cancel().catch(() => undefined);
    throw new TsaError(
      'tsa_http_error',
      `the timestamp authority answered HTTP ${response.status} ${type ?? 'without a content type'}`,
    );
  }
  let der: Uint8Array;
  try {
    der = await readLimited(response, MAX_RESPONSE_BYTES);
  } catch (error) {
    if (error instanceof TsaError) throw error;
    if (error instanceof Error && error.name === 'TimeoutError')
      throw new TsaError(
        'tsa_timeout',
        `the timestamp authority did not answer in ${tsa.timeoutMs} ms`,
      );
    throw new TsaError('tsa_unreachable', 'the timestamp authority broke off its answer');
  }

  let parsed;
  try {
    parsed = parseTimestampResponse(der);
  } catch {
    throw new TsaError('tsa_bad_response', 'the timestamp authority sent something unreadable');
  }
  if (
    parsed.status !== TIMESTAMP_STATUS.granted &&
    parsed.status !== TIMESTAMP_STATUS.grantedWithMods
  )
    throw new TsaError(
      'tsa_rejected',
      `the timestamp authority refused (status ${parsed.status}${parsed.statusText ? `: ${parsed.statusText}` : ''})`,
    );
  if (!parsed.token)
    throw new TsaError('tsa_bad_response', 'the timestamp authority granted without a token');

  const verification = await verifyTimestampToken(parsed.token, {
    digest,
    nonce,
    trustedCaPem: tsa.caCertificatesPem,
  });
  if (!verification.ok || !verification.genTime || !verification.serialNumber)
    throw new TsaError(
      'tsa_token_invalid',
      `the timestamp token did not verify: ${verification.failures.join(', ')}`,
      verification.failures,
    );
  return {
    token: parsed.token,
    genTime: verification.genTime,
    serialNumber: verification.serialNumber,
    tsaSubject: verification.tsaSubject ?? null,
  };
}

async function readLimited(response: Response, limit: number): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new TsaError('tsa_bad_response', 'the timestamp authority sent too much');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
