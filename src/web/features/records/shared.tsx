// Small pieces the records screens share: the member who made a change, a coded value's
// label, a fact row, the message for a locked tab.
import type { ReactNode } from 'react';
import type { Term } from '../../../common/records/vocabulary.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Alert, shortId } from '../../components/ui.tsx';
import { useAssignees } from '../reports/members.ts';
import { codeLabel } from './labels.ts';

/** "Aigerim" when the name opens, "You", or "Member 1a2b3c4d" (names are sealed). */
export function useMemberName(): (memberId: string | null) => string {
  const { t } = useI18n();
  const members = useAssignees();
  return (memberId) => {
    if (!memberId) return t('records.member', { id: '—' });
    const known = members.byId.get(memberId);
    if (known?.name) return known.me ? `${known.name} (${t('records.memberYou')})` : known.name;
    if (known?.me) return t('records.memberYou');
    return t('records.member', { id: shortId(memberId) });
  };
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function Tags({ terms, codes }: { terms: readonly Term[]; codes: readonly string[] }) {
  const { locale } = useI18n();
  if (codes.length === 0) return null;
  return (
    <ul className="tags">
      {codes.map((code) => (
        <li key={code} className="tag">
          {codeLabel(terms, code, locale)}
        </li>
      ))}
    </ul>
  );
}

/** Why sealed values are hidden: keys locked, or no organisation key yet. */
export function LockedNotice() {
  const { t } = useI18n();
  const session = useSession();
  if (session.keys?.org) return null;
  return (
    <Alert kind="info">{session.keys ? t('records.noOrgKey') : t('records.lockedNotice')}</Alert>
  );
}
