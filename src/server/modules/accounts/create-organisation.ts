import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { newMemberCredentials, setupRequest } from '../../../common/api/accounts.ts';
import type { DB } from '../../db/types.generated.ts';
import { conflict } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import {
  findMemberByEmailIndex,
  findOrganisationBySlug,
  insertMember,
  insertOrganisation,
  upsertKeyGrant,
} from './organisations.repository.ts';
import { decodeKey, hashAuthKey } from './credentials.ts';

export type OrganisationInput = z.infer<typeof setupRequest>['organisation'];
export type AdminInput = z.infer<typeof setupRequest>['admin'];

export interface CreateOrganisationOptions {
  deps: AccountsDeps;
  trx: Transaction<DB>;
  /** Public half of everything the browser (or CLI) generated for the organisation. */
  organisation: OrganisationInput;
  /** The first admin, with the organisation key already sealed to them. */
  admin: AdminInput;
}

/**
 * Creates an organisation and its first, active admin, with the admin's key grant. The
 * caller brings the transaction and decides who may do this (setup link or CLI).
 */
export async function createOrganisation(options: CreateOrganisationOptions) {
  const { deps, trx, organisation, admin } = options;
  const now = deps.now();
  if (await findOrganisationBySlug(trx, organisation.slug)) {
    throw conflict(
      'slug_taken',
      `The short name "${organisation.slug}" is already used by another organisation.`,
    );
  }
  const organisationId = randomUUID();
  await insertOrganisation(trx, {
    id: organisationId,
    slug: organisation.slug,
    name: organisation.name,
    public_key: decodeKey(organisation.publicKey, 'organisation.publicKey', 32),
    recovery_public_key: decodeKey(
      organisation.recoveryPublicKey,
      'organisation.recoveryPublicKey',
      32,
    ),
    recovery_verify_key: decodeKey(
      organisation.recoveryVerifyKey,
      'organisation.recoveryVerifyKey',
      32,
    ),
    recovery_sealed_key: decodeKey(
      organisation.recoverySealedKey,
      'organisation.recoverySealedKey',
    ),
    default_locale: organisation.defaultLocale,
    require_totp: false,
    created_at: now,
  });
  const memberId = await insertNewMember({
    deps,
    trx,
    organisationId,
    credentials: admin,
    role: 'admin',
    status: 'active',
  });
  await upsertKeyGrant(trx, {
    id: randomUUID(),
    organisation_id: organisationId,
    member_id: memberId,
    sealed_org_key: decodeKey(admin.sealedOrgKey, 'admin.sealedOrgKey'),
    granted_by: null,
    created_at: now,
  });
  await recordEvent({
    trx,
    organisationId,
    actorMemberId: memberId,
    action: 'organisation.created',
    objectType: 'organisation',
    objectId: organisationId,
    fields: { slug: organisation.slug, adminMemberId: memberId },
  });
  return { organisationId, memberId };
}

export interface InsertNewMemberOptions {
  deps: AccountsDeps;
  trx: Transaction<DB>;
  organisationId: string;
  credentials: z.infer<typeof newMemberCredentials>;
  role: string;
  status: 'pending' | 'active';
}

/** Stores a new member from browser-made credentials; the e-mail is kept only as an index. */
export async function insertNewMember(options: InsertNewMemberOptions): Promise<string> {
  const { deps, trx, credentials } = options;
  const emailIndex = deps.secrets.emailIndex(credentials.email);
  if (await findMemberByEmailIndex(trx, emailIndex)) {
    throw conflict('email_taken', 'An account with this e-mail already exists on this server.');
  }
  const id = randomUUID();
  const now = deps.now();
  await insertMember(trx, {
    id,
    organisation_id: options.organisationId,
    email_index: emailIndex,
    email_sealed: decodeKey(credentials.emailSealed, 'emailSealed'),
    display_name_sealed: decodeKey(credentials.displayNameSealed, 'displayNameSealed'),
    role: options.role,
    status: options.status,
    public_key: decodeKey(credentials.publicKey, 'publicKey', 32),
    wrapped_private_key: decodeKey(credentials.wrappedPrivateKey, 'wrappedPrivateKey'),
    kdf_salt: decodeKey(credentials.kdf.salt, 'kdf.salt', 16),
    kdf_opslimit: credentials.kdf.opslimit,
    kdf_memlimit: credentials.kdf.memlimit,
    auth_hash: hashAuthKey(decodeKey(credentials.authKey, 'authKey', 32), deps.config.authHash),
    locale: credentials.locale,
    created_at: now,
    approved_at: options.status === 'active' ? now : null,
  });
  return id;
}
