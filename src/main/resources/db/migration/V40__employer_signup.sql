-- Employers who sign up themselves (at.jobfair.signup, issue 16 point 6).
-- An employer is APPROVED unless it signed up itself: then PENDING until an organiser decides (or REJECTED).
alter table employer add column status text not null default 'APPROVED'
  check (status in ('PENDING', 'APPROVED', 'REJECTED'));

-- The sign-up of a company with its first representative (an inactive account until approval). One decision per
-- sign-up: the statement that decides sets decided_at where it is still null, so of two organisers at once one decides.
create table employer_signup (
  employer_id        bigint primary key references employer (id) on delete cascade,
  representative_id  bigint not null unique references account (id) on delete cascade,
  address            text not null check (length(btrim(address)) between 1 and 300),
  region             text not null check (length(btrim(region)) between 1 and 100),
  contact_phone      text check (contact_phone is null or length(contact_phone) <= 40),
  created_at         timestamptz not null default now(),
  email_confirmed_at timestamptz,
  decision           text check (decision in ('APPROVED', 'REJECTED')),
  decided_at         timestamptz,
  decided_by         bigint references account (id),
  reason             text check (reason is null or length(reason) <= 1000),
  check ((decision is null) = (decided_at is null)),
  check (decision is distinct from 'REJECTED' or length(btrim(reason)) > 0),
  check (decision is null or email_confirmed_at is not null)
);
create index employer_signup_pending on employer_signup (created_at) where decision is null;

-- An approved employer's application to exhibit at a fair: one per employer and fair (the same company applying twice
-- at once gets one); the organiser's approval opens its booth in the same transaction.
create table exhibitor_application (
  id          bigint generated always as identity primary key,
  fair_id     bigint not null references fair (id) on delete cascade,
  employer_id bigint not null references employer (id) on delete cascade,
  applied_by  bigint references account (id) on delete set null,
  created_at  timestamptz not null default now(),
  status      text not null default 'PENDING' check (status in ('PENDING', 'APPROVED', 'REJECTED')),
  decided_at  timestamptz,
  decided_by  bigint references account (id),
  reason      text check (reason is null or length(reason) <= 1000),
  unique (fair_id, employer_id),
  check ((status = 'PENDING') = (decided_at is null)),
  check (status <> 'REJECTED' or length(btrim(reason)) > 0)
);

-- Two more kinds of single-use links: confirming a sign-up's email address, and a colleague's invitation.
alter table email_link drop constraint email_link_purpose_check;
alter table email_link add constraint email_link_purpose_check
  check (purpose in ('SIGN_IN', 'PASSWORD_RESET', 'SIGNUP_CONFIRM', 'COLLEAGUE_INVITE'));
