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

-- A deputy or team member decides for the caseworker (the services ask access/Relations, which compares the deputy's
-- dates with today in the configured zone). The guards below are the backstop against anyone else deciding; they do
-- not know the zone, so they allow a day either side of a deputy's dates.
create function stands_in_for(caseworker bigint, staff bigint) returns boolean language sql stable as $$
  select caseworker is not null and staff is not null and caseworker <> staff and (
    exists (select 1 from caseworker_deputy d where d.caseworker_id = caseworker and d.deputy_id = staff
             and current_date between coalesce(d.valid_from - 1, '-infinity'::date) and coalesce(d.valid_until + 1, 'infinity'::date))
    or exists (select 1 from caseworker_team t join caseworker_team u on u.team = t.team
                where t.sfa_id = caseworker and u.sfa_id = staff))
$$;

-- As in V12, and a stand-in for the caseworker decides too.
create or replace function cascade_step_guard() returns trigger language plpgsql as $$
declare
  c cascade;
begin
  select * into c from cascade where id = new.cascade_id;
  if new.event in ('TAKE', 'COURSE_ACCEPTED', 'COURSE_DECLINED', 'OFFER_ACCEPTED', 'OFFER_DECLINED', 'LOCAL_OFFER_ACCEPTED',
                   'LOCAL_OFFER_DECLINED', 'STATEMENT', 'FINDING') then
    if not exists (select 1 from cascade_station s where s.fair_id = c.fair_id and s.station = new.from_station
                      and new.actor_role = any (s.roles)) then
      raise exception 'role % does not staff station %', new.actor_role, new.from_station using errcode = 'check_violation',
        constraint = 'cascade_step_staff';
    end if;
  elsif new.event in ('DECIDE', 'WAIVE', 'REFUSE_WAIVER') then
    if not ((c.minimum_income and new.actor_role = 'KOMMUNE')
            or (not c.minimum_income and new.actor_role = 'SFA'
                and (new.actor_id = c.caseworker_id or stands_in_for(c.caseworker_id, new.actor_id)))) then
      raise exception 'only the responsible decider decides' using errcode = 'check_violation',
        constraint = 'cascade_step_decider';
    end if;
  end if;
  return new;
end $$;

-- As in V22, and a stand-in for the caseworker decides too.
create or replace function reasons_step_guard() returns trigger language plpgsql as $$
declare
  r reasons_request;
  outcomes jsonb;
  caseworker bigint;
begin
  select * into r from reasons_request where id = new.request_id;
  if new.event in ('ACCEPT', 'OPEN_CASE', 'DECIDE') then
    select caseworker_id into caseworker from jobseeker where account_id = r.jobseeker_id;
    if not ((r.decider = 'MUNICIPALITY' and new.actor_role = 'KOMMUNE')
            or (r.decider = 'CASEWORKER' and new.actor_role = 'SFA'
                and (new.actor_id = caseworker or stands_in_for(caseworker, new.actor_id)))) then
      raise exception 'only the responsible decider decides' using errcode = 'check_violation', constraint = 'reasons_step_decider';
    end if;
  end if;
  if new.event = 'DECIDE' then
    select definition -> 'outcomes' into outcomes from legal_basis where code = r.basis_code and version = r.basis_version;
    if outcomes is null or not outcomes ? new.outcome then
      raise exception 'basis %/% does not allow %', r.basis_code, r.basis_version, new.outcome
        using errcode = 'check_violation', constraint = 'reasons_outcome_of_basis';
    end if;
    if not ((new.outcome = 'SANCTION_WAIVED' and new.from_state = 'IMPOSED')
            or (new.outcome = 'PAYMENT_RESUMED' and new.from_state = 'SUSPENDED')
            or (new.outcome in ('SANCTION_IMPOSED', 'SANCTION_NOT_IMPOSED', 'PAYMENT_SUSPENDED') and new.from_state = 'CASE_OPEN')) then
      raise exception 'outcome % cannot follow %', new.outcome, new.from_state using errcode = 'check_violation',
        constraint = 'reasons_outcome_order';
    end if;
  end if;
  return new;
end $$;

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant select, insert, update, delete on caseworker_deputy, caseworker_team, municipality_area to jobfair_app';
    execute 'grant usage, select on all sequences in schema public to jobfair_app';
    execute 'grant execute on function stands_in_for(bigint, bigint) to jobfair_app';
  end if;
end $$;
