package at.jobfair.meeting;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * All SQL on who is connected to which built-in room through which node (V17__meeting_peers.sql). Changes that decide
 * something (full, who entered first) run under a transaction-scoped advisory lock on the room, so they hold across
 * nodes; whoever deletes a peer records its LEAVE in the same statement.
 */
final class PeerStore {

  /** A peer as the room sees it. */
  record Member(String peerId, String name, String role, boolean inCall, boolean entered) {
  }

  /** A peer that was removed (left, replaced, swept): its room hears that it left if it was in the call. */
  record Gone(String peerId, String room, String nodeId, boolean entered) {
  }

  /** A socket asking for a place: where it is and what is recorded about it. */
  record Seat(String peerId, String room, String nodeId, long accountId, String name, String role, boolean moderator,
              boolean inCall, Long bookingId, Long groupFairId) {
  }

  /**
   * The answer to a request for a place: full (nothing changed), or in (in the call, or in the lobby), having replaced
   * the person's earlier socket.
   */
  record Taken(boolean full, boolean inCall, List<Gone> replaced) {
  }

  /** The room's state at one statement's instant ({@code at}, microseconds: later snapshots win at the receivers). */
  record Snapshot(List<Member> members, long at) {
  }

  /** Deletes peers and records their LEAVE in one statement; {@code %s} is the condition on meeting_peer p. */
  private static final String REMOVE = """
      with gone as (delete from meeting_peer p where %s returning p.*),
      logged as (insert into meeting_event (booking_id, group_fair_id, account_id, role, kind, provider)
                 select booking_id, group_fair_id, account_id, role, 'LEAVE', 'BUILTIN' from gone)
      select peer_id, room, node_id, entered from gone""";

  private final Pool pool;

  PeerStore(Pool pool) {
    this.pool = pool;
  }

