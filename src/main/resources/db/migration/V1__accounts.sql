-- Accounts, roles and sign-in throttling.
create extension if not exists citext;
create extension if not exists btree_gist;

create table employer (
  id          bigint generated always as identity primary key,
  name        text not null check (length(btrim(name)) between 1 and 200),
  description text not null default '',
  website     text,
  phone       text,
  logo        bytea,
  logo_type   text check (logo_type in ('image/png', 'image/jpeg', 'image/webp')),
  created_at  timestamptz not null default now()
);

create table account (
  id            bigint generated always as identity primary key,
  email         citext not null unique check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and length(email) <= 254),
  name          text not null check (length(btrim(name)) between 1 and 200),
  password_hash text,
  language      text not null default 'de' check (language in ('de', 'en')),
  employer_id   bigint references employer (id),
  active        boolean not null default true,
  created_at    timestamptz not null default now(),
  created_by    bigint references account (id)
);

create table account_role (
  account_id bigint not null references account (id) on delete cascade,
  role       text not null check (role in ('JOBSEEKER', 'EMPLOYER', 'SFU', 'SFA', 'ERHEBUNG', 'PROVIDER', 'ORGANIZER', 'KOMMUNE')),
  primary key (account_id, role)
);

-- What a jobseeker tells us about themselves; staff-only fields follow with the invitations.
create table jobseeker (
  account_id bigint primary key references account (id) on delete cascade,
  phone      text,
  region     text,
  languages  text[] not null default '{}'
);

-- Failed sign-ins, counted per address and per email to slow down password guessing.
create table sign_in_failure (
  id    bigint generated always as identity primary key,
  email citext not null,
  ip    text not null,
  at    timestamptz not null default now()
);
create index sign_in_failure_email on sign_in_failure (email, at);
create index sign_in_failure_ip on sign_in_failure (ip, at);
