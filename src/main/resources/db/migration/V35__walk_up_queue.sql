-- The walk-up queue per booth while a fair runs (at.jobfair.queue, issue 16). What two people acting at once could
-- break is decided here, not in Java:
--  * a person holds one waiting place per fair (unique partial index), however many booths they try at once;
--  * a booth's last place is taken once: every join locks its booth's queue row first and counts under that lock;
--  * "next" takes the first waiting person with FOR UPDATE SKIP LOCKED, so two staff pressing at once get two people;
--  * a place is passed over, left or called by one conditional update; nothing is deleted (the record is the evidence).
-- A walk-up meeting is a booking like any other (source WALK_UP, on a one-seat slot of its own starting at "next"): the
-- meeting feature's room, lobby, join/leave log, check-in and the booth's schedule all work on bookings.

alter table booking drop constraint booking_source_check;
alter table booking add constraint booking_source_check
  check (source in ('OWN_INITIATIVE', 'PLACEMENT_PROPOSAL', 'CONTROL_APPOINTMENT', 'MASS_MAILING', 'PUBLIC_LINK', 'WALK_UP'));

-- A walk-up meeting's slot lies outside the booth's schedule: it starts at "next", while the schedule's slots may run,
-- and several staff may be in walk-up meetings at once. So it does not take part in "a booth's slots never overlap".
alter table slot add column walk_up boolean not null default false;
alter table slot drop constraint slot_no_overlap;
alter table slot add constraint slot_no_overlap
  exclude using gist (booth_id with =, tstzrange(starts_at, ends_at) with &&) where (removed_at is null and not walk_up);

-- A booth's queue: open (people may join) or paused, its optional maximum length, the last ticket handed out, and the
-- pace of "next" (a moving average of the seconds between two calls) the estimated wait is made from.
create table booth_queue (
  booth_id     bigint primary key references booth (id) on delete cascade,
  open         boolean not null default false,
  max_length   int check (max_length between 1 and 1000),
  last_ticket  int not null default 0 check (last_ticket >= 0),
  pace_seconds int check (pace_seconds between 1 and 86400),
  last_next_at timestamptz,
  changed_at   timestamptz not null default now(),
  changed_by   bigint references account (id)
);

-- A place in a queue. WAITING until the person leaves (LEFT), is called by "next" (CALLED, with the walk-up booking)
-- or is passed over (PASSED: ABSENT = their page stopped saying it is there; NO_ANSWER = called but never entered the
-- room; BOOKED = they meanwhile hold an appointment at this booth). fair_id is the booth's, set by the trigger below.
create table queue_place (
  id          bigint generated always as identity primary key,
  booth_id    bigint not null references booth (id) on delete cascade,
  fair_id     bigint not null references fair (id) on delete cascade,
  account_id  bigint not null references account (id),
  ticket      int not null check (ticket > 0),
  status      text not null default 'WAITING' check (status in ('WAITING', 'CALLED', 'LEFT', 'PASSED')),
  passed_why  text check (passed_why in ('ABSENT', 'NO_ANSWER', 'BOOKED')),
  joined_at   timestamptz not null default now(),
  seen_at     timestamptz not null default now(),
  ended_at    timestamptz,
  called_by   bigint references account (id),
  booking_id  bigint unique references booking (id),
  unique (booth_id, ticket),
  check ((status = 'WAITING') = (ended_at is null)),
  check ((status = 'PASSED') = (passed_why is not null)),
  check (status <> 'CALLED' or (booking_id is not null and called_by is not null)),
  check (status in ('CALLED', 'PASSED') or booking_id is null)
);
create unique index queue_place_one_per_fair on queue_place (fair_id, account_id) where status = 'WAITING';
create index queue_place_waiting on queue_place (booth_id, ticket) where status = 'WAITING';
create index queue_place_called on queue_place (ended_at) where status = 'CALLED';
create index queue_place_account on queue_place (account_id, joined_at desc);

create function queue_place_fair() returns trigger language plpgsql as $$
begin
  new.fair_id := (select fair_id from booth where id = new.booth_id);
  return new;
end $$;
create trigger queue_place_fair before insert on queue_place for each row execute function queue_place_fair();

-- Live: what anyone watching a booth's queue may know (no names): open or paused, how many wait, the waiting tickets in
-- order (a page finds its own position in it) and the pace; after every committed change of a place or of the queue.
create function queue_state(p_booth bigint) returns json language sql stable as $$
  select json_build_object('type', 'queue', 'booth', b.id, 'fair', b.fair_id,
      'open', coalesce(q.open, false), 'maxLength', q.max_length, 'paceSeconds', q.pace_seconds,
      'waiting', (select count(*) from queue_place p where p.booth_id = b.id and p.status = 'WAITING'),
      'tickets', coalesce((select json_agg(p.ticket order by p.ticket) from queue_place p
                            where p.booth_id = b.id and p.status = 'WAITING'), '[]'::json))
    from booth b left join booth_queue q on q.booth_id = b.id where b.id = p_booth
$$;

create function queue_place_announce() returns trigger language plpgsql as $$
begin
  -- The person themselves first: called (with the room to go to) or passed over; then everybody watching the queue.
  if tg_op = 'UPDATE' and new.status <> old.status and new.status in ('CALLED', 'PASSED') then
    perform pg_notify('live', json_build_object('type', 'queue-place', 'place', new.id, 'booth', new.booth_id,
        'fair', new.fair_id, 'jobseeker', new.account_id, 'status', new.status, 'booking', new.booking_id,
        'why', new.passed_why)::text);
  end if;
  perform pg_notify('live', queue_state(new.booth_id)::text);
  return null;
end $$;
create trigger queue_place_announce after insert or update of status on queue_place
  for each row execute function queue_place_announce();

create function booth_queue_announce() returns trigger language plpgsql as $$
begin
  perform pg_notify('live', queue_state(new.booth_id)::text);
  return null;
end $$;
create trigger booth_queue_announce after insert or update of open, max_length on booth_queue
  for each row execute function booth_queue_announce();

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant select, insert, update on booth_queue, queue_place to jobfair_app';
    -- A place is never removed by the application: left, called and passed over stay on record.
    execute 'revoke delete on queue_place from jobfair_app';
    execute 'grant execute on function queue_state(bigint) to jobfair_app';
  end if;
end $$;
