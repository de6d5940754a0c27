-- Legal bases as a versioned catalogue per jurisdiction (at.jobfair.legal). The catalogue itself is a reviewed data
-- file (src/main/resources/legal/<jurisdiction>.json, or the operator's own file); at every start the application
-- stores each (code, version) it has not stored yet, and refuses to start when a stored version's text was changed
-- without a new version. Invitations, bookings and cascades name the (code, version) they were made under, so a
-- record always shows the notice, the law and the outcomes that applied then.
--
-- What a basis obliges a person to ("obligation"), and what may follow:
--   VOLUNTARY  nothing, ever
--   BINDING    a concrete job or measure offered with a notice: refusing it may lead to a sanction check (the cascade)
--   CONTROL    an appointment (§ 49 AlVG, § 32 SGB II, Meldeversäumnis § 159 SGB III): missing it has its own
--              consequence and can never be turned into a refusal-of-work case (VwGH 2005/08/0159)

create table legal_basis (
  code         text not null check (code ~ '^[A-Z][A-Z0-9_]{1,63}$'),
  version      int not null check (version >= 1),
  jurisdiction text not null check (jurisdiction ~ '^[A-Z]{2}$'),
  obligation   text not null check (obligation in ('VOLUNTARY', 'BINDING', 'CONTROL')),
  valid_from   timestamptz not null,
  -- the whole entry as reviewed (law, consequence, benefit types, decider, outcomes, notice and appeal per language)
  definition   jsonb not null check (jsonb_typeof(definition) = 'object'),
  stored_at    timestamptz not null default now(),
  primary key (code, version)
);

-- A stored version never changes: a new text is a new version.
create function legal_basis_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'a stored legal basis version never changes; add a new version' using errcode = 'insufficient_privilege';
end $$;
create trigger legal_basis_no_change before update or delete on legal_basis
  for each row execute function legal_basis_immutable();

-- The third obligation, and the invitation kind that carries it.
alter table booking drop constraint booking_legal_basis_check;
alter table booking add constraint booking_legal_basis_check check (legal_basis in ('BINDING', 'VOLUNTARY', 'CONTROL'));
alter table cascade drop constraint cascade_legal_basis_check;
alter table cascade add constraint cascade_legal_basis_check check (legal_basis in ('BINDING', 'VOLUNTARY', 'CONTROL'));
alter table invitation drop constraint invitation_legal_basis_check;
alter table invitation add constraint invitation_legal_basis_check check (legal_basis in ('BINDING', 'VOLUNTARY', 'CONTROL'));
alter table invitation drop constraint invitation_kind_check;
alter table invitation add constraint invitation_kind_check
  check (kind in ('PLACEMENT_PROPOSAL', 'CONTROL_APPOINTMENT', 'MASS_MAILING', 'PUBLIC_LINK'));

-- The unnamed checks of V6 that tie kind, obligation and the notice together are replaced by named ones.
do $$
declare
  c record;
begin
  for c in select conname from pg_constraint
            where conrelid = 'invitation'::regclass and contype = 'c'
              and pg_get_constraintdef(oid) like '%PLACEMENT_PROPOSAL%' and conname <> 'invitation_kind_check' loop
    execute format('alter table invitation drop constraint %I', c.conname);
  end loop;
end $$;

alter table invitation
  add column basis_code    text,
  add column basis_version int,
  add constraint invitation_basis foreign key (basis_code, basis_version) references legal_basis (code, version),
  add constraint invitation_basis_both check ((basis_code is null) = (basis_version is null)),
  add constraint invitation_kind_obligation check (
    (kind = 'PLACEMENT_PROPOSAL' and legal_basis = 'BINDING')
    or (kind = 'CONTROL_APPOINTMENT' and legal_basis = 'CONTROL')
    or (kind in ('MASS_MAILING', 'PUBLIC_LINK') and legal_basis = 'VOLUNTARY')),
  -- A binding proposal names a concrete job at a booth, a deadline, and the notice it carried (a catalogue version,
  -- or for proposals from before the catalogue the consequence_notice version).
  add constraint invitation_proposal_complete check (kind <> 'PLACEMENT_PROPOSAL'
    or (booth_id is not null and vacancy_title is not null and deadline is not null
        and (basis_code is not null or notice_version is not null))),
  -- Every binding or control invitation made under the catalogue names its basis.
  add constraint invitation_control_basis check (kind <> 'CONTROL_APPOINTMENT' or basis_code is not null);

alter table booking
  add column basis_code    text,
  add column basis_version int,
  add constraint booking_basis foreign key (basis_code, basis_version) references legal_basis (code, version),
  add constraint booking_basis_both check ((basis_code is null) = (basis_version is null));

alter table cascade
  add column basis_code    text,
  add column basis_version int,
  add constraint cascade_basis foreign key (basis_code, basis_version) references legal_basis (code, version),
  add constraint cascade_basis_both check ((basis_code is null) = (basis_version is null));

-- A record's obligation is its basis's: nobody can file a control appointment under a binding column value (and so
-- reach a sanction check), or a voluntary basis as binding.
create function basis_obligation_matches() returns trigger language plpgsql as $$
declare
  o text;
begin
  if new.basis_code is null then
    return new;
  end if;
  select obligation into o from legal_basis where code = new.basis_code and version = new.basis_version;
  if o is distinct from new.legal_basis then
    raise exception 'legal basis %/% obliges %, not %', new.basis_code, new.basis_version, o, new.legal_basis
      using errcode = 'check_violation', constraint = 'basis_obligation_matches';
  end if;
  return new;
end $$;
create trigger invitation_basis_obligation before insert or update of legal_basis, basis_code, basis_version on invitation
  for each row execute function basis_obligation_matches();
create trigger booking_basis_obligation before insert or update of legal_basis, basis_code, basis_version on booking
  for each row execute function basis_obligation_matches();
create trigger cascade_basis_obligation before insert or update of legal_basis, basis_code, basis_version on cascade
  for each row execute function basis_obligation_matches();

-- Germany's benefit types beside Austria's (the catalogue says which a jurisdiction uses).
alter table jobseeker drop constraint jobseeker_benefit_type_check;
alter table jobseeker add constraint jobseeker_benefit_type_check
  check (benefit_type in ('UNEMPLOYMENT_BENEFIT', 'EMERGENCY_ASSISTANCE', 'MINIMUM_INCOME', 'CITIZENS_BENEFIT'));

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant select, insert on legal_basis to jobfair_app';
    execute 'revoke update, delete, truncate on legal_basis from jobfair_app';
  end if;
end $$;
