// The case's title and goal: edit them (re-encrypted here under the case key), see what
// someone else saved meanwhile (409 edit_conflict: nothing was written, the member's text
// is kept, theirs is shown beside it, and the member re-applies or drops theirs), and the
// version history with old sealed values decrypted in this tab and a restore button.
import { useState, type FormEvent } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import type { MessageKey } from '../../../common/i18n/index.ts';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { TextAreaField, TextField } from '../../components/fields.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { casesApi, type CaseDetail, type VersionEntry } from './api.ts';
import { openCase, withCaseKey, type OpenedCase } from './decrypt.ts';
import { memberLabel, type CaseMembers } from './members.ts';
import { GOAL_MAX, TITLE_MAX } from './NewCasePage.tsx';
import { openField, sealField, textOf } from './sealing.ts';
import { SealedText } from './shared.tsx';

interface Conflict {
  /** What is saved now, by someone else. */
  theirs: { title: string | null; goal: string | null };
}

export function CaseEditSection({
  detail,
  opened,
  org,
  members,
  reload,
}: {
  detail: CaseDetail;
  opened: OpenedCase;
  org: BoxKeyPair;
  members: CaseMembers;
  reload(): Promise<CaseDetail | null>;
}) {
  const { t } = useI18n();
  const session = useSession();
  const canWrite = session.can('cases.write') && opened.keyOpened;
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState('');
  const [goal, setGoal] = useState('');
  const [baseVersion, setBaseVersion] = useState(detail.case.version);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [titleError, setTitleError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = () => {
    setTitle(textOf(opened.title) ?? '');
    setGoal(textOf(opened.goal) ?? '');
    setBaseVersion(detail.case.version);
    setConflict(null);
    setNotice(null);
    setEditing(true);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const nextTitle = title.trim();
    if (nextTitle === '') return setTitleError(t('cases.new.titleRequired'));
    if (nextTitle.length > TITLE_MAX)
      return setTitleError(t('validation.tooLong', { max: TITLE_MAX }));
    setTitleError(undefined);
    const c = detail.case;
    setBusy(true);
    try {
      const body = withCaseKey(c.sealedRecordKey, org, (key) => ({
        expectedVersion: baseVersion,
        // Only what changed is sent again: an unchanged envelope is not a change in history.
        ...(nextTitle !== textOf(opened.title) && {
          sealedTitle: sealField(key, 'cases', 'sealed_title', c.id, nextTitle),
        }),
        ...(goal.trim() !== (textOf(opened.goal) ?? '') && {
          sealedGoal:
            goal.trim() === '' ? null : sealField(key, 'cases', 'sealed_goal', c.id, goal.trim()),
        }),
      }));
      if (Object.keys(body).length === 1) {
        setEditing(false);
        setNotice(t('cases.edit.unchanged'));
        return;
      }
      await casesApi.update(c.id, body);
      setEditing(false);
      setConflict(null);
      setNotice(t('cases.edit.saved'));
      await reload();
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'edit_conflict') {
        const fresh = await reload();
        if (fresh) {
          const now = openCase(fresh, org);
          setConflict({ theirs: { title: textOf(now.title), goal: textOf(now.goal) } });
          setBaseVersion(fresh.case.version);
        }
      } else {
        setError(caught);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="case-about" className="section">
      <h2 id="case-about">{t('cases.about')}</h2>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {!editing ? (
        <>
          <dl className="facts facts-stacked">
            <div>
              <dt>{t('cases.field.title')}</dt>
              <dd>
                <SealedText
                  value={opened.title}
                  empty={t('cases.untitled')}
                  testId="case-page-title"
                />
              </dd>
            </div>
            <div>
              <dt>{t('cases.field.goal')}</dt>
              <dd className="written-text">
                <SealedText value={opened.goal} empty={t('cases.noGoal')} />
              </dd>
            </div>
          </dl>
          {canWrite ? (
            <div className="actions">
              <button type="button" className="button secondary" onClick={start}>
                {t('cases.edit.start')}
              </button>
            </div>
          ) : null}
        </>
      ) : (
        <form className="form" noValidate onSubmit={(e) => void save(e)}>
          {conflict ? (
            <div className="alert alert-warning" role="alert">
              <p>{t('cases.edit.conflict')}</p>
              <dl className="facts facts-stacked">
                <div>
                  <dt>{t('cases.edit.theirTitle')}</dt>
                  <dd data-testid="conflict-theirs">
                    {conflict.theirs.title ?? t('cases.sealed.unreadable')}
                  </dd>
                </div>
                <div>
                  <dt>{t('cases.edit.theirGoal')}</dt>
                  <dd>{conflict.theirs.goal || t('cases.noGoal')}</dd>
                </div>
              </dl>
              <p>{t('cases.edit.conflictHow')}</p>
            </div>
          ) : null}
          <TextField
            label={conflict ? t('cases.edit.yourTitle') : t('cases.field.title')}
            value={title}
            maxLength={TITLE_MAX}
            error={titleError}
            onChange={(e) => setTitle(e.target.value)}
          />
          <TextAreaField
            label={conflict ? t('cases.edit.yourGoal') : t('cases.field.goal')}
            value={goal}
            maxLength={GOAL_MAX}
            rows={4}
            onChange={(e) => setGoal(e.target.value)}
          />
          {error ? <Alert>{errorText(error, t)}</Alert> : null}
          {busy ? <Busy>{t('common.saving')}</Busy> : null}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {conflict ? t('cases.edit.reapply') : t('common.save')}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => {
                setEditing(false);
                setConflict(null);
              }}
            >
              {conflict ? t('cases.edit.keepTheirs') : t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <HistoryPanel
        detail={detail}
        org={org}
        members={members}
        canWrite={canWrite}
        reload={reload}
      />
    </section>
  );
}

/** The words for a changed field of a case (column or API name); others show as named. */
const FIELD_LABEL: Record<string, MessageKey> = {
  sealed_title: 'cases.field.title',
  sealedTitle: 'cases.field.title',
  sealed_goal: 'cases.field.goal',
  sealedGoal: 'cases.field.goal',
  status: 'cases.field.status',
  outcome: 'cases.field.outcome',
  restricted: 'cases.field.restricted',
  central_person_id: 'cases.field.centralPerson',
  centralPersonId: 'cases.field.centralPerson',
  contact_alert_days: 'cases.field.alertDays',
  contactAlertDays: 'cases.field.alertDays',
};

/** A sealed value of a snapshot, under either naming the server may use. */
function snapshotSealed(snapshot: Record<string, unknown>, api: string, column: string) {
  const value = snapshot[api] ?? snapshot[column];
  return typeof value === 'string' ? value : null;
}

function HistoryPanel({
  detail,
  org,
  members,
  canWrite,
  reload,
}: {
  detail: CaseDetail;
  org: BoxKeyPair;
  members: CaseMembers;
  canWrite: boolean;
  reload(): Promise<CaseDetail | null>;
}) {
  const { t, dateTime } = useI18n();
  const [versions, setVersions] = useState<VersionEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const c = detail.case;

  const load = () =>
    casesApi
      .versions(c.id)
      .then((r) => setVersions([...r.versions].sort((a, b) => b.version - a.version)), setError);

  const restore = async (version: number) => {
    setError(null);
    try {
      await casesApi.restore(c.id, version, c.version);
      setNotice(t('cases.history.restored', { version }));
      await reload();
      await load();
    } catch (caught) {
      setError(caught);
    }
  };

  const open = (sealed: string | null, column: string) =>
    withCaseKeyOrNull(c.sealedRecordKey, org, (key) =>
      openField(key, 'cases', column, c.id, sealed),
    );

  return (
    <details
      className="more-filters"
      onToggle={(e) => {
        if (e.currentTarget.open && versions === null) void load();
      }}
    >
      <summary>{t('cases.history.title')}</summary>
      <div className="more-filters-body">
        {error ? <Alert>{errorText(error, t)}</Alert> : null}
        {notice ? <Alert kind="success">{notice}</Alert> : null}
        {versions === null ? (
          error ? null : (
            <Busy>{t('common.loading')}</Busy>
          )
        ) : (
          <ol className="thread">
            {versions.map((v) => (
              <li key={v.version} className="message">
                <p className="message-head">
                  <strong>{t('cases.history.version', { version: v.version })}</strong>{' '}
                  <span className="muted">
                    {dateTime(v.changedAt)} · {memberLabel(v.memberId, members, t)}
                  </span>
                </p>
                <p className="hint">
                  {v.changeKind === 'restore' && v.restoredFrom !== null
                    ? t('cases.history.restoredFrom', { version: v.restoredFrom })
                    : t('cases.history.changed', {
                        fields:
                          v.changedFields
                            .map((f) => {
                              const key = FIELD_LABEL[f];
                              return key ? t(key) : f;
                            })
                            .join(', ') || '—',
                      })}
                </p>
                <p>
                  <SealedText
                    value={open(
                      snapshotSealed(v.snapshot, 'sealedTitle', 'sealed_title'),
                      'sealed_title',
                    )}
                    empty={t('cases.untitled')}
                  />
                </p>
                {canWrite && v.version !== c.version ? (
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => void restore(v.version)}
                  >
                    {t('cases.history.restore', { version: v.version })}
                  </button>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </div>
    </details>
  );
}

function withCaseKeyOrNull<T>(
  sealedRecordKey: string,
  org: BoxKeyPair,
  run: (key: Uint8Array | null) => T,
): T {
  try {
    return withCaseKey(sealedRecordKey, org, run);
  } catch {
    return run(null);
  }
}
