// An item's thumbnail, fetched as ciphertext (one "viewed" custody entry), decrypted and
// decoded here, and drawn on a canvas. Only the thumbnail is fetched, never the original.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import { useI18n } from '../../app/i18n.tsx';
import { evidenceApi, type EvidenceFile, type EvidenceItem } from './api.ts';
import { decryptToBlob, forget, openFileKeyOf } from './crypto.ts';
import { BitmapView } from './shared.tsx';

export function Thumbnail({
  item,
  file,
  org,
  label,
}: {
  item: EvidenceItem;
  file: EvidenceFile;
  org: BoxKeyPair;
  label: string;
}) {
  const { t } = useI18n();
  const [bitmap, setBitmap] = useState<ImageBitmap | null>(null);
  const [failed, setFailed] = useState(false);
  // A stored file never changes under its id: a reloaded list (new objects, same ids) must
  // not fetch the thumbnail again, which would log another view in the custody report.
  const latest = useRef({ item, file, org });
  useLayoutEffect(() => {
    latest.current = { item, file, org };
  });
  const fileId = file.id;
  useEffect(() => {
    let cancelled = false;
    let made: ImageBitmap | null = null;
    void (async () => {
      const { item, file, org } = latest.current;
      const response = await evidenceApi.fileContent(fileId, 'view');
      const key = openFileKeyOf(item, file, org);
      try {
        const { blob } = await decryptToBlob(response.body, key, 'image/jpeg');
        made = await createImageBitmap(blob);
      } finally {
        forget(key);
      }
      if (cancelled) made.close();
      else setBitmap(made);
    })().catch(() => {
      if (!cancelled) setFailed(true);
    });
    return () => {
      cancelled = true;
      made?.close();
    };
  }, [fileId]);
  if (failed) return <p className="evidence-thumb muted">{t('evidence.previewFailed')}</p>;
  if (!bitmap) return <span className="evidence-thumb" aria-hidden="true" />;
  return (
    <BitmapView
      bitmap={bitmap}
      className="evidence-thumb"
      label={t('evidence.thumbnailOf', { title: label })}
      testId="evidence-thumbnail"
    />
  );
}
