-- "Can a seat of this slot be taken now?" in one place, used by every statement that asks (booking, its refusal and
-- alternatives, the catalogue's free slots and open flags). The Java twin for pages is BookingPolicy.open. Plain SQL
-- functions of one expression: PostgreSQL inlines them into the statement, so the booking's plan stays as it was.

-- Booking a slot is open until the fair's cutoff before it starts.
create function slot_open(s slot, f fair) returns boolean
  language sql stable parallel safe
  as $$ select s.starts_at > now() + make_interval(mins => f.booking_cutoff_minutes) $$;

-- A seat is free to take: the slot is not removed, not full, and still open (whether its fair is public aside).
create function slot_free(s slot, f fair) returns boolean
  language sql stable parallel safe
  as $$ select s.removed_at is null and s.booked < s.capacity and slot_open(s, f) $$;

-- Someone may book it now: a free seat at a published fair.
create function slot_bookable(s slot, f fair) returns boolean
  language sql stable parallel safe
  as $$ select f.status = 'PUBLISHED' and slot_free(s, f) $$;

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant execute on function slot_open(slot, fair), slot_free(slot, fair), slot_bookable(slot, fair) to jobfair_app';
  end if;
end $$;
