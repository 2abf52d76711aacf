-- Foundation: organisations, members, key grants, invitations, sessions, 2FA, audit log,
-- job queue. Sealed values are bytea ciphertext envelopes (src/common/crypto/envelope.ts);
-- no column here holds a person's name or contact in plaintext.

create table organisations (
  id uuid primary key,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  -- An organisation's public name: it receives reports under it, so it is not sealed.
  name text not null check (length(name) between 1 and 200),
  public_key bytea not null,
  recovery_public_key bytea not null,
  recovery_verify_key bytea not null,
  recovery_sealed_key bytea not null,
  default_locale text not null default 'ru' check (default_locale in ('ru', 'kk', 'en')),
  require_totp boolean not null default false,
  created_at timestamptz not null
);

create table members (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  -- HMAC of the normalised e-mail under the instance secret: lets login find the member
  -- without the e-mail being stored.
  email_index bytea not null unique,
  -- The e-mail and display name sealed to the organisation public key.
  email_sealed bytea not null,
  display_name_sealed bytea not null,
  role text not null check (role in ('admin', 'coordinator', 'case_worker', 'lawyer', 'monitor', 'viewer')),
  status text not null check (status in ('pending', 'active', 'disabled')),
  public_key bytea not null,
  wrapped_private_key bytea not null,
  kdf_salt bytea not null,
  kdf_opslimit integer not null,
  kdf_memlimit integer not null,
  auth_hash text not null,
  locale text not null default 'ru' check (locale in ('ru', 'kk', 'en')),
  totp_secret_enc bytea,
  totp_enabled boolean not null default false,
  totp_last_step bigint not null default 0,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null,
  approved_at timestamptz,
  approved_by uuid references members(id)
);
create index members_org_idx on members (organisation_id);

create table recovery_codes (
  id uuid primary key,
  member_id uuid not null references members(id),
  code_hash bytea not null unique,
  used_at timestamptz
);
create index recovery_codes_member_idx on recovery_codes (member_id);

-- The organisation private key sealed to one member's public key.
create table key_grants (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  member_id uuid not null references members(id),
  sealed_org_key bytea not null,
  granted_by uuid references members(id),
  created_at timestamptz not null,
  unique (organisation_id, member_id)
);

create table invitations (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  token_hash bytea not null unique,
  role text not null check (role in ('admin', 'coordinator', 'case_worker', 'lawyer', 'monitor', 'viewer')),
  created_by uuid not null references members(id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  used_by uuid references members(id),
  revoked_at timestamptz
);
create index invitations_org_idx on invitations (organisation_id);

create table setup_tokens (
  token_hash bytea primary key,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);

-- Sessions: the cookie carries a random token; only its SHA-256 is stored.
-- No IP address is stored, ever; `device` is a coarse label such as "Firefox · Android".
create table sessions (
  id uuid primary key,
  member_id uuid not null references members(id),
  token_hash bytea not null unique,
  device text not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  idle_expires_at timestamptz not null,
  absolute_expires_at timestamptz not null,
  ended_at timestamptz
);
create index sessions_member_idx on sessions (member_id);

-- A password was right but the second factor is still to come.
create table login_challenges (
  token_hash bytea primary key,
  member_id uuid not null references members(id),
  device text not null,
  expires_at timestamptz not null
);

create table recovery_challenges (
  nonce bytea primary key,
  organisation_id uuid not null references organisations(id),
  expires_at timestamptz not null
);

-- Append-only, hash-chained. Rows carry ids and field names, never sealed content.
create table audit_events (
  seq bigint primary key,
  id uuid not null unique,
  at timestamptz not null,
  organisation_id uuid,
  actor_member_id uuid,
  action text not null,
  object_type text,
  object_id text,
  fields jsonb not null,
  prev_hash bytea not null,
  hash bytea not null
);
create index audit_events_org_idx on audit_events (organisation_id, seq);

-- The chain head: one row, locked by every append so the chain never forks.
create table audit_head (
  id integer primary key check (id = 1),
  seq bigint not null,
  hash bytea not null
);
insert into audit_head (id, seq, hash) values (1, 0, '\x0000000000000000000000000000000000000000000000000000000000000000');

create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only';
end;
$$;
create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function audit_events_append_only();

create table jobs (
  id bigserial primary key,
  kind text not null,
  version integer not null,
  payload jsonb not null,
  dedupe_key text unique,
  run_at timestamptz not null,
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  locked_until timestamptz,
  last_error text,
  done_at timestamptz,
  created_at timestamptz not null
);
create index jobs_due_idx on jobs (run_at) where done_at is null;
