// The stored files of an item: role, type, size, the plaintext SHA-256 (from the sealed
// meta) and the ciphertext SHA-256 (what the custody log names). An image of a type the
// browser decodes safely (JPEG, PNG, WebP, GIF — never SVG or HTML) can be shown inline;
// every file can be downloaded, decrypted as it arrives, under a cleaned name.
import { useState } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import {
  cleanFileName,
  extensionOf,
  replaceExtension,
} from '../../../common/evidence/file-name.ts';
import type { SealedItemMeta } from '../../../common/evidence/item-crypto.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { evidenceApi, type EvidenceFile, type EvidenceItem } from './api.ts';
import { decryptStream, decryptToBlob, forget, infoOf, openFileKeyOf } from './crypto.ts';
import { VIEWABLE_TYPES } from './detect.ts';
import { openFileSink } from './save.ts';
import { BitmapView, roleLabel, sizeText } from './shared.tsx';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'text/html': 'html',
  'multipart/related': 'mhtml',
  'application/x-mimearchive': 'mhtml',
  'application/json': 'json',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

/** The name a file is saved under: never anything a path trick could steer. */
export function downloadName(
  item: EvidenceItem,
  meta: SealedItemMeta,
  file: EvidenceFile,
  mediaType: string,
): string {
  const short = item.id.slice(0, 8);
  if (item.kind === 'file' && file.role === 'original') {
    return cleanFileName(meta.originalName, `evidence-${short}`);
  }
  const ext =
    EXTENSIONS[mediaType.split(';')[0]?.trim() ?? ''] ?? (file.role === 'mhtml' ? 'mhtml' : 'bin');
  if (item.kind === 'file') {
    const base = cleanFileName(meta.originalName, `evidence-${short}`);
    const stem = extensionOf(base) === '' ? base : base.slice(0, base.lastIndexOf('.'));
    return replaceExtension(cleanFileName(`${stem}-${file.role}`), ext);
  }
  return `capture-${short}-${file.role}.${ext}`;
}

export function FilesTable({
  item,
  meta,
  org,
}: {
  item: EvidenceItem;
  meta: SealedItemMeta;
  org: BoxKeyPair;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="evidence-files" className="section">
      <h2 id="evidence-files">{t('evidence.files.title')}</h2>
      <ul className="file-list">
        {item.files.map((file) => (
          <FileRow key={file.id} item={item} meta={meta} file={file} org={org} />
        ))}
      </ul>
    </section>
  );
}

function FileRow({
  item,
  meta,
  file,
  org,
}: {
  item: EvidenceItem;
  meta: SealedItemMeta;
  file: EvidenceFile;
  org: BoxKeyPair;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<'view' | 'download' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [bitmap, setBitmap] = useState<ImageBitmap | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const info = infoOf(meta, file.id);
  const mediaType = info?.mediaType ?? 'application/octet-stream';
  const role = roleLabel(file.role, t);
  const name = downloadName(item, meta, file, mediaType);

  const run = async (what: 'view' | 'download', work: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const view = () =>
    run('view', async () => {
      const response = await evidenceApi.fileContent(file.id, 'view');
      const key = openFileKeyOf(item, file, org);
      try {
        const { blob, summary } = await decryptToBlob(response.body, key, mediaType);
        setMismatch(info !== undefined && summary.plaintextSha256 !== info.sha256);
        // Decoded from the bytes we hold; nothing is loaded by URL.
        setBitmap(await createImageBitmap(blob));
      } finally {
        forget(key);
      }
    });

  const download = () =>
    run('download', async () => {
      // The save dialog (for a large file) must open while the click still counts.
      const sink = await openFileSink(name, mediaType, info?.size ?? file.ciphertextBytes);
      try {
        const response = await evidenceApi.fileContent(file.id, 'download');
        const key = openFileKeyOf(item, file, org);
        try {
          const summary = await decryptStream(response.body, key, (chunk) => sink.write(chunk));
          setMismatch(info !== undefined && summary.plaintextSha256 !== info.sha256);
        } finally {
          forget(key);
        }
        await sink.close();
      } catch (caught) {
        await sink.abort().catch(() => undefined);
        throw caught;
      }
    });

  return (
    <li className="file-item" data-testid="evidence-file" data-role={file.role}>
      <p className="file-name">{role}</p>
      <p className="file-facts">
        <span>{mediaType}</span>
        <span>{info ? sizeText(info.size, t) : sizeText(file.ciphertextBytes, t)}</span>
        {info?.width && info.height ? (
          <span>
            {info.width}×{info.height}
          </span>
        ) : null}
      </p>
      <dl className="hash-list">
        <div>
          <dt>{t('evidence.files.sha256')}</dt>
          <dd>
            <code data-testid="file-sha256">{info?.sha256 ?? '—'}</code>
          </dd>
        </div>
        <div>
          <dt>{t('evidence.files.ciphertextSha256')}</dt>
          <dd>
            <code>{file.ciphertextSha256}</code>
          </dd>
        </div>
      </dl>
      <div className="actions">
        {VIEWABLE_TYPES.has(mediaType) && !bitmap ? (
          <button
            type="button"
            className="button secondary"
            disabled={busy !== null}
            onClick={() => void view()}
            aria-label={t('evidence.files.viewLabel', { role })}
          >
            {t('evidence.files.view')}
          </button>
        ) : null}
        <button
          type="button"
          className="button secondary"
          disabled={busy !== null}
          onClick={() => void download()}
          aria-label={t('evidence.files.downloadLabel', { role })}
        >
          {t('evidence.files.download')}
        </button>
      </div>
      {busy ? <Busy>{t('evidence.files.decrypting')}</Busy> : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {mismatch ? <Alert kind="warning">{t('evidence.files.hashMismatch')}</Alert> : null}
      {file.role === 'html' || file.role === 'mhtml' ? (
        <p className="hint">{t('evidence.files.htmlWarning')}</p>
      ) : null}
      {bitmap ? (
        <BitmapView
          bitmap={bitmap}
          className="evidence-view"
          label={t('evidence.files.imageOf', { role })}
          testId="evidence-image"
        />
      ) : null}
    </li>
  );
}
