-- Bookings. The rules that two people acting at once could break live here, not in Java:
--  * slot.booked is kept by a trigger on booking, and slot's CHECK (booked <= capacity) refuses the seat too many;
--  * a person never holds two overlapping active bookings (exclusion constraint);
--  * a person holds at most one active booking per booth (partial unique index).
-- Every change is announced with NOTIFY inside the same transaction, so listeners never hear of a rollback.

alter table slot add column removed_at timestamptz;

create table booking (
  id              bigint generated always as identity primary key,
  slot_id         bigint not null references slot (id),
  booth_id        bigint not null references booth (id),
  jobseeker_id    bigint not null references account (id),
  during          tstzrange not null,
  status          text not null default 'ACTIVE' check (status in ('ACTIVE', 'CANCELLED')),
  source          text not null default 'OWN_INITIATIVE'
                  check (source in ('OWN_INITIATIVE', 'PLACEMENT_PROPOSAL', 'MASS_MAILING', 'PUBLIC_LINK')),
  legal_basis     text not null default 'VOLUNTARY' check (legal_basis in ('BINDING', 'VOLUNTARY')),
  invitation_id   bigint,
  created_at      timestamptz not null default now(),
  cancelled_at    timestamptz,
  cancelled_by    bigint references account (id),
  cancelled_as    text check (cancelled_as in ('JOBSEEKER', 'EMPLOYER', 'STAFF', 'SYSTEM')),
  cancel_reason   text check (length(cancel_reason) <= 1000),
  ics_sequence    int not null default 0,
  check ((status = 'CANCELLED') = (cancelled_at is not null)),
  check (status = 'ACTIVE' or cancelled_as is not null),
  constraint booking_no_overlap exclude using gist (jobseeker_id with =, during with &&) where (status = 'ACTIVE')
);
create unique index booking_one_per_booth on booking (booth_id, jobseeker_id) where status = 'ACTIVE';
create index booking_slot on booking (slot_id);
create index booking_jobseeker on booking (jobseeker_id, created_at desc);

create function booking_count_seats() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' and new.status = 'ACTIVE' then
    update slot set booked = booked + 1 where id = new.slot_id;
  elsif tg_op = 'UPDATE' and old.status = 'ACTIVE' and new.status <> 'ACTIVE' then
    update slot set booked = booked - 1 where id = old.slot_id;
  elsif tg_op = 'UPDATE' and old.status <> 'ACTIVE' and new.status = 'ACTIVE' then
    update slot set booked = booked + 1 where id = new.slot_id;
  end if;
  return null;
end $$;
create trigger booking_count_seats after insert or update of status on booking
  for each row execute function booking_count_seats();

-- What anyone watching a booth may know: a slot's free seats. No names.
create function slot_announce() returns trigger language plpgsql as $$
begin
  perform pg_notify('live', json_build_object(
    'type', 'slot', 'slot', new.id, 'booth', new.booth_id,
    'fair', (select fair_id from booth where id = new.booth_id),
    'free', case when new.removed_at is null then new.capacity - new.booked else 0 end,
    'removed', new.removed_at is not null)::text);
  return null;
end $$;
create trigger slot_announce after insert or update of booked, capacity, removed_at, starts_at, ends_at on slot
  for each row execute function slot_announce();

-- What the booth's staff and the person themselves are told: a booking changed (they fetch the details).
create function booking_announce() returns trigger language plpgsql as $$
begin
  perform pg_notify('live', json_build_object(
    'type', 'booking', 'booking', new.id, 'booth', new.booth_id,
    'fair', (select fair_id from booth where id = new.booth_id),
    'jobseeker', new.jobseeker_id, 'status', new.status)::text);
  return null;
end $$;
create trigger booking_announce after insert or update on booking
  for each row execute function booking_announce();
