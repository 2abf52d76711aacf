import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, type MemberView } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { openText } from '../../lib/keys.ts';
import { InvitationsSection } from './InvitationsSection.tsx';
import { MemberCard, type DecryptedNames } from './MemberCard.tsx';

export function MembersPage() {
  const { t } = useI18n();
  const session = useSession();
  const [members, setMembers] = useState<MemberView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const org = session.keys?.org ?? null;

  const load = useCallback(() => {
    api.members().then((result) => setMembers(result.members), setError);
  }, []);
  useEffect(load, [load]);

  // Decrypted in this tab only, and only while the organisation key is unlocked.
  const names = useMemo(() => {
    const map = new Map<string, DecryptedNames>();
    for (const m of members ?? []) {
      map.set(m.id, {
        name: openText(org, m.displayNameSealed),
        email: openText(org, m.emailSealed),
      });
    }
    return map;
  }, [members, org]);

  const replace = (updated: MemberView, message: string) => {
    setNotice(message);
    setMembers((current) => current?.map((m) => (m.id === updated.id ? updated : m)) ?? null);
    if (updated.status === 'active') void session.refresh().catch(() => undefined);
  };

  const pending = members?.filter((m) => m.status === 'pending') ?? [];
  const others = members?.filter((m) => m.status !== 'pending') ?? [];
  const none: DecryptedNames = { name: null, email: null };

  return (
    <Page title={t('members.title')} wide>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {!members ? (
        error ? null : (
          <Busy>{t('common.loading')}</Busy>
        )
      ) : (
        <>
          {pending.length > 0 ? (
            <section aria-labelledby="pending-heading" className="section">
              <h2 id="pending-heading">{t('members.pendingTitle', { count: pending.length })}</h2>
              <ul className="cards">
                {pending.map((m) => (
                  <MemberCard
                    key={m.id}
                    member={m}
                    names={names.get(m.id) ?? none}
                    onChange={replace}
                  />
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="members-heading" className="section">
            <h2 id="members-heading">{t('members.allTitle')}</h2>
            <ul className="cards">
              {others.map((m) => (
                <MemberCard
                  key={m.id}
                  member={m}
                  names={names.get(m.id) ?? none}
                  onChange={replace}
                />
              ))}
            </ul>
          </section>
        </>
      )}
      {session.can('invitations.manage') ? <InvitationsSection /> : null}
    </Page>
  );
}
