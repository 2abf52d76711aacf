// A record's versions: who changed which fields and when, with the values before and
// after — sealed ones opened here with the record key — and "restore this version".
import { useState } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import type { SealedTable } from '../../../common/records/contexts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { recordsApi, type RecordPath, type RecordVersion, type VersionList } from './api.ts';
import { ConfirmAction } from './Confirm.tsx';
import { FIELD_META } from './labels.ts';
import { forgetKey, openKey, tryOpenText } from './sealed-fields.ts';
import { useMemberName } from './shared.tsx';
import { valueText, type ValueContext } from './values.ts';

/** Before/after texts of each changed field of every version, opened once. */
export interface OpenedVersion {
  version: RecordVersion;
  changes: { field: string; before: string; after: string }[];
}

/**
 * Opens a version list: for each version, the fields it changed with their value in the
 * previous version and in this one. `versions` is newest first, as the API sends it.
 */
export function openVersions(
  list: VersionList,
  org: BoxKeyPair,
  table: SealedTable,
  recordId: string,
  ctx: Omit<ValueContext, 'open'>,
): OpenedVersion[] {
  let key: Uint8Array | null = null;
  try {
    key = openKey(list.sealedRecordKey, org);
  } catch {
    key = null;
  }
  try {
    const open = (column: string, sealed: string) =>
      tryOpenText(key, { table, column, recordId }, sealed).text;
    const full: ValueContext = { ...ctx, open };
    const versions = list.versions;
    return versions.map((version, i) => {
      const previous = versions[i + 1];
      return {
        version,
        changes: version.changedFields.map((field) => ({
          field,
          before: previous
            ? valueText(field, FIELD_META[field], previous.snapshot[field], full)
            : '',
          after: valueText(field, FIELD_META[field], version.snapshot[field], full),
        })),
      };
    });
  } finally {
    forgetKey(key);
  }
}

export function HistoryPanel({
  record,
  table,
  currentVersion,
  people,
  onRestored,
  canRestore,
}: {
  record: RecordPath;
  table: SealedTable;
  currentVersion: number;
  people: ValueContext['people'];
  onRestored: () => Promise<void> | void;
  canRestore: boolean;
}) {
  const { t, locale, dateTime } = useI18n();
  const session = useSession();
  const memberName = useMemberName();
  const org = session.keys?.org ?? null;
  const [versions, setVersions] = useState<OpenedVersion[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = async () => {
    if (!org) return;
    setError(null);
    try {
      const list = await recordsApi.history(record);
      setVersions(openVersions(list, org, table, record.id, { t, locale, people }));
    } catch (caught) {
      setError(caught);
    }
  };

  const restore = async (version: number) => {
    setError(null);
    try {
      await recordsApi.restore(record, version, currentVersion);
      setNotice(t('history.restored', { version }));
      await onRestored();
      await load();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <details
      className="history-panel"
      onToggle={(e) => {
        if (e.currentTarget.open && versions === null) void load();
      }}
    >
      <summary>{t('history.title')}</summary>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {versions === null ? (
        error ? null : (
          <Busy>{t('history.loading')}</Busy>
        )
      ) : (
        <ol className="history-list" data-testid="history-list">
          {versions.map(({ version: v, changes }) => (
            <li key={v.version} data-testid="history-version" data-version={v.version}>
              <h3>
                {t('history.version', { version: v.version })} ·{' '}
                {v.changeKind === 'restore'
                  ? t('history.restore', { version: v.restoredFrom ?? '?' })
                  : t(v.changeKind === 'create' ? 'history.create' : 'history.update')}
              </h3>
              <p className="hint">
                {t('history.byOn', { member: memberName(v.memberId), date: dateTime(v.changedAt) })}
              </p>
              {v.changeKind !== 'create' && changes.length > 0 ? (
                <dl className="history-changes">
                  {changes.map((c) => (
                    <div key={c.field}>
                      <dt>{t(FIELD_META[c.field]?.label ?? 'records.field.notes')}</dt>
                      <dd>
                        <span className="history-before">
                          <span className="visually-hidden">{t('history.before')}: </span>
                          <del className="pre-wrap">{c.before || t('history.empty')}</del>
                        </span>{' '}
                        →{' '}
                        <span className="history-after">
                          <span className="visually-hidden">{t('history.after')}: </span>
                          <ins className="pre-wrap">{c.after || t('history.empty')}</ins>
                        </span>
                      </dd>
                    </div>
                  ))}
                </dl>
              ) : null}
              {v.version === currentVersion ? (
                <p className="badge badge-active">{t('history.current')}</p>
              ) : canRestore ? (
                <ConfirmAction
                  label={t('history.restoreButton')}
                  question={t('history.restoreConfirm', { version: v.version })}
                  confirmLabel={t('history.restoreButton')}
                  onConfirm={() => restore(v.version)}
                />
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
