-- The no-show path to its end (at.jobfair.noshow): a no-show on an appointment, or a binding proposal left unbooked
-- past its deadline, on a basis that allows a consequence (obligation BINDING or CONTROL) opens one request for
-- reasons (Anhörung). The person answers online, with proof if they like; the decider (the person's own caseworker, or
-- the municipality when the basis says so) accepts the reasons or opens a case and decides an outcome the basis lists.
-- What the database guards, so that no code path and no hand-written SQL can break it:
--  * one request per booking and per proposal, whoever and however many nodes find it at once (unique);
--  * the request's basis is its booking's or invitation's (trigger), never voluntary (check), and never changes;
--  * a decision's outcome is one the stored basis definition lists: a control appointment (§ 49 AlVG) can only lead to
--    "payment suspended" and "resumed", never to a § 10 decision (trigger, against legal_basis.definition);
--  * only the responsible decider accepts, opens a case or decides, with reasons (trigger, like cascade_step_guard);
--  * the steps and the person's answers are append-only, each step names its audit record.

-- Which basis a booking or proposal rests on: its own, or for records made before the catalogue (legal_basis only)
-- the basis a binding proposal had then: § 10 AlVG, or the Land's minimum-income law for a minimum-income recipient.
create function reasons_basis(p_booking bigint, p_invitation bigint) returns table (code text, version int)
  language sql stable as $$
  with rec as (
    select k.basis_code, k.basis_version, k.legal_basis, k.jobseeker_id, k.created_at from booking k where k.id = p_booking
    union all
    select i.basis_code, i.basis_version, i.legal_basis, i.jobseeker_id, i.created_at from invitation i where i.id = p_invitation)
  select coalesce(r.basis_code, legacy.code), coalesce(r.basis_version, legacy.version)
    from rec r
    left join lateral (
      select b.code, b.version from legal_basis b
       where r.basis_code is null and r.legal_basis = 'BINDING'
         and b.code = case when (select j.benefit_type from jobseeker j where j.account_id = r.jobseeker_id) = 'MINIMUM_INCOME'
                           then 'AT_MINDESTSICHERUNG' else 'AT_ALVG_10' end
       order by (b.valid_from <= r.created_at) desc, b.version desc limit 1) legacy on true
   where coalesce(r.basis_code, legacy.code) is not null
$$;

create table reasons_request (
  id            bigint generated always as identity primary key,
  kind          text not null check (kind in ('NO_SHOW', 'OVERDUE_PROPOSAL')),
  jobseeker_id  bigint not null references account (id),
  booking_id    bigint unique references booking (id),
  invitation_id bigint unique references invitation (id),
  basis_code    text not null,
  basis_version int not null,
  obligation    text not null check (obligation in ('BINDING', 'CONTROL')),
  decider       text not null check (decider in ('CASEWORKER', 'MUNICIPALITY')),
  state         text not null default 'ASKED' check (state in ('ASKED', 'ANSWERED', 'NO_ANSWER', 'REASONS_ACCEPTED', 'WITHDRAWN',
                  'CASE_OPEN', 'IMPOSED', 'NOT_IMPOSED', 'WAIVED', 'SUSPENDED', 'RESUMED')),
  outcome       text check (outcome in ('SANCTION_IMPOSED', 'SANCTION_NOT_IMPOSED', 'SANCTION_WAIVED', 'PAYMENT_SUSPENDED', 'PAYMENT_RESUMED')),
  asked_at      timestamptz not null default now(),
  deadline      timestamptz not null,
  answered_at   timestamptz,
  -- recorded once by the deadline job: no answer came in time (never a refusal)
  no_answer_at  timestamptz,
  -- the day the person reported again, when payment resumed
  resumed_on    date,
  outbox_id     bigint references mail_outbox (id),
  -- when retention removed the person's words and files (retention.caseEvidenceDays after the case ended)
  anonymised_at timestamptz,
  version       int not null default 0,
  updated_at    timestamptz not null default now(),
  constraint reasons_request_basis_fk foreign key (basis_code, basis_version) references legal_basis (code, version),
  check ((kind = 'NO_SHOW') = (booking_id is not null)),
  check ((kind = 'OVERDUE_PROPOSAL') = (invitation_id is not null)),
  check (deadline > asked_at),
  constraint reasons_answer_or_none check (answered_at is null or no_answer_at is null),
  check ((state = 'RESUMED') = (resumed_on is not null)),
  check ((outcome is null) = (state not in ('IMPOSED', 'NOT_IMPOSED', 'WAIVED', 'SUSPENDED', 'RESUMED')))
);
create index reasons_request_person on reasons_request (jobseeker_id, asked_at);
create index reasons_request_open on reasons_request (deadline) where state = 'ASKED';

