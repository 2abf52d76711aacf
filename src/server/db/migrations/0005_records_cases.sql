-- Records (incidents, acts, people, interventions, chains of events) and cases (tasks,
-- contacts, referrals between organisations with consent). Coded fields are plain columns
-- holding vocabulary codes (src/common/records/vocabulary.ts): lists filter and
-- statistics count on them. Whatever a person wrote in their own words, and anything
-- that could name someone, is a sealed bytea envelope under the record's key.
--
-- Keyed records (incident, person, intervention, case) each have a random record key.
-- Every copy of a record key lives in record_keys, sealed to one organisation's public
-- key: the owner's copy, and one per accepted-or-pending referral. Acts and sources are
-- sealed under their incident's key; tasks and contacts under their case's key.
-- Deleting a record deletes every copy of its key (crypto-erasure); the long-retention
-- data backup can leave this one table out (docs/deployment.md).

create table record_keys (
  record_id uuid not null,
  organisation_id uuid not null references organisations(id),
  record_type text not null
    check (record_type in ('incident', 'person', 'intervention', 'case', 'report', 'report_file')),
  sealed_key bytea not null,
  -- Null for the owning organisation's copy; the referral that shared it otherwise.
  referral_id uuid,
  created_at timestamptz not null,
  primary key (record_id, organisation_id)
);
create index record_keys_referral_idx on record_keys (referral_id) where referral_id is not null;

create table incidents (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  reference text not null check (reference ~ '^I-[0-9A-Z]{4,8}$'),
  -- The report this incident was documented from, if any.
  report_id uuid references reports(id),
  incident_date date,
  date_precision text not null default 'unknown'
    check (date_precision in ('day', 'month', 'year', 'unknown')),
  oblast text,
  city text,
  place_type text,
  online_platform text,
  incident_types text[] not null default '{}',
  bias_motivations text[] not null default '{}',
  perpetrator_types text[] not null default '{}',
  odihr_category text,
  crime_status text not null default 'undetermined'
    check (crime_status in ('crime', 'non_crime', 'undetermined')),
  violation_status text not null default 'unknown'
    check (violation_status in ('confirmed', 'likely', 'possible', 'unknown')),
  reported_to_police text check (reported_to_police in ('yes', 'no')),
  police_response text,
  sealed_title bytea,
  sealed_description bytea,
  -- Sources of information: [{ id, type, reliability, personId?, sealedNote? (base64) }].
  sources jsonb not null default '[]',
  version integer not null default 1,
  created_by uuid references members(id),
  created_at timestamptz not null,
  updated_by uuid references members(id),
  updated_at timestamptz not null,
  unique (organisation_id, reference)
);
create index incidents_org_date_idx on incidents (organisation_id, incident_date desc nulls last, id);
create index incidents_org_created_idx on incidents (organisation_id, created_at desc, id);
create index incidents_org_updated_idx on incidents (organisation_id, updated_at desc, id);
create index incidents_org_oblast_idx on incidents (organisation_id, oblast);
create index incidents_org_category_idx on incidents (organisation_id, odihr_category);
create index incidents_org_crime_idx on incidents (organisation_id, crime_status);
create index incidents_org_violation_idx on incidents (organisation_id, violation_status);
create index incidents_org_police_idx on incidents (organisation_id, reported_to_police, police_response);
create index incidents_types_idx on incidents using gin (incident_types);
create index incidents_bias_idx on incidents using gin (bias_motivations);
create index incidents_perpetrators_idx on incidents using gin (perpetrator_types);
create index incidents_report_idx on incidents (report_id) where report_id is not null;

create table people (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  -- The pseudonym staff see everywhere ("P-7KQ3"); the real name is sealed.
  code_name text not null check (code_name ~ '^P-[0-9A-Z]{4,8}$'),
  -- victim, perpetrator, witness, source (a person may be several).
  roles text[] not null default '{}',
  perpetrator_type text,
  age_group text,
  sealed_name bytea,
  sealed_contacts bytea,
  sealed_details bytea,
  version integer not null default 1,
  created_by uuid references members(id),
  created_at timestamptz not null,
  updated_by uuid references members(id),
  updated_at timestamptz not null,
  unique (organisation_id, code_name)
);
create index people_org_idx on people (organisation_id, created_at desc, id);
create index people_roles_idx on people using gin (roles);

-- "A is the father of B". Directional; the vocabulary gives each relation its inverse label.
create table person_relations (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  person_id uuid not null references people(id) on delete cascade,
  related_person_id uuid not null references people(id) on delete cascade,
  relation text not null,
  created_by uuid references members(id),
  created_at timestamptz not null,
  check (person_id <> related_person_id),
  unique (person_id, related_person_id, relation)
);
create index person_relations_related_idx on person_relations (related_person_id);

