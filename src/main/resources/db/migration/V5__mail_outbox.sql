-- The transactional mail outbox. A feature writes its message here in the same transaction as the change it
-- reports, so a message exists if and only if that change committed. A sender hands QUEUED messages to SMTP;
-- without SMTP they stay here as KEPT for staff to read.
--
-- Life of a message:
--   QUEUED    waiting to be sent (next_attempt_at says from when)
--   SENDING   claimed by one sender (claimed_by), being handed to the SMTP server
--   SENT      the SMTP server accepted it
--   KEPT      no SMTP server configured: kept here, readable by staff
--   FAILED    refused for good by the server, or maxAttempts transient failures
--   UNCERTAIN a send that did not end cleanly (a crash, a timeout): it may have gone out, so it is never sent
--             again by itself; staff decide with "send again"
create table mail_outbox (
  id              bigint generated always as identity primary key,
  kind            text not null check (kind ~ '^[A-Z][A-Z0-9_]{0,63}$'),
  -- The caller's dedupe key: what the message is about, with a version if the same thing is mailed again
  -- (booking:42, booking:42/2). The same kind, ref and recipient twice is one message.
  ref             text not null check (length(ref) between 1 and 200),
  to_address      citext not null check (to_address ~ '^[^@\s<>",;]+@[^@\s<>",;]+$' and length(to_address) <= 254),
  to_name         text check (length(to_name) <= 200 and to_name !~ '[\r\n]'),
  subject         text not null check (length(subject) <= 998 and subject !~ '[\r\n]'),
  body_text       text not null,
  body_html       text,
  -- [{"filename": "termin.ics", "contentType": "text/calendar; charset=UTF-8", "content": base64}, ...]
  attachments     jsonb not null default '[]' check (jsonb_typeof(attachments) = 'array'),
  status          text not null default 'QUEUED'
                  check (status in ('QUEUED', 'SENDING', 'SENT', 'KEPT', 'FAILED', 'UNCERTAIN')),
  attempts        int not null default 0 check (attempts >= 0),
  last_error      text,
  next_attempt_at timestamptz not null default now(),
  created_at      timestamptz not null default now(),
  claimed_at      timestamptz,
  claimed_by      text,
  sent_at         timestamptz,
  -- Set at the first claim and never changed, so every try of one message carries the same Message-ID.
  message_id      text,
  check ((status = 'SENT') = (sent_at is not null)),
  check (status <> 'SENDING' or (claimed_at is not null and claimed_by is not null)),
  constraint mail_outbox_once unique (kind, ref, to_address)
);

-- What the senders look for: queued messages, oldest first.
create index mail_outbox_queued on mail_outbox (id) where status = 'QUEUED';
-- Sends that were cut off.
create index mail_outbox_sending on mail_outbox (claimed_at) where status = 'SENDING';
-- The staff list: newest first, by status.
create index mail_outbox_status on mail_outbox (status, id desc);
