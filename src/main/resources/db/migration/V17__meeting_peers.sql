-- Built-in meeting rooms across nodes: who is connected to which room, through which node. The sockets themselves live
-- on their node; what every node must agree on lives here, so that rules two people (or two nodes) could break by
-- acting at once are decided by PostgreSQL:
--  - "full": a room's count is checked and a peer added under a transaction-scoped advisory lock on the room;
--  - one place per person and room (unique): a new socket of the same account replaces the old one;
--  - who enters the call first (the later one offers): the same lock orders two entering at once;
--  - a dead node's peers are removed once: DELETE ... RETURNING by whichever node's sweeper gets there first.
-- Whoever deletes a peer row records its LEAVE in meeting_event in the same statement, so evidence and membership
-- never disagree, whichever node (or which path: leave, replacement, sweep, drain) removed it.

-- Every node running the built-in relay, with the last time it said it is alive (the database's clock, so nodes'
-- clocks never matter). A node not seen for meeting.nodeTimeoutSeconds is dead: its peers are removed.
create table meeting_node (
  node_id text primary key,
  seen_at timestamptz not null default now()
);

-- One connected browser in a room (a booking's, or a fair's group session). peer_id is the random id the browsers
-- address each other by (and the node's event-bus address meeting.peer.<id>); the node id says where its socket is.
-- in_call: admitted (or never needed to be); entered: in the call, others offer to it and it may signal.
create table meeting_peer (
  peer_id       text primary key check (peer_id ~ '^[0-9a-f]{18}$'),
  room          text not null,
  node_id       text not null references meeting_node (node_id),
  account_id    bigint not null references account (id),
  name          text not null,
  role          text not null check (role in ('JOBSEEKER', 'EMPLOYER', 'STAFF')),
  moderator     boolean not null,
  in_call       boolean not null,
  entered       boolean not null default false,
  booking_id    bigint references booking (id),
  group_fair_id bigint references fair (id) on delete cascade,
  joined_at     timestamptz not null default now(),
  check ((booking_id is null) <> (group_fair_id is null)),
  check (in_call or not entered),
  unique (room, account_id)
);
create index meeting_peer_node on meeting_peer (node_id);

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'jobfair_app') then
    execute 'grant select, insert, update, delete on meeting_node, meeting_peer to jobfair_app';
  end if;
end $$;