  private static Future<Void> lock(SqlClient tx, String room) {
    return tx.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))").execute(Tuple.of("meeting:" + room)).mapEmpty();
  }

  /**
   * Takes a place in the room unless it holds {@code max} already; the same person's earlier socket in the room (on any
   * node) is removed first, so a reconnect always finds its own place.
   */
  Future<Taken> take(Seat s, int max) {
    return pool.withTransaction(tx -> lock(tx, s.room())
        .compose(v -> tx.preparedQuery(REMOVE.formatted("p.room = $1 and p.account_id = $2")).execute(Tuple.of(s.room(), s.accountId())))
        .compose(old -> tx.preparedQuery("select count(*) from meeting_peer where room = $1").execute(Tuple.of(s.room()))
            .compose(count -> {
              // The room never holds more than max, so a person who was in it always finds their own place again.
              if (count.iterator().next().getLong(0) >= max) return Future.succeededFuture(new Taken(true, false, List.of()));
              // Admitted meanwhile counts too: an admission takes the room's lock before letting the waiting in, so it
              // either sees this row or was committed before this statement.
              return tx.preparedQuery("""
                      insert into meeting_peer (peer_id, room, node_id, account_id, name, role, moderator, in_call, booking_id, group_fair_id)
                      values ($1, $2, $3, $4, $5, $6, $7,
                              $8 or exists (select 1 from meeting m where m.booking_id = $9 and m.admitted_at is not null), $9, $10)
                      returning in_call""")
                  .execute(Tuple.from(new Object[] {s.peerId(), s.room(), s.nodeId(), s.accountId(), s.name(), s.role(), s.moderator(),
                      s.inCall(), s.bookingId(), s.groupFairId()}))
                  .map(r -> new Taken(false, r.iterator().next().getBoolean(0), gone(old)));
            })));
  }

  /**
   * The peer enters the call: answers who was in it before (the peer offers to them), or null when it cannot (gone, not
   * admitted, or in already). Under the room's lock, so of two entering at once the second sees the first.
   */
  Future<List<Member>> enter(String peerId, String room) {
    return pool.withTransaction(tx -> lock(tx, room)
        .compose(v -> tx.preparedQuery("update meeting_peer set entered = true where peer_id = $1 and in_call and not entered returning room")
            .execute(Tuple.of(peerId)))
        .compose(updated -> updated.rowCount() == 0 ? Future.succeededFuture(null)
            : tx.preparedQuery("select peer_id, name, role, in_call, entered from meeting_peer where room = $1 and entered and peer_id <> $2 order by joined_at")
                .execute(Tuple.of(room, peerId)).map(PeerStore::members)));
  }

  /** Lets everyone waiting in the room into the call; answers their peer ids. */
  Future<List<String>> admitAll(String room) {
    return pool.withTransaction(tx -> lock(tx, room).compose(v -> tx
        .preparedQuery("update meeting_peer set in_call = true where room = $1 and not in_call returning peer_id")
        .execute(Tuple.of(room)))).map(rows -> {
          List<String> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getString(0)));
          return out;
        });
  }

  Future<Boolean> waiting(String room) {
    return pool.preparedQuery("select exists (select 1 from meeting_peer where room = $1 and not in_call)")
        .execute(Tuple.of(room)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  Future<Snapshot> room(String room) {
    return pool.preparedQuery("""
            select peer_id, name, role, in_call, entered, (extract(epoch from statement_timestamp()) * 1000000)::bigint as at
              from meeting_peer where room = $1 order by joined_at""")
        .execute(Tuple.of(room)).compose(rows -> {
          if (rows.size() > 0) return Future.succeededFuture(new Snapshot(members(rows), rows.iterator().next().getLong("at")));
          // An empty room still needs its instant (to be newer than the last one heard).
          return pool.query("select (extract(epoch from statement_timestamp()) * 1000000)::bigint").execute()
              .map(r -> new Snapshot(List.of(), r.iterator().next().getLong(0)));
        });
  }

  /** Removes one peer (its socket closed); empty when someone else (a replacement, a sweeper) removed it already. */
  Future<List<Gone>> remove(String peerId) {
    return pool.preparedQuery(REMOVE.formatted("p.peer_id = $1")).execute(Tuple.of(peerId)).map(PeerStore::gone);
  }

  /**
   * This node is alive. True when its row had to be created: on the first beat, or because a sweeper took it for dead
   * (then its peers are gone from the rooms, and their sockets must reconnect).
   */
  Future<Boolean> beat(String nodeId) {
    return pool.preparedQuery("""
            insert into meeting_node (node_id) values ($1) on conflict (node_id) do update set seen_at = now()
            returning (xmax = 0) as created""")
        .execute(Tuple.of(nodeId)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  /**
   * Removes the nodes not seen for {@code timeoutSeconds} (all others when {@code allOthers}: a node alone has no
   * others, so whatever is left was from before its start) with their peers, recording each LEAVE once.
   */
  Future<List<Gone>> sweep(String self, int timeoutSeconds, boolean allOthers) {
    return pool.preparedQuery("""
            with dead as (delete from meeting_node where node_id <> $1 and ($3 or seen_at < now() - $2::int * interval '1 second') returning node_id),
            gone as (delete from meeting_peer p using dead where p.node_id = dead.node_id returning p.*),
            logged as (insert into meeting_event (booking_id, group_fair_id, account_id, role, kind, provider)
                       select booking_id, group_fair_id, account_id, role, 'LEAVE', 'BUILTIN' from gone)
            select peer_id, room, node_id, entered from gone""")
        .execute(Tuple.of(self, timeoutSeconds, allOthers)).map(PeerStore::gone);
  }

  /** The node stops: its own row goes (its peers were removed before). */
  Future<Void> forget(String nodeId) {
    return pool.preparedQuery("delete from meeting_node where node_id = $1 and not exists (select 1 from meeting_peer where node_id = $1)")
        .execute(Tuple.of(nodeId)).mapEmpty();
  }

  private static List<Member> members(RowSet<Row> rows) {
    List<Member> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new Member(r.getString("peer_id"), r.getString("name"), r.getString("role"), r.getBoolean("in_call"), r.getBoolean("entered")));
    }
    return out;
  }

  private static List<Gone> gone(RowSet<Row> rows) {
    List<Gone> out = new ArrayList<>();
    for (Row r : rows) out.add(new Gone(r.getString("peer_id"), r.getString("room"), r.getString("node_id"), r.getBoolean("entered")));
    return out;
  }
}
