-- Sessions live in PostgreSQL, so that every node of a cluster knows every signed-in person and a restart (of one node
-- or of all) signs nobody out. A session's data is Vert.x's own serialised form of it (the signed-in account, the CSRF
-- token). A row is written when the data changes and otherwise at most about once a minute to move its expiry, so a
-- request that only reads costs one primary-key lookup.
create table http_session (
  id          text primary key,
  data        bytea not null,
  timeout_ms  bigint not null check (timeout_ms > 0),
  touched_at  timestamptz not null default now(),
  expires_at  timestamptz not null
);
-- The sweep of expired sessions (every node runs it; deleting a row twice is harmless).
create index http_session_expires_at on http_session (expires_at);

-- (The application role may read and write it through V10's default privileges.)
