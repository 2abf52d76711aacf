// The resumable uploader of evidence files, the same code in the browser, the CLI, the
// benchmark and the demo seed. It encrypts a byte source with the stream encryptor
// (src/common/crypto/stream.ts) in the same pass that hashes the plaintext, and sends the
// ciphertext through an upload (src/common/api/evidence.ts) in segments of at most the
// server's `maxSegmentBytes`.
//
// Over a bad connection: each segment stays in memory until the server acknowledged it
// (the server flushes it to disk before it answers). When a request fails, the client
// asks the server how much it kept and sends the rest of the segment from there, retrying
// with growing pauses. Memory is bounded by two segments: the one in flight and the next
// one being encrypted meanwhile, whatever the file's size.
//
// Only fetch, Blob and libsodium: no Node modules, so it runs in the browser too.
import {
  CHUNK_BYTES,
  ENCRYPTED_CHUNK_BYTES,
  STREAM_HEADER_BYTES,
  createStreamEncryptor,
} from '../crypto/stream.ts';
import { sodium } from '../crypto/sodium.ts';
import type { CommitItemRequest, EvidenceItem, EvidenceParent, Upload } from '../api/evidence.ts';

/** A running SHA-256. */
/** Node, not a browser: see `streamBodies`. */
const RUNS_IN_NODE = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

export interface Sha256 {
  update(bytes: Uint8Array): void;
  digest(): Uint8Array;
}

/** libsodium's SHA-256 (the default; Node callers may pass node:crypto's, which is faster). */
export function sodiumSha256(): Sha256 {
  const s = sodium();
  const state = s.crypto_hash_sha256_init();
  return {
    update: (bytes) => s.crypto_hash_sha256_update(state, bytes),
    digest: () => s.crypto_hash_sha256_final(state),
  };
}

export interface UploadConnection {
  /** The server's origin, e.g. `http://127.0.0.1:8080`; '' (the default) for the page's own. */
  baseUrl?: string;
  /** Extra request headers (outside the browser: the session cookie). */
  headers?: Record<string, string>;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

export interface UploadProgress {
  /** Plaintext bytes whose ciphertext the server acknowledged. */
  plaintextBytes: number;
  plaintextTotal: number;
  /** Ciphertext bytes the server acknowledged. */
  ciphertextBytes: number;
  ciphertextTotal: number;
  /** True while the client waits to retry after a failed request. */
  retrying: boolean;
}

/**
 * A file read by position (outside the browser: a file handle). `read` may return the same
 * buffer each time: each result is consumed before the next read.
 */
export interface RandomAccessSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export interface EncryptAndUploadOptions extends UploadConnection {
  /** The original file. */
  source: Blob | Uint8Array | RandomAccessSource;
  /** The file's key (item-crypto.ts generateFileKey); never sent. */
  fileKey: Uint8Array;
  /** The incident or case the item will belong to. */
  parent: EvidenceParent;
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
  /** Failed attempts in a row (per segment) before giving up (default 8). */
  maxRetries?: number;
  /**
   * Send each segment as a one-chunk stream instead of a byte array. Node's fetch copies a
   * byte-array body twice and writes it slowly (about half the client's CPU in
   * bench/evidence-upload.bench.ts); a stream body is written as it is. Browsers stream
   * request bodies only over HTTP/2, so the default is on in Node and off elsewhere.
   */
  streamBodies?: boolean;
  /** Pause before the first retry, doubled for each further one, at most 30 s (default 500 ms). */
  retryDelayMs?: number;
  /** Send smaller segments than the server allows (tests, slow links). */
  segmentBytes?: number;
  /** The SHA-256 of the plaintext and of the ciphertext (default libsodium's). */
  createSha256?: () => Sha256;
}

export interface UploadedFile {
  uploadId: string;
  /** SHA-256 of the ciphertext sent, hex: the commit's `ciphertextSha256`. */
  ciphertextSha256: string;
  ciphertextBytes: number;
  /** SHA-256 of the plaintext, hex: goes into the sealed meta and the hash manifest only. */
  plaintextSha256: string;
  plaintextBytes: number;
}

/** A failed request, with the server's error code when it sent one. */
export class UploadClientError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'UploadClientError';
    this.status = status;
    this.code = code;
  }
}

/** The ciphertext length of a plaintext of `bytes` (the last chunk may be short or empty). */
export function envelopeLength(bytes: number): number {
  const chunks = Math.max(1, Math.ceil(bytes / CHUNK_BYTES));
  return STREAM_HEADER_BYTES + bytes + chunks * (ENCRYPTED_CHUNK_BYTES - CHUNK_BYTES);
}

const toHex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Encrypts `source` with `fileKey` and uploads the ciphertext, resuming after broken
 * requests. Returns what the commit (POST /api/evidence/items) and the sealed meta need.
 */
