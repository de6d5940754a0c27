-- The interview cascade: a playbook per fair (stations in order, who staffs each, deadlines), one cascade per
-- participant and fair, and every step it took. The rules live in at.jobfair.cascade.CascadeMachine; the database
-- backs the guards that matter most in court, so that no code path (and no hand-written SQL) can break them:
--  * a sanction step only ever for a BINDING participation without employer no-show or outage (CHECK);
--  * a station step only by a role that staffs that station, a decision only by the responsible decider (trigger);
--  * no station skipped: a person moves to the next station of the playbook or back to the check when sent back (trigger);
--  * the steps are append-only like the audit trail, and each names its audit record.
-- Every change of a cascade is announced with NOTIFY (ids only), so the next station's queue and the person hear of a
-- hand-off as soon as it is committed.

create table cascade_playbook (
  fair_id       bigint primary key references fair (id) on delete cascade,
  -- e-Jobmeeting and sector fairs: the organiser enabled the sanction check for binding participants
  escalation    boolean not null default false,
  decision_days int not null check (decision_days between 0 and 365),
  waiver_days   int not null check (waiver_days between 0 and 365),
  updated_by    bigint references account (id),
  updated_at    timestamptz not null default now()
);

create table cascade_station (
  id       bigint generated always as identity primary key,
  fair_id  bigint not null references cascade_playbook (fair_id) on delete cascade,
  station  text not null check (station in ('TRAINING_SCREENING', 'OFFER', 'LOCAL_OFFER', 'SANCTION_CHECK', 'DECISION')),
  position int not null check (position between 1 and 5),
  roles    text[] not null check (cardinality(roles) >= 1),
  -- where the person goes for this station: a room on site or the address of a meeting room
  place    text check (length(place) <= 300),
  unique (fair_id, station),
  unique (fair_id, position) deferrable initially deferred
);

create table cascade (
  id               bigint generated always as identity primary key,
  fair_id          bigint not null references fair (id),
  jobseeker_id     bigint not null references account (id),
  state            text not null check (state in ('INVITED', 'BOOKED', 'NO_SHOW', 'EXCUSED', 'WAITING', 'AT_STATION',
                     'ENDED_COURSE_ACCEPTED', 'ENDED_JOB_ACCEPTED', 'ENDED_NO_SANCTION_CHECK', 'NO_SANCTION', 'SANCTION_PROPOSED',
                     'DECISION_PENDING', 'SENT_BACK', 'IMPOSED', 'NOT_IMPOSED', 'WAIVER_CONSIDERATION', 'WAIVED', 'CLOSED')),
  station          text check (station in ('TRAINING_SCREENING', 'OFFER', 'LOCAL_OFFER', 'SANCTION_CHECK', 'DECISION')),
  legal_basis      text not null check (legal_basis in ('BINDING', 'VOLUNTARY')),
  employer_no_show boolean not null default false,
  outage           boolean not null default false,
  minimum_income   boolean not null default false,
  caseworker_id    bigint references account (id),
  statement_given  boolean not null default false,
  decision_due     timestamptz,
  imposed_at       timestamptz,
  job_start        timestamptz,
  waiting_since    timestamptz,
  taken_by         bigint references account (id),
  taken_at         timestamptz,
  version          int not null default 0,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  unique (fair_id, jobseeker_id),
  check ((state in ('WAITING', 'AT_STATION', 'SENT_BACK', 'SANCTION_PROPOSED', 'DECISION_PENDING')) = (station is not null)),
  -- No sanction step for voluntary participation, after an employer's no-show or in an outage window.
  constraint cascade_sanction_only_binding check (
    (coalesce(station, '') not in ('SANCTION_CHECK', 'DECISION')
      and state not in ('NO_SANCTION', 'SANCTION_PROPOSED', 'DECISION_PENDING', 'SENT_BACK', 'IMPOSED', 'NOT_IMPOSED',
                        'WAIVER_CONSIDERATION', 'WAIVED'))
    or (legal_basis = 'BINDING' and not employer_no_show and not outage))
);
create index cascade_queue on cascade (fair_id, station, waiting_since, id) where state in ('WAITING', 'SENT_BACK');
create index cascade_jobseeker on cascade (jobseeker_id);
create index cascade_caseworker on cascade (caseworker_id) where state in ('SANCTION_PROPOSED', 'DECISION_PENDING', 'WAIVER_CONSIDERATION');

