// The evidence of an incident or a case: its items, decrypted here (titles, types, sizes,
// who collected them and when, integrity and timestamp state, a type-mismatch warning),
// previews on request, and for members who may write, the upload and web-capture forms.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { useMemberName } from '../records/shared.tsx';
import { evidenceApi, type EvidenceList, type EvidenceParent } from './api.ts';
import { CaptureForm } from './CaptureForm.tsx';
import { ExportPackageForm, type CaseInfo } from './ExportPackageForm.tsx';
import { forget, openItems, openParentKey, type OpenedItem } from './crypto.ts';
import { Thumbnail } from './Thumbnail.tsx';
import { UploadForm } from './UploadForm.tsx';
import { collectorName, IntegrityBadge, itemTitle, sizeText, TimestampBadge } from './shared.tsx';
import './evidence.css';

export function EvidenceSection({
  parent,
  org,
  caseInfo,
}: {
  parent: EvidenceParent;
  org: BoxKeyPair;
  /** On a case page: the case, for the evidence package. */
  caseInfo?: CaseInfo;
}) {
  const { t } = useI18n();
  const session = useSession();
  const [list, setList] = useState<EvidenceList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [previews, setPreviews] = useState(false);
  // The parent is named by its id: a new object with the same id is the same parent.
  const incidentId = 'incidentId' in parent ? parent.incidentId : null;
  const caseId = 'caseId' in parent ? parent.caseId : null;
  const stableParent = useMemo<EvidenceParent>(
    () => (incidentId !== null ? { incidentId } : { caseId: caseId ?? '' }),
    [incidentId, caseId],
  );

  const reload = useCallback(
    () =>
      evidenceApi.list(stableParent).then(
        (loaded) => {
          setList(loaded);
          setError(null);
        },
        (caught: unknown) => setError(caught),
      ),
    [stableParent],
  );
  useEffect(() => {
    void reload();
  }, [reload]);

  // The record key stays open while the section is shown (uploads seal item keys under it).
  const recordKey = useMemo(
    () => (list ? openParentKey(list.sealedRecordKey, org) : null),
    [list, org],
  );
  useEffect(() => () => forget(recordKey), [recordKey]);
  const opened = useMemo(
    () => (list && recordKey ? openItems(list.items, recordKey) : null),
    [list, recordKey],
  );

  if (!session.can('evidence.read')) return null;
  const canWrite = session.can('evidence.write');
  return (
    <section aria-labelledby="evidence-heading" className="section evidence">
      <h2 id="evidence-heading">{t('evidence.title')}</h2>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {!list && !error ? <Busy>{t('evidence.loading')}</Busy> : null}
      {list && !recordKey ? <Alert>{t('evidence.keyFailed')}</Alert> : null}
      {opened ? (
        <>
          {opened.length === 0 ? (
            <p className="muted">{t('evidence.none')}</p>
          ) : (
            <>
              <p className="actions">
                <button
                  type="button"
                  className="button secondary"
                  aria-pressed={previews}
                  onClick={() => setPreviews(!previews)}
                >
                  {previews ? t('evidence.hidePreviews') : t('evidence.showPreviews')}
                </button>
              </p>
              {previews ? <p className="hint">{t('evidence.previewsHint')}</p> : null}
              <ul className="evidence-list" aria-label={t('evidence.listLabel')}>
                {opened.map((entry) => (
                  <ItemRow key={entry.item.id} entry={entry} org={org} preview={previews} />
                ))}
              </ul>
            </>
          )}
          {canWrite && recordKey ? (
            <>
              <UploadForm parent={stableParent} recordKey={recordKey} onUploaded={reload} />
              <CaptureForm parent={stableParent} recordKey={recordKey} onCaptured={reload} />
            </>
          ) : null}
          {caseInfo && session.can('evidence.export') ? (
            <ExportPackageForm caseInfo={caseInfo} items={opened} org={org} />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function ItemRow({
  entry,
  org,
  preview,
}: {
  entry: OpenedItem;
  org: BoxKeyPair;
  preview: boolean;
}) {
  const { t, dateTime } = useI18n();
  const memberName = useMemberName();
  const { item, meta } = entry;
  const original = meta?.files.find((f) => f.role === 'original');
  const screenshot = meta?.files.find((f) => f.role === 'screenshot');
  const main = original ?? screenshot;
  const thumbnail = item.files.find((f) => f.role === 'thumbnail');
  const title = itemTitle(meta, t);
  return (
    <li className="evidence-row" data-testid="evidence-item" data-item-id={item.id}>
      {preview && thumbnail && meta ? (
        <Thumbnail item={item} file={thumbnail} org={org} label={title} />
      ) : null}
      <div className="evidence-row-body">
        <p className="file-name">
          <Link href={`/app/evidence/${item.id}`} data-testid="evidence-item-title">
            {title}
          </Link>
        </p>
        <p className="file-facts">
          <span>
            {item.kind === 'capture' ? t('evidence.kind.capture') : t('evidence.kind.file')}
          </span>
          {main ? <span>{main.mediaType}</span> : null}
          {main ? <span>{sizeText(main.size, t)}</span> : null}
        </p>
        <p className="file-facts">
          <span>
            {t('evidence.collected', {
              who: collectorName(item, memberName),
              date: dateTime(item.collectedAt),
            })}
          </span>
        </p>
        <p className="file-facts">
          <IntegrityBadge status={item.integrityStatus} />
          <TimestampBadge item={item} />
          {meta?.typeMismatch ? (
            <span className="badge evidence-badge badge-warning" data-testid="type-mismatch">
              {t('evidence.mismatchBadge')}
            </span>
          ) : null}
        </p>
      </div>
    </li>
  );
}
