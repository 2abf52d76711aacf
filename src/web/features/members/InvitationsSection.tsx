// Invitation links: created here, shown once (only a hash is stored on the server),
// to be passed on through a channel the team trusts.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { role as roleSchema, ROLES, type Role } from '../../../common/api/accounts.ts';
import { api, type InvitationSummary } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { SelectField } from '../../components/fields.tsx';
import { Alert, Busy, CopyField } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { INVITATION_STATE_LABEL, ROLE_LABEL } from '../../lib/labels.ts';

interface Created {
  link: string;
  role: Role;
  expiresAt: string;
}

export function InvitationsSection() {
  const { t, dateTime } = useI18n();
  const [invitations, setInvitations] = useState<InvitationSummary[] | null>(null);
  const [role, setRole] = useState<Role>('case_worker');
  const [created, setCreated] = useState<Created | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api.invitations().then((result) => setInvitations(result.invitations), setError);
  }, []);
  useEffect(load, [load]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await api.createInvitation(role);
      setCreated({
        link: `${window.location.origin}/app/invite#${result.token}`,
        role: result.role,
        expiresAt: result.expiresAt,
      });
      load();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: string) => {
    setBusy(true);
    setError(null);
    try {
      await api.revokeInvitation(id);
      load();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="invitations-heading" className="section">
      <h2 id="invitations-heading">{t('invitations.title')}</h2>
      <p>{t('invitations.intro')}</p>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {created ? (
        <div className="panel panel-highlight">
          <h3>{t('invitations.createdTitle', { role: t(ROLE_LABEL[created.role]) })}</h3>
          <CopyField
            label={t('invitations.link')}
            value={created.link}
            testId="invite-link"
            hint={t('invitations.linkAdvice', { date: dateTime(created.expiresAt) })}
          />
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setCreated(null)}>
              {t('common.done')}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={(e) => void create(e)} noValidate className="inline-form">
          <SelectField
            label={t('invitations.role')}
            value={role}
            onChange={(e) => {
              const parsed = roleSchema.safeParse(e.target.value);
              if (parsed.success) setRole(parsed.data);
            }}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(ROLE_LABEL[r])}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button" disabled={busy}>
            {t('invitations.create')}
          </button>
        </form>
      )}
      <h3>{t('invitations.listTitle')}</h3>
      {!invitations ? (
        error ? null : (
          <Busy>{t('common.loading')}</Busy>
        )
      ) : invitations.length === 0 ? (
        <p className="muted">{t('invitations.none')}</p>
      ) : (
        <ul className="cards">
          {invitations.map((inv) => (
            <li key={inv.id} className="card" data-testid="invitation-card">
              <p className="card-title">
                {t(ROLE_LABEL[inv.role])}{' '}
                <span className={`badge badge-${inv.state}`}>
                  {t(INVITATION_STATE_LABEL[inv.state])}
                </span>
              </p>
              <dl className="facts">
                <div>
                  <dt>{t('invitations.created')}</dt>
                  <dd>{dateTime(inv.createdAt)}</dd>
                </div>
                <div>
                  <dt>{t('invitations.expires')}</dt>
                  <dd>{dateTime(inv.expiresAt)}</dd>
                </div>
              </dl>
              {inv.state === 'open' ? (
                <button
                  type="button"
                  className="button secondary"
                  disabled={busy}
                  aria-label={t('invitations.revokeLabel', {
                    role: t(ROLE_LABEL[inv.role]),
                    date: dateTime(inv.createdAt),
                  })}
                  onClick={() => void revoke(inv.id)}
                >
                  {t('invitations.revoke')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
