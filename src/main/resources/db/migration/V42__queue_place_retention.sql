-- Walk-up queue places leave the record (issue 16, privacy): the retention job removes finished places after
-- queue.retentionDays, and an erasure removes the person's at once. A waiting place is never removed: it is ended (LEFT)
-- first, so everyone behind moves up live through queue_place_announce (V35), which a delete would not fire.

create function queue_place_keep_waiting() returns trigger language plpgsql as $$
begin
  if old.status = 'WAITING' then
    raise exception 'a waiting queue place is ended (LEFT), not removed' using errcode = 'check_violation',
      constraint = 'queue_place_waiting_kept';
  end if;
  return old;
end $$;
create trigger queue_place_keep_waiting before delete on queue_place
  for each row execute function queue_place_keep_waiting();

create index queue_place_ended on queue_place (ended_at) where status <> 'WAITING';

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant delete on queue_place to jobfair_app';
  end if;
end $$;
