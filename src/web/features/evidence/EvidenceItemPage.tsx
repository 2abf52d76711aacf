// One evidence item, opened in this tab: what it is and where it came from, its files
// (view an image inline, download any file under its cleaned name), "verify now", its
// timestamps and its custody report. Every fetch of a file is a custody entry.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link, usePath } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { UnlockPage } from '../auth/UnlockPage.tsx';
import { Fact, useMemberName } from '../records/shared.tsx';
import { evidenceApi, type EvidenceItem } from './api.ts';
import { openItem } from './crypto.ts';
import { CustodySection } from './CustodySection.tsx';
import { DeleteItem } from './DeleteItem.tsx';
import { FilesTable } from './FilesTable.tsx';
import {
  collectorName,
  EVIDENCE_ITEM_PATH,
  IntegrityBadge,
  itemTitle,
  TimestampBadge,
} from './shared.tsx';
import { VerifySection } from './VerifySection.tsx';
import './evidence.css';

export function EvidenceItemPage() {
  const { t } = useI18n();
  const session = useSession();
  const path = usePath();
  const itemId = EVIDENCE_ITEM_PATH.exec(path)?.[1] ?? '';
  if (!session.keys) return <UnlockPage />;
  const org = session.keys.org;
  if (!org) {
    return (
      <Page title={t('evidence.title')}>
        <Alert kind="warning">{t('evidence.noOrgKey')}</Alert>
      </Page>
    );
  }
  return <OpenItem key={itemId} itemId={itemId} org={org} />;
}

