-- Every read of a person's staff-only data (benefit type, sick notes, case and sanction data): who, when, what and
-- why (the relation that allowed it). The person reads their own entries; nobody changes them.
create table data_access (
  id           bigint generated always as identity primary key,
  jobseeker_id bigint not null references account (id),
  staff_id     bigint references account (id),
  staff_name   text not null,
  what         text not null check (what ~ '^[a-z_]{1,40}$'),
  why          text check (why in ('CASEWORKER', 'STATION', 'SANCTION_CHECK', 'MUNICIPALITY', 'ADMINISTRATION')),
  at           timestamptz not null default now()
);
create index data_access_person on data_access (jobseeker_id, at desc);

create function data_access_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the access log is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger data_access_no_change before update or delete on data_access
  for each row execute function data_access_append_only();

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant select, insert on data_access to jobfair_app';
    execute 'revoke update, delete, truncate on data_access from jobfair_app';
  end if;
end $$;
