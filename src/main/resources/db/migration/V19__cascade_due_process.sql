-- The cascade's legal path made correct (issue 12). A CONTROL case (V18) never reaches the sanction part:
-- cascade_sanction_only_binding (V12) admits BINDING only. The rules live in at.jobfair.cascade.CascadeMachine; the database
-- backs them so that no code path and no hand-written SQL can break them:
--  * a sanction check only after the decline of a vacancy that was proposed to this person with a notice of legal
--    consequences whose delivery is provable: a placement proposal for that vacancy whose mail was SENT, or a proposal
--    handed over in person at a station (cascade_handover). Other declines are recorded, but end without a check.
--  * admission (check-in) only while the fair runs; no station step before it starts.
--  * the hearing record (Niederschrift) of the sanction check, append-only; only retention may blank the person's words.

-- A proposal handed over in person at a station, with the notice in force: the provable delivery (who, when, which).
create table cascade_handover (
  id             bigint generated always as identity primary key,
  cascade_id     bigint not null references cascade (id),
  vacancy_id     bigint not null references vacancy (id),
  vacancy_title  text not null,
  station        text not null check (station in ('OFFER', 'LOCAL_OFFER')),
  -- the notice in force when it was handed over, and the catalogue's basis (V18) the case runs under, where it names one
  notice_version int not null references consequence_notice (version),
  basis_code     text,
  basis_version  int,
  handed_by      bigint not null references account (id),
  handed_role    text not null,
  at             timestamptz not null,
  audit_seq      bigint not null unique,
  unique (cascade_id, vacancy_id)
);

-- The vacancies proposed to a person at a fair with a provably delivered notice (at.jobfair.cascade.CascadeStore#facts
-- reads them for the machine). A proposal without a vacancy id (older invitations name only booth and title) counts
-- for the vacancy of that booth with that title.
create function cascade_noticed_vacancies(p_fair bigint, p_jobseeker bigint) returns setof bigint language sql stable as $$
  select v.id from invitation i
    join mail_outbox o on o.id = i.outbox_id and o.status = 'SENT'
    join vacancy v on v.id = i.vacancy_id or (i.vacancy_id is null and v.booth_id = i.booth_id and v.title = i.vacancy_title)
   where i.fair_id = p_fair and i.jobseeker_id = p_jobseeker and i.kind = 'PLACEMENT_PROPOSAL' and i.legal_basis = 'BINDING'
     and (i.notice_version is not null or i.basis_code is not null)
  union
  select h.vacancy_id from cascade_handover h join cascade c on c.id = h.cascade_id
   where c.fair_id = p_fair and c.jobseeker_id = p_jobseeker
$$;

-- Set by the machine when a vacancy of cascade_noticed_vacancies was declined; only then may a sanction check follow.
alter table cascade add column notice_declined boolean not null default false;

-- States and stations that belong to the sanction part (as in cascade_sanction_only_binding, V12).
create function cascade_in_sanction_part(state text, station text) returns boolean language sql immutable as $$
  select coalesce(station, '') in ('SANCTION_CHECK', 'DECISION')
      or state in ('NO_SANCTION', 'SANCTION_PROPOSED', 'DECISION_PENDING', 'SENT_BACK', 'IMPOSED', 'NOT_IMPOSED',
                   'WAIVER_CONSIDERATION', 'WAIVED')
$$;

