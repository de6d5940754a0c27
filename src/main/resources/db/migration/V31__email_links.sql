-- Ways in by email (account/EmailLinks): a link that signs a jobseeker in once, and a link to set a new password.
-- Only the SHA-256 of a link's token is kept: a copy of the database holds no link that works. A link works once
-- (used_at is set by the one statement that uses it, so of two clicks at once exactly one signs in) and until expires_at;
-- a new password voids the account's other links.
create table email_link (
  token_hash bytea primary key check (length(token_hash) = 32),
  account_id bigint not null references account (id) on delete cascade,
  purpose    text not null check (purpose in ('SIGN_IN', 'PASSWORD_RESET')),
  next_path  text check (next_path is null or (next_path like '/%' and length(next_path) <= 2000)),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at    timestamptz
);
create index email_link_account on email_link (account_id, purpose) where used_at is null;

-- Who asked for such a link, by address (known or not: the count per address limits mails to anyone's inbox). The
-- address is kept as its SHA-256 only, and for a day.
create table email_link_request (
  id         bigint generated always as identity primary key,
  email_hash bytea not null check (length(email_hash) = 32),
  at         timestamptz not null default now()
);
create index email_link_request_email on email_link_request (email_hash, at);
