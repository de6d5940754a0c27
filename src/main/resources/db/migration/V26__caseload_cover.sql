-- Who acts for whose caseload, and which regions a municipality decides for: data an organiser keeps, read by
-- access/Relations (the one place that turns these facts into relations).

-- A deputy stands in for an SfA caseworker, for a period (either end open). Several deputies and overlapping
-- periods are fine: a deputy has the relation while any of their entries covers today (in the configured zone).
create table caseworker_deputy (
  id            bigint generated always as identity primary key,
  caseworker_id bigint not null references account (id) on delete cascade,
  deputy_id     bigint not null references account (id) on delete cascade,
  valid_from    date,
  valid_until   date,
  created_by    bigint references account (id) on delete set null,
  created_at    timestamptz not null default now(),
  check (caseworker_id <> deputy_id),
  check (valid_from is null or valid_until is null or valid_from <= valid_until)
);
create index caseworker_deputy_by_deputy on caseworker_deputy (deputy_id, caseworker_id);

-- A team of SfA caseworkers whose members act for each other's caseload. One team per caseworker at most (the
-- primary key), so moving someone to another team is one row.
create table caseworker_team (
  sfa_id bigint primary key references account (id) on delete cascade,
  team   text not null check (length(team) between 1 and 100)
);
create index caseworker_team_by_team on caseworker_team (team);

-- The regions a municipality account decides for (jobseeker.region): it relates only to minimum-income recipients
-- of its area.
create table municipality_area (
  account_id bigint not null references account (id) on delete cascade,
  region     text not null check (length(region) between 1 and 100),
  primary key (account_id, region)
);

-- The access log names a deputy's or team member's reads as such.
alter table data_access drop constraint data_access_why_check;
alter table data_access add constraint data_access_why_check
  check (why in ('CASEWORKER', 'DEPUTY', 'STATION', 'SANCTION_CHECK', 'MUNICIPALITY', 'ADMINISTRATION'));

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant select, insert, update, delete on caseworker_deputy, caseworker_team, municipality_area to jobfair_app';
    execute 'grant usage, select on all sequences in schema public to jobfair_app';
  end if;
end $$;
