import type { I18n } from '../../app/i18n.tsx';
import { shortId } from '../../components/ui.tsx';
import type { Assignees } from './members.ts';

/** How an assignee reads in the inbox and on the report page. */
export function assigneeLabel(memberId: string | null, assignees: Assignees, t: I18n['t']): string {
  if (memberId === null) return t('reports.unassigned');
  const known = assignees.byId.get(memberId);
  if (known?.me) return known.name ? t('reports.me', { name: known.name }) : t('reports.meLocked');
  if (known?.name) return known.name;
  return t('reports.otherMember', { id: shortId(memberId) });
}
