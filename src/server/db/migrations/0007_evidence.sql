-- Evidence vault: files and web captures attached to an incident or a case, resumable
-- uploads, RFC 3161 timestamp tokens. docs/evidence.md describes the whole.
--
-- Keys: record key (of the incident or case) → item key → file key. The item key is sealed
-- under the record key, each file key under the item key (src/common/evidence/item-crypto.ts),
-- so whoever holds the record key (the organisation, a partner after a referral) can open
-- the item, and nothing else can. Names, types, plaintext SHA-256 hashes and capture
-- metadata are sealed; the server knows only sizes, ciphertext hashes and who collected what.

create table evidence_items (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  -- Exactly one parent: the incident or the case the item is evidence for.
  -- Deleting the parent (crypto-erasure) deletes its items; the use case removes the blobs.
  incident_id uuid references incidents(id) on delete cascade,
  case_id uuid references cases(id) on delete cascade,
  kind text not null check (kind in ('file', 'capture')),
  -- The item key, sealed under the parent's record key.
  sealed_item_key bytea not null,
  -- Under the item key: names, detected and declared types, plaintext hashes, notes,
  -- capture metadata and the exact text of the hash manifest.
  sealed_meta bytea not null,
  -- SHA-256 of the hash manifest (src/common/evidence/hash-manifest.ts). The manifest holds
  -- a random salt, so this digest reveals nothing about the files; it is what a timestamp
  -- authority signs. Null until the browser supplies it.
  manifest_digest bytea check (manifest_digest is null or length(manifest_digest) = 32),
  collected_by uuid references members(id),
  collected_at timestamptz not null,
  -- Outcome of the last integrity check of the stored ciphertext.
  integrity_status text not null default 'unchecked'
    check (integrity_status in ('unchecked', 'intact', 'corrupt', 'missing')),
  integrity_checked_at timestamptz,
  check ((incident_id is null) <> (case_id is null))
);
create index evidence_items_incident_idx on evidence_items (incident_id, collected_at)
  where incident_id is not null;
create index evidence_items_case_idx on evidence_items (case_id, collected_at)
  where case_id is not null;
create index evidence_items_org_idx on evidence_items (organisation_id, integrity_status);

create table evidence_files (
  id uuid primary key,
  item_id uuid not null references evidence_items(id) on delete cascade,
  organisation_id uuid not null references organisations(id),
  -- original: the evidentiary file, never altered; working / thumbnail: derived copies
  -- without metadata; screenshot / html / mhtml / capture_metadata: parts of a web capture.
  role text not null check (role in (
    'original', 'working', 'thumbnail', 'screenshot', 'html', 'mhtml', 'capture_metadata')),
  blob_key text not null unique,
  -- The per-file key, sealed under the item key.
  sealed_file_key bytea not null,
  ciphertext_bytes bigint not null,
  -- SHA-256 of the stored ciphertext, computed by the server as it arrived; what the
  -- integrity job re-checks and the custody log names.
  ciphertext_sha256 bytea not null check (length(ciphertext_sha256) = 32),
  created_at timestamptz not null,
  unique (item_id, role)
);
create index evidence_files_item_idx on evidence_files (item_id);

-- A resumable upload in progress (tus 1.0 core semantics). Its bytes live in the blob
-- store's upload area, ciphertext only; the row goes when the upload is committed into an
-- item, abandoned, or expires.
create table evidence_uploads (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  member_id uuid not null references members(id),
  -- The incident or case the finished item will belong to (checked again on commit).
  incident_id uuid references incidents(id) on delete cascade,
  case_id uuid references cases(id) on delete cascade,
  length bigint not null check (length > 0),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  check ((incident_id is null) <> (case_id is null))
);
create index evidence_uploads_expiry_idx on evidence_uploads (expires_at);

-- RFC 3161 timestamp tokens over an item's manifest digest.
create table evidence_timestamps (
  id uuid primary key,
  item_id uuid not null references evidence_items(id) on delete cascade,
  organisation_id uuid not null references organisations(id),
  -- The digest that was stamped (equal to the item's manifest_digest at the time).
  digest bytea not null check (length(digest) = 32),
  tsa_url text not null,
  -- The DER-encoded TimeStampToken (a CMS SignedData).
  token bytea not null,
  gen_time timestamptz not null,
  serial_number text not null,
  created_at timestamptz not null
);
create index evidence_timestamps_item_idx on evidence_timestamps (item_id);

alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check check (kind in (
  'report_received', 'reporter_message', 'case_assigned', 'task_due', 'contact_overdue',
  'referral_received', 'referral_decided', 'evidence_integrity'));
alter table notifications add column evidence_item_id uuid
  references evidence_items(id) on delete cascade;
