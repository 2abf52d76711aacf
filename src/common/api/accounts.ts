// Request and response schemas of the accounts API. The same objects validate requests on
// the server, shape responses (nothing undeclared goes out) and type the React client.
// Binary values (keys, ciphertexts, salts) travel as unpadded base64url strings.
import { z } from 'zod';

export const LOCALES = ['ru', 'kk', 'en'] as const;
export const locale = z.enum(LOCALES);
export type Locale = z.infer<typeof locale>;

export const ROLES = [
  'admin',
  'coordinator',
  'case_worker',
  'lawyer',
  'monitor',
  'viewer',
] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

export const MEMBER_STATUSES = ['pending', 'active', 'disabled'] as const;
export const memberStatus = z.enum(MEMBER_STATUSES);

/** base64url without padding, bounded so no field can carry an unbounded blob. */
export const b64 = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil((maxBytes * 4) / 3))
    .regex(/^[A-Za-z0-9_-]*$/, 'must be base64url without padding');

export const key32 = b64(32).length(43, 'must be a 32-byte key in base64url');
export const sealedSmall = b64(2048).min(4);
export const uuid = z.uuid();

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email('enter a valid e-mail address'));

export const kdfParams = z.strictObject({
  salt: b64(16).length(22, 'salt must be 16 bytes'),
  /** Argon2id passes. */
  opslimit: z.number().int().min(1).max(10),
  /** Argon2id memory in bytes: between 8 KiB and 1 GiB. */
  memlimit: z
    .number()
    .int()
    .min(8192)
    .max(1024 * 1024 * 1024),
});
export type KdfParamsDto = z.infer<typeof kdfParams>;

/** Everything a browser sends to create a member; the password itself never appears. */
export const newMemberCredentials = z.strictObject({
  email,
  /** The e-mail sealed to the organisation public key. */
  emailSealed: sealedSmall,
  /** The display name sealed to the organisation public key. */
  displayNameSealed: sealedSmall,
  publicKey: key32,
  /** The member private key wrapped with the password-derived key. */
  wrappedPrivateKey: sealedSmall,
  kdf: kdfParams,
  /** The Argon2id-derived auth key; the server keeps only a slow hash of it. */
  authKey: key32,
  locale,
});

export const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'use 2–63 letters a–z, digits and hyphens');

export const organisationName = z.string().trim().min(1, 'enter a name').max(200);

// ---- setup ---------------------------------------------------------------------------

export const setupStatusResponse = z.object({ needsSetup: z.boolean() });

export const setupRequest = z.strictObject({
  token: z.string().min(20).max(100),
  organisation: z.strictObject({
    name: organisationName,
    slug,
    defaultLocale: locale,
    publicKey: key32,
    recoveryPublicKey: key32,
    recoveryVerifyKey: key32,
    /** The organisation private key sealed to the recovery public key. */
    recoverySealedKey: sealedSmall,
  }),
  admin: newMemberCredentials.extend({
    /** The organisation private key sealed to the admin's public key. */
    sealedOrgKey: sealedSmall,
  }),
});
export const setupResponse = z.object({ organisationId: uuid, memberId: uuid });

// ---- invitations ---------------------------------------------------------------------

export const invitationToken = z.string().min(20).max(100);

export const inspectInvitationRequest = z.strictObject({ token: invitationToken });
export const inspectInvitationResponse = z.object({
  organisation: z.object({ id: uuid, name: z.string(), publicKey: key32 }),
  role,
  expiresAt: z.iso.datetime(),
});

export const acceptInvitationRequest = z.strictObject({
  token: invitationToken,
  credentials: newMemberCredentials,
});
export const acceptInvitationResponse = z.object({ memberId: uuid, status: memberStatus });

export const createInvitationRequest = z.strictObject({ role });
export const createInvitationResponse = z.object({
  id: uuid,
  /** Shown once; the link is /app/invite#<token>. Only its hash is stored. */
  token: z.string(),
  role,
  expiresAt: z.iso.datetime(),
});

export const invitationSummary = z.object({
  id: uuid,
  role,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  state: z.enum(['open', 'used', 'expired', 'revoked']),
});
export const listInvitationsResponse = z.object({ invitations: z.array(invitationSummary) });

// ---- login ---------------------------------------------------------------------------

export const preloginRequest = z.strictObject({ email });
/** For an unknown e-mail the server answers with stable fake parameters. */
export const preloginResponse = z.object({ kdf: kdfParams });

export const loginRequest = z.strictObject({ email, authKey: key32 });
export const loginResponse = z.discriminatedUnion('next', [
  z.object({ next: z.literal('done') }),
  z.object({ next: z.literal('totp'), challenge: z.string() }),
]);

