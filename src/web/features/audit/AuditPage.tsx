// The audit log: who did what, when. Events carry ids and field names, never sealed
// content; actors are shown by name only when the organisation key is unlocked here.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, type AuditEvent, type MemberView } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { Alert, Busy, Page, shortId } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { openText } from '../../lib/keys.ts';

const PAGE_SIZE = 50;

interface Filters {
  action: string;
  actor: string;
  object: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { action: '', actor: '', object: '', from: '', to: '' };

/** A yyyy-mm-dd from a date input, as the start or end of that day in local time. */
function dayBoundary(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function fieldValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
    return value.join(', ');
  return JSON.stringify(value);
}

interface Request {
  filters: Filters;
  /** Absent for the newest page; the `nextBefore` of the previous page for older ones. */
  before?: number;
}

export function AuditPage() {
  const { t, dateTime } = useI18n();
  const session = useSession();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [request, setRequest] = useState<Request>({ filters: EMPTY });
  const [loaded, setLoaded] = useState<{
    request: Request;
    events: AuditEvent[];
    nextBefore: number | null;
  } | null>(null);
  const [failed, setFailed] = useState<{ request: Request; error: unknown } | null>(null);
  const [members, setMembers] = useState<MemberView[]>([]);
  const org = session.keys?.org ?? null;
  const canReadMembers = session.can('members.read');
  const busy = loaded?.request !== request && failed?.request !== request;
  const events = loaded?.events ?? null;
  const nextBefore = loaded?.nextBefore ?? null;
  const error = failed?.request === request ? failed.error : null;

  useEffect(() => {
    if (canReadMembers)
      api.members().then(
        (r) => setMembers(r.members),
        () => undefined,
      );
  }, [canReadMembers]);

  const actorNames = useMemo(() => {
    const map = new Map<string, string>();
    for (const m of members) map.set(m.id, openText(org, m.displayNameSealed) ?? shortId(m.id));
    return map;
  }, [members, org]);

  useEffect(() => {
    let current = true;
    const { filters, before } = request;
    api
      .audit({
        action: filters.action.trim(),
        actor: filters.actor,
        object: filters.object.trim(),
        from: dayBoundary(filters.from, false),
        to: dayBoundary(filters.to, true),
        before,
        limit: PAGE_SIZE,
      })
      .then(
        (page) => {
          if (!current) return;
          setLoaded((previous) => ({
            request,
            // "Older" appends to what is shown; a new filter starts over.
            events:
              before === undefined ? page.events : [...(previous?.events ?? []), ...page.events],
            nextBefore: page.nextBefore,
          }));
        },
        (caught: unknown) => {
          if (current) setFailed({ request, error: caught });
        },
      );
    return () => {
      current = false;
    };
  }, [request]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setRequest({ filters: { ...draft } });
  };

  const set = (key: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const actorLabel = (id: string | null) =>
    id === null ? t('audit.system') : (actorNames.get(id) ?? shortId(id));

  return (
    <Page title={t('audit.title')} wide>
      <p>{t('audit.intro')}</p>
      {!org ? <Alert kind="info">{t('audit.lockedNotice')}</Alert> : null}
      <form onSubmit={apply} noValidate className="filters" aria-label={t('audit.filters')}>
        <TextField
          label={t('audit.action')}
          value={draft.action}
          autoCapitalize="none"
          spellCheck={false}
          hint={t('audit.actionHint')}
          onChange={(e) => set('action')(e.target.value)}
        />
        <SelectField
          label={t('audit.actor')}
          value={draft.actor}
          onChange={(e) => set('actor')(e.target.value)}
        >
          <option value="">{t('audit.anyone')}</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {actorNames.get(m.id) ?? shortId(m.id)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('audit.object')}
          value={draft.object}
          autoCapitalize="none"
          spellCheck={false}
          hint={t('audit.objectHint')}
          onChange={(e) => set('object')(e.target.value)}
        />
        <TextField
          label={t('audit.from')}
          type="date"
          value={draft.from}
          onChange={(e) => set('from')(e.target.value)}
        />
        <TextField
          label={t('audit.to')}
          type="date"
          value={draft.to}
          onChange={(e) => set('to')(e.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('audit.apply')}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => {
              setDraft(EMPTY);
              setRequest({ filters: EMPTY });
            }}
          >
            {t('audit.reset')}
          </button>
        </div>
      </form>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {events && events.length === 0 ? <p>{t('audit.none')}</p> : null}
      {events && events.length > 0 ? (
        <table className="table stack">
          <caption className="visually-hidden">{t('audit.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.who')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.object')}</th>
              <th scope="col">{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.seq}>
                <td data-label={t('audit.when')}>
                  <time dateTime={e.at}>{dateTime(e.at)}</time>
                </td>
                <td data-label={t('audit.who')}>{actorLabel(e.actorMemberId)}</td>
                <td data-label={t('audit.action')}>
                  <code>{e.action}</code>
                </td>
                <td data-label={t('audit.object')}>
                  {e.objectType ? <code>{e.objectType}</code> : null}{' '}
                  {e.objectId ? (
                    <span className="muted">
                      {e.objectType === 'member'
                        ? (actorNames.get(e.objectId) ?? shortId(e.objectId))
                        : shortId(e.objectId)}
                    </span>
                  ) : null}
                </td>
                <td data-label={t('audit.details')}>
                  {Object.keys(e.fields).length > 0 ? (
                    <ul className="plain">
                      {Object.entries(e.fields).map(([key, value]) => (
                        <li key={key}>
                          <code>{key}</code>: {fieldValue(value)}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {busy ? <Busy>{t('common.loading')}</Busy> : null}
      {nextBefore !== null && !busy ? (
        <div className="actions">
          <button
            type="button"
            className="button secondary"
            onClick={() => setRequest({ filters: request.filters, before: nextBefore })}
          >
            {t('audit.older')}
          </button>
        </div>
      ) : null}
    </Page>
  );
}
