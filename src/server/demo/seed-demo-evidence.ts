// Invented evidence for the demo, made the way a member's browser makes it: each file
// encrypted under its own key, its SHA-256 computed on the way, sent through a resumable
// upload and committed with the sealed meta and the salted hash manifest. Photos get a
// working copy without metadata and a thumbnail (sharp here, a canvas in the browser).
// The pictures are drawn here from SVG: no real photo, place or person.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import * as api from '../../common/api/evidence.ts';
import { toB64 } from '../../common/crypto/encoding.ts';
import { encryptBytes } from '../../common/crypto/stream.ts';
import {
  encodeHashManifest,
  hashManifestDigest,
  type HashManifest,
} from '../../common/evidence/hash-manifest.ts';
import {
  generateFileKey,
  generateItemKey,
  sealFileKey,
  sealItemKey,
  sealItemMeta,
  type SealedFileInfo,
} from '../../common/evidence/item-crypto.ts';
import type { UploadFileRole } from '../../common/evidence/vocabulary.ts';
import type { Actor } from '../../common/policy/permissions.ts';
import { appendUpload } from '../modules/evidence/append-upload.ts';
import { beginUpload } from '../modules/evidence/begin-upload.ts';
import { commitItem } from '../modules/evidence/commit-item.ts';
import type { EvidenceDeps } from '../modules/evidence/evidence.deps.ts';
import { UploadTracker } from '../modules/evidence/upload-tracker.ts';

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface DemoFile {
  role: UploadFileRole;
  bytes: Uint8Array;
  mediaType: string;
  width?: number;
  height?: number;
}

export interface DemoEvidenceParent {
  incidentId?: string;
  caseId?: string;
  recordKey: Uint8Array;
}

/** Encrypts, uploads and commits one item; returns its id and manifest digest. */
export async function addDemoItem(options: {
  deps: EvidenceDeps;
  actor: Actor;
  parent: DemoEvidenceParent;
  title: string;
  description: string;
  originalName: string;
  obtainedAt: string | null;
  files: DemoFile[];
}): Promise<{ itemId: string; manifestDigest: string }> {
  const { deps, actor } = options;
  const parent = options.parent.incidentId
    ? { incidentId: options.parent.incidentId }
    : { caseId: options.parent.caseId };
  const tracker = new UploadTracker();
  const itemId = randomUUID();
  const itemKey = generateItemKey();
  const infos: SealedFileInfo[] = [];
  const commitFiles: api.CommitItemRequest['files'] = [];
  for (const file of options.files) {
    const fileId = randomUUID();
    const fileKey = generateFileKey();
    const ciphertext = encryptBytes(fileKey, file.bytes);
    const upload = await beginUpload({
      deps,
      actor,
      request: api.beginUpload.parse({ parent, length: ciphertext.byteLength }),
    });
    await appendUpload({
      deps,
      tracker,
      actor,
      uploadId: upload.id,
      offset: 0,
      declaredBytes: ciphertext.byteLength,
      body: (async function* () {
        yield ciphertext;
      })(),
    });
    infos.push({
      fileId,
      role: file.role,
      sha256: sha256Hex(file.bytes),
      size: file.bytes.byteLength,
      mediaType: file.mediaType,
      ...(file.width ? { width: file.width } : {}),
      ...(file.height ? { height: file.height } : {}),
    });
    commitFiles.push({
      id: fileId,
      uploadId: upload.id,
      role: file.role,
      sealedFileKey: toB64(sealFileKey(itemKey, fileId, fileKey)),
      ciphertextSha256: sha256Hex(ciphertext),
    });
  }
  const manifest: HashManifest = {
    format: 'qorgan-hash-manifest/1',
    itemId,
    kind: 'file',
    salt: randomBytes(32).toString('hex'),
    files: infos.map((f) => ({
      role: f.role,
      sha256: f.sha256,
      size: f.size,
      mediaType: f.mediaType,
    })),
  };
  const manifestBytes = encodeHashManifest(manifest);
  const manifestDigest = Buffer.from(hashManifestDigest(manifestBytes)).toString('hex');
  const sealedMeta = sealItemMeta(itemKey, itemId, {
    title: options.title,
    description: options.description,
    originalName: options.originalName,
    declaredType: options.files[0]?.mediaType ?? 'application/octet-stream',
    typeMismatch: false,
    obtainedAt: options.obtainedAt,
    files: infos,
    hashManifest: new TextDecoder().decode(manifestBytes),
  });
  await commitItem({
    deps,
    tracker,
    actor,
    request: api.commitItem.parse({
      id: itemId,
      parent,
      sealedItemKey: toB64(sealItemKey(options.parent.recordKey, itemId, itemKey)),
      sealedMeta: toB64(sealedMeta),
      manifestDigest,
      files: commitFiles,
    }),
  });
  return { itemId, manifestDigest };
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A phone screenshot of an invented chat with threats, as a PNG. */
async function chatScreenshot(): Promise<Uint8Array> {
  const lines: [string, boolean][] = [
    ['Мы знаем, где ты живёшь.', false],
    ['Кто это? Откуда у вас мой номер?', true],
    ['Уезжай из города до пятницы.', false],
    ['Иначе все узнают, кто ты такой.', false],
    ['Я сохраню эти сообщения.', true],
  ];
  const bubbles = lines
    .map(([text, mine], i) => {
      const y = 140 + i * 110;
      const x = mine ? 150 : 30;
      const fill = mine ? '#d1f4cc' : '#ffffff';
      return `<rect x="${x}" y="${y}" width="540" height="80" rx="22" fill="${fill}"/>
<text x="${x + 24}" y="${y + 50}" font-family="DejaVu Sans, sans-serif" font-size="28" fill="#1d1d1f">${escapeXml(text)}</text>`;
    })
    .join('\n');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="720" height="760">
<rect width="720" height="760" fill="#ece5dd"/>
<rect width="720" height="100" fill="#075e54"/>
<text x="30" y="62" font-family="DejaVu Sans, sans-serif" font-size="32" fill="#fff">+7 7XX XXX XX XX (демо, выдумано)</text>
${bubbles}
</svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer());
}

