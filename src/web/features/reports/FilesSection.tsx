// The report's files: names and types from the sealed metadata; the content is fetched as
// ciphertext, decrypted here, and offered as a download from memory (a Blob URL). Images
// are previewed by drawing them on a canvas, which the CSP (img-src 'self') allows where
// an <img src="blob:…"> would be refused.
import { useEffect, useRef, useState } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import type { FileMeta } from '../../../common/intake/report.ts';
import { api } from '../../api/endpoints.ts';
import { useI18n, type I18n } from '../../app/i18n.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { decryptFileResponse, type OpenedFile } from './decrypt.ts';

/** Types the browser can decode safely into a bitmap for the preview. */
const PREVIEWABLE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

export function sizeText(bytes: number, t: I18n['t']): string {
  if (bytes < 1024) return t('reports.file.bytes', { size: bytes });
  if (bytes < 1024 * 1024) return t('reports.file.kilobytes', { size: Math.round(bytes / 1024) });
  return t('reports.file.megabytes', { size: Math.round((bytes / 1024 / 1024) * 10) / 10 });
}

export function FilesSection({
  reportId,
  files,
  org,
}: {
  reportId: string;
  files: OpenedFile[];
  org: BoxKeyPair;
}) {
  const { t } = useI18n();
  // Originals kept with their metadata are shown under their working copy.
  const ids = new Set(files.map((f) => f.file.id));
  const top = files.filter((f) => !(f.file.originalOf && ids.has(f.file.originalOf)));
  const originalsOf = (id: string) => files.filter((f) => f.file.originalOf === id);
  return (
    <section aria-labelledby="files-heading" className="section">
      <h2 id="files-heading">{t('reports.filesTitle', { count: files.length })}</h2>
      {files.length === 0 ? (
        <p className="muted">{t('reports.filesNone')}</p>
      ) : (
        <ul className="file-list">
          {top.map((entry) => (
            <li key={entry.file.id}>
              <FileItem reportId={reportId} entry={entry} org={org} />
              {originalsOf(entry.file.id).map((original) => (
                <div key={original.file.id} className="file-original">
                  <FileItem reportId={reportId} entry={original} org={org} />
                </div>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type Fetched = { url: string; blob: Blob; hashMatches: boolean };

function FileItem({
  reportId,
  entry,
  org,
}: {
  reportId: string;
  entry: OpenedFile;
  org: BoxKeyPair;
}) {
  const { t, dateTime } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fetched, setFetched] = useState<Fetched | null>(null);
  const [preview, setPreview] = useState<ImageBitmap | null>(null);
  const { file, meta } = entry;

  // The decrypted copy lives only as long as this page shows it.
  useEffect(
    () => () => {
      if (fetched) URL.revokeObjectURL(fetched.url);
    },
    [fetched],
  );

  if (!meta.ok) {
    return (
      <div className="file-item" data-testid="report-file">
        <p className="file-name">{t('reports.file.unreadable')}</p>
        <p className="hint">{dateTime(file.createdAt)}</p>
      </div>
    );
  }

  const obtain = async (info: FileMeta): Promise<Fetched> => {
    if (fetched) return fetched;
    const response = await api.reportFile(reportId, file.id);
    const decrypted = await decryptFileResponse(response, file.sealedFileKey, info, org);
    const result = { ...decrypted, url: URL.createObjectURL(decrypted.blob) };
    setFetched(result);
    return result;
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const download = () =>
    run(async () => {
      const result = await obtain(meta.value);
      const link = document.createElement('a');
      link.href = result.url;
      link.download = meta.value.name || 'file';
      link.rel = 'noopener';
      link.click();
    });

  const showPreview = () =>
    run(async () => {
      const result = await obtain(meta.value);
      // Decoded here from the decrypted bytes: nothing is loaded by URL.
      setPreview(await createImageBitmap(result.blob));
    });

  const canPreview = file.role === 'working' && PREVIEWABLE.has(meta.value.type);
  return (
    <div className="file-item" data-testid="report-file" data-file-id={file.id}>
      <p className="file-name">{meta.value.name || t('reports.file.noName')}</p>
      <p className="file-facts">
        <span>{meta.value.type}</span>
        <span>{sizeText(meta.value.size, t)}</span>
        <span className={meta.value.metadataRemoved ? 'badge badge-active' : 'badge badge-warning'}>
          {meta.value.metadataRemoved
            ? t('reports.file.metadataRemoved')
            : t('reports.file.withMetadata')}
        </span>
      </p>
      <p className="hint">
        {file.role === 'original' ? t('reports.file.originalHint') : null}
        {file.messageId ? t('reports.file.withMessage') : null}{' '}
        {t('reports.file.added', { date: dateTime(file.createdAt) })}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          disabled={busy}
          onClick={() => void download()}
          aria-label={t('reports.file.downloadLabel', { name: meta.value.name })}
        >
          {t('reports.file.download')}
        </button>
        {canPreview && !preview ? (
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => void showPreview()}
            aria-label={t('reports.file.previewLabel', { name: meta.value.name })}
          >
            {t('reports.file.preview')}
          </button>
        ) : null}
      </div>
      {busy ? <Busy>{t('reports.file.decrypting')}</Busy> : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {fetched && !fetched.hashMatches ? (
        <Alert kind="warning">{t('reports.file.hashMismatch')}</Alert>
      ) : null}
      {preview ? <Preview bitmap={preview} name={meta.value.name} /> : null}
    </div>
  );
}

function Preview({ bitmap, name }: { bitmap: ImageBitmap; name: string }) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    context?.drawImage(bitmap, 0, 0);
  }, [bitmap]);
  return (
    <canvas
      ref={canvas}
      className="file-preview"
      width={bitmap.width}
      height={bitmap.height}
      role="img"
      aria-label={t('reports.file.previewOf', { name })}
      data-testid="file-preview"
    />
  );
}
