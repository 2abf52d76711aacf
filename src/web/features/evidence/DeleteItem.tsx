// Deleting an evidence item, for members who may (evidence.delete, administrators): its
// stored files and keys are destroyed on the server; the custody log keeps the deletion.
import { useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { navigate } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { Alert } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { ConfirmAction } from '../records/Confirm.tsx';
import { evidenceApi, type EvidenceItem } from './api.ts';

export function DeleteItem({ item, backTo }: { item: EvidenceItem; backTo: string }) {
  const { t } = useI18n();
  const session = useSession();
  const [error, setError] = useState<unknown>(null);
  if (!session.can('evidence.delete')) return null;
  return (
    <section className="danger-zone">
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      <ConfirmAction
        danger
        label={t('evidence.delete.button')}
        question={t('evidence.delete.question')}
        confirmLabel={t('evidence.delete.confirm')}
        onConfirm={async () => {
          try {
            await evidenceApi.remove(item.id);
            navigate(backTo, { replace: true });
          } catch (caught) {
            setError(caught);
          }
        }}
      />
    </section>
  );
}
