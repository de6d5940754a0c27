-- A second factor (TOTP, RFC 6238) for staff whose roles decide or read benefit data (auth.secondFactorRoles).
-- One authenticator per account; it counts once the person has confirmed it with a code from their app. A code is
-- accepted once: the time step of the last accepted code is kept, and a code from that step or an earlier one is refused.
create table account_totp (
  account_id   bigint primary key references account (id) on delete cascade,
  secret       text not null check (secret ~ '^[A-Z2-7]{16,128}$'),
  confirmed_at timestamptz,
  last_step    bigint not null default 0,
  created_at   timestamptz not null default now()
);

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant select, insert, update, delete on account_totp to jobfair_app';
  end if;
end $$;
