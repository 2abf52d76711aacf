// Adding a file as evidence. As soon as a file is chosen, its type is read from its first
// bytes and compared with its name; a contradiction is shown (and sealed with the item),
// not refused. On upload: progress over every part, and a "connection lost, retrying"
// notice while the uploader resumes from the server's offset.
import { useId, useRef, useState, type FormEvent } from 'react';
import { cleanFileName } from '../../../common/evidence/file-name.ts';
import { useI18n } from '../../app/i18n.tsx';
import { TextAreaField, TextField } from '../../components/fields.tsx';
import { Alert } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import type { EvidenceParent } from './api.ts';
import { detectBlobType, WORKING_COPY_TYPES, type Detection } from './detect.ts';
import { sizeText } from './shared.tsx';
import { uploadEvidenceFile, type UploadProgress, type UploadResult } from './upload.ts';

interface Chosen {
  file: File;
  detection: Detection;
  cleanName: string;
}

export function UploadForm({
  parent,
  recordKey,
  onUploaded,
}: {
  parent: EvidenceParent;
  recordKey: Uint8Array;
  onUploaded(): Promise<unknown>;
}) {
  const { t } = useI18n();
  const fileId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [obtainedAt, setObtainedAt] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<UploadResult | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const busy = progress !== null;

  const choose = async (file: File | undefined) => {
    setDone(null);
    setError(null);
    setFileError(null);
    if (!file) return setChosen(null);
    if (file.size === 0) {
      setChosen(null);
      return setFileError(t('evidence.upload.empty'));
    }
    const detection = await detectBlobType(file);
    setChosen({ file, detection, cleanName: cleanFileName(file.name) });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return setFileError(t('evidence.upload.chooseFile'));
    setError(null);
    setDone(null);
    setCancelled(false);
    setProgress({ stage: 'preparing', sent: 0, total: chosen.file.size, retrying: false });
    const controller = new AbortController();
    abort.current = controller;
    try {
      const result = await uploadEvidenceFile(
        {
          file: chosen.file,
          detection: chosen.detection,
          title: title.trim() || chosen.cleanName,
          description,
          obtainedAt: obtainedAt || null,
          parent,
          recordKey,
        },
        setProgress,
        controller.signal,
      );
      setDone(result);
      setChosen(null);
      setTitle('');
      setDescription('');
      setObtainedAt('');
      if (input.current) input.current.value = '';
      await onUploaded();
    } catch (caught) {
      // The uploader discards what reached the server when it is stopped.
      if (controller.signal.aborted) setCancelled(true);
      else setError(caught);
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  const percent =
    progress && progress.total > 0 ? Math.floor((progress.sent / progress.total) * 100) : 0;
  return (
    <form
      className="evidence-form"
      aria-labelledby="evidence-upload-heading"
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      <h3 id="evidence-upload-heading">{t('evidence.upload.title')}</h3>
      <p className="hint">{t('evidence.upload.hint')}</p>
      <div className="field">
        <label htmlFor={fileId}>{t('evidence.upload.file')}</label>
        <input
          id={fileId}
          ref={input}
          type="file"
          disabled={busy}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? `${fileId}-error` : undefined}
          onChange={(e) => void choose(e.target.files?.[0])}
        />
        {fileError ? (
          <p id={`${fileId}-error`} className="field-error">
            {fileError}
          </p>
        ) : null}
      </div>
      {chosen ? (
        <div className="evidence-chosen" data-testid="evidence-chosen">
          <p className="file-facts">
            <span data-testid="chosen-name">{chosen.cleanName}</span>
            <span data-testid="chosen-type">{chosen.detection.mediaType}</span>
            <span>{sizeText(chosen.file.size, t)}</span>
          </p>
          {chosen.detection.mismatch ? (
            <Alert kind="warning">
              <span data-testid="mismatch-warning">
                {t('evidence.upload.mismatch', {
                  name: chosen.cleanName,
                  type: chosen.detection.mediaType,
                })}
              </span>
            </Alert>
          ) : null}
          {WORKING_COPY_TYPES.has(chosen.detection.mediaType) ? (
            <p className="hint">{t('evidence.upload.workingCopyNote')}</p>
          ) : null}
        </div>
      ) : null}
      <TextField
        label={t('evidence.field.title')}
        hint={t('evidence.field.titleHint')}
        value={title}
        maxLength={500}
        disabled={busy}
        onChange={(e) => setTitle(e.target.value)}
      />
      <TextAreaField
        label={t('evidence.field.description')}
        hint={t('evidence.field.descriptionHint')}
        value={description}
        maxLength={20_000}
        rows={3}
        disabled={busy}
        onChange={(e) => setDescription(e.target.value)}
      />
      <TextField
        label={t('evidence.field.obtainedAt')}
        hint={t('evidence.field.obtainedAtHint')}
        type="date"
        value={obtainedAt}
        disabled={busy}
        onChange={(e) => setObtainedAt(e.target.value)}
      />
      {progress ? (
        <div className="evidence-progress" data-testid="upload-progress">
          <label htmlFor={`${fileId}-progress`}>
            {t(`evidence.stage.${progress.stage}`)} {percent}%
          </label>
          <progress id={`${fileId}-progress`} max={100} value={percent} />
          <p className="actions">
            <button
              type="button"
              className="button secondary"
              onClick={() => abort.current?.abort()}
              disabled={progress.stage !== 'preparing' && progress.stage !== 'uploading'}
            >
              {t('evidence.upload.cancel')}
            </button>
          </p>
          {progress.retrying ? (
            <p className="hint" role="status">
              {t('evidence.upload.retrying')}
            </p>
          ) : null}
        </div>
      ) : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {cancelled ? <Alert kind="info">{t('evidence.upload.cancelled')}</Alert> : null}
      {done ? (
        <Alert kind="success">
          <span data-testid="upload-done">{t('evidence.upload.done')}</span>
          {done.workingCopySkipped ? ` ${t('evidence.upload.noWorkingCopy')}` : null}
          {done.timestamp === 'stamped'
            ? ` ${t('evidence.upload.stamped')}`
            : done.timestamp === 'failed'
              ? ` ${t('evidence.upload.stampLater')}`
              : null}
        </Alert>
      ) : null}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t('evidence.upload.submit')}
        </button>
      </div>
    </form>
  );
}
