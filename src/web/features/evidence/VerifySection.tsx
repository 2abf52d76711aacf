// "Verify now" on an item: decrypt and re-hash every file, check the hash manifest and the
// timestamps, show what each check found, and record the result in the custody log.
import { useState } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import type { SealedItemMeta } from '../../../common/evidence/item-crypto.ts';
import type { EvidenceFileRole } from '../../../common/evidence/vocabulary.ts';
import { EVIDENCE_FILE_ROLES } from '../../../common/evidence/vocabulary.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import type { EvidenceItem } from './api.ts';
import { roleLabel } from './shared.tsx';
import { verifyItem, type VerificationResult } from './verify.ts';

export function VerifySection({
  item,
  meta,
  org,
  onVerified,
}: {
  item: EvidenceItem;
  meta: SealedItemMeta;
  org: BoxKeyPair;
  onVerified(): Promise<unknown>;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<VerificationResult | null>(null);
  const subjectLabel = (subject: string) =>
    (EVIDENCE_FILE_ROLES as readonly string[]).includes(subject)
      ? roleLabel(subject as EvidenceFileRole, t)
      : subject === 'manifest'
        ? t('evidence.verify.manifest')
        : t('evidence.verify.timestamp');

  const verify = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await verifyItem(item, meta, org));
      await onVerified();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="evidence-verify" className="section">
      <h2 id="evidence-verify">{t('evidence.verify.title')}</h2>
      <p className="hint">{t('evidence.verify.hint')}</p>
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          disabled={busy}
          onClick={() => void verify()}
        >
          {t('evidence.verify.button')}
        </button>
      </div>
      {busy ? <Busy>{t('evidence.verify.working')}</Busy> : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {result ? (
        <>
          <Alert kind={result.ok ? 'success' : 'error'}>
            <span data-testid="verify-result">
              {result.ok ? t('evidence.verify.pass') : t('evidence.verify.fail')}
            </span>
          </Alert>
          <ul className="plain evidence-checks">
            {result.checks.map((check, i) => (
              <li key={i} className={check.ok ? 'check check-ok' : 'check check-bad'}>
                {subjectLabel(check.subject)}:{' '}
                {check.ok ? t('evidence.verify.checkOk') : check.failures.join(', ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
