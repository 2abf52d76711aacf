-- Intake: anonymous reports, their files, reporter <-> organisation messages, staff
-- notifications. Coded answers (vocabulary codes, src/common/intake/vocabulary.ts) are
-- plain columns, because triage filters and statistics need them; everything a reporter
-- typed in their own words is a sealed bytea envelope. No column holds an IP address, a
-- user agent or the codename.

alter table organisations add column accepts_reports boolean not null default true;

create table reports (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  -- Short reference staff use in conversation ("R-7KQ3"); unique per organisation.
  reference text not null check (reference ~ '^R-[0-9A-Z]{4,8}$'),
  status text not null default 'new'
    check (status in ('new', 'in_progress', 'accepted', 'duplicate', 'not_actionable', 'spam', 'closed')),
  -- The language the reporter used: replies should be written in it.
  locale text not null check (locale in ('ru', 'kk', 'en')),
  -- 'server': the page was sent without JavaScript and the server encrypted in memory;
  -- 'browser': the reporter's browser encrypted before sending.
  encrypted_by text not null check (encrypted_by in ('server', 'browser')),
  reporter_role text check (reporter_role in ('victim', 'witness', 'on_behalf')),
  incident_types text[] not null check (cardinality(incident_types) > 0),
  incident_date date,
  date_precision text not null default 'unknown' check (date_precision in ('day', 'month', 'year', 'unknown')),
  oblast text,
  city text,
  place_type text,
  online_platform text,
  perpetrator_types text[] not null default '{}',
  bias_indicators text[] not null default '{}',
  reported_to_police text check (reported_to_police in ('yes', 'no')),
  police_response text,
  not_reported_reasons text[] not null default '{}',
  -- What the reporter asked for; these are consent choices that later features honour.
  wishes text[] not null default '{}',
  -- The record key sealed to the organisation public key.
  sealed_record_key bytea not null,
  -- One envelope under the record key: narrative, contact, exact place, free-text details.
  sealed_details bytea,
  -- The reporter's X25519 public key, derived from the codename; replies are sealed to it.
  reporter_public_key bytea not null,
  -- A hash of a second key derived from the codename: finds the report at /return without
  -- the codename being stored.
  codename_lookup bytea not null unique,
  assigned_member_id uuid references members(id),
  duplicate_of uuid references reports(id),
  received_at timestamptz not null,
  updated_at timestamptz not null,
  unique (organisation_id, reference)
);
create index reports_org_received_idx on reports (organisation_id, received_at desc);
create index reports_org_status_idx on reports (organisation_id, status);

create table report_messages (
  id uuid primary key,
  report_id uuid not null references reports(id),
  organisation_id uuid not null references organisations(id),
  author text not null check (author in ('reporter', 'staff')),
  author_member_id uuid references members(id),
  -- The same message twice: sealed to the organisation key (staff read it) and to the
  -- reporter key (only the codename opens it).
  sealed_for_org bytea not null,
  sealed_for_reporter bytea not null,
  created_at timestamptz not null,
  check ((author = 'staff') = (author_member_id is not null))
);
create index report_messages_report_idx on report_messages (report_id, created_at);

create table report_files (
  id uuid primary key,
  report_id uuid not null references reports(id),
  organisation_id uuid not null references organisations(id),
  -- Set when the file came with a message from the reporter's return page.
  message_id uuid references report_messages(id),
  -- 'working': the copy staff open (photos without metadata); 'original': the untouched
  -- photo, kept only when the reporter asked to keep its metadata as evidence.
  role text not null check (role in ('working', 'original')),
  -- The working copy an original belongs to.
  original_of uuid references report_files(id),
  blob_key text not null unique,
  -- The per-file key sealed to the organisation public key.
  sealed_file_key bytea not null,
  -- Sealed to the organisation public key: name, type, size, SHA-256, metadata removed.
  sealed_meta bytea not null,
  ciphertext_bytes bigint not null,
  created_at timestamptz not null
);
create index report_files_report_idx on report_files (report_id);

-- In-app notifications for members. They name the kind and the report, never its content.
create table notifications (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  member_id uuid not null references members(id),
  kind text not null check (kind in ('report_received', 'reporter_message')),
  report_id uuid references reports(id),
  created_at timestamptz not null,
  read_at timestamptz
);
create index notifications_member_idx on notifications (member_id, created_at desc);

-- Opt-in e-mail notifications. The address is sealed with the server key (secrets.ts),
-- because the server has to read it to send mail; the member's login e-mail stays sealed
-- to the organisation key and is never used for this.
alter table members add column notify_email_sealed bytea;
