-- Text chat (issue 16, at.jobfair.chat): a conversation per (person, booth), written by the person and the booth's
-- employer representatives before and during the fair, and shown in the room of a booked interview; a conversation per
-- fair's orientation part (its group session). What two people writing at once could break is kept here:
--  * a message's number in its conversation (seq) is taken by the statement that raises chat_conversation.last_seq,
--    which holds the conversation's row until commit: numbers are gapless, in commit order, never twice (unique);
--  * a blocked conversation takes no message from the booth (trigger), whatever the application does.
-- Every message is announced with NOTIFY inside its transaction: listeners never hear of a rollback.

create table chat_conversation (
  id            bigint generated always as identity primary key,
  kind          text not null check (kind in ('BOOTH', 'GROUP')),
  jobseeker_id  bigint references account (id) on delete cascade,
  booth_id      bigint references booth (id) on delete cascade,
  fair_id       bigint not null references fair (id) on delete cascade,
  last_seq      bigint not null default 0,
  -- how far each side has read (the booth's side as one: a colleague's reading counts for all)
  person_read   bigint not null default 0,
  booth_read    bigint not null default 0,
  -- the person blocked the booth's messages (null: not blocked)
  blocked_at    timestamptz,
  created_at    timestamptz not null default now(),
  last_at       timestamptz not null default now(),
  check ((kind = 'BOOTH') = (jobseeker_id is not null and booth_id is not null)),
  check (kind = 'BOOTH' or blocked_at is null)
);
create unique index chat_conversation_pair on chat_conversation (jobseeker_id, booth_id) where kind = 'BOOTH';
create unique index chat_conversation_group on chat_conversation (fair_id) where kind = 'GROUP';
create index chat_conversation_booth on chat_conversation (booth_id, last_at desc);
create index chat_conversation_last on chat_conversation (last_at);

create table chat_message (
  id              bigint generated always as identity primary key,
  conversation_id bigint not null references chat_conversation (id) on delete cascade,
  seq             bigint not null,
  sender_id       bigint references account (id) on delete set null,
  -- who wrote it: the person, the booth (one of its representatives) or a member of a group session
  side            text not null check (side in ('PERSON', 'BOOTH', 'MEMBER')),
  sender_name     text not null check (length(sender_name) between 1 and 200),
  body            text not null check (length(body) between 1 and 4000),
  sent_at         timestamptz not null default now(),
  unique (conversation_id, seq)
);
create index chat_message_sender on chat_message (sender_id, sent_at);
create index chat_message_sent on chat_message (sent_at);

-- A message the person reported: a copy of its text goes to the fair's organisers (kept as long as messages are).
create table chat_report (
  id              bigint generated always as identity primary key,
  message_id      bigint references chat_message (id) on delete set null,
  conversation_id bigint not null references chat_conversation (id) on delete cascade,
  fair_id         bigint not null references fair (id) on delete cascade,
  reporter_id     bigint not null references account (id) on delete cascade,
  sender_name     text not null,
  body            text not null,
  sent_at         timestamptz not null,
  reason          text check (length(reason) <= 1000),
  reported_at     timestamptz not null default now(),
  unique (message_id, reporter_id)
);
create index chat_report_fair on chat_report (fair_id, reported_at desc);

-- The booth cannot write into a conversation the person blocked.
create function chat_message_guard() returns trigger language plpgsql as $$
begin
  if new.side = 'BOOTH' and exists (select 1 from chat_conversation c where c.id = new.conversation_id and c.blocked_at is not null) then
    raise exception 'the person blocked this booth' using errcode = 'check_violation', constraint = 'chat_blocked';
  end if;
  return new;
end $$;
create trigger chat_message_guard before insert on chat_message
  for each row execute function chat_message_guard();

-- Who is told: the conversation's watchers (ids only: they fetch the text), the person's and the booth's unread counts.
create function chat_message_announce() returns trigger language plpgsql as $$
declare
  c chat_conversation;
begin
  select * into c from chat_conversation where id = new.conversation_id;
  perform pg_notify('live', json_build_object(
    'type', 'chat', 'conversation', c.id, 'seq', new.seq, 'side', new.side, 'kind', c.kind,
    'booth', c.booth_id, 'employer', (select employer_id from booth where id = c.booth_id), 'fair', c.fair_id,
    'jobseeker', c.jobseeker_id)::text);
  return null;
end $$;
create trigger chat_message_announce after insert on chat_message
  for each row execute function chat_message_announce();

-- Reading changes the unread counts; blocking changes what the booth may do.
create function chat_conversation_announce() returns trigger language plpgsql as $$
begin
  if new.kind = 'BOOTH' and (new.person_read, new.booth_read, new.blocked_at) is distinct from (old.person_read, old.booth_read, old.blocked_at) then
    perform pg_notify('live', json_build_object(
      'type', 'chat-read', 'conversation', new.id, 'kind', new.kind, 'booth', new.booth_id,
      'employer', (select employer_id from booth where id = new.booth_id), 'fair', new.fair_id, 'jobseeker', new.jobseeker_id)::text);
  end if;
  return null;
end $$;
create trigger chat_conversation_announce after update of person_read, booth_read, blocked_at on chat_conversation
  for each row execute function chat_conversation_announce();
