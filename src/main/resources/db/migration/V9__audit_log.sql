-- The audit trail: append-only and hash-chained (see at.jobfair.audit.AuditChain). Triggers refuse every UPDATE,
-- DELETE and TRUNCATE; a change made around them (by someone who may switch triggers off) breaks the chain and is
-- found by GET /api/audit/verify.
create table audit_log (
  seq        bigint primary key check (seq > 0),
  at         timestamptz not null,
  actor_id   bigint,
  actor_role text not null,
  subject    text not null,
  event      text not null,
  from_state text,
  to_state   text,
  reasons    text,
  prev_hash  text not null check (length(prev_hash) = 64),
  hash       text not null unique check (length(hash) = 64)
);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the audit log is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_no_change before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();