create table acts (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  incident_id uuid not null references incidents(id) on delete cascade,
  act_type text not null,
  victim_person_id uuid references people(id),
  -- [{ personId, involvement, degree }]
  perpetrators jsonb not null default '[]',
  methods text[] not null default '{}',
  physical_consequences text[] not null default '{}',
  psychological_consequences text[] not null default '{}',
  economic_consequences text[] not null default '{}',
  location_type text,
  victim_status_after text,
  act_date date,
  date_precision text not null default 'unknown'
    check (date_precision in ('day', 'month', 'year', 'unknown')),
  -- Under the incident's record key.
  sealed_notes bytea,
  version integer not null default 1,
  created_by uuid references members(id),
  created_at timestamptz not null,
  updated_by uuid references members(id),
  updated_at timestamptz not null
);
create index acts_incident_idx on acts (incident_id);
create index acts_victim_idx on acts (victim_person_id) where victim_person_id is not null;

create table interventions (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  incident_id uuid references incidents(id) on delete set null,
  case_id uuid,
  intervener_type text not null,
  intervention_type text not null,
  submitted_on date,
  response_on date,
  authority_response text not null default 'awaiting',
  status text not null default 'planned'
    check (status in ('planned', 'submitted', 'awaiting_response', 'responded', 'appealed', 'closed')),
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  sealed_title bytea,
  sealed_notes bytea,
  version integer not null default 1,
  created_by uuid references members(id),
  created_at timestamptz not null,
  updated_by uuid references members(id),
  updated_at timestamptz not null
);
create index interventions_org_idx on interventions (organisation_id, submitted_on desc nulls last, id);
create index interventions_incident_idx on interventions (incident_id) where incident_id is not null;
create index interventions_case_idx on interventions (case_id) where case_id is not null;

-- Chain of events: "the second incident is retaliation for the first".
create table incident_links (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  from_incident_id uuid not null references incidents(id) on delete cascade,
  to_incident_id uuid not null references incidents(id) on delete cascade,
  link_type text not null,
  created_by uuid references members(id),
  created_at timestamptz not null,
  check (from_incident_id <> to_incident_id),
  unique (from_incident_id, to_incident_id, link_type)
);
create index incident_links_to_idx on incident_links (to_incident_id);

