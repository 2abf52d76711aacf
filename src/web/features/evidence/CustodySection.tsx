// An item's chain of custody: every upload, capture, view, download, export, verification,
// timestamp and integrity check, from the audit hash chain, with the SHA-256 of the
// ciphertext each one concerned. Printable on its own (the print stylesheet keeps only
// .print-area).
import { useState } from 'react';
import { CUSTODY_ACTIONS, type CustodyAction } from '../../../common/evidence/vocabulary.ts';
import type { TranslationKey } from '../../../common/i18n/index.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { useMemberName } from '../records/shared.tsx';
import { evidenceApi, type CustodyEntry, type CustodyReport, type EvidenceItem } from './api.ts';
import { roleLabel } from './shared.tsx';

const ACTION_KEYS: Record<CustodyAction, TranslationKey> = {
  'evidence.uploaded': 'evidence.custody.action.uploaded',
  'evidence.captured': 'evidence.custody.action.captured',
  'evidence.viewed': 'evidence.custody.action.viewed',
  'evidence.downloaded': 'evidence.custody.action.downloaded',
  'evidence.exported': 'evidence.custody.action.exported',
  'evidence.verified': 'evidence.custody.action.verified',
  'evidence.timestamped': 'evidence.custody.action.timestamped',
  'evidence.integrity_checked': 'evidence.custody.action.integrity_checked',
  'evidence.deleted': 'evidence.custody.action.deleted',
};

function isCustodyAction(action: string): action is CustodyAction {
  return (CUSTODY_ACTIONS as readonly string[]).includes(action);
}

/** Recorded fields worth showing (purpose, result, failures, package digest, serial). */
function details(entry: CustodyEntry): string {
  const shown: string[] = [];
  for (const name of [
    'purpose',
    'result',
    'failures',
    'packageManifestSha256',
    'timestampSerial',
  ]) {
    const value = entry.fields[name];
    if (value === undefined || value === null || value === '') continue;
    const text = Array.isArray(value) ? value.map(String).join(', ') : String(value as string);
    if (text !== '') shown.push(`${name}: ${text}`);
  }
  return shown.join('; ');
}

export function CustodySection({ item, title }: { item: EvidenceItem; title: string }) {
  const { t } = useI18n();
  const [report, setReport] = useState<CustodyReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      setReport(await evidenceApi.custody(item.id));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="evidence-custody" className="section">
      <h2 id="evidence-custody">{t('evidence.custody.title')}</h2>
      <p className="hint">{t('evidence.custody.hint')}</p>
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          disabled={busy}
          onClick={() => void load()}
        >
          {report ? t('evidence.custody.refresh') : t('evidence.custody.show')}
        </button>
      </div>
      {busy ? <Busy>{t('evidence.loading')}</Busy> : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {report ? <CustodyTable report={report} title={title} /> : null}
    </section>
  );
}

function CustodyTable({ report, title }: { report: CustodyReport; title: string }) {
  const { t, dateTime } = useI18n();
  const memberName = useMemberName();
  const columns = {
    at: t('evidence.custody.at'),
    action: t('evidence.custody.action'),
    who: t('evidence.custody.who'),
    file: t('evidence.custody.file'),
    hash: t('evidence.custody.ciphertextSha256'),
    details: t('evidence.custody.details'),
  };
  return (
    <div className="print-area" data-testid="custody-report">
      <h3 className="print-only">{t('evidence.custody.printTitle', { title })}</h3>
      <p className="print-only">
        {t('evidence.custody.itemId', { id: report.itemId })} ·{' '}
        {t('evidence.custody.generated', { date: dateTime(report.generatedAt) })}
      </p>
      <Alert kind={report.chainIntact ? 'success' : 'error'}>
        <span data-testid="custody-chain">
          {report.chainIntact
            ? t('evidence.custody.chainIntact')
            : t('evidence.custody.chainBroken')}
        </span>
      </Alert>
      <table className="table stack evidence-custody">
        <caption className="visually-hidden">{t('evidence.custody.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.at}</th>
            <th scope="col">{columns.action}</th>
            <th scope="col">{columns.who}</th>
            <th scope="col">{columns.file}</th>
            <th scope="col">{columns.hash}</th>
            <th scope="col">{columns.details}</th>
          </tr>
        </thead>
        <tbody>
          {report.entries.map((entry) => (
            <tr key={entry.seq} data-testid="custody-entry" data-action={entry.action}>
              <td data-label={columns.at}>{dateTime(entry.at)}</td>
              <td data-label={columns.action}>
                {isCustodyAction(entry.action) ? t(ACTION_KEYS[entry.action]) : entry.action}
              </td>
              <td data-label={columns.who}>
                {entry.actorMemberId
                  ? memberName(entry.actorMemberId)
                  : (entry.actorName ?? t('evidence.custody.system'))}
              </td>
              <td data-label={columns.file}>{entry.role ? roleLabel(entry.role, t) : '—'}</td>
              <td data-label={columns.hash}>
                {entry.ciphertextSha256 ? <code>{entry.ciphertextSha256}</code> : '—'}
              </td>
              <td data-label={columns.details}>{details(entry) || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="no-print">
        <button type="button" className="button secondary" onClick={() => window.print()}>
          {t('common.print')}
        </button>
      </p>
    </div>
  );
}