-- The request rests on its record's basis, that basis's obligation and decider; it never moves to another basis, and an
-- outcome must be one the stored basis definition lists.
create function reasons_request_guard() returns trigger language plpgsql as $$
declare
  b legal_basis;
  expected record;
begin
  if tg_op = 'UPDATE' and (new.basis_code, new.basis_version, new.obligation, new.decider, new.kind, new.jobseeker_id)
       is distinct from (old.basis_code, old.basis_version, old.obligation, old.decider, old.kind, old.jobseeker_id)
     or tg_op = 'UPDATE' and (new.booking_id, new.invitation_id) is distinct from (old.booking_id, old.invitation_id) then
    raise exception 'a request for reasons keeps its record and basis' using errcode = 'check_violation',
      constraint = 'reasons_request_fixed';
  end if;
  if tg_op = 'INSERT' then
    select * into expected from reasons_basis(new.booking_id, new.invitation_id);
    if expected.code is distinct from new.basis_code or expected.version is distinct from new.basis_version then
      raise exception 'the request''s basis %/% is not its record''s (%/%)', new.basis_code, new.basis_version,
        expected.code, expected.version using errcode = 'check_violation', constraint = 'reasons_request_record_basis';
    end if;
    if new.jobseeker_id is distinct from coalesce((select jobseeker_id from booking where id = new.booking_id),
                                                  (select jobseeker_id from invitation where id = new.invitation_id)) then
      raise exception 'the request is the record''s person''s' using errcode = 'check_violation', constraint = 'reasons_request_person';
    end if;
  end if;
  select * into b from legal_basis where code = new.basis_code and version = new.basis_version;
  if b.obligation is distinct from new.obligation or (b.definition ->> 'decider') is distinct from new.decider then
    raise exception 'basis %/% obliges % decided by %', new.basis_code, new.basis_version, b.obligation, b.definition ->> 'decider'
      using errcode = 'check_violation', constraint = 'reasons_request_obligation';
  end if;
  if new.outcome is not null and not (b.definition -> 'outcomes') ? new.outcome then
    raise exception 'basis %/% does not allow %', new.basis_code, new.basis_version, new.outcome
      using errcode = 'check_violation', constraint = 'reasons_outcome_of_basis';
  end if;
  return new;
end $$;
create trigger reasons_request_guard before insert or update on reasons_request
  for each row execute function reasons_request_guard();

-- What the person wrote, in their own words; they may add more until the deadline. Append-only.
create table reasons_answer (
  id            bigint generated always as identity primary key,
  request_id    bigint not null references reasons_request (id),
  text          text check (length(btrim(text)) between 1 and 4000),
  at            timestamptz not null default now(),
  -- retention blanks the words (and only them) after the period; that the person answered, and when, stays
  anonymised_at timestamptz,
  check ((text is null) = (anonymised_at is not null))
);
create index reasons_answer_request on reasons_answer (request_id, id);

-- Proof the person attached (a sick note, a confirmation): PDF, JPEG or PNG as told by the content, kept here and
-- served only to the person and the decider, as an attachment. Retention may remove rows after its period.
create table reasons_evidence (
  id          bigint generated always as identity primary key,
  request_id  bigint not null references reasons_request (id),
  file_name   text not null check (length(file_name) between 1 and 200),
  media_type  text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
  size        int not null check (size > 0),
  content     bytea not null,
  uploaded_at timestamptz not null default now(),
  check (length(content) = size)
);
create index reasons_evidence_request on reasons_evidence (request_id, id);