export async function encryptAndUploadFile(
  options: EncryptAndUploadOptions,
): Promise<UploadedFile> {
  const plaintextTotal =
    options.source instanceof Uint8Array ? options.source.byteLength : options.source.size;
  const ciphertextTotal = envelopeLength(plaintextTotal);
  const upload = await beginUpload(options, { parent: options.parent, length: ciphertextTotal });
  try {
    const segmentBytes = Math.max(
      1,
      Math.min(upload.maxSegmentBytes, options.segmentBytes ?? Number.POSITIVE_INFINITY),
    );
    const hash = (options.createSha256 ?? sodiumSha256)();
    const encryptor = createStreamEncryptor(options.fileKey, {
      ...(options.createSha256 && { createSha256: options.createSha256 }),
    });
    const sender = new SegmentSender(options, upload.id, ciphertextTotal, plaintextTotal);

    // Two buffers, used in turn: one segment in flight, the next being filled. A buffer is
    // filled again only once the segment it held was acknowledged.
    const buffers = [new Uint8Array(Math.min(segmentBytes, ciphertextTotal))];
    let turn = 0;
    let segmentStart = 0;
    let segment = buffers[0] as Uint8Array;
    let filled = 0;
    let inFlight: Promise<void> | null = null;
    // Ciphertext goes into the segment; a full segment is sent while the next one fills.
    const emit = async (bytes: Uint8Array) => {
      hash.update(bytes);
      let from = 0;
      while (from < bytes.byteLength) {
        const take = Math.min(segment.byteLength - filled, bytes.byteLength - from);
        segment.set(bytes.subarray(from, from + take), filled);
        filled += take;
        from += take;
        if (filled === segment.byteLength) {
          if (inFlight) await inFlight;
          inFlight = sender.send(segment, segmentStart);
          // Avoid an unhandled rejection while the next segment is prepared.
          inFlight.catch(() => {});
          segmentStart += filled;
          turn = 1 - turn;
          const next = Math.min(segmentBytes, ciphertextTotal - segmentStart);
          buffers[turn] ??= new Uint8Array(next);
          segment = (buffers[turn] as Uint8Array).subarray(0, next);
          filled = 0;
        }
      }
    };

    await emit(encryptor.header);
    let plaintextDone = 0;
    for await (const chunk of chunksOf(options.source, CHUNK_BYTES)) {
      options.signal?.throwIfAborted();
      plaintextDone += chunk.byteLength;
      await emit(encryptor.push(chunk, plaintextDone === plaintextTotal));
    }
    if (plaintextTotal === 0) await emit(encryptor.push(new Uint8Array(0), true));
    if (plaintextDone !== plaintextTotal) {
      throw new Error(`the file changed while it was read (${plaintextDone} of ${plaintextTotal})`);
    }
    if (inFlight) await inFlight;
    if (filled > 0) throw new Error('ciphertext length differs from the announced length');
    return {
      uploadId: upload.id,
      ciphertextSha256: toHex(hash.digest()),
      ciphertextBytes: ciphertextTotal,
      plaintextSha256: toHex(encryptor.sha256()),
      plaintextBytes: plaintextTotal,
    };
  } catch (error) {
    // Best effort: leave nothing behind on the server when the upload is given up.
    const { signal: _ignored, ...connection } = options;
    await requestJson(connection, 'DELETE', `/api/evidence/uploads/${upload.id}`).catch(() => {});
    throw error;
  }
}

/** Sends segments in order; resumes a broken one from the offset the server kept. */
class SegmentSender {
  private readonly options: EncryptAndUploadOptions;
  private readonly uploadId: string;
  private readonly ciphertextTotal: number;
  private readonly plaintextTotal: number;

  constructor(
    options: EncryptAndUploadOptions,
    uploadId: string,
    ciphertextTotal: number,
    plaintextTotal: number,
  ) {
    this.options = options;
    this.uploadId = uploadId;
    this.ciphertextTotal = ciphertextTotal;
    this.plaintextTotal = plaintextTotal;
  }

  async send(segment: Uint8Array, start: number): Promise<void> {
    const end = start + segment.byteLength;
    const maxRetries = this.options.maxRetries ?? 8;
    const baseDelay = this.options.retryDelayMs ?? 500;
    let offset = start;
    let failures = 0;
    while (offset < end) {
      this.options.signal?.throwIfAborted();
      try {
        offset = await this.patch(segment.subarray(offset - start), offset);
        failures = 0;
        this.progress(offset, false);
      } catch (error) {
        if (!retryable(error)) throw error;
        failures += 1;
        if (failures > maxRetries) throw error;
        this.progress(offset, true);
        await pause(Math.min(30_000, baseDelay * 2 ** (failures - 1)), this.options.signal);
        const kept = await this.serverOffset().catch((e: unknown) => {
          if (!retryable(e)) throw e;
          return null;
        });
        if (kept === null) continue;
        if (kept < start || kept > end) {
          throw new UploadClientError(
            409,
            'upload_offset_lost',
            `the server holds ${kept} bytes, outside the segment ${start}–${end} being sent`,
          );
        }
        offset = kept;
      }
    }
  }

