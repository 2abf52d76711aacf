// One member: decrypted name and e-mail (in this tab only), role, status, 2FA, key
// fingerprint; and, for an admin, approve / change role / disable.
import { useState, type FormEvent } from 'react';
import { role as roleSchema, ROLES, type Role } from '../../../common/api/accounts.ts';
import { createKeyGrant, fingerprint, fromB64, toB64 } from '../../../common/crypto/index.ts';
import { api, type MemberView } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { CheckboxField, SelectField } from '../../components/fields.tsx';
import { Alert, Busy, Fingerprint, shortId } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { MEMBER_STATUS_LABEL, ROLE_LABEL } from '../../lib/labels.ts';

export interface DecryptedNames {
  name: string | null;
  email: string | null;
}

type Panel = 'approve' | 'disable' | null;

export function MemberCard({
  member,
  names,
  onChange,
}: {
  member: MemberView;
  names: DecryptedNames;
  /** Called after a change, with a confirmation for the page to show: an approved card moves to another list and would lose its own. */
  onChange(updated: MemberView, message: string): void;
}) {
  const { t, date } = useI18n();
  const session = useSession();
  const [panel, setPanel] = useState<Panel>(null);
  const [matches, setMatches] = useState(false);
  const [matchError, setMatchError] = useState<string | null>(null);
  const [role, setRole] = useState<Role>(member.role);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const canManage = session.can('members.manage');
  const isMe = session.me?.member.id === member.id;
  const org = session.keys?.org ?? null;
  const locked = !session.keys;
  const label =
    names.name ??
    (locked
      ? t('members.lockedName', { id: shortId(member.id) })
      : t('members.unknownName', { id: shortId(member.id) }));
  // Computed here from the key that will receive the grant, not taken from the server.
  const localFingerprint = fingerprint(fromB64(member.publicKey));
  const fingerprintDiffers = localFingerprint !== member.fingerprint;

  const act = async (work: () => Promise<MemberView>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await work();
      setPanel(null);
      onChange(updated, message);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const approve = (event: FormEvent) => {
    event.preventDefault();
    if (!matches) {
      setMatchError(t('members.approveConfirmRequired'));
      return;
    }
    if (!org) return;
    void act(
      () =>
        api.approveMember(
          member.id,
          toB64(createKeyGrant(org.privateKey, fromB64(member.publicKey))),
        ),
      t('members.approved', { name: label }),
    );
  };

  const saveRole = (event: FormEvent) => {
    event.preventDefault();
    if (role === member.role) return;
    void act(() => api.changeRole(member.id, role), t('members.roleChanged', { name: label }));
  };

  return (
    <li className="card" data-testid="member-card" data-member-id={member.id}>
      <h3 className="card-title">
        {names.name ? <span>{names.name}</span> : <span className="muted">{label}</span>}
        {isMe ? <span className="badge">{t('members.you')}</span> : null}
      </h3>
      <dl className="facts">
        <div>
          <dt>{t('field.email')}</dt>
          <dd>{names.email ?? <span className="muted">{t('common.hiddenWhileLocked')}</span>}</dd>
        </div>
        <div>
          <dt>{t('field.role')}</dt>
          <dd>{t(ROLE_LABEL[member.role])}</dd>
        </div>
        <div>
          <dt>{t('members.status')}</dt>
          <dd>
            <span className={`badge badge-${member.status}`}>
              {t(MEMBER_STATUS_LABEL[member.status])}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('members.twoFactor')}</dt>
          <dd>{member.totpEnabled ? t('common.on') : t('common.off')}</dd>
        </div>
        <div>
          <dt>{t('members.joined')}</dt>
          <dd>{date(member.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('members.fingerprint')}</dt>
          <dd>
            <Fingerprint value={localFingerprint} testId="member-fingerprint" />
          </dd>
        </div>
      </dl>
      {fingerprintDiffers ? <Alert kind="warning">{t('members.fingerprintDiffers')}</Alert> : null}
      {member.status === 'active' && !member.hasKeyGrant ? (
        <Alert kind="warning">{t('members.noGrant')}</Alert>
      ) : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}

      {canManage && member.status === 'pending' && panel !== 'approve' ? (
        <div className="actions">
          {org ? (
            <button
              type="button"
              className="button"
              aria-label={t('members.approveLabel', { name: label })}
              onClick={() => {
                setMatches(false);
                setMatchError(null);
                setPanel('approve');
              }}
            >
              {t('members.approve')}
            </button>
          ) : (
            <p>
              {t('members.unlockToApprove')}{' '}
              <Link href="/app/unlock">{t('lock.bannerAction')}</Link>
            </p>
          )}
        </div>
      ) : null}

      {panel === 'approve' ? (
        <form onSubmit={approve} noValidate className="panel">
          <h4>{t('members.approveTitle', { name: label })}</h4>
          <p>{t('members.approveIntro', { name: label })}</p>
          <Fingerprint value={localFingerprint} />
          <CheckboxField
            label={t('members.approveConfirm', { name: label })}
            checked={matches}
            error={matchError}
            onChange={(e) => {
              setMatches(e.target.checked);
              setMatchError(null);
            }}
          />
          <p className="hint">{t('members.approveMismatch')}</p>
          {busy ? <Busy>{t('common.sending')}</Busy> : null}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('members.approveSubmit')}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => setPanel(null)}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}

      {canManage && !isMe && member.status === 'active' ? (
        <form onSubmit={saveRole} noValidate className="inline-form">
          <SelectField
            label={t('members.roleOf', { name: label })}
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
          <button
            type="submit"
            className="button secondary"
            disabled={busy || role === member.role}
          >
            {t('members.saveRole')}
          </button>
        </form>
      ) : null}

      {canManage && !isMe && member.status !== 'disabled' && panel !== 'approve' ? (
        panel === 'disable' ? (
          <div className="panel">
            <p>{t('members.disableConfirm', { name: label })}</p>
            {busy ? <Busy>{t('common.sending')}</Busy> : null}
            <div className="actions">
              <button
                type="button"
                className="button danger"
                disabled={busy}
                onClick={() =>
                  void act(
                    () => api.disableMember(member.id),
                    t('members.disabled', { name: label }),
                  )
                }
              >
                {t('members.disableSubmit')}
              </button>
              <button
                type="button"
                className="button secondary"
                disabled={busy}
                onClick={() => setPanel(null)}
              >
                {t('common.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <div className="actions">
            <button
              type="button"
              className="button link-button danger-text"
              aria-label={t('members.disableLabel', { name: label })}
              onClick={() => setPanel('disable')}
            >
              {t('members.disable')}
            </button>
          </div>
        )
      ) : null}
    </li>
  );
}
