// Who a report can be assigned to, with names decrypted in this tab. The member list needs
// `members.read`; a member without it (a case worker) still knows themself, so they can
// take a report or let it go.
import { useEffect, useMemo, useState } from 'react';
import { ROLE_PERMISSIONS } from '../../../common/policy/permissions.ts';
import { api, type MemberView } from '../../api/endpoints.ts';
import { useSession } from '../../app/session.tsx';
import { openText } from '../../lib/keys.ts';

export interface Assignee {
  id: string;
  /** Null while locked or when the sealed name does not open. */
  name: string | null;
  me: boolean;
}

export interface Assignees {
  /** Active members who may read reports, me first. */
  candidates: Assignee[];
  byId: Map<string, Assignee>;
  /** Whether the whole member list could be read (else only "me"). */
  complete: boolean;
}

export function useAssignees(): Assignees {
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
      // Without the list the page still works with "me" and "unassigned".
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [canList]);

  const org = session.keys?.org ?? null;
  const me = session.me;
  return useMemo(() => {
    const byId = new Map<string, Assignee>();
    const candidates: Assignee[] = [];
    if (me) {
      const self = { id: me.member.id, name: openText(org, me.member.displayNameSealed), me: true };
      byId.set(self.id, self);
      candidates.push(self);
    }
    for (const m of members ?? []) {
      if (byId.has(m.id)) continue;
      const member = { id: m.id, name: openText(org, m.displayNameSealed), me: false };
      // Everyone is named (a report may stay assigned to someone who has left); only active
      // members who may read reports can be given one.
      byId.set(m.id, member);
      if (m.status === 'active' && ROLE_PERMISSIONS[m.role].includes('reports.read')) {
        candidates.push(member);
      }
    }
    return { candidates, byId, complete: members !== null };
  }, [members, me, org]);
}
