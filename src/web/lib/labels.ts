// Catalogue keys for values that come from the server (roles, states), checked at
// compile time against the English catalogue.
import type { Role } from '../../common/api/accounts.ts';
import type { MessageKey } from '../../common/i18n/index.ts';

export const ROLE_LABEL: Record<Role, MessageKey> = {
  admin: 'role.admin',
  coordinator: 'role.coordinator',
  case_worker: 'role.case_worker',
  lawyer: 'role.lawyer',
  monitor: 'role.monitor',
  viewer: 'role.viewer',
};

export const MEMBER_STATUS_LABEL: Record<'pending' | 'active' | 'disabled', MessageKey> = {
  pending: 'memberStatus.pending',
  active: 'memberStatus.active',
  disabled: 'memberStatus.disabled',
};

export const INVITATION_STATE_LABEL: Record<'open' | 'used' | 'expired' | 'revoked', MessageKey> = {
  open: 'invitationState.open',
  used: 'invitationState.used',
  expired: 'invitationState.expired',
  revoked: 'invitationState.revoked',
};
