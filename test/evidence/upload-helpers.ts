// Evidence uploads made the way the browser makes them: an item key and a file key per
// file, the file stream-encrypted and sent through the resumable upload client over real
// HTTP, the keys and the meta sealed, the hash manifest built, then the commit. Used by the
// evidence tests (upload*, items*, custody*, integrity*, canary*, tamper*).
import { randomBytes, randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { EvidenceItem, EvidenceParent } from '../../src/common/api/evidence.ts';
import { fromB64, toB64 } from '../../src/common/crypto/encoding.ts';
import { decryptBytes, encryptBytes } from '../../src/common/crypto/stream.ts';
import {
  encodeHashManifest,
  hashManifestDigest,
  HASH_MANIFEST_FORMAT,
} from '../../src/common/evidence/hash-manifest.ts';
import {
  generateFileKey,
  generateItemKey,
  openFileKey,
  openItemKey,
  openItemMeta,
  sealFileKey,
  sealItemKey,
  sealItemMeta,
  type SealedFileInfo,
} from '../../src/common/evidence/item-crypto.ts';
import {
  commitEvidenceItem,
  encryptAndUploadFile,
  type EncryptAndUploadOptions,
  type UploadConnection,
} from '../../src/common/evidence/upload-client.ts';
import type { UploadFileRole } from '../../src/common/evidence/vocabulary.ts';
import type { TestMember } from '../helpers/factories.ts';
import type { TestApp } from '../helpers/test-app.ts';

/** Node's SHA-256 for the upload client (the browser uses libsodium's). */
export const nodeSha256 = () => {
  const hash = createHash('sha256');
  return {
    update: (bytes: Uint8Array) => void hash.update(bytes),
    digest: () => new Uint8Array(hash.digest()),
  };
};

/** Makes the test app listen on a loopback port; returns its origin. */
export async function listen(t: TestApp): Promise<string> {
  if (!t.app.server.listening) await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

export function connectionOf(baseUrl: string, actor: TestMember): UploadConnection {
  return { baseUrl, headers: { cookie: actor.cookie } };
}

/** The incident or case evidence is attached to, with its record key. */
export interface EvidenceParentKey {
  parent: EvidenceParent;
  recordKey: Uint8Array;
}

export interface FileToUpload {
  role: UploadFileRole;
  bytes: Uint8Array;
  mediaType?: string;
}

export interface UploadedItem {
  item: EvidenceItem;
  itemKey: Uint8Array;
  fileKeys: Map<string, Uint8Array>;
  /** File id by role. */
  fileIds: Map<UploadFileRole, string>;
}

/** Uploads files and commits them as one item, through real HTTP. */
export async function uploadItem(
  baseUrl: string,
  actor: TestMember,
  target: EvidenceParentKey,
  files: FileToUpload[],
  options: {
    title?: string;
    originalName?: string;
    upload?: Partial<EncryptAndUploadOptions>;
  } = {},
): Promise<UploadedItem> {
  const connection = connectionOf(baseUrl, actor);
  const itemId = randomUUID();
  const itemKey = generateItemKey();
  const fileKeys = new Map<string, Uint8Array>();
  const fileIds = new Map<UploadFileRole, string>();
  const committed = [];
  const infos: SealedFileInfo[] = [];
  for (const file of files) {
    const fileId = randomUUID();
    const fileKey = generateFileKey();
    const uploaded = await encryptAndUploadFile({
      ...connection,
      source: file.bytes,
      fileKey,
      parent: target.parent,
      createSha256: nodeSha256,
      retryDelayMs: 10,
      ...options.upload,
    });
    fileKeys.set(fileId, fileKey);
    fileIds.set(file.role, fileId);
    committed.push({
      id: fileId,
      uploadId: uploaded.uploadId,
      role: file.role,
      sealedFileKey: toB64(sealFileKey(itemKey, fileId, fileKey)),
      ciphertextSha256: uploaded.ciphertextSha256,
    });
    infos.push({
      fileId,
      role: file.role,
      sha256: uploaded.plaintextSha256,
      size: uploaded.plaintextBytes,
      mediaType: file.mediaType ?? 'application/octet-stream',
    });
  }
  const manifest = encodeHashManifest({
    format: HASH_MANIFEST_FORMAT,
    itemId,
    kind: 'file',
    salt: randomBytes(32).toString('hex'),
    files: infos.map((f) => ({
      role: f.role,
      sha256: f.sha256,
      size: f.size,
      mediaType: f.mediaType,
    })),
  });
  const item = await commitEvidenceItem(connection, {
    id: itemId,
    parent: target.parent,
    sealedItemKey: toB64(sealItemKey(target.recordKey, itemId, itemKey)),
    sealedMeta: toB64(
      sealItemMeta(itemKey, itemId, {
        title: options.title ?? 'Evidence',
        description: '',
        originalName: options.originalName ?? 'evidence.bin',
        declaredType: 'application/octet-stream',
        typeMismatch: false,
        obtainedAt: null,
        files: infos,
        hashManifest: new TextDecoder().decode(manifest),
      }),
    ),
    manifestDigest: Buffer.from(hashManifestDigest(manifest)).toString('hex'),
    files: committed,
  });
  return { item, itemKey, fileKeys, fileIds };
}

/** Fetches a file's ciphertext through the API (one custody entry) and decrypts it. */
export async function fetchAndDecrypt(
  t: TestApp,
  actor: TestMember,
  item: EvidenceItem,
  recordKey: Uint8Array,
  role: UploadFileRole = 'original',
  purpose: 'view' | 'download' | 'export' | 'verify' = 'download',
): Promise<Uint8Array> {
  const file = item.files.find((f) => f.role === role);
  if (!file) throw new Error(`no ${role} file`);
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/evidence/files/${file.id}/content?purpose=${purpose}`,
    headers: { cookie: actor.cookie },
  });
  if (res.statusCode !== 200) throw new Error(`content: ${res.statusCode} ${res.body}`);
  const itemKey = openItemKey(recordKey, item.id, fromB64(item.sealedItemKey));
  const fileKey = openFileKey(itemKey, file.id, fromB64(file.sealedFileKey));
  return decryptBytes(fileKey, new Uint8Array(res.rawPayload));
}

/** Opens an item's sealed meta with the record key. */
export function openMeta(item: EvidenceItem, recordKey: Uint8Array) {
  const itemKey = openItemKey(recordKey, item.id, fromB64(item.sealedItemKey));
  return openItemMeta(itemKey, item.id, fromB64(item.sealedMeta));
}

/** Begins an upload through inject(); returns its id. */
export async function injectBeginUpload(
  t: TestApp,
  actor: TestMember,
  parent: EvidenceParent,
  length: number,
): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/evidence/uploads',
    headers: { cookie: actor.cookie },
    payload: { parent, length },
  });
  if (res.statusCode !== 201) throw new Error(`begin upload: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** One PATCH of raw bytes at `offset` through inject(). */
export function injectSegment(
  t: TestApp,
  actor: TestMember,
  uploadId: string,
  offset: number,
  bytes: Uint8Array,
) {
  return t.app.inject({
    method: 'PATCH',
    url: `/api/evidence/uploads/${uploadId}`,
    headers: {
      cookie: actor.cookie,
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
    },
    payload: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  });
}

/** Encrypts `plaintext` and sends it whole in one segment; returns the upload and commit file fields. */
export async function injectUploadFile(
  t: TestApp,
  actor: TestMember,
  parent: EvidenceParent,
  itemKey: Uint8Array,
  plaintext: Uint8Array,
  role: UploadFileRole = 'original',
) {
  const fileId = randomUUID();
  const fileKey = generateFileKey();
  const ciphertext = encryptBytes(fileKey, plaintext);
  const uploadId = await injectBeginUpload(t, actor, parent, ciphertext.byteLength);
  const res = await injectSegment(t, actor, uploadId, 0, ciphertext);
  if (res.statusCode !== 204) throw new Error(`segment: ${res.statusCode} ${res.body}`);
  return {
    fileKey,
    file: {
      id: fileId,
      uploadId,
      role,
      sealedFileKey: toB64(sealFileKey(itemKey, fileId, fileKey)),
      ciphertextSha256: createHash('sha256').update(ciphertext).digest('hex'),
    },
  };
}

/** A commit body for files already uploaded (meta and manifest made as the browser does). */
export function commitBody(
  target: EvidenceParentKey,
  itemId: string,
  itemKey: Uint8Array,
  files: {
    id: string;
    uploadId: string;
    role: UploadFileRole;
    sealedFileKey: string;
    ciphertextSha256: string;
  }[],
  plaintext: Uint8Array,
) {
  const sha = createHash('sha256').update(plaintext).digest('hex');
  const infos = files.map((f) => ({
    fileId: f.id,
    role: f.role,
    sha256: sha,
    size: plaintext.byteLength,
    mediaType: 'application/octet-stream',
  }));
  const manifest = encodeHashManifest({
    format: HASH_MANIFEST_FORMAT,
    itemId,
    kind: 'file',
    salt: randomBytes(32).toString('hex'),
    files: infos.map((f) => ({
      role: f.role,
      sha256: f.sha256,
      size: f.size,
      mediaType: f.mediaType,
    })),
  });
  return {
    id: itemId,
    parent: target.parent,
    sealedItemKey: toB64(sealItemKey(target.recordKey, itemId, itemKey)),
    sealedMeta: toB64(
      sealItemMeta(itemKey, itemId, {
        title: 'Evidence',
        description: '',
        originalName: 'evidence.bin',
        declaredType: 'application/octet-stream',
        typeMismatch: false,
        obtainedAt: null,
        files: infos,
        hashManifest: new TextDecoder().decode(manifest),
      }),
    ),
    manifestDigest: Buffer.from(hashManifestDigest(manifest)).toString('hex'),
    files,
  };
}

/** An item with one original file, uploaded and committed through inject(). */
export async function injectUploadItem(
  t: TestApp,
  actor: TestMember,
  target: EvidenceParentKey,
  plaintext: Uint8Array = new TextEncoder().encode('evidence file'),
): Promise<EvidenceItem> {
  const itemId = randomUUID();
  const itemKey = generateItemKey();
  const { file } = await injectUploadFile(t, actor, target.parent, itemKey, plaintext);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/evidence/items',
    headers: { cookie: actor.cookie },
    payload: commitBody(target, itemId, itemKey, [file], plaintext),
  });
  if (res.statusCode !== 201) throw new Error(`commit: ${res.statusCode} ${res.body}`);
  return res.json<EvidenceItem>();
}

/** Flips one byte of a stored blob in place, as disk rot or an intruder would. */
export async function flipByte(root: string, blobKey: string, at: number): Promise<void> {
  const file = path.join(root, blobKey.slice(0, 2), blobKey.slice(2, 4), blobKey);
  const handle = await open(file, 'r+');
  try {
    const one = Buffer.alloc(1);
    await handle.read(one, 0, 1, at);
    one[0] = (one[0] ?? 0) ^ 0x01;
    await handle.write(one, 0, 1, at);
  } finally {
    await handle.close();
  }
}
