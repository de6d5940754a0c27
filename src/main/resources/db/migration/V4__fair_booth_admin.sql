-- Fair and booth management: rules that must hold however many people edit at once.

-- Two slots of one booth never overlap (removed slots no longer count). The application checks first to give a
-- clear answer; this catches two schedules saved at the same moment.
alter table slot add constraint slot_no_overlap
  exclude using gist (booth_id with =, tstzrange(starts_at, ends_at) with &&) where (removed_at is null);

-- The orientation part lies within the fair.
alter table fair add constraint fair_orientation_within check (
  orientation_starts_at is null
  or (orientation_starts_at >= starts_at
      and orientation_starts_at + make_interval(mins => orientation_minutes) <= ends_at));