create table reasons_step (
  id          bigint generated always as identity primary key,
  request_id  bigint not null references reasons_request (id),
  event       text not null check (event in ('ASK', 'ANSWER', 'EVIDENCE', 'NO_ANSWER', 'WITHDRAW', 'ACCEPT', 'OPEN_CASE', 'DECIDE')),
  from_state  text,
  to_state    text not null,
  outcome     text check (outcome in ('SANCTION_IMPOSED', 'SANCTION_NOT_IMPOSED', 'SANCTION_WAIVED', 'PAYMENT_SUSPENDED', 'PAYMENT_RESUMED')),
  actor_id    bigint references account (id),
  actor_role  text not null,
  reasons     text check (length(reasons) <= 4000),
  reported_on date,
  -- the step's audit record (no foreign key: the audit trail refuses TRUNCATE through its own trigger)
  audit_seq   bigint not null unique,
  at          timestamptz not null,
  check ((event = 'DECIDE') = (outcome is not null)),
  constraint reasons_step_reasons check (event not in ('ACCEPT', 'OPEN_CASE', 'DECIDE') or length(btrim(reasons)) >= 3),
  check ((outcome is not distinct from 'PAYMENT_RESUMED') = (reported_on is not null))
);
create index reasons_step_request on reasons_step (request_id, id);

-- Only the responsible decider accepts, opens a case or decides; a decision's outcome is one the stored basis lists
-- and follows the one before it (a waiver only after an imposed sanction, "resumed" only after a suspension).
create function reasons_step_guard() returns trigger language plpgsql as $$
declare
  r reasons_request;
  outcomes jsonb;
begin
  select * into r from reasons_request where id = new.request_id;
  if new.event in ('ACCEPT', 'OPEN_CASE', 'DECIDE') then
    if not ((r.decider = 'MUNICIPALITY' and new.actor_role = 'KOMMUNE')
            or (r.decider = 'CASEWORKER' and new.actor_role = 'SFA'
                and new.actor_id = (select caseworker_id from jobseeker where account_id = r.jobseeker_id))) then
      raise exception 'only the responsible decider decides' using errcode = 'check_violation', constraint = 'reasons_step_decider';
    end if;
  end if;
  if new.event = 'DECIDE' then
    select definition -> 'outcomes' into outcomes from legal_basis where code = r.basis_code and version = r.basis_version;
    if outcomes is null or not outcomes ? new.outcome then
      raise exception 'basis %/% does not allow %', r.basis_code, r.basis_version, new.outcome
        using errcode = 'check_violation', constraint = 'reasons_outcome_of_basis';
    end if;
    if not ((new.outcome = 'SANCTION_WAIVED' and new.from_state = 'IMPOSED')
            or (new.outcome = 'PAYMENT_RESUMED' and new.from_state = 'SUSPENDED')
            or (new.outcome in ('SANCTION_IMPOSED', 'SANCTION_NOT_IMPOSED', 'PAYMENT_SUSPENDED') and new.from_state = 'CASE_OPEN')) then
      raise exception 'outcome % cannot follow %', new.outcome, new.from_state using errcode = 'check_violation',
        constraint = 'reasons_outcome_order';
    end if;
  end if;
  return new;
end $$;
create trigger reasons_step_guard before insert on reasons_step for each row execute function reasons_step_guard();

create function reasons_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the record of a request for reasons is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger reasons_step_no_change before update or delete on reasons_step
  for each row execute function reasons_append_only();
create function reasons_answer_only_blanked() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.anonymised_at is null and new.text is null and new.anonymised_at is not null
     and (new.id, new.request_id, new.at) is not distinct from (old.id, old.request_id, old.at) then
    return new;
  end if;
  raise exception 'an answer is append-only; retention may only blank its words' using errcode = 'insufficient_privilege';
end $$;
create trigger reasons_answer_no_change before update or delete on reasons_answer
  for each row execute function reasons_answer_only_blanked();

