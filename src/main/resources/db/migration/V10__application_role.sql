-- The application's own role: everything it needs, but it can never change or remove an audit record, even with the
-- triggers switched off. Created only where the migrating user may create roles (the embedded database always; an
-- operator's database when allowed). Elsewhere the operator creates the role with the same grants.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'jobfair_app')
     and exists (select 1 from pg_roles where rolname = current_user and (rolsuper or rolcreaterole)) then
    create role jobfair_app login;
  end if;
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant usage on schema public to jobfair_app';
    execute 'grant select, insert, update, delete on all tables in schema public to jobfair_app';
    execute 'revoke update, delete, truncate on audit_log from jobfair_app';
    execute 'grant usage, select, update on all sequences in schema public to jobfair_app';
    execute 'alter default privileges in schema public grant select, insert, update, delete on tables to jobfair_app';
    execute 'alter default privileges in schema public grant usage, select, update on sequences to jobfair_app';
    execute 'grant execute on all functions in schema public to jobfair_app';
  end if;
end $$;