/** An invented "photo" of graffiti by an entrance, as a phone JPEG with GPS and camera EXIF. */
async function graffitiPhoto(): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900">
<rect width="1200" height="900" fill="#8d8680"/>
<rect x="0" y="620" width="1200" height="280" fill="#5b5550"/>
<rect x="760" y="200" width="260" height="420" fill="#3d3a37"/>
<text x="90" y="360" font-family="DejaVu Sans, sans-serif" font-size="88" font-weight="bold" fill="#b3261e" transform="rotate(-4 90 360)">УБИРАЙТЕСЬ</text>
<text x="120" y="480" font-family="DejaVu Sans, sans-serif" font-size="40" fill="#f5f5f5">демо: выдуманная надпись</text>
</svg>`;
  const jpeg = await sharp(Buffer.from(svg))
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'DemoPhone', Model: 'Invented X1', Software: 'demo' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '43/1 14/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '76/1 53/1 0/1',
      },
    })
    .toBuffer();
  return new Uint8Array(jpeg);
}

/** The working copy and thumbnail of an image: re-encoded, orientation applied, no metadata. */
async function derivedCopies(image: Uint8Array): Promise<DemoFile[]> {
  const working = await sharp(image)
    .rotate()
    .jpeg({ quality: 88 })
    .toBuffer({ resolveWithObject: true });
  const thumb = await sharp(working.data)
    .resize({ width: 320, height: 320, fit: 'inside' })
    .jpeg({ quality: 75 })
    .toBuffer({ resolveWithObject: true });
  return [
    {
      role: 'working',
      bytes: new Uint8Array(working.data),
      mediaType: 'image/jpeg',
      width: working.info.width,
      height: working.info.height,
    },
    {
      role: 'thumbnail',
      bytes: new Uint8Array(thumb.data),
      mediaType: 'image/jpeg',
      width: thumb.info.width,
      height: thumb.info.height,
    },
  ];
}

/** A one-page invented medical certificate (English, so the standard PDF font serves). */
async function certificatePdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('Invented demo certificate');
  pdf.setCreationDate(new Date('2026-02-03T10:00:00Z'));
  pdf.setModificationDate(new Date('2026-02-03T10:00:00Z'));
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const lines = [
    'INVENTED DEMO DOCUMENT - NOT A REAL CERTIFICATE',
    '',
    'Emergency department, City Hospital No. 0 (invented)',
    'Patient: P-DEMO (pseudonym)',
    'Findings: bruising of the left forearm and the back,',
    'consistent with blows by a blunt object.',
    'Date of examination: 3 February 2026',
  ];
  lines.forEach((text, i) => page.drawText(text, { x: 60, y: 760 - i * 24, size: 13, font }));
  return pdf.save();
}

/**
 * Seeds evidence on the demo's online-threats incident, the street incident and the
 * urgent case. Returns the ids with their manifest digests (for timestamps).
 */
export async function seedDemoEvidence(options: {
  deps: EvidenceDeps;
  actor: Actor;
  onlineIncident: { id: string; key: Uint8Array };
  streetIncident: { id: string; key: Uint8Array };
  urgentCase: { id: string; key: Uint8Array };
}): Promise<{ itemId: string; manifestDigest: string }[]> {
  const { deps, actor } = options;
  const items: { itemId: string; manifestDigest: string }[] = [];
  const screenshot = await chatScreenshot();
  const meta = await sharp(screenshot).metadata();
  items.push(
    await addDemoItem({
      deps,
      actor,
      parent: { incidentId: options.onlineIncident.id, recordKey: options.onlineIncident.key },
      title: 'Screenshot of the threats in the messenger (invented)',
      description:
        'Sent by the reporter from her phone. Five messages from an unknown number; the threats are the first, third and fourth.',
      originalName: 'Screenshot_20260112-221540.png',
      obtainedAt: '2026-01-12',
      files: [
        {
          role: 'original',
          bytes: screenshot,
          mediaType: 'image/png',
          width: meta.width,
          height: meta.height,
        },
        ...(await derivedCopies(screenshot)),
      ],
    }),
  );
  const photo = await graffitiPhoto();
  items.push(
    await addDemoItem({
      deps,
      actor,
      parent: { incidentId: options.streetIncident.id, recordKey: options.streetIncident.key },
      title: 'Photo of the graffiti by the entrance (invented)',
      description:
        'Taken by a neighbour the morning after. The original keeps its GPS and camera data as evidence of place and time; the working copy has none.',
      originalName: 'IMG_4521.jpg',
      obtainedAt: '2026-03-08T07:40',
      files: [
        { role: 'original', bytes: photo, mediaType: 'image/jpeg', width: 1200, height: 900 },
        ...(await derivedCopies(photo)),
      ],
    }),
  );
  items.push(
    await addDemoItem({
      deps,
      actor,
      parent: { caseId: options.urgentCase.id, recordKey: options.urgentCase.key },
      title: 'Medical certificate of the injuries (invented)',
      description:
        'Photographed by the lawyer at the hospital; the paper original is with the client.',
      originalName: 'certificate.pdf',
      obtainedAt: '2026-02-03',
      files: [{ role: 'original', bytes: await certificatePdf(), mediaType: 'application/pdf' }],
    }),
  );
  return items;
}
