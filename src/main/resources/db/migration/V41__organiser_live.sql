-- What organisers handle, live (issue 16, points 2, 6 and 7; at.jobfair.chat and at.jobfair.signup).
--  * A chat report is open until an organiser marks it handled with a short outcome: who and when are kept with it. The
--    statement that marks it sets handled_at where it is still null, so of two organisers at once exactly one marks it
--    (the other's update waits for the row, then finds it handled and changes nothing).
--  * A new or handled report, a sign-up that came in, was confirmed or decided, and an application to exhibit that came
--    in or was decided are announced on the live channel inside their transaction (ids only; the pages fetch what
--    their reader may see): listeners never hear of a rollback.

alter table chat_report
  add column handled_at      timestamptz,
  add column handled_by      bigint references account (id) on delete set null,
  -- the organiser's name as it was, so that the record says who even after their account is gone
  add column handled_by_name text check (length(handled_by_name) between 1 and 200),
  add column outcome         text check (length(btrim(outcome)) between 1 and 500),
  add constraint chat_report_handled check ((handled_at is null) = (outcome is null) and (handled_at is null) = (handled_by_name is null));
create index chat_report_open on chat_report (reported_at desc) where handled_at is null;
create index chat_report_handled on chat_report (handled_at desc) where handled_at is not null;

create function chat_report_announce() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' or new.handled_at is distinct from old.handled_at then
    perform pg_notify('live', json_build_object('type', 'chat-report', 'report', new.id, 'fair', new.fair_id,
      'handled', new.handled_at is not null)::text);
  end if;
  return null;
end $$;
create trigger chat_report_announce after insert or update of handled_at on chat_report
  for each row execute function chat_report_announce();

create function employer_signup_announce() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' or (new.email_confirmed_at, new.decision) is distinct from (old.email_confirmed_at, old.decision) then
    perform pg_notify('live', json_build_object('type', 'employer-signup', 'employer', new.employer_id,
      'decision', new.decision)::text);
  end if;
  return null;
end $$;
create trigger employer_signup_announce after insert or update of email_confirmed_at, decision on employer_signup
  for each row execute function employer_signup_announce();

create function exhibitor_application_announce() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' or new.status is distinct from old.status then
    perform pg_notify('live', json_build_object('type', 'exhibitor-application', 'application', new.id, 'fair', new.fair_id,
      'employer', new.employer_id, 'status', new.status)::text);
  end if;
  return null;
end $$;
create trigger exhibitor_application_announce after insert or update of status on exhibitor_application
  for each row execute function exhibitor_application_announce();
