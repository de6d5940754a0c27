-- Attendance: the jobseeker record's staff fields, check-in and the employer's outcome per booking, sick notes,
-- outage windows, and the SfA caseworker's worklist. The booking's own status (ACTIVE/CANCELLED) is left alone:
-- whether a person came is a separate fact, kept in attendance.

-- The jobseeker record: who looks after the person and (staff only, never shown to employers) the benefit received.
alter table jobseeker
  add column caseworker_id bigint references account (id),
  add column benefit_type  text check (benefit_type in ('UNEMPLOYMENT_BENEFIT', 'EMERGENCY_ASSISTANCE', 'MINIMUM_INCOME'));
create index jobseeker_caseworker on jobseeker (caseworker_id);

-- One row per booking once anything happened to it: a check-in, an outcome (from the employer, staff or the no-show job).
create table attendance (
  booking_id     bigint primary key references booking (id),
  checked_in_at  timestamptz,
  outcome        text check (outcome in ('APPEARED', 'NO_SHOW', 'UNSUITABLE', 'CANDIDATE_DECLINED', 'EMPLOYER_NO_SHOW')),
  outcome_source text check (outcome_source in ('EMPLOYER', 'STAFF', 'SYSTEM')),
  outcome_by     bigint references account (id),
  outcome_at     timestamptz,
  next_step      text check (next_step in ('SECOND_INTERVIEW', 'TRIAL_DAY', 'HIRED')),
  note           text check (length(note) <= 2000),
  check ((outcome is null) = (outcome_at is null)),
  check ((outcome is null) = (outcome_source is null)),
  check (next_step is null or outcome = 'APPEARED')
);
create index attendance_open on attendance (booking_id) where outcome is null;

-- A sick note (Krankmeldung) excuses one appointment; staff record it.
create table sick_note (
  id           bigint generated always as identity primary key,
  booking_id   bigint not null unique references booking (id),
  jobseeker_id bigint not null references account (id),
  note         text check (length(note) <= 2000),
  recorded_by  bigint not null references account (id),
  recorded_at  timestamptz not null default now()
);
create index sick_note_jobseeker on sick_note (jobseeker_id, recorded_at);

-- A platform outage during a fair: every appointment overlapping it is excused.
create table fair_outage (
  id          bigint generated always as identity primary key,
  fair_id     bigint not null references fair (id) on delete cascade,
  during      tstzrange not null check (not isempty(during) and lower(during) is not null and upper(during) is not null),
  reason      text not null check (length(btrim(reason)) between 3 and 1000),
  recorded_by bigint not null references account (id),
  recorded_at timestamptz not null default now()
);
create index fair_outage_during on fair_outage using gist (fair_id, during);

-- The caseworker's tasks. Items are created when the fact arises (a no-show on a binding appointment, a sick note
-- at or past the flag threshold); whether one is still open is decided when the list is read (an excuse recorded
-- later, or a corrected outcome, takes it off). OVERDUE_PROPOSAL is reserved for unbooked binding proposals
-- (invitations, another migration); proposal_id then names the proposal.
create table worklist_item (
  id           bigint generated always as identity primary key,
  kind         text not null check (kind in ('NO_SHOW', 'SICK_NOTE_FLAG', 'OVERDUE_PROPOSAL')),
  jobseeker_id bigint not null references account (id),
  booking_id   bigint references booking (id),
  sick_note_id bigint references sick_note (id),
  proposal_id  bigint,
  created_at   timestamptz not null default now(),
  result       text check (result in ('REASON_ACCEPTED', 'SANCTION_CHECK', 'NO_ACTION')),
  result_note  text check (length(result_note) <= 2000),
  result_by    bigint references account (id),
  result_at    timestamptz,
  check ((result is null) = (result_at is null)),
  check (kind <> 'NO_SHOW' or booking_id is not null),
  check (kind <> 'SICK_NOTE_FLAG' or sick_note_id is not null)
);
create unique index worklist_item_no_show on worklist_item (booking_id) where kind = 'NO_SHOW';
create unique index worklist_item_sick_note on worklist_item (sick_note_id) where kind = 'SICK_NOTE_FLAG';
create index worklist_item_open on worklist_item (jobseeker_id) where result is null;

-- Whoever writes a NO_SHOW (the job, an employer, staff): a binding appointment becomes a task for the caseworker.
create function attendance_no_show_task() returns trigger language plpgsql as $$
begin
  if new.outcome = 'NO_SHOW' and (tg_op = 'INSERT' or old.outcome is distinct from 'NO_SHOW') then
    insert into worklist_item (kind, jobseeker_id, booking_id)
    select 'NO_SHOW', k.jobseeker_id, k.id from booking k where k.id = new.booking_id and k.legal_basis = 'BINDING'
    on conflict do nothing;
  end if;
  return null;
end $$;
create trigger attendance_no_show_task after insert or update of outcome on attendance
  for each row execute function attendance_no_show_task();

-- Live updates: an attendance fact changed (ids only; readers fetch what they may see).
create function attendance_announce() returns trigger language plpgsql as $$
begin
  perform pg_notify('live', (select json_build_object('type', 'attendance', 'booking', k.id, 'booth', k.booth_id,
      'fair', b.fair_id, 'jobseeker', k.jobseeker_id)::text
    from booking k join booth b on b.id = k.booth_id where k.id = new.booking_id));
  return null;
end $$;
create trigger attendance_announce after insert or update on attendance
  for each row execute function attendance_announce();
create trigger sick_note_announce after insert or update on sick_note
  for each row execute function attendance_announce();

create function fair_outage_announce() returns trigger language plpgsql as $$
begin
  perform pg_notify('live', json_build_object('type', 'outage', 'fair', new.fair_id, 'outage', new.id)::text);
  return null;
end $$;
create trigger fair_outage_announce after insert or update on fair_outage
  for each row execute function fair_outage_announce();
