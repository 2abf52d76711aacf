// Who can be assigned to a case or own a task, with names decrypted in this tab. The
// member list needs `members.read`; without it the member still knows themself.
import { useEffect, useMemo, useState } from 'react';
import { ROLE_PERMISSIONS } from '../../../common/policy/permissions.ts';
import { api, type MemberView } from '../../api/endpoints.ts';
import type { I18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { shortId } from '../../components/ui.tsx';
import { openText } from '../../lib/keys.ts';

export interface CaseMember {
  id: string;
  /** Null while locked or when the sealed name does not open. */
  name: string | null;
  me: boolean;
}

export interface CaseMembers {
  /** Active members who may read cases, me first. */
  candidates: CaseMember[];
  byId: Map<string, CaseMember>;
}

export function useCaseMembers(): CaseMembers {
  const session = useSession();
  const canList = session.can('members.read');
  const [members, setMembers] = useState<MemberView[] | null>(null);
  useEffect(() => {
    if (!canList) return;
    let cancelled = false;
    api.members().then(
      (result) => {
        if (!cancelled) setMembers(result.members);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [canList]);
  const org = session.keys?.org ?? null;
  const me = session.me;
  return useMemo(() => {
    const byId = new Map<string, CaseMember>();
    const candidates: CaseMember[] = [];
    if (me) {
      const self = { id: me.member.id, name: openText(org, me.member.displayNameSealed), me: true };
      byId.set(self.id, self);
      candidates.push(self);
    }
    for (const m of members ?? []) {
      if (byId.has(m.id)) continue;
      const member = { id: m.id, name: openText(org, m.displayNameSealed), me: false };
      byId.set(m.id, member);
      if (m.status === 'active' && ROLE_PERMISSIONS[m.role].includes('cases.read')) {
        candidates.push(member);
      }
    }
    return { candidates, byId };
  }, [members, me, org]);
}

export function memberLabel(id: string | null, members: CaseMembers, t: I18n['t']): string {
  if (id === null) return t('cases.nobody');
  const known = members.byId.get(id);
  if (known?.me) return known.name ? t('cases.me', { name: known.name }) : t('cases.meLocked');
  if (known?.name) return known.name;
  return t('cases.otherMember', { id: shortId(id) });
}
