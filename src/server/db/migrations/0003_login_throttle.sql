-- Sign-in throttling moves from the member row to a table keyed by the e-mail index, so an
-- e-mail with no account is throttled exactly like one with an account: a 429 no longer
-- tells anyone that an account exists. Rows hold only the HMAC of the e-mail.
create table login_throttle (
  email_index bytea primary key,
  failures integer not null,
  locked_until timestamptz,
  updated_at timestamptz not null
);
create index login_throttle_updated_idx on login_throttle (updated_at);

alter table members drop column failed_logins;
alter table members drop column locked_until;
