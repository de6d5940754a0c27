-- Meeting rooms: one per booking (named by HMAC in the application, nothing stored about the name), the lobby's
-- admission, and the join/leave/admit log that is attendance evidence. Rules two people could break by acting at
-- once live here: a booking is admitted once (conditional update on meeting.admitted_at), and the log is append-only
-- for the application role.

-- The lobby of a booking's room: whether the booth lets the jobseeker in at the start by itself, and when (and by
-- whom; null = automatically) the jobseeker was admitted; a call-back the jobseeker asked for (their number, given for
-- this appointment only); a phone call confirmed by the booth instead of video.
create table meeting (
  booking_id         bigint primary key references booking (id),
  auto_admit         boolean not null default false,
  admitted_at        timestamptz,
  admitted_by        bigint references account (id),
  callback_phone     text check (callback_phone ~ '^\+?[0-9][0-9 ()/-]{2,38}$'),
  callback_at        timestamptz,
  phone_confirmed_at timestamptz,
  phone_confirmed_by bigint references account (id),
  check (admitted_by is null or admitted_at is not null),
  check ((callback_phone is null) = (callback_at is null)),
  check ((phone_confirmed_at is null) = (phone_confirmed_by is null))
);

-- Every join, leave and admission in a room, and every failure of the meeting service a page reports. Stored as
-- instants; pages show them in Europe/Vienna. group_fair_id names the fair for its orientation session instead.
create table meeting_event (
  id            bigint generated always as identity primary key,
  booking_id    bigint references booking (id),
  group_fair_id bigint references fair (id) on delete cascade,
  account_id    bigint references account (id),
  role          text not null check (role in ('JOBSEEKER', 'EMPLOYER', 'STAFF')),
  kind          text not null check (kind in ('JOIN', 'LEAVE', 'ADMIT', 'CALLBACK', 'PHONE', 'FAILURE')),
  provider      text not null check (provider in ('BUILTIN', 'JITSI', 'PHONE')),
  detail        text check (length(detail) <= 500),
  at            timestamptz not null default now(),
  check ((booking_id is null) <> (group_fair_id is null))
);
create index meeting_event_booking on meeting_event (booking_id, at) where booking_id is not null;
create index meeting_event_group on meeting_event (group_fair_id, at) where group_fair_id is not null;
create index meeting_event_failure on meeting_event (at) where kind = 'FAILURE';

-- Live updates: something happened in a booking's room (ids and the kind only; readers fetch what they may see).
create function meeting_announce() returns trigger language plpgsql as $$
begin
  if new.booking_id is null then
    return null;
  end if;
  perform pg_notify('live', (select json_build_object('type', 'meeting', 'booking', k.id, 'booth', k.booth_id,
      'fair', b.fair_id, 'jobseeker', k.jobseeker_id, 'kind', new.kind)::text
    from booking k join booth b on b.id = k.booth_id where k.id = new.booking_id));
  return null;
end $$;
create trigger meeting_event_announce after insert on meeting_event
  for each row execute function meeting_announce();

-- The application role may add to the log but never change or remove it (evidence), as with the audit trail.
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant select, insert, update on meeting to jobfair_app';
    execute 'grant select, insert on meeting_event to jobfair_app';
    execute 'revoke update, delete, truncate on meeting_event from jobfair_app';
    execute 'grant usage, select on all sequences in schema public to jobfair_app';
    execute 'grant execute on function meeting_announce() to jobfair_app';
  end if;
end $$;
