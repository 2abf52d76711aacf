// A web capture becomes an evidence item. The browser sends the item key it chose (and
// the same key sealed under the record key); the server captures the public page, encrypts
// every part under a file key of its own sealed under that item key, builds the salted hash
// manifest and the sealed meta, writes item, files and custody events in one transaction,
// forgets the keys, and has the manifest digest timestamped when an authority is set.
//
// The server sees the page (it is public), never holds it in plaintext on disk, and keeps
// nothing it could open afterwards: the address, the title, the headers and the hashes of
// the parts are sealed like any other evidence.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { createCapture } from '../../../common/api/evidence.ts';
import { fromB64 } from '../../../common/crypto/encoding.ts';
import { sodium } from '../../../common/crypto/sodium.ts';
import { encryptBytes } from '../../../common/crypto/stream.ts';
import {
  encodeHashManifest,
  hashManifestDigest,
  HASH_MANIFEST_FORMAT,
  type HashManifest,
} from '../../../common/evidence/hash-manifest.ts';
import {
  sealFileKey,
  sealItemMeta,
  generateFileKey,
  type CaptureInfo,
  type SealedFileInfo,
} from '../../../common/evidence/item-crypto.ts';
import type { EvidenceFileRole } from '../../../common/evidence/vocabulary.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { newBlobKey } from '../../blobs/blob-store.ts';
import { badRequest, conflict } from '../../http/errors.ts';
import type { CaptureBrowser, PageCapture } from './capture-browser.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { authoriseParent, parentOf } from './evidence.policy.ts';
import { findItem, insertFiles, insertItem, takenIds, type ItemRow } from './items.repository.ts';
import { recordCustody } from './record-custody.ts';
import { stampOrQueue } from './request-timestamp.ts';

type CaptureRequest = z.output<typeof createCapture>;

/** Longest side of the screenshot's thumbnail, in pixels. */
const THUMBNAIL_SIZE = 480;

interface Part {
  id: string;
  role: EvidenceFileRole;
  plaintext: Uint8Array;
  mediaType: string;
  width?: number;
  height?: number;
}

/**
 * Captures `request.url` into a new item of the named incident or case (evidence.write,
 * parent visible). Returns the stored item row; throws HttpError for what a member can fix.
 */
export async function capturePage(options: {
  deps: EvidenceDeps;
  browser: CaptureBrowser;
  actor: Actor;
  request: CaptureRequest;
}): Promise<ItemRow> {
  const { deps, browser, actor, request } = options;
  const parent = parentOf(request.parent);
  await authoriseParent(deps.db, actor, 'evidence.write', parent);
  const url = checkedUrl(request.url);
  if ((await takenIds(deps.db, request.id, [])).item)
    throw conflict('item_exists', 'An item with this id exists already.');
  const itemKey = fromB64(request.itemKey);
  if (itemKey.length !== 32) throw badRequest('invalid_item_key', 'The item key must be 32 bytes.');

  const fileKeys: Uint8Array[] = [];
  const written: string[] = [];
  try {
    const page = await browser.capture(url);
    const parts = await partsOf(page);
    const now = deps.now();
    const files = parts.map((part) => {
      const fileKey = generateFileKey();
      fileKeys.push(fileKey);
      const ciphertext = encryptBytes(fileKey, part.plaintext);
      return {
        part,
        blobKey: newBlobKey(),
        ciphertext,
        row: {
          id: part.id,
          item_id: request.id,
          organisation_id: actor.organisationId,
          role: part.role,
          blob_key: '',
          sealed_file_key: sealFileKey(itemKey, part.id, fileKey),
          ciphertext_bytes: ciphertext.length,
          ciphertext_sha256: new Uint8Array(createHash('sha256').update(ciphertext).digest()),
          created_at: now,
        },
      };
    });
    for (const file of files) {
      file.row.blob_key = file.blobKey;
      await deps.blobs.put(file.blobKey, once(file.ciphertext));
      written.push(file.blobKey);
    }

    const sealedInfo: SealedFileInfo[] = parts.map((part) => ({
      fileId: part.id,
      role: part.role,
      sha256: sha256Hex(part.plaintext),
      size: part.plaintext.length,
      mediaType: part.mediaType,
      ...(part.width ? { width: part.width } : {}),
      ...(part.height ? { height: part.height } : {}),
    }));
    const capture = captureInfoOf(page);
    const manifest: HashManifest = {
      format: HASH_MANIFEST_FORMAT,
      itemId: request.id,
      kind: 'capture',
      salt: randomBytes(32).toString('hex'),
      files: sealedInfo.map((f) => ({
        role: f.role,
        sha256: f.sha256,
        size: f.size,
        mediaType: f.mediaType,
      })),
      capture: {
        requestedUrl: capture.requestedUrl,
        finalUrl: capture.finalUrl,
        capturedAt: capture.capturedAt,
      },
    };
    const manifestBytes = encodeHashManifest(manifest);
    const digest = hashManifestDigest(manifestBytes);
    const sealedMeta = sealItemMeta(itemKey, request.id, {
      title: request.title,
      description: '',
      originalName: '',
      declaredType: '',
      typeMismatch: false,
      obtainedAt: capture.capturedAt,
      files: sealedInfo,
      capture,
      hashManifest: new TextDecoder().decode(manifestBytes),
    });

    await deps.db.transaction().execute(async (trx) => {
      await authoriseParent(trx, actor, 'evidence.write', parent);
      await insertItem(trx, {
        id: request.id,
        organisation_id: actor.organisationId,
        incident_id: parent.type === 'incident' ? parent.id : null,
        case_id: parent.type === 'case' ? parent.id : null,
        kind: 'capture',
        sealed_item_key: fromB64(request.sealedItemKey),
        sealed_meta: sealedMeta,
        manifest_digest: digest,
        collected_by: actor.memberId,
        collected_at: now,
        integrity_status: 'unchecked',
        integrity_checked_at: null,
      });
      await insertFiles(
        trx,
        files.map((f) => f.row),
      );
      for (const file of files) {
        await recordCustody({
          trx,
          organisationId: actor.organisationId,
          actorMemberId: actor.memberId,
          action: 'evidence.captured',
          itemId: request.id,
          file: file.row,
          fields: { ciphertextBytes: file.row.ciphertext_bytes },
        });
      }
    });
    written.length = 0;

    // The capture stands without its token: a failure here leaves it unstamped, and the
    // member can ask again from the item page (an unreachable authority queues a retry).
    if (deps.config.evidence.tsa)
      await stampOrQueue({ deps, itemId: request.id, digest, actorMemberId: actor.memberId }).catch(
        () => undefined,
      );
    const item = await findItem(deps.db, request.id);
    if (!item) throw new Error('the captured item was just written');
    return item;
  } catch (error) {
    await Promise.allSettled(written.map((key) => deps.blobs.delete(key)));
    throw error;
  } finally {
    // The server keeps no key it could open the capture with.
    sodium().memzero(itemKey);
    for (const key of fileKeys) sodium().memzero(key);
  }
}

