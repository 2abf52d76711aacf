// Allow-lists what leaves the server about accounts. A new column is not exposed until a
// line here names it; the response schemas in src/common/api/accounts.ts check the rest.
import type { z } from 'zod';
import type {
  invitationSummary,
  memberView,
  organisationView,
  sessionView,
} from '../../../common/api/accounts.ts';
import type { Locale, Role } from '../../../common/api/accounts.ts';
import { encode, fingerprint } from './credentials.ts';
import type { MemberRow, OrganisationRow } from './organisations.repository.ts';

export function presentOrganisation(org: OrganisationRow): z.infer<typeof organisationView> {
  return {
    id: org.id,
    name: org.name,
    slug: org.slug,
    publicKey: encode(org.public_key),
    defaultLocale: org.default_locale as Locale,
    requireTotp: org.require_totp,
  };
}

export function presentMember(member: MemberRow, hasKeyGrant: boolean): z.infer<typeof memberView> {
  return {
    id: member.id,
    role: member.role as Role,
    status: member.status as z.infer<typeof memberView>['status'],
    emailSealed: encode(member.email_sealed),
    displayNameSealed: encode(member.display_name_sealed),
    publicKey: encode(member.public_key),
    fingerprint: fingerprint(member.public_key),
    totpEnabled: member.totp_enabled,
    hasKeyGrant,
    createdAt: member.created_at.toISOString(),
    approvedAt: member.approved_at?.toISOString() ?? null,
  };
}

export function presentSession(
  session: { id: string; device: string; created_at: Date; last_seen_at: Date },
  currentId: string,
): z.infer<typeof sessionView> {
  return {
    id: session.id,
    device: session.device,
    createdAt: session.created_at.toISOString(),
    lastSeenAt: session.last_seen_at.toISOString(),
    current: session.id === currentId,
  };
}

export function presentInvitation(
  inv: {
    id: string;
    role: string;
    created_at: Date;
    expires_at: Date;
    used_at: Date | null;
    revoked_at: Date | null;
  },
  now: Date,
): z.infer<typeof invitationSummary> {
  const state = inv.revoked_at
    ? 'revoked'
    : inv.used_at
      ? 'used'
      : inv.expires_at <= now
        ? 'expired'
        : 'open';
  return {
    id: inv.id,
    role: inv.role as Role,
    createdAt: inv.created_at.toISOString(),
    expiresAt: inv.expires_at.toISOString(),
    state,
  };
}