export const totpLoginRequest = z.strictObject({
  challenge: z.string().min(20).max(100),
  code: z
    .string()
    .regex(/^\d{6}$/, 'enter the 6-digit code')
    .optional(),
  recoveryCode: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{10,40}$/i, 'enter a recovery code as printed')
    .optional(),
});

export const emptyRequest = z.strictObject({});

// ---- the signed-in member ------------------------------------------------------------

export const organisationView = z.object({
  id: uuid,
  name: z.string(),
  slug: z.string(),
  publicKey: key32,
  defaultLocale: locale,
  requireTotp: z.boolean(),
});

export const meResponse = z.object({
  member: z.object({
    id: uuid,
    role,
    status: memberStatus,
    locale,
    totpEnabled: z.boolean(),
    publicKey: key32,
    wrappedPrivateKey: z.string(),
    kdf: kdfParams,
    emailSealed: z.string(),
    displayNameSealed: z.string(),
  }),
  organisation: organisationView,
  /** The organisation private key sealed to this member; null until an admin approves. */
  keyGrant: z.string().nullable(),
  /** What this member's role may do (docs/roles.md). */
  permissions: z.array(z.string()),
});

export const updateMeRequest = z.strictObject({ locale });

export const changePasswordRequest = z.strictObject({
  currentAuthKey: key32,
  wrappedPrivateKey: sealedSmall,
  kdf: kdfParams,
  authKey: key32,
});

export const sessionView = z.object({
  id: uuid,
  device: z.string(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  current: z.boolean(),
});
export const listSessionsResponse = z.object({ sessions: z.array(sessionView) });

export const totpSetupResponse = z.object({
  /** Base32 secret, for typing into an authenticator by hand. */
  secret: z.string(),
  /** otpauth:// URI, rendered as a QR code in the browser. */
  uri: z.string(),
});
export const totpCodeRequest = z.strictObject({
  code: z.string().regex(/^\d{6}$/, 'enter the 6-digit code'),
});
export const totpEnableResponse = z.object({
  /** Single-use recovery codes, shown once. */
  recoveryCodes: z.array(z.string()),
});

// ---- organisation and members --------------------------------------------------------

export const updateOrganisationRequest = z
  .strictObject({
    name: organisationName.optional(),
    defaultLocale: locale.optional(),
    requireTotp: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'change at least one setting');

export const memberView = z.object({
  id: uuid,
  role,
  status: memberStatus,
  emailSealed: z.string(),
  displayNameSealed: z.string(),
  publicKey: key32,
  fingerprint: z.string(),
  totpEnabled: z.boolean(),
  hasKeyGrant: z.boolean(),
  createdAt: z.iso.datetime(),
  approvedAt: z.iso.datetime().nullable(),
});
export const listMembersResponse = z.object({ members: z.array(memberView) });

export const approveMemberRequest = z.strictObject({
  /** The organisation private key sealed, in the admin's browser, to the member's public key. */
  sealedOrgKey: sealedSmall,
});
export const updateMemberRequest = z.strictObject({ role });
export const memberIdParams = z.strictObject({ id: uuid });

export const keyStatusResponse = z.object({
  organisation: z.object({ fingerprint: z.string(), recoveryFingerprint: z.string() }),
  member: z.object({ fingerprint: z.string(), hasKeyGrant: z.boolean() }),
  /** Members who accepted an invitation and wait for an admin to grant them the key. */
  awaitingKeyGrant: z.number().int(),
});

// ---- recovery ------------------------------------------------------------------------

export const recoveryStartRequest = z.strictObject({ organisationSlug: slug });
export const recoveryStartResponse = z.object({
  organisationId: uuid,
  /** Lets the browser check that the key it opens is this organisation's key. */
  organisationPublicKey: key32,
  nonce: z.string(),
  recoverySealedKey: z.string(),
  admins: z.array(z.object({ id: uuid, emailSealed: z.string(), displayNameSealed: z.string() })),
});
export const recoveryCompleteRequest = z.strictObject({
  organisationId: uuid,
  nonce: b64(32),
  signature: b64(64),
  memberId: uuid,
  publicKey: key32,
  wrappedPrivateKey: sealedSmall,
  kdf: kdfParams,
  authKey: key32,
  sealedOrgKey: sealedSmall,
});

// ---- audit ---------------------------------------------------------------------------

export const auditQuery = z.strictObject({
  action: z.string().max(100).optional(),
  actor: uuid.optional(),
  object: z.string().max(100).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const auditEventView = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  actorMemberId: uuid.nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  fields: z.record(z.string(), z.unknown()),
});
export const auditListResponse = z.object({
  events: z.array(auditEventView),
  /** Pass as `before` to read the next (older) page; null at the start of the log. */
  nextBefore: z.number().int().nullable(),
});

export const healthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  engine: z.enum(['pglite', 'postgres']),
});
