-- People's rights over their data (GDPR art. 16 and 17): a person asks for a correction or for erasure; staff close
-- the request as done or refused, with a reply the person reads. The person's text lives only here (the audit trail
-- gets its hash), so erasure can blank it without breaking the chain.
--
-- Races guarded here, not in Java:
--  * one open request of a kind per person (partial unique index): asking twice is refused;
--  * a request is closed once: closing is "update ... where state = 'OPEN' returning", so of two organisers carrying
--    out the same erasure at once exactly one finds it open (the other waits on the row lock, then finds it closed).
create table rights_request (
  id           bigint generated always as identity primary key,
  kind         text not null check (kind in ('CORRECTION', 'ERASURE')),
  jobseeker_id bigint not null references account (id),
  -- what the person says is wrong (a correction) or why they ask (an erasure; optional); null once erased
  text         text check (length(text) <= 2000),
  state        text not null default 'OPEN' check (state in ('OPEN', 'DONE', 'REFUSED')),
  -- an erasure must be carried out by then (privacy.erasureDays after asking)
  due_at       timestamptz,
  reply        text check (length(reply) <= 2000),
  closed_by    bigint references account (id),
  closed_at    timestamptz,
  audit_seq    bigint not null unique,
  created_at   timestamptz not null default now(),
  check ((state = 'OPEN') = (closed_at is null)),
  check ((state = 'OPEN') = (closed_by is null)),
  check (state <> 'REFUSED' or length(btrim(reply)) >= 3),
  check ((kind = 'ERASURE') = (due_at is not null))
);
create unique index rights_request_one_open on rights_request (jobseeker_id, kind) where state = 'OPEN';
create index rights_request_open on rights_request (kind, due_at, id) where state = 'OPEN';
create index rights_request_person on rights_request (jobseeker_id, id desc);

-- When an account was erased: it is inactive for good, its name and email are placeholders.
alter table account add column erased_at timestamptz;
alter table account add constraint account_erased_inactive check (erased_at is null or not active);

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant select, insert, update on rights_request to jobfair_app';
    execute 'revoke delete, truncate on rights_request from jobfair_app';
  end if;
end $$;
