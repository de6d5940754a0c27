-- Invitations on the legal-basis catalogue (at.jobfair.invitation, issue 12). V18 gave invitation, booking and cascade
-- their (basis_code, basis_version); this makes the control appointment a complete invitation and keeps the language
-- the notice was sent in, so a record shows the very text the person got.

-- A booking made because of a control appointment names it as its source (and carries CONTROL, see V18's trigger).
alter table booking drop constraint booking_source_check;
alter table booking add constraint booking_source_check
  check (source in ('OWN_INITIATIVE', 'PLACEMENT_PROPOSAL', 'CONTROL_APPOINTMENT', 'MASS_MAILING', 'PUBLIC_LINK'));

-- Only a control appointment makes a control booking, and a control appointment's booking is always one: a booking can
-- neither lose the control basis (and so look like a voluntary or binding one) nor gain it another way.
alter table booking add constraint booking_control_source check ((source = 'CONTROL_APPOINTMENT') = (legal_basis = 'CONTROL'));

-- The language of the notice as sent (the person's language then): the German text is always sent beside another
-- language as the binding one, so "de" or the other language are enough to show both again.
alter table invitation add column notice_language text check (notice_language ~ '^[a-z]{2,3}$');

alter table invitation
  -- A control appointment is an appointment at one booth by a deadline: no vacancy (it is no job offer, so it can
  -- never be declined into a refusal-of-work case), and the language its notice was sent in.
  add constraint invitation_control_complete check (kind <> 'CONTROL_APPOINTMENT'
    or (booth_id is not null and deadline is not null and vacancy_id is null and vacancy_title is null
        and notice_language is not null)),
  -- A binding or control invitation under the catalogue keeps the language of its notice.
  add constraint invitation_notice_language check (basis_code is null or legal_basis = 'VOLUNTARY' or notice_language is not null);


-- A placement proposal made under the catalogue carries its notice as (basis_code, basis_version), not as a
-- consequence_notice version. Where the cascade's due-process migration (V19, branch cascade12) defined the vacancies
-- proposed with a notice by "i.notice_version is not null", a catalogue proposal counts too. Written as a patch of
-- that function so this migration also runs where V19 is absent; it fails loudly when the function exists but no
-- longer reads as expected, so the two are reconciled by hand instead of silently.
do $$
declare
  d text;
begin
  select pg_get_functiondef(p.oid) into d from pg_proc p where p.proname = 'cascade_noticed_vacancies';
  if d is null then
    return;
  end if;
  if position('i.notice_version is not null' in d) = 0 then
    raise exception 'cascade_noticed_vacancies changed: let it count proposals with a basis_code too (V21)';
  end if;
  execute replace(d, 'i.notice_version is not null', '(i.notice_version is not null or i.basis_code is not null)');
end $$;
