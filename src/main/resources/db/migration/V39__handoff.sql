-- Hand-off to a colleague (issue 16, point 5). A booking gets the member of the booth's staff who interviews
-- (booking.interviewer_id; null = the booth's team, not yet assigned). What two people acting at once could break lives
-- here, not in Java:
--  * an interviewer never holds two overlapping active bookings of different slots (exclusion constraint; the seats of
--    one group slot share their interviewer), so two staff handing off to the same colleague at once get one through;
--  * the interviewer staffs the booking's booth (trigger), whoever writes it;
--  * every hand-off and every invitation into a running call is kept, append-only for the application (evidence).
alter table booking add column interviewer_id bigint references account (id);
alter table booking add constraint booking_interviewer_no_overlap
  exclude using gist (interviewer_id with =, during with &&, slot_id with <>) where (status = 'ACTIVE' and interviewer_id is not null);
create index booking_interviewer on booking (interviewer_id) where interviewer_id is not null;

create function booking_interviewer_staffs() returns trigger language plpgsql as $$
begin
  if new.interviewer_id is not null and not exists (
      select 1 from booth_staff s where s.booth_id = new.booth_id and s.account_id = new.interviewer_id) then
    raise exception 'interviewer % does not staff booth %', new.interviewer_id, new.booth_id
      using errcode = '23514', constraint = 'booking_interviewer_staffs';
  end if;
  return new;
end $$;
create trigger booking_interviewer_staffs before insert or update of interviewer_id on booking
  for each row execute function booking_interviewer_staffs();

-- Who handed the appointment to whom, and when (from null: the booth's team).
create table booking_handoff (
  id         bigint generated always as identity primary key,
  booking_id bigint not null references booking (id),
  from_id    bigint references account (id),
  to_id      bigint not null references account (id),
  by_id      bigint not null references account (id),
  at         timestamptz not null default now(),
  check (from_id is distinct from to_id)
);
create index booking_handoff_booking on booking_handoff (booking_id, at);

-- A member of the booth's staff asked a colleague into the running call of a booking.
create table meeting_invite (
  id         bigint generated always as identity primary key,
  booking_id bigint not null references booking (id),
  invitee_id bigint not null references account (id),
  invited_by bigint not null references account (id),
  at         timestamptz not null default now(),
  check (invitee_id <> invited_by)
);
create index meeting_invite_booking on meeting_invite (booking_id, at);
create index meeting_invite_invitee on meeting_invite (invitee_id, at);

-- Live: an invitation is a meeting event of its booking (the booth's staff pages and the person's page refresh; the
-- invitee's page shows it). Ids only.
create function meeting_invite_announce() returns trigger language plpgsql as $$
begin
  perform pg_notify('live', (select json_build_object('type', 'meeting', 'booking', k.id, 'booth', k.booth_id,
      'fair', b.fair_id, 'jobseeker', k.jobseeker_id, 'kind', 'INVITE', 'invitee', new.invitee_id)::text
    from booking k join booth b on b.id = k.booth_id where k.id = new.booking_id));
  return null;
end $$;
create trigger meeting_invite_announce after insert on meeting_invite
  for each row execute function meeting_invite_announce();

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant select, insert on booking_handoff, meeting_invite to jobfair_app';
    execute 'revoke update, delete, truncate on booking_handoff, meeting_invite from jobfair_app';
    execute 'grant usage, select on all sequences in schema public to jobfair_app';
  end if;
end $$;
