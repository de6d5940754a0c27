-- The waitlist of a booth (issue 16, point 3). A person joins when the booth has no free seat; a seat that frees up
-- (a booking cancelled or moved away, a slot added) is offered to the first in line and held for them. The rules that
-- people acting at once could break live here, not in Java:
--  * a held seat counts against the slot's capacity (slot.held, kept by the triggers below): booked + held <= capacity
--    is the slot's CHECK, so nobody can book a held seat, whatever the application does;
--  * the seat is offered in the very transaction that frees it (a trigger on slot), to exactly one person: the first
--    waiting entry is taken with "for update skip locked" and its status is re-checked on the row itself;
--  * the holder's booking consumes the hold in the booking's own statement (booking_count_seats): held - 1 and
--    booked + 1 in one update of the slot;
--  * an ended hold (declined, expired, left) gives the seat back in the same statement, and the slot trigger offers it
--    to the next in line; when nobody is left the seat is free for everyone.
-- Each change of an entry is announced on the live channel (the person, the booth's staff, and the booth's public
-- topic without the person).

-- How long a seat is held for the person offered it (waitlist.holdMinutes, written by the application at start).
create table waitlist_setting (
  only_row     boolean primary key default true check (only_row),
  hold_seconds int not null check (hold_seconds between 1 and 86400)
);
insert into waitlist_setting (hold_seconds) values (1800);

alter table slot add column held int not null default 0;
do $$
declare c text;
begin
  -- the seat count's CHECK of V2 (booked between 0 and capacity) becomes one that counts the held seats too
  for c in select conname from pg_constraint where conrelid = 'slot'::regclass and contype = 'c'
                                              and pg_get_constraintdef(oid) like '%booked%' loop
    execute format('alter table slot drop constraint %I', c);
  end loop;
end $$;
alter table slot add constraint slot_seats check (booked >= 0 and held >= 0 and booked + held <= capacity);

create table waitlist_entry (
  id           bigint generated always as identity primary key,
  booth_id     bigint not null references booth (id) on delete cascade,
  jobseeker_id bigint not null references account (id),
  status       text not null default 'WAITING'
               check (status in ('WAITING', 'OFFERED', 'BOOKED', 'DECLINED', 'EXPIRED', 'LEFT')),
  joined_at    timestamptz not null default now(),
  -- the seat offered (kept after the offer ended, for the record)
  slot_id      bigint references slot (id) on delete set null,
  offered_at   timestamptz,
  hold_until   timestamptz,
  booking_id   bigint references booking (id),
  ended_at     timestamptz,
  check (status <> 'OFFERED' or (slot_id is not null and offered_at is not null and hold_until is not null)),
  check ((status in ('WAITING', 'OFFERED')) = (ended_at is null))
);
-- One place per person and booth at a time.
create unique index waitlist_once on waitlist_entry (booth_id, jobseeker_id) where status in ('WAITING', 'OFFERED');
create index waitlist_line on waitlist_entry (booth_id, joined_at, id) where status = 'WAITING';
create index waitlist_holds on waitlist_entry (hold_until) where status = 'OFFERED';
create index waitlist_slot_holds on waitlist_entry (slot_id, jobseeker_id) where status = 'OFFERED';
create index waitlist_person on waitlist_entry (jobseeker_id, joined_at desc);

-- Each offer's email, once (whichever node's job claims it first; one row per offer).
create table waitlist_offer_mail (
  entry_id   bigint not null references waitlist_entry (id) on delete cascade,
  offered_at timestamptz not null,
  outbox_id  bigint,
  primary key (entry_id, offered_at)
);

-- A seat is free to take: not removed, neither booked nor held, still open.
create or replace function slot_free(s slot, f fair) returns boolean
  language sql stable parallel safe
  as $$ select s.removed_at is null and s.booked + s.held < s.capacity and slot_open(s, f) $$;

-- Offers one free seat of the slot to the first person in line at its booth who can take it (no active booking at
-- the booth or at that time). The caller holds the slot's row lock (the statement that freed the seat); the entry is
-- taken with skip locked, so two seats freed at once go to two people. The hold ends at the configured time, never
-- after the slot's booking cutoff. Answers whether a seat was offered.
create function waitlist_offer(for_slot bigint) returns boolean language plpgsql as $$
declare
  s slot;
  f fair;
  secs int;
  offered bigint;
begin
  select * into s from slot where id = for_slot;
  if not found then return false; end if;
  select fa.* into f from fair fa join booth b on b.fair_id = fa.id where b.id = s.booth_id;
  if not (f.status = 'PUBLISHED' and slot_free(s, f)) then return false; end if;
  select hold_seconds into secs from waitlist_setting;
  update waitlist_entry w
     set status = 'OFFERED', slot_id = s.id, offered_at = now(),
         hold_until = least(now() + make_interval(secs => secs), s.starts_at - make_interval(mins => f.booking_cutoff_minutes))
   where w.id = (select x.id from waitlist_entry x
                  where x.booth_id = s.booth_id and x.status = 'WAITING'
                    and not exists (select 1 from booking k where k.jobseeker_id = x.jobseeker_id and k.status = 'ACTIVE'
                                      and (k.booth_id = s.booth_id or k.during && tstzrange(s.starts_at, s.ends_at)))
                  order by x.joined_at, x.id
                  limit 1
                    for update skip locked)
     and w.status = 'WAITING'
  returning w.id into offered;
  return offered is not null;