create table cascade_step (
  id            bigint generated always as identity primary key,
  cascade_id    bigint not null references cascade (id),
  event         text not null,
  from_state    text not null,
  from_station  text,
  to_state      text not null,
  to_station    text,
  actor_id      bigint references account (id),
  actor_role    text not null,
  vacancy_id    bigint,
  vacancy_title text,
  employer_id   bigint,
  finding       text check (finding in ('JUSTIFIED', 'NOT_JUSTIFIED', 'UNCLEAR')),
  decision      text check (decision in ('IMPOSE', 'DO_NOT_IMPOSE', 'SEND_BACK')),
  reasons       text check (length(reasons) <= 2000),
  job_start     timestamptz,
  -- the step's audit record (no foreign key: the audit trail refuses TRUNCATE through its own trigger)
  audit_seq     bigint not null unique,
  at            timestamptz not null
);
create index cascade_step_cascade on cascade_step (cascade_id, id);
create index cascade_step_employer on cascade_step (employer_id) where employer_id is not null;

-- Who acts must be entitled: station steps by a role staffing that station, decisions by the responsible decider.
create function cascade_step_guard() returns trigger language plpgsql as $$
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
            or (not c.minimum_income and new.actor_role = 'SFA' and new.actor_id = c.caseworker_id)) then
      raise exception 'only the responsible decider decides' using errcode = 'check_violation',
        constraint = 'cascade_step_decider';
    end if;
  end if;
  return new;
end $$;
create trigger cascade_step_guard before insert on cascade_step for each row execute function cascade_step_guard();

create function cascade_step_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'cascade steps are append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger cascade_step_no_change before update or delete on cascade_step
  for each row execute function cascade_step_append_only();

-- No station skipped: entering a station is allowed only as the playbook's first (at check-in), as the one right
-- after the current station, or back to the sanction check when the decider sends a case back.
create function cascade_station_order() returns trigger language plpgsql as $$
declare
  pos_new int;
  pos_old int;
begin
  if new.station is null or (tg_op = 'UPDATE' and new.station is not distinct from old.station) then
    return new;
  end if;
  if new.state = 'SENT_BACK' and new.station = 'SANCTION_CHECK' then
    return new;
  end if;
  select position into pos_new from cascade_station where fair_id = new.fair_id and station = new.station;
  if tg_op = 'UPDATE' and old.station is not null then
    select position into pos_old from cascade_station where fair_id = new.fair_id and station = old.station;
  else
    pos_old := 0;
  end if;
  if pos_new is null or pos_new <> pos_old + 1 then
    raise exception 'station % would skip a station', new.station using errcode = 'check_violation',
      constraint = 'cascade_no_skipped_station';
  end if;
  return new;
end $$;
create trigger cascade_station_order before insert or update of station on cascade
  for each row execute function cascade_station_order();

-- Live: a cascade changed. Ids only: the stations whose queue changed, the fair's board, the person.
create function cascade_announce() returns trigger language plpgsql as $$
begin
  perform pg_notify('live', json_build_object('type', 'cascade', 'cascade', new.id, 'fair', new.fair_id,
    'jobseeker', new.jobseeker_id, 'state', new.state,
    'stations', (select coalesce(json_agg(s.id), '[]'::json) from cascade_station s
                  where s.fair_id = new.fair_id
                    and (s.station = new.station or (tg_op = 'UPDATE' and s.station = old.station))))::text);
  return null;
end $$;
create trigger cascade_announce after insert or update on cascade
  for each row execute function cascade_announce();

-- An accepted course ends the cascade with a follow-up for the person's caseworker, on the existing worklist.
alter table worklist_item add column cascade_id bigint references cascade (id);
alter table worklist_item drop constraint worklist_item_kind_check;
alter table worklist_item add constraint worklist_item_kind_check
  check (kind in ('NO_SHOW', 'SICK_NOTE_FLAG', 'OVERDUE_PROPOSAL', 'COURSE_FOLLOW_UP'));
alter table worklist_item add constraint worklist_item_course check (kind <> 'COURSE_FOLLOW_UP' or cascade_id is not null);
create unique index worklist_item_course_once on worklist_item (cascade_id) where kind = 'COURSE_FOLLOW_UP';

create function cascade_course_follow_up() returns trigger language plpgsql as $$
begin
  if new.state = 'ENDED_COURSE_ACCEPTED' and old.state is distinct from 'ENDED_COURSE_ACCEPTED' then
    insert into worklist_item (kind, jobseeker_id, cascade_id) values ('COURSE_FOLLOW_UP', new.jobseeker_id, new.id)
    on conflict do nothing;
  end if;
  return null;
end $$;
create trigger cascade_course_follow_up after update of state on cascade
  for each row execute function cascade_course_follow_up();

-- The application's role may add steps but never change or remove them (see V10).
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant select, insert, update, delete on cascade_playbook, cascade_station, cascade to jobfair_app';
    execute 'grant select, insert on cascade_step to jobfair_app';
    execute 'revoke update, delete, truncate on cascade_step from jobfair_app';
    execute 'grant usage, select on all sequences in schema public to jobfair_app';
  end if;
end $$;