-- Version history of every record: a full snapshot per version (coded values as they
-- are, sealed values as base64 envelopes under the record's key), and the fields that
-- changed. Restoring a version writes its snapshot back as a new version.
create table record_versions (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  record_type text not null
    check (record_type in ('incident', 'act', 'person', 'intervention', 'case', 'task')),
  record_id uuid not null,
  version integer not null,
  member_id uuid references members(id),
  changed_at timestamptz not null,
  changed_fields text[] not null default '{}',
  -- 'create', 'update', 'restore'
  change_kind text not null check (change_kind in ('create', 'update', 'restore')),
  restored_from integer,
  snapshot jsonb not null,
  unique (record_id, version)
);
create index record_versions_org_idx on record_versions (organisation_id, record_type, record_id);

create table cases (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  reference text not null check (reference ~ '^C-[0-9A-Z]{4,8}$'),
  status text not null default 'open'
    check (status in ('open', 'active', 'urgent', 'on_hold', 'closed')),
  outcome text,
  -- Visible only to its assigned members and to admins.
  restricted boolean not null default false,
  -- The person the case is about (for last-contact tracking).
  central_person_id uuid references people(id) on delete set null,
  -- Days without contact before an alert; null = the organisation's default.
  contact_alert_days integer check (contact_alert_days between 1 and 365),
  last_contact_at timestamptz,
  sealed_title bytea,
  sealed_goal bytea,
  version integer not null default 1,
  created_by uuid references members(id),
  created_at timestamptz not null,
  updated_by uuid references members(id),
  updated_at timestamptz not null,
  closed_at timestamptz,
  unique (organisation_id, reference),
  check ((status = 'closed') = (outcome is not null))
);
create index cases_org_status_idx on cases (organisation_id, status, updated_at desc);
create index cases_org_contact_idx on cases (organisation_id, last_contact_at) where status <> 'closed';

alter table interventions
  add constraint interventions_case_fk foreign key (case_id) references cases(id) on delete set null;

create table case_members (
  case_id uuid not null references cases(id) on delete cascade,
  member_id uuid not null references members(id),
  organisation_id uuid not null references organisations(id),
  assigned_by uuid references members(id),
  assigned_at timestamptz not null,
  primary key (case_id, member_id)
);
create index case_members_member_idx on case_members (member_id);

create table case_incidents (
  case_id uuid not null references cases(id) on delete cascade,
  incident_id uuid not null references incidents(id) on delete cascade,
  organisation_id uuid not null references organisations(id),
  added_at timestamptz not null,
  primary key (case_id, incident_id)
);
create index case_incidents_incident_idx on case_incidents (incident_id);

create table case_people (
  case_id uuid not null references cases(id) on delete cascade,
  person_id uuid not null references people(id) on delete cascade,
  organisation_id uuid not null references organisations(id),
  added_at timestamptz not null,
  primary key (case_id, person_id)
);
create index case_people_person_idx on case_people (person_id);

-- The report(s) a case grew from: their messages and files join the case timeline.
create table case_reports (
  case_id uuid not null references cases(id) on delete cascade,
  report_id uuid not null references reports(id),
  organisation_id uuid not null references organisations(id),
  added_at timestamptz not null,
  primary key (case_id, report_id)
);
create index case_reports_report_idx on case_reports (report_id);

create table tasks (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  case_id uuid not null references cases(id) on delete cascade,
  owner_member_id uuid references members(id),
  due_at timestamptz,
  remind_at timestamptz,
  reminded_at timestamptz,
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  -- Under the case's record key.
  sealed_title bytea not null,
  sealed_notes bytea,
  version integer not null default 1,
  created_by uuid references members(id),
  created_at timestamptz not null,
  updated_by uuid references members(id),
  updated_at timestamptz not null,
  completed_at timestamptz
);
create index tasks_case_idx on tasks (case_id, due_at);
create index tasks_owner_due_idx on tasks (owner_member_id, due_at) where status = 'open';
create index tasks_remind_idx on tasks (remind_at) where status = 'open' and reminded_at is null;

-- Each contact with the person at the centre of a case (call, visit, message...).
create table case_contacts (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  case_id uuid not null references cases(id) on delete cascade,
  contacted_at timestamptz not null,
  channel text not null,
  -- Under the case's record key: how they are, what was said.
  sealed_note bytea,
  member_id uuid references members(id),
  created_at timestamptz not null
);
create index case_contacts_case_idx on case_contacts (case_id, contacted_at desc);

-- One alert per case per overdue period, so the job is idempotent.
create table contact_alerts (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  case_id uuid not null references cases(id) on delete cascade,
  -- The last contact the alert is about (null: never contacted since the case opened).
  since timestamptz not null,
  raised_at timestamptz not null,
  resolved_at timestamptz,
  unique (case_id, since)
);

-- Partner organisations on this instance, configured by admins; referral goes only to a partner.
create table partner_organisations (
  organisation_id uuid not null references organisations(id),
  partner_organisation_id uuid not null references organisations(id),
  created_by uuid references members(id),
  created_at timestamptz not null,
  primary key (organisation_id, partner_organisation_id),
  check (organisation_id <> partner_organisation_id)
);

-- The consent of the person a case is about to share it with a partner, and what it covers.
create table consents (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  case_id uuid not null references cases(id) on delete cascade,
  -- 'report': the reporter asked for referral on the form; 'recorded': staff recorded it.
  source text not null check (source in ('report', 'recorded')),
  report_id uuid references reports(id),
  -- What may be shared: case, incidents, people, interventions, reports.
  scope text[] not null check (cardinality(scope) > 0),
  -- Null: any partner organisation.
  partner_organisation_id uuid references organisations(id),
  -- Under the case's record key: how and when consent was given.
  sealed_note bytea,
  recorded_by uuid references members(id),
  recorded_at timestamptz not null,
  withdrawn_at timestamptz
);
create index consents_case_idx on consents (case_id);

create table referrals (
  id uuid primary key,
  case_id uuid not null references cases(id) on delete cascade,
  from_organisation_id uuid not null references organisations(id),
  to_organisation_id uuid not null references organisations(id),
  consent_id uuid not null references consents(id),
  scope text[] not null,
  status text not null default 'pending'
    check (status in ('pending', 'accepted', 'declined', 'withdrawn')),
  -- A note to the partner, sealed to the partner organisation's public key.
  sealed_message bytea,
  -- The partner's reply, sealed to the referring organisation's public key.
  sealed_reply bytea,
  created_by uuid references members(id),
  created_at timestamptz not null,
  decided_by uuid references members(id),
  decided_at timestamptz,
  check (from_organisation_id <> to_organisation_id)
);
create index referrals_to_idx on referrals (to_organisation_id, created_at desc);
create index referrals_case_idx on referrals (case_id);

alter table record_keys
  add constraint record_keys_referral_fk foreign key (referral_id) references referrals(id) on delete cascade;

alter table organisations add column contact_alert_days integer not null default 7
  check (contact_alert_days between 1 and 365);

alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check check (kind in (
  'report_received', 'reporter_message', 'case_assigned', 'task_due', 'contact_overdue',
  'referral_received', 'referral_decided'));
alter table notifications add column case_id uuid references cases(id) on delete cascade;
alter table notifications add column task_id uuid references tasks(id) on delete cascade;
alter table notifications add column referral_id uuid references referrals(id) on delete cascade;