end $$;

-- A seat became free (or a slot was added): offer it, if anybody waits at the booth. The update of slot.held that an
-- offer makes fires this again, so further free seats go to the next people in line.
create function slot_waitlist() returns trigger language plpgsql as $$
begin
  if exists (select 1 from waitlist_entry w where w.booth_id = new.booth_id and w.status = 'WAITING') then
    perform waitlist_offer(new.id);
  end if;
  return null;
end $$;
create trigger slot_waitlist after insert or update of booked, held, capacity, removed_at on slot
  for each row when (new.removed_at is null and new.booked + new.held < new.capacity)
  execute function slot_waitlist();

-- A slot removed while a seat of it is held: the person goes back to their place in line.
create function slot_removed_holds() returns trigger language plpgsql as $$
begin
  update waitlist_entry set status = 'WAITING', offered_at = null, hold_until = null, slot_id = null
   where slot_id = new.id and status = 'OFFERED';
  return null;
end $$;
create trigger slot_removed_holds after update of removed_at on slot
  for each row when (old.removed_at is null and new.removed_at is not null)
  execute function slot_removed_holds();

-- An entry's hold taken or given back (a booking of the held seat is counted by booking_count_seats instead), and
-- the change announced.
create function waitlist_entry_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.status = 'OFFERED' and new.status not in ('OFFERED', 'BOOKED') then
    update slot set held = held - 1 where id = old.slot_id;
  end if;
  if new.status = 'OFFERED' and (tg_op = 'INSERT' or old.status <> 'OFFERED') then
    update slot set held = held + 1 where id = new.slot_id;
  end if;
  perform pg_notify('live', json_build_object(
    'type', 'waitlist', 'entry', new.id, 'booth', new.booth_id,
    'fair', (select fair_id from booth where id = new.booth_id),
    'jobseeker', new.jobseeker_id, 'status', new.status)::text);
  return null;
end $$;
create trigger waitlist_entry_change after insert or update of status on waitlist_entry
  for each row execute function waitlist_entry_change();

-- Seats counted as in V3, and a booking ends the person's place in the booth's line: a held seat it takes is
-- booked and no longer held in one update of the slot; a seat held for them elsewhere at the booth is given back.
-- The entry is taken with skip locked: an entry another transaction is ending (an expiring hold) is left to it, and the
-- slot's CHECK then decides.
create or replace function booking_count_seats() returns trigger language plpgsql as $$
declare
  w waitlist_entry;
  waiting boolean;
begin
  if tg_op = 'INSERT' and new.status = 'ACTIVE' then
    select * into w from waitlist_entry
     where booth_id = new.booth_id and jobseeker_id = new.jobseeker_id and status in ('WAITING', 'OFFERED')
       for update skip locked;
    waiting := found;
    if waiting then
      update waitlist_entry set status = 'BOOKED', booking_id = new.id, ended_at = now() where id = w.id;
    end if;
    if waiting and w.status = 'OFFERED' and w.slot_id = new.slot_id then
      update slot set booked = booked + 1, held = held - 1 where id = new.slot_id;
    else
      update slot set booked = booked + 1 where id = new.slot_id;
      if waiting and w.status = 'OFFERED' then
        update slot set held = held - 1 where id = w.slot_id;
      end if;
    end if;
  elsif tg_op = 'UPDATE' and old.status = 'ACTIVE' and new.status <> 'ACTIVE' then
    update slot set booked = booked - 1 where id = old.slot_id;
  elsif tg_op = 'UPDATE' and old.status <> 'ACTIVE' and new.status = 'ACTIVE' then
    update slot set booked = booked + 1 where id = new.slot_id;
  end if;
  return null;
end $$;

-- What anyone watching a booth may know: a slot's free seats (held ones are not free). No names.
create or replace function slot_announce() returns trigger language plpgsql as $$
begin
  perform pg_notify('live', json_build_object(
    'type', 'slot', 'slot', new.id, 'booth', new.booth_id,
    'fair', (select fair_id from booth where id = new.booth_id),
    'free', case when new.removed_at is null then new.capacity - new.booked - new.held else 0 end,
    'removed', new.removed_at is not null)::text);
  return null;
end $$;
drop trigger slot_announce on slot;
create trigger slot_announce after insert or update of booked, held, capacity, removed_at, starts_at, ends_at on slot
  for each row execute function slot_announce();

-- The job's sweep: free seats of a booth's slots that nobody was offered (a person joined the line the moment a seat
-- was freed) are offered now. Slots another transaction holds are skipped (that transaction offers them itself).
create function waitlist_sweep(for_booth bigint) returns int language plpgsql as $$
declare
  sid bigint;
  n int := 0;
begin
  for sid in select s.id from slot s join booth b on b.id = s.booth_id join fair f on f.id = b.fair_id
              where s.booth_id = for_booth and f.status = 'PUBLISHED' and slot_free(s, f)
              order by s.starts_at, s.id
                for no key update of s skip locked loop
    while waitlist_offer(sid) loop
      n := n + 1;
    end loop;
  end loop;
  return n;
end $$;

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant execute on function waitlist_offer(bigint), waitlist_sweep(bigint) to jobfair_app';
  end if;
end $$;
