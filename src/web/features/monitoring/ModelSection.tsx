// The organisation's own model: which model labels new comments, how many reviewed labels
// there are, and "retrain from our reviewed labels" with the figures the server answers
// (held-out F1 of our model and of the shipped one, and whether ours is now in use).
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { monitoringApi, type ModelStatus } from './api.ts';

export function ModelSection() {
  const { t } = useI18n();
  const session = useSession();
  const [status, setStatus] = useState<ModelStatus | null>(null);
  const [retrained, setRetrained] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    monitoringApi.model().then(setStatus, setError);
  }, []);

  const retrain = async () => {
    setBusy(true);
    setError(null);
    try {
      setStatus(await monitoringApi.retrain());
      setRetrained(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const min = status?.minimumPerClass ?? 20;
  const trained = status?.organisationModel ?? null;
  return (
    <section aria-labelledby="monitoring-model" className="monitoring-section">
      <h2 id="monitoring-model">{t('monitoring.model.title')}</h2>
      {status ? (
        <p data-testid="model-status">
          {t('monitoring.model.status', {
            version: status.activeVersion,
            count: status.reviewedLabels,
          })}
        </p>
      ) : null}
      <p className="hint">{t('monitoring.model.hint', { min })}</p>
      {trained && (retrained || trained.inUse) ? (
        <Alert kind={trained.inUse ? 'success' : 'info'}>
          <span data-testid="retrain-result">
            {t('monitoring.model.result', {
              examples: trained.examples,
              seconds: trained.trainingSeconds.toFixed(1),
              heldOut: trained.heldOut,
              ours: trained.organisationQuality.f1.toFixed(2),
              shipped: trained.shippedQuality.f1.toFixed(2),
            })}{' '}
            {t(trained.inUse ? 'monitoring.model.inUse' : 'monitoring.model.notInUse')}
          </span>
        </Alert>
      ) : null}
      {error ? (
        <Alert>
          {error instanceof ApiError && error.code === 'not_enough_labels'
            ? t('monitoring.error.notEnoughLabels', { min })
            : errorText(error, t)}
        </Alert>
      ) : null}
      {session.can('monitoring.review') ? (
        <div className="actions">
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => void retrain()}
          >
            {t('monitoring.model.retrain')}
          </button>
        </div>
      ) : null}
      {busy ? <Busy>{t('monitoring.model.retraining')}</Busy> : null}
    </section>
  );
}
