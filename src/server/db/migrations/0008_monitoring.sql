-- Hate-speech monitoring: campaigns group monitored items (a post, a video, an article);
-- comments imported from under an item are stored with the classifier's machine label and,
-- once a member reviews them, the confirmed label. docs/monitoring.md describes the whole.
--
-- Comments are public content (DESIGN.md): stored in plaintext, but every row carries its
-- organisation and is only ever read through that organisation's members.
--
-- Deleting: a campaign with items is refused (the use case answers 409), because a grouping
-- is cheap to keep and its items hold comments that may be evidence; deleting an item
-- deletes its comments, their reviews and its import history with it.

create table monitoring_campaigns (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  name text not null,
  description text not null default '',
  created_by uuid references members(id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index monitoring_campaigns_org_idx on monitoring_campaigns (organisation_id, created_at);

create table monitored_items (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  -- Restrict: the delete-campaign use case refuses a campaign that still has items.
  campaign_id uuid references monitoring_campaigns(id) on delete restrict,
  platform text not null check (platform in (
    'instagram', 'tiktok', 'youtube', 'telegram', 'vk', 'facebook', 'x', 'threads',
    'news_site', 'other')),
  url text not null,
  -- The handle or name of whoever published the post, as shown on the platform.
  author text,
  published_at timestamptz,
  title text not null default '',
  notes text not null default '',
  created_by uuid references members(id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index monitored_items_org_idx on monitored_items (organisation_id, created_at);
create index monitored_items_campaign_idx on monitored_items (campaign_id)
  where campaign_id is not null;

-- One import of a file (web or CLI). Counts grow batch by batch, in the transaction that
-- writes the batch, so an interrupted import says exactly how much of it was stored.
create table monitoring_imports (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  item_id uuid not null references monitored_items(id) on delete cascade,
  -- Null when the import ran from the command line on the server.
  imported_by uuid references members(id),
  via text not null check (via in ('web', 'cli', 'demo')),
  format text not null check (format in ('csv', 'jsonl', 'telegram', 'text')),
  status text not null check (status in ('running', 'done', 'failed')),
  started_at timestamptz not null,
  finished_at timestamptz,
  imported integer not null default 0,
  duplicates integer not null default 0,
  problem_count integer not null default 0,
  -- The first problems ({ line, code, message }), capped by the use case.
  problems jsonb not null default '[]'
);
create index monitoring_imports_item_idx on monitoring_imports (item_id, started_at);

create table monitored_comments (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  item_id uuid not null references monitored_items(id) on delete cascade,
  import_id uuid references monitoring_imports(id) on delete set null,
  -- Line (row, message index) in the imported file.
  line integer,
  -- Verbatim, exactly as imported: never normalised.
  text text not null,
  author text,
  posted_at timestamptz,
  url text,
  source_id text,
  -- SHA-256 of the verbatim record (src/common/monitoring/imported-comment.ts).
  sha256 bytea not null check (length(sha256) = 32),
  imported_at timestamptz not null,
  -- The machine label.
  machine_hateful boolean not null,
  machine_score double precision not null check (machine_score >= 0 and machine_score <= 1),
  machine_categories text[] not null default '{}',
  language text not null check (language in ('ru', 'kk-cyrl', 'kk-latn', 'en', 'mixed', 'unknown')),
  -- Matched rules and top features ({ rules, features }).
  evidence jsonb not null,
  classifier_version text not null,
  classified_at timestamptz not null,
  -- The confirmed label: a copy of the latest row of monitoring_reviews for this comment,
  -- written in the same transaction, so the queue and the counts need no join. Null until
  -- a member reviews the comment.
  confirmed_hateful boolean,
  confirmed_categories text[],
  reviewed_by uuid references members(id),
  reviewed_at timestamptz,
  -- The same comment imported again (another export of the same post) is a duplicate.
  unique (organisation_id, item_id, sha256)
);
-- The review queue: unreviewed comments of an item, most uncertain first.
create index monitored_comments_queue_idx
  on monitored_comments (item_id, (abs(machine_score - 0.5)), id)
  where reviewed_at is null;
create index monitored_comments_item_idx on monitored_comments (item_id, posted_at, id);
create index monitored_comments_org_reviewed_idx on monitored_comments (organisation_id)
  where reviewed_at is not null;

-- Every review, oldest first: the history behind the confirmed label.
create table monitoring_reviews (
  id uuid primary key,
  comment_id uuid not null references monitored_comments(id) on delete cascade,
  organisation_id uuid not null references organisations(id),
  reviewer_id uuid references members(id),
  hateful boolean not null,
  categories text[] not null default '{}',
  -- Whether the reviewer agreed with the machine label shown (confirm) or changed it.
  agreed boolean not null,
  reviewed_at timestamptz not null
);
create index monitoring_reviews_comment_idx on monitoring_reviews (comment_id, reviewed_at);

-- An organisation's own statistical model, trained from its reviewed labels. Used for new
-- classifications only while `in_use` (it beat the shipped model on held-out labels).
create table monitoring_models (
  organisation_id uuid primary key references organisations(id),
  model bytea not null,
  version text not null,
  trained_at timestamptz not null,
  trained_by uuid references members(id),
  examples integer not null,
  in_use boolean not null,
  -- Held-out figures of this model and of the shipped one, training time.
  figures jsonb not null
);
