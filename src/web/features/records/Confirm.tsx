// An action that asks first, in the page (no browser dialog): the question and two
// buttons appear in place of the action button.
import { useState, type ReactNode } from 'react';
import { useI18n } from '../../app/i18n.tsx';

export function ConfirmAction({
  label,
  question,
  confirmLabel,
  onConfirm,
  danger,
  disabled,
}: {
  label: string;
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  danger?: boolean;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className={danger ? 'button danger' : 'button secondary'}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <div
      className={danger ? 'alert alert-warning confirm' : 'alert alert-info confirm'}
      role="alertdialog"
      aria-label={label}
    >
      <p>{question}</p>
      <div className="actions">
        <button
          type="button"
          className={danger ? 'button danger' : 'button'}
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void Promise.resolve(onConfirm()).finally(() => {
              setBusy(false);
              setAsking(false);
            });
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button secondary" onClick={() => setAsking(false)}>
          {t('records.cancel')}
        </button>
      </div>
    </div>
  );
}