/** Only public http(s) addresses without credentials (the schema checked the scheme). */
function checkedUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badRequest('capture_bad_url', 'That is not a web address.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw badRequest('capture_bad_url', 'Only http:// and https:// addresses can be captured.');
  if (url.username || url.password)
    throw badRequest('capture_bad_url', 'Remove the user name and password from the address.');
  url.hash = '';
  return url.toString();
}

async function partsOf(page: PageCapture): Promise<Part[]> {
  // Loaded on the first capture: libvips costs a server that makes none about 10 MB.
  const { default: sharp } = await import('sharp');
  const screenshot = sharp(page.screenshotPng);
  const meta = await screenshot.metadata();
  const thumbnail = await sharp(page.screenshotPng)
    .resize({
      width: THUMBNAIL_SIZE,
      height: THUMBNAIL_SIZE,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .png()
    .toBuffer({ resolveWithObject: true });
  const info = captureInfoOf(page);
  return [
    {
      id: randomUUID(),
      role: 'screenshot',
      plaintext: page.screenshotPng,
      mediaType: 'image/png',
      ...(meta.width ? { width: meta.width } : {}),
      ...(meta.height ? { height: meta.height } : {}),
    },
    {
      id: randomUUID(),
      role: 'html',
      plaintext: page.body,
      mediaType: page.contentType ?? 'application/octet-stream',
    },
    {
      id: randomUUID(),
      role: 'mhtml',
      plaintext: page.mhtml,
      mediaType: 'multipart/related',
    },
    {
      id: randomUUID(),
      role: 'capture_metadata',
      plaintext: new TextEncoder().encode(JSON.stringify(info, null, 2)),
      mediaType: 'application/json',
    },
    {
      id: randomUUID(),
      role: 'thumbnail',
      plaintext: new Uint8Array(thumbnail.data),
      mediaType: 'image/png',
      width: thumbnail.info.width,
      height: thumbnail.info.height,
    },
  ];
}

function captureInfoOf(page: PageCapture): CaptureInfo {
  return {
    requestedUrl: page.requestedUrl.slice(0, 8192),
    finalUrl: page.finalUrl.slice(0, 8192),
    status: page.status,
    redirects: page.redirects.map((r) => ({ url: r.url.slice(0, 8192), status: r.status })),
    headers: page.headers,
    tlsChainPem: page.tls?.chainPem ?? [],
    tlsValid: page.tls ? page.tls.valid : null,
    capturedAt: page.capturedAt.toISOString(),
    title: page.title,
    browserVersion: page.browserVersion.slice(0, 255),
    userAgent: page.userAgent,
    viewport: page.viewport,
  };
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}
