-- The invitation a booking by a person of a slot comes from (owned by the invitation feature, read by the booking's
-- statements instead of a copy of this SQL): a proposal or control appointment for that booth first (the newest, while
-- its deadline runs), then the fair's mass mailing or public link. The booking copies its kind, obligation and basis.
-- One SELECT in a plain SQL function: PostgreSQL inlines it into the booking's read.
create function booking_invitation(person bigint, slot_id bigint) returns table (id bigint, kind text, legal_basis text)
  language sql stable parallel safe
  as $$
    select i.id, i.kind, i.legal_basis from slot s join booth b on b.id = s.booth_id
      join invitation i on i.jobseeker_id = person and i.fair_id = b.fair_id
     where s.id = slot_id
       and ((i.kind in ('PLACEMENT_PROPOSAL', 'CONTROL_APPOINTMENT') and i.booth_id = s.booth_id and i.deadline > now())
            or i.kind in ('MASS_MAILING', 'PUBLIC_LINK'))
     order by i.kind in ('PLACEMENT_PROPOSAL', 'CONTROL_APPOINTMENT') desc, i.kind = 'MASS_MAILING' desc, i.created_at desc, i.id desc
     limit 1
  $$;

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant execute on function booking_invitation(bigint, bigint) to jobfair_app';
  end if;
end $$;
