-- Jobs that ran out of attempts (or whose payload no longer matches its definition) are
-- kept, marked failed, so an operator can see them; they must leave the due index, or
-- the worker would keep claiming them.
alter table jobs add column failed_at timestamptz;

drop index jobs_due_idx;
create index jobs_due_idx on jobs (run_at, id) where done_at is null and failed_at is null;