function OpenItem({ itemId, org }: { itemId: string; org: BoxKeyPair }) {
  const { t } = useI18n();
  const [item, setItem] = useState<EvidenceItem | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(
    () =>
      evidenceApi.item(itemId).then(
        (loaded) => {
          setItem(loaded);
          setError(null);
        },
        (caught: unknown) => setError(caught),
      ),
    [itemId],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  const opened = useMemo(() => (item ? openItem(item, org) : null), [item, org]);

  if (!item || !opened) {
    return (
      <Page title={t('evidence.title')}>
        {error ? <Alert>{errorText(error, t)}</Alert> : <Busy>{t('evidence.loading')}</Busy>}
      </Page>
    );
  }
  return <ItemView item={item} meta={opened.meta} org={org} reload={reload} />;
}

function ItemView({
  item,
  meta,
  org,
  reload,
}: {
  item: EvidenceItem;
  meta: ReturnType<typeof openItem>['meta'];
  org: BoxKeyPair;
  reload(): Promise<unknown>;
}) {
  const { t, dateTime } = useI18n();
  const memberName = useMemberName();
  const title = itemTitle(meta, t);
  const back = item.incidentId
    ? { href: `/app/incidents/${item.incidentId}`, label: t('evidence.backToIncident') }
    : { href: `/app/cases/${item.caseId ?? ''}`, label: t('evidence.backToCase') };
  const capture = meta?.capture;
  return (
    <Page title={title}>
      <p>
        <Link href={back.href}>{back.label}</Link>
      </p>
      {!meta ? <Alert>{t('evidence.keyFailed')}</Alert> : null}
      <dl className="facts report-facts">
        <Fact label={t('evidence.field.kind')}>
          {item.kind === 'capture' ? t('evidence.kind.capture') : t('evidence.kind.file')}
        </Fact>
        {meta && item.kind === 'file' ? (
          <Fact label={t('evidence.field.originalName')}>
            <span data-testid="original-name">{meta.originalName}</span>
          </Fact>
        ) : null}
        {meta && item.kind === 'file' ? (
          <Fact label={t('evidence.field.type')}>
            {meta.files.find((f) => f.role === 'original')?.mediaType ?? '—'}
            {meta.typeMismatch ? (
              <>
                {' '}
                <span className="badge evidence-badge badge-warning" data-testid="type-mismatch">
                  {t('evidence.mismatchBadge')}
                </span>
              </>
            ) : null}
          </Fact>
        ) : null}
        <Fact label={t('evidence.field.collected')}>
          {t('evidence.collected', {
            who: collectorName(item, memberName),
            date: dateTime(item.collectedAt),
          })}
        </Fact>
        {meta?.obtainedAt ? (
          <Fact label={t('evidence.field.obtainedAt')}>{meta.obtainedAt}</Fact>
        ) : null}
        <Fact label={t('evidence.field.integrity')}>
          <IntegrityBadge status={item.integrityStatus} />
          {item.integrityCheckedAt ? ` ${dateTime(item.integrityCheckedAt)}` : null}
        </Fact>
        <Fact label={t('evidence.field.timestamp')}>
          <TimestampBadge item={item} />
        </Fact>
        {item.manifestDigest ? (
          <Fact label={t('evidence.field.manifestDigest')}>
            <code data-testid="manifest-digest">{item.manifestDigest}</code>
          </Fact>
        ) : null}
      </dl>
      {meta?.typeMismatch ? (
        <Alert kind="warning">
          {t('evidence.mismatchExplained', { type: meta.declaredType || '—' })}
        </Alert>
      ) : null}
      {meta?.description ? (
        <section aria-labelledby="evidence-description" className="section">
          <h2 id="evidence-description">{t('evidence.field.description')}</h2>
          <p className="pre-wrap" data-testid="evidence-description">
            {meta.description}
          </p>
        </section>
      ) : null}
      {capture ? (
        <section aria-labelledby="evidence-capture-facts" className="section">
          <h2 id="evidence-capture-facts">{t('evidence.captureFacts')}</h2>
          <dl className="facts">
            <Fact label={t('evidence.capture.requestedUrl')}>
              <code className="evidence-url">{capture.requestedUrl}</code>
            </Fact>
            <Fact label={t('evidence.capture.finalUrl')}>
              <code className="evidence-url" data-testid="capture-final-url">
                {capture.finalUrl}
              </code>
            </Fact>
            <Fact label={t('evidence.capture.status')}>
              <span data-testid="capture-status">{capture.status}</span>
            </Fact>
            <Fact label={t('evidence.capture.capturedAt')}>{dateTime(capture.capturedAt)}</Fact>
            <Fact label={t('evidence.capture.pageTitle')}>{capture.title || '—'}</Fact>
            <Fact label={t('evidence.capture.tls')}>
              {capture.tlsValid === null
                ? t('evidence.capture.tlsNone')
                : capture.tlsValid
                  ? t('evidence.capture.tlsValid', { count: capture.tlsChainPem.length })
                  : t('evidence.capture.tlsInvalid')}
            </Fact>
            {capture.redirects.length > 0 ? (
              <Fact label={t('evidence.capture.redirects')}>
                <ol className="plain">
                  {capture.redirects.map((r, i) => (
                    <li key={i}>
                      {r.status} <code className="evidence-url">{r.url}</code>
                    </li>
                  ))}
                </ol>
              </Fact>
            ) : null}
          </dl>
        </section>
      ) : null}
      {meta ? <FilesTable item={item} meta={meta} org={org} /> : null}
      {meta ? <VerifySection item={item} meta={meta} org={org} onVerified={reload} /> : null}
      <TimestampsSection item={item} />
      <CustodySection item={item} title={title} />
      <DeleteItem item={item} backTo={back.href} />
    </Page>
  );
}

function TimestampsSection({ item }: { item: EvidenceItem }) {
  const { t, dateTime } = useI18n();
  return (
    <section aria-labelledby="evidence-timestamps" className="section">
      <h2 id="evidence-timestamps">{t('evidence.timestamps.title')}</h2>
      {item.timestamps.length === 0 ? (
        <p className="muted">{t('evidence.timestamps.none')}</p>
      ) : (
        <ul className="link-list">
          {item.timestamps.map((stamp) => (
            <li key={stamp.id} data-testid="timestamp-entry">
              {t('evidence.timestamps.entry', {
                date: dateTime(stamp.genTime),
                serial: stamp.serialNumber,
                tsa: stamp.tsaUrl,
              })}{' '}
              <span
                className={
                  stamp.verified
                    ? 'badge evidence-badge badge-active'
                    : 'badge evidence-badge badge-warning'
                }
              >
                {stamp.verified
                  ? t('evidence.timestamps.verified')
                  : t('evidence.timestamps.notVerified')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
