-- Queuing a message (owned by the mail feature, called by every statement that queues one instead of a copy of the
-- outbox's column list): adds the message once per kind, ref and recipient (mail_outbox_once) and answers the new
-- row's id, or null when that message is already there. Called inside the caller's statement, so a booking and its
-- confirmation are written by one statement in one transaction, as before: the message exists if and only if the
-- change it reports committed. The arguments are the row as mail/OutboxStore.values writes it.
create function outbox_enqueue(kind text, ref text, to_address citext, to_name text, subject text, body_text text,
                               body_html text, attachments jsonb, status text) returns bigint
  language sql volatile
  as $$
    insert into mail_outbox (kind, ref, to_address, to_name, subject, body_text, body_html, attachments, status)
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
    on conflict on constraint mail_outbox_once do nothing
    returning id
  $$;

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant execute on function outbox_enqueue(text, text, citext, text, text, text, text, jsonb, text) to jobfair_app';
  end if;
end $$;