-- Letters (V20) of a request for reasons point at it through case_ref 'noshow:<request>'; the guard learns their clause
-- (the rest is V20's, unchanged).
create or replace function letter_guard() returns trigger language plpgsql as $$
declare
  s cascade_step;
  c cascade;
  r reasons_request;
begin
  -- A letter of a request for reasons (case 'noshow:<request>'): to its person; a decision, waiver, suspension or
  -- resumption letter only after the decider's DECIDE step with that outcome, naming who took it.
  if new.case_ref like 'noshow:%' then
    select * into r from reasons_request where id = substring(new.case_ref from 8)::bigint;
    if r.id is null or r.jobseeker_id is distinct from new.jobseeker_id or new.cascade_id is not null then
      raise exception 'a letter goes to the person of its case' using errcode = 'check_violation', constraint = 'letter_person';
    end if;
    if new.kind in ('DECISION', 'WAIVER', 'PAYMENT_SUSPENDED', 'PAYMENT_RESUMED') and not exists (
        select 1 from reasons_step t
         where t.request_id = r.id and t.event = 'DECIDE'
           and t.outcome = case new.kind when 'PAYMENT_SUSPENDED' then 'PAYMENT_SUSPENDED' when 'PAYMENT_RESUMED' then 'PAYMENT_RESUMED'
                                         when 'WAIVER' then case new.outcome when 'GRANTED' then 'SANCTION_WAIVED' end
                                         else case new.outcome when 'IMPOSED' then 'SANCTION_IMPOSED' when 'NOT_IMPOSED' then 'SANCTION_NOT_IMPOSED' end end
           and (new.decided_by is null or (t.actor_id = new.decided_by and t.actor_role = new.decided_role))) then
      raise exception 'a % letter names the decision it reports and who took it', new.kind
        using errcode = 'check_violation', constraint = 'letter_after_decision';
    end if;
    return new;
  end if;
  if new.cascade_id is not null then
    select * into c from cascade where id = new.cascade_id;
    if c.jobseeker_id is distinct from new.jobseeker_id then
      raise exception 'a letter goes to the person of its case' using errcode = 'check_violation', constraint = 'letter_person';
    end if;
  end if;
  if new.cascade_step_id is not null then
    select * into s from cascade_step where id = new.cascade_step_id;
    if s.cascade_id is distinct from new.cascade_id then
      raise exception 'the step is not of this case' using errcode = 'check_violation', constraint = 'letter_step_of_case';
    end if;
  end if;
  if new.kind in ('DECISION', 'WAIVER') then
    if new.cascade_step_id is null then
      raise exception 'a % letter exists only after the responsible person decided', new.kind
        using errcode = 'check_violation', constraint = 'letter_after_decision';
    end if;
    if not ((new.kind = 'DECISION' and s.event = 'DECIDE'
              and ((s.decision = 'IMPOSE' and new.outcome = 'IMPOSED') or (s.decision = 'DO_NOT_IMPOSE' and new.outcome = 'NOT_IMPOSED')))
            or (new.kind = 'WAIVER' and ((s.event = 'WAIVE' and new.outcome = 'GRANTED')
                                         or (s.event = 'REFUSE_WAIVER' and new.outcome = 'REFUSED'))))
       or s.actor_id is distinct from new.decided_by or s.actor_role is distinct from new.decided_role then
      raise exception 'a % letter names the decision it reports and who took it', new.kind
        using errcode = 'check_violation', constraint = 'letter_after_decision';
    end if;
  end if;
  return new;
end $$;

-- A no-show no longer ends as a tick on the worklist: the request job asks the person, and the caseworker's list shows
-- the request. (Open NO_SHOW items of before stay readable; no new ones are made.)
drop trigger attendance_no_show_task on attendance;
drop function attendance_no_show_task();

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant select, insert, update on reasons_request to jobfair_app';
    execute 'grant select, insert on reasons_answer, reasons_step to jobfair_app';
    execute 'grant update (text, anonymised_at) on reasons_answer to jobfair_app';
    execute 'revoke delete, truncate on reasons_answer from jobfair_app';
    execute 'revoke update, delete, truncate on reasons_step from jobfair_app';
    execute 'grant select, insert, delete on reasons_evidence to jobfair_app';
    execute 'grant usage, select on all sequences in schema public to jobfair_app';
  end if;
end $$;
