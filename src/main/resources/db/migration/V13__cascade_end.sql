-- How cases end without a human (see at.jobfair.cascade.CascadeService#endBarred and #closeDue): the platform's own
-- steps are the platform's only. A late sanction bar (SANCTION_BARRED) and closing (CLOSE) are recorded by SYSTEM
-- and nobody else, and a bar only ever ends a case without a sanction check; the CHECK cascade_sanction_only_binding
-- (V12) already keeps a barred case out of every sanction state.
create function cascade_step_platform_only() returns trigger language plpgsql as $$
begin
  if new.event in ('SANCTION_BARRED', 'CLOSE') and (new.actor_role <> 'SYSTEM' or new.actor_id is not null) then
    raise exception 'only the platform records %', new.event using errcode = 'check_violation',
      constraint = 'cascade_step_platform_only';
  end if;
  if new.event = 'SANCTION_BARRED' and (new.to_state <> 'ENDED_NO_SANCTION_CHECK' or new.to_station is not null) then
    raise exception 'a sanction bar ends the case without a sanction check' using errcode = 'check_violation',
      constraint = 'cascade_step_bar_ends';
  end if;
  return new;
end $$;
create trigger cascade_step_platform_only before insert on cascade_step
  for each row execute function cascade_step_platform_only();
