// Tasks (owner, due date, reminder, done) and contacts with the person at the centre of
// the case (when, how, a sealed note), with the last-contact alert when it is overdue.
import { useState, type FormEvent } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import { CONTACT_CHANNELS, TASK_STATUSES } from '../../../common/cases/vocabulary.ts';
import { contactChannel } from '../../../common/api/cases.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { casesApi, type CaseDetail, type Task } from './api.ts';
import { daysSince, withCaseKey, type OpenedCase } from './decrypt.ts';
import { memberLabel, type CaseMembers } from './members.ts';
import { newId, sealField, sealOptional } from './sealing.ts';
import { SealedText, useLabel } from './shared.tsx';

/** A local date-time input value ('YYYY-MM-DDTHH:mm') as an ISO instant; null when empty. */
function toIso(local: string): string | null {
  if (local === '') return null;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

function nowLocal(): string {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
  return now.toISOString().slice(0, 16);
}

export function TasksSection({
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
  reload(): Promise<unknown>;
}) {
  const { t, dateTime } = useI18n();
  const session = useSession();
  const label = useLabel();
  const canWrite = session.can('cases.write') && opened.keyOpened;
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState(session.me?.member.id ?? '');
  const [due, setDue] = useState('');
  const [remind, setRemind] = useState('');
  const [titleError, setTitleError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const c = detail.case;

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    if (title.trim() === '') return setTitleError(t('cases.tasks.titleRequired'));
    setTitleError(undefined);
    setBusy(true);
    try {
      const taskId = newId();
      const sealedTitle = withCaseKey(c.sealedRecordKey, org, (key) =>
        sealField(key, 'tasks', 'sealed_title', taskId, title.trim()),
      );
      await casesApi.createTask(c.id, {
        id: taskId,
        sealedTitle,
        ownerMemberId: owner || null,
        dueAt: toIso(due),
        remindAt: toIso(remind),
      });
      setTitle('');
      setDue('');
      setRemind('');
      setNotice(t('cases.tasks.added'));
      await reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const setStatus = async (task: Task, status: 'open' | 'done') => {
    setError(null);
    try {
      await casesApi.updateTask(task.id, { expectedVersion: task.version, status });
      await reload();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section aria-labelledby="case-tasks" className="section">
      <h2 id="case-tasks">{t('cases.tasks.title')}</h2>
      {detail.tasks.length === 0 ? <p className="muted">{t('cases.tasks.none')}</p> : null}
      <ul className="notification-list">
        {detail.tasks.map((task) => {
          const fields = opened.tasks.get(task.id);
          return (
            <li key={task.id} className="notification" data-testid="case-task">
              <p className="notification-head">
                <span className={task.status === 'done' ? 'badge badge-off' : 'badge badge-active'}>
                  {label(TASK_STATUSES, task.status)}
                </span>
                {task.overdue ? (
                  <span className="badge badge-warning">{t('cases.tasks.overdue')}</span>
                ) : null}
                <SealedText value={fields?.title} testId="task-title" />
              </p>
              <p className="notification-meta">
                <span>{memberLabel(task.ownerMemberId, members, t)}</span>
                {task.dueAt ? (
                  <span>{t('cases.tasks.dueOn', { date: dateTime(task.dueAt) })}</span>
                ) : null}
                {task.remindAt ? (
                  <span>{t('cases.tasks.remindOn', { date: dateTime(task.remindAt) })}</span>
                ) : null}
              </p>
              {canWrite && task.status !== 'cancelled' ? (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => void setStatus(task, task.status === 'done' ? 'open' : 'done')}
                >
                  {task.status === 'done' ? t('cases.tasks.reopen') : t('cases.tasks.markDone')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {canWrite ? (
        <form className="form" noValidate onSubmit={(e) => void add(e)}>
          <h3>{t('cases.tasks.add')}</h3>
          <TextField
            label={t('cases.tasks.field.title')}
            value={title}
            maxLength={200}
            error={titleError}
            onChange={(e) => setTitle(e.target.value)}
          />
          <SelectField
            label={t('cases.tasks.field.owner')}
            value={owner}
            onChange={(e) => setOwner(e.target.value)}
          >
            <option value="">{t('cases.nobody')}</option>
            {members.candidates.map((m) => (
              <option key={m.id} value={m.id}>
                {memberLabel(m.id, members, t)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('cases.tasks.field.due')}
            type="datetime-local"
            value={due}
            onChange={(e) => setDue(e.target.value)}
          />
          <TextField
            label={t('cases.tasks.field.remind')}
            hint={t('cases.tasks.field.remindHint')}
            type="datetime-local"
            value={remind}
            onChange={(e) => setRemind(e.target.value)}
          />
          {busy ? <Busy>{t('common.saving')}</Busy> : null}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('cases.tasks.submit')}
            </button>
          </div>
        </form>
      ) : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {notice ? <Alert kind="success">{notice}</Alert> : null}
    </section>
  );
}

export function ContactsSection({
  detail,
  opened,
  org,
  reload,
}: {
  detail: CaseDetail;
  opened: OpenedCase;
  org: BoxKeyPair;
  reload(): Promise<unknown>;
}) {
  const { t, dateTime } = useI18n();
  const session = useSession();
  const label = useLabel();
  const canWrite = session.can('cases.write') && opened.keyOpened;
  const [when, setWhen] = useState(nowLocal);
  const [channel, setChannel] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ when?: string; channel?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const c = detail.case;
  const central = detail.people.find((p) => p.id === c.centralPersonId);
  const who = central?.codeName ?? t('cases.contact.thePerson');
  const days = daysSince(c.lastContactAt ?? c.createdAt);

  const record = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    const at = toIso(when);
    const parsed = contactChannel.safeParse(channel);
    const problems = {
      when: !at
        ? t('cases.contact.whenRequired')
        : new Date(at).getTime() > Date.now() + 60_000
          ? t('cases.contact.whenFuture')
          : undefined,
      channel: parsed.success ? undefined : t('cases.contact.channelRequired'),
    };
    setErrors(problems);
    if (problems.when || problems.channel || !at || !parsed.success) return;
    setBusy(true);
    try {
      const contactId = newId();
      const sealedNote = withCaseKey(c.sealedRecordKey, org, (key) =>
        sealOptional(key, 'case_contacts', 'sealed_note', contactId, note),
      );
      await casesApi.recordContact(c.id, {
        id: contactId,
        contactedAt: at,
        channel: parsed.data,
        sealedNote,
      });
      setNote('');
      setChannel('');
      setWhen(nowLocal());
      setNotice(t('cases.contact.recorded'));
      await reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="case-contacts" className="section">
      <h2 id="case-contacts">{t('cases.contact.title')}</h2>
      {c.contactOverdue ? (
        <Alert kind="warning">
          <span data-testid="contact-overdue">
            {t('cases.contact.overdue', { who, count: days })}
          </span>
        </Alert>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('cases.contact.last')}</dt>
          <dd data-testid="last-contact">
            {detail.lastContact
              ? `${dateTime(detail.lastContact.contactedAt)} · ${label(CONTACT_CHANNELS, detail.lastContact.channel)}`
              : t('cases.contact.never')}
          </dd>
        </div>
        {detail.lastContact ? (
          <div>
            <dt>{t('cases.contact.note')}</dt>
            <dd>
              <SealedText value={opened.lastContactNote} empty={t('cases.contact.noNote')} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('cases.contact.alertAfter')}</dt>
          <dd>{t('cases.contact.days', { count: c.effectiveContactAlertDays })}</dd>
        </div>
        <div>
          <dt>{t('cases.contact.dueBy')}</dt>
          <dd>{dateTime(c.contactDueAt)}</dd>
        </div>
      </dl>
      {canWrite ? (
        <form className="form" noValidate onSubmit={(e) => void record(e)}>
          <h3>{t('cases.contact.record')}</h3>
          <TextField
            label={t('cases.contact.when')}
            type="datetime-local"
            value={when}
            error={errors.when}
            onChange={(e) => setWhen(e.target.value)}
          />
          <SelectField
            label={t('cases.contact.channel')}
            value={channel}
            error={errors.channel}
            onChange={(e) => setChannel(e.target.value)}
          >
            <option value="">{t('cases.choose')}</option>
            {CONTACT_CHANNELS.map((ch) => (
              <option key={ch.code} value={ch.code}>
                {label(CONTACT_CHANNELS, ch.code)}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            label={t('cases.contact.note')}
            hint={t('cases.contact.noteHint')}
            value={note}
            rows={3}
            maxLength={4000}
            onChange={(e) => setNote(e.target.value)}
          />
          {busy ? <Busy>{t('common.saving')}</Busy> : null}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('cases.contact.submit')}
            </button>
          </div>
        </form>
      ) : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {notice ? <Alert kind="success">{notice}</Alert> : null}
    </section>
  );
}