-- Entering the sanction part needs a noticed decline. Only on entering: cases that were already there before this
-- migration keep moving to their end (the closing job's safety net ends those waiting at the check without one).
-- Voluntary or barred cases are left to cascade_sanction_only_binding, and the trigger's name sorts after
-- cascade_station_order, so that a skipped station or a barred case is refused with the guard that names it.
create function cascade_sanction_needs_notice() returns trigger language plpgsql as $$
begin
  if cascade_in_sanction_part(new.state, new.station) and not new.notice_declined
     and new.legal_basis = 'BINDING' and not new.employer_no_show and not new.outage
     and (tg_op = 'INSERT' or not cascade_in_sanction_part(old.state, old.station)) then
    raise exception 'no sanction check without the decline of a vacancy proposed with a delivered notice'
      using errcode = 'check_violation', constraint = 'cascade_sanction_needs_notice';
  end if;
  return new;
end $$;
create trigger cascade_to_sanction_needs_notice before insert or update on cascade
  for each row execute function cascade_sanction_needs_notice();

-- notice_declined must be true to the steps: checked at commit, when the decline's step is written.
create function cascade_notice_declined_proven() returns trigger language plpgsql as $$
begin
  if new.notice_declined and (tg_op = 'INSERT' or not old.notice_declined)
     and not exists (select 1 from cascade_step s
                      where s.cascade_id = new.id and s.event in ('OFFER_DECLINED', 'LOCAL_OFFER_DECLINED')
                        and s.vacancy_id in (select cascade_noticed_vacancies(new.fair_id, new.jobseeker_id))) then
    raise exception 'no declined vacancy of this case was proposed with a delivered notice'
      using errcode = 'check_violation', constraint = 'cascade_notice_declined_proven';
  end if;
  return null;
end $$;
create constraint trigger cascade_notice_declined_proven after insert or update of notice_declined on cascade
  deferrable initially deferred for each row execute function cascade_notice_declined_proven();

-- Admission only while the fair runs; no station step before it starts (the time of the transaction counts).
create function cascade_fair_running() returns trigger language plpgsql as $$
declare
  f fair;
begin
  select * into f from fair where id = new.fair_id;
  if new.state = 'WAITING' and (tg_op = 'INSERT' or old.state in ('INVITED', 'BOOKED'))
     and not (now() >= f.starts_at and now() < f.ends_at) then
    raise exception 'admission only while the fair runs' using errcode = 'check_violation', constraint = 'cascade_fair_running';
  end if;
  if new.state = 'AT_STATION' and now() < f.starts_at then
    raise exception 'no station step before the fair starts' using errcode = 'check_violation',
      constraint = 'cascade_fair_running';
  end if;
  return new;
end $$;
create trigger cascade_fair_running before insert or update of state on cascade
  for each row execute function cascade_fair_running();

-- The hearing record (Niederschrift) of a sanction check: who heard the person, when, in which language, whether the
-- person read and confirmed it, their own words on each reasonableness item and the station's finding on it. The audit
-- trail holds a hash of the content, never the words, so that retention can blank them without breaking the chain.
create table hearing_record (
  id            bigint generated always as identity primary key,
  cascade_id    bigint not null references cascade (id),
  heard_by      bigint not null references account (id),
  heard_role    text not null,
  heard_at      timestamptz not null,
  language      text not null check (language ~ '^[a-z]{2,3}$'),
  interpreter   text check (length(interpreter) <= 200),
  confirmed     boolean not null,
  -- the person's statement in their own words (the free text of earlier versions); null once retention blanked it
  statement     text check (length(statement) <= 2000),
  content_hash  text not null check (length(content_hash) = 64),
  audit_seq     bigint not null unique,
  anonymised_at timestamptz
);
create index hearing_record_cascade on hearing_record (cascade_id, id);

create table hearing_item (
  record_id     bigint not null references hearing_record (id),
  topic         text not null check (topic in ('PAY', 'HOURS', 'COMMUTE', 'CARE', 'HEALTH', 'OTHER')),
  -- the person's own words; null once retention blanked them
  words         text check (length(words) <= 2000),
  finding       text not null check (finding in ('REASONABLE', 'NOT_REASONABLE', 'UNCLEAR')),
  anonymised_at timestamptz,
  primary key (record_id, topic)
);

-- Append-only like cascade_step; the one change allowed is retention blanking the person's words (and saying when).
create function hearing_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and new.anonymised_at is not null and old.anonymised_at is null and new.statement is null
     and (new.id, new.cascade_id, new.heard_by, new.heard_role, new.heard_at, new.language, new.interpreter,
          new.confirmed, new.content_hash, new.audit_seq)
         is not distinct from (old.id, old.cascade_id, old.heard_by, old.heard_role, old.heard_at, old.language,
          old.interpreter, old.confirmed, old.content_hash, old.audit_seq) then
    return new;
  end if;
  raise exception 'hearing records are append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger hearing_record_no_change before update or delete on hearing_record
  for each row execute function hearing_append_only();

create function hearing_item_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and new.anonymised_at is not null and old.anonymised_at is null and new.words is null
     and (new.record_id, new.topic, new.finding) is not distinct from (old.record_id, old.topic, old.finding) then
    return new;
  end if;
  raise exception 'hearing records are append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger hearing_item_no_change before update or delete on hearing_item
  for each row execute function hearing_item_append_only();

-- Sick notes: retention blanks the text and says when (the note's existence stays, it excused an appointment).
alter table sick_note add column anonymised_at timestamptz;

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant select, insert on cascade_handover, hearing_record, hearing_item to jobfair_app';
    -- the default privileges (V10) gave every new table update and delete: taken back, except blanking the words
    execute 'revoke update, delete, truncate on cascade_handover, hearing_record, hearing_item from jobfair_app';
    execute 'grant update (statement, anonymised_at) on hearing_record to jobfair_app';
    execute 'grant update (words, anonymised_at) on hearing_item to jobfair_app';
    execute 'grant usage, select on all sequences in schema public to jobfair_app';
  end if;
end $$;