  /** Plaintext and ciphertext advance together: the plaintext part is proportional. */
  private progress(acknowledged: number, retrying: boolean) {
    this.options.onProgress?.({
      plaintextBytes:
        acknowledged >= this.ciphertextTotal
          ? this.plaintextTotal
          : Math.floor((this.plaintextTotal * acknowledged) / this.ciphertextTotal),
      plaintextTotal: this.plaintextTotal,
      ciphertextBytes: acknowledged,
      ciphertextTotal: this.ciphertextTotal,
      retrying,
    });
  }

  /** One PATCH; returns the server's new offset. */
  private async patch(bytes: Uint8Array, offset: number): Promise<number> {
    const stream = this.options.streamBodies ?? RUNS_IN_NODE;
    const body = stream
      ? new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(bytes);
            controller.close();
          },
        })
      : bytes;
    const response = await doFetch(this.options, `/api/evidence/uploads/${this.uploadId}`, {
      method: 'PATCH',
      headers: {
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
        ...(stream ? { 'content-length': String(bytes.byteLength) } : {}),
      },
      body: body as BodyInit,
      ...(stream ? { duplex: 'half' as const } : {}),
    });
    if (response.status === 204) {
      const next = Number(response.headers.get('upload-offset'));
      if (!Number.isSafeInteger(next)) throw new Error('the server sent no Upload-Offset');
      return next;
    }
    throw await errorOf(response);
  }

  private async serverOffset(): Promise<number> {
    const upload = (await requestJson(
      this.options,
      'GET',
      `/api/evidence/uploads/${this.uploadId}`,
    )) as Upload;
    return upload.offset;
  }
}

/** Begins an upload of `length` ciphertext bytes. */
export async function beginUpload(
  connection: UploadConnection & { signal?: AbortSignal },
  body: { parent: EvidenceParent; length: number },
): Promise<Upload> {
  return (await requestJson(connection, 'POST', '/api/evidence/uploads', body)) as Upload;
}

/** Commits uploaded files as an item (POST /api/evidence/items). */
export async function commitEvidenceItem(
  connection: UploadConnection & { signal?: AbortSignal },
  body: CommitItemRequest,
): Promise<EvidenceItem> {
  return (await requestJson(connection, 'POST', '/api/evidence/items', body)) as EvidenceItem;
}

/** A JSON request; a non-2xx answer throws UploadClientError. */
export async function requestJson(
  connection: UploadConnection & { signal?: AbortSignal },
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await doFetch(connection, path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return null;
  return response.json();
}

async function doFetch(
  connection: UploadConnection & { signal?: AbortSignal },
  path: string,
  init: { method: string; headers?: Record<string, string>; body?: BodyInit; duplex?: 'half' },
): Promise<Response> {
  const fetcher = connection.fetch ?? globalThis.fetch;
  return fetcher(`${connection.baseUrl ?? ''}${path}`, {
    method: init.method,
    headers: { ...connection.headers, ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
    ...(init.duplex ? { duplex: init.duplex } : {}),
    credentials: 'same-origin',
    cache: 'no-store',
    ...(connection.signal ? { signal: connection.signal } : {}),
  });
}

async function errorOf(response: Response): Promise<UploadClientError> {
  let code = 'http_error';
  let message = `HTTP ${response.status}`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  return new UploadClientError(response.status, code, message);
}

/**
 * Worth another try: the connection broke (fetch rejects with a TypeError), the server
 * was busy or briefly failing, or the offset moved (resynchronised from the server).
 * A 4xx that describes the request (forbidden, too large, not encrypted) is final.
 */
function retryable(error: unknown): boolean {
  if (error instanceof UploadClientError) {
    return (
      error.status >= 500 ||
      error.status === 408 ||
      error.status === 429 ||
      error.code === 'upload_offset_mismatch' ||
      error.code === 'upload_busy' ||
      error.code === 'upload_interrupted'
    );
  }
  // fetch rejects with a TypeError when the connection breaks (browser and Node alike).
  return error instanceof TypeError;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** How much of a Blob is read at once: a whole number of chunks. */
const READ_BYTES = 16 * CHUNK_BYTES;

/**
 * The source in pieces of exactly `size` bytes (the last one may be shorter). A Blob is
 * read 1 MiB at a time with slice().arrayBuffer(): its stream() hands out small chunks
 * that each get cloned, which costs more CPU than the encryption in Node.
 */
async function* chunksOf(
  source: Blob | Uint8Array | RandomAccessSource,
  size: number,
): AsyncGenerator<Uint8Array> {
  const total = source instanceof Uint8Array ? source.byteLength : source.size;
  const step = Math.max(size, Math.floor(READ_BYTES / size) * size);
  for (let off = 0; off < total; off += step) {
    const end = Math.min(off + step, total);
    const block =
      source instanceof Uint8Array
        ? source.subarray(off, end)
        : 'read' in source
          ? await source.read(off, end - off)
          : new Uint8Array(await source.slice(off, end).arrayBuffer());
    if (block.byteLength !== end - off) throw new Error('the file changed while it was read');
    for (let at = 0; at < block.byteLength; at += size) {
      yield block.subarray(at, Math.min(at + size, block.byteLength));
    }
  }
}
