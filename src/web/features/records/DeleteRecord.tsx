// Deleting a record, for members who may (records.delete, admins): the record's key is
// destroyed on the server, so not even a backup taken afterwards can bring it back.
import { useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Alert } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { recordsApi, type RecordPath } from './api.ts';
import { ConfirmAction } from './Confirm.tsx';

export function DeleteRecord({
  record,
  onDeleted,
  label,
}: {
  record: RecordPath;
  onDeleted: () => void;
  label?: string;
}) {
  const { t } = useI18n();
  const session = useSession();
  const [error, setError] = useState<unknown>(null);
  if (!session.can('records.delete')) return null;
  return (
    <section className="danger-zone">
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      <ConfirmAction
        danger
        label={label ?? t('delete.button')}
        question={
          <>
            <strong>{t('delete.title')}</strong> {t('delete.warning')}
          </>
        }
        confirmLabel={t('delete.confirm')}
        onConfirm={async () => {
          try {
            await recordsApi.remove(record);
            onDeleted();
          } catch (caught) {
            setError(caught);
          }
        }}
      />
    </section>
  );
}
