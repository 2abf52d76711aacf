// Capturing a public web page as evidence. The server's headless browser loads the page
// (it sees the public page anyway) and encrypts the screenshot, HTML, MHTML and metadata
// under a fresh item key this tab sends with the request and keeps only sealed under the
// record key; the server forgets it when the capture is stored.
import { useState, type FormEvent } from 'react';
import { sodium, toB64 } from '../../../common/crypto/index.ts';
import { generateItemKey, sealItemKey } from '../../../common/evidence/item-crypto.ts';
import { useI18n } from '../../app/i18n.tsx';
import { TextField } from '../../components/fields.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { newId } from '../records/sealed-fields.ts';
import { evidenceApi, type EvidenceParent } from './api.ts';

export function CaptureForm({
  parent,
  recordKey,
  onCaptured,
}: {
  parent: EvidenceParent;
  recordKey: Uint8Array;
  onCaptured(): Promise<unknown>;
}) {
  const { t } = useI18n();
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone(false);
    const address = url.trim();
    if (!/^https?:\/\/\S+$/i.test(address)) return setUrlError(t('evidence.capture.urlInvalid'));
    setUrlError(null);
    setBusy(true);
    const id = newId();
    const itemKey = generateItemKey();
    try {
      await evidenceApi.capture({
        id,
        parent,
        url: address,
        title: title.trim(),
        itemKey: toB64(itemKey),
        sealedItemKey: toB64(sealItemKey(recordKey, id, itemKey)),
      });
      setUrl('');
      setTitle('');
      setDone(true);
      await onCaptured();
    } catch (caught) {
      setError(caught);
    } finally {
      sodium().memzero(itemKey);
      setBusy(false);
    }
  };

  return (
    <form
      className="evidence-form"
      aria-labelledby="evidence-capture-heading"
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      <h3 id="evidence-capture-heading">{t('evidence.capture.title')}</h3>
      <p className="hint">{t('evidence.capture.hint')}</p>
      <TextField
        label={t('evidence.capture.url')}
        type="url"
        inputMode="url"
        autoComplete="off"
        value={url}
        error={urlError}
        disabled={busy}
        onChange={(e) => setUrl(e.target.value)}
      />
      <TextField
        label={t('evidence.capture.label')}
        value={title}
        maxLength={500}
        disabled={busy}
        onChange={(e) => setTitle(e.target.value)}
      />
      {busy ? <Busy>{t('evidence.capture.working')}</Busy> : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {done ? (
        <Alert kind="success">
          <span data-testid="capture-done">{t('evidence.capture.done')}</span>
        </Alert>
      ) : null}
      <div className="actions">
        <button type="submit" className="button secondary" disabled={busy}>
          {t('evidence.capture.submit')}
        </button>
      </div>
    </form>
  );
}
