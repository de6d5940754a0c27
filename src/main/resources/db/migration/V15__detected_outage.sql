-- Outage windows detected by the platform (several people's meeting rooms failing at one fair) have no recording
-- person; every other window still names who recorded it.
alter table fair_outage alter column recorded_by drop not null;
alter table fair_outage add column detected boolean not null default false;
alter table fair_outage add constraint fair_outage_recorded_or_detected check (detected or recorded_by is not null);
