package at.jobfair.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.prng.VertxContextPRNG;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.ext.web.sstore.impl.SharedDataSessionImpl;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Sessions in PostgreSQL (table {@code http_session}): every node reads the same ones, so people stay signed in whichever
 * node answers, when one dies and through a restart of all. Chosen over the cluster's shared memory because it needs no
 * cluster (one node keeps its sessions across a restart too), survives losing any number of nodes, and the database is
 * already every node's single source of truth.
 *
 * <p>Vert.x stores a session after every request that looked at it. Written each time, every signed-in request would
 * be a commit; here a session is written only when its data changed, when it is new or got a new id, and otherwise at
 * most once per {@link #touchEvery} to move its expiry. A session signed out on one node cannot be brought back by a
 * request still running on another: such a late write only updates an existing row, it never inserts one.
 */
public final class PgSessionStore implements SessionStore {

  /**
   * Where each node hears of a session another node wrote or deleted (the id only; the address ends with the node's id):
   * it drops its copy and answers, so that the writer knows every copy is gone before it goes on.
   */
  static final String CHANGED = "jobfair.session.changed.";
  /** How long a node waits for another to confirm it dropped its copy (a node that does not answer is dying). */
  private static final long CONFIRM_WITHIN_MS = 1_000;

  private final Pool pool;
  private final Duration touchEvery;
  private Vertx vertx;
  /** The ids of the cluster's other nodes, asked at each change (empty when the node runs alone). */
  private final Supplier<List<String>> otherNodes;
  /** The node's copies: the row's data and when it was written, keyed by session id; null when turned off. */
  private final Cache<String, Copy> copies;

  /** What a node keeps of a session: the stored bytes (each request gets its own session object from them). */
  private record Copy(Buffer data, long storedAt) {
  }

  /** A session as read from (or about to be written to) the table: it knows whether and when it was stored. */
  static final class StoredSession extends SharedDataSessionImpl {
    /** When its row was last written (epoch ms), or -1 for a session that has no row yet. */
    long storedAt = -1;
    String storedId;

    StoredSession(VertxContextPRNG prng) {
      super(prng);
    }

    StoredSession(VertxContextPRNG prng, long timeout, int length) {
      super(prng, timeout, length);
    }

    /** The data differs from what was read or last written. */
    boolean changed() {
      return checksum() != crc();
    }
  }

  public PgSessionStore(Vertx vertx, Pool pool, Duration touchEvery, Duration cacheFor, String nodeId,
                        Supplier<List<String>> otherNodes) {
    this.vertx = vertx;
    this.pool = pool;
    this.touchEvery = touchEvery;
    this.otherNodes = otherNodes;
    this.copies = cacheFor.isZero() ? null : Caffeine.newBuilder().expireAfterWrite(cacheFor).maximumSize(100_000).build();
    vertx.eventBus().<String>consumer(CHANGED + nodeId, m -> {
      if (copies != null) copies.invalidate(m.body());
      m.reply(null);
    });
  }

  /**
   * Drops every node's copy of the session: this node's at once, the others' by asking each and waiting for its answer
   * (or {@link #CONFIRM_WITHIN_MS}), so that a sign-out is answered only when no node still knows the session.
   */
  private Future<Void> changed(String id) {
    if (copies != null) copies.invalidate(id);
    DeliveryOptions within = new DeliveryOptions().setSendTimeout(CONFIRM_WITHIN_MS);
    List<Future<Object>> confirmed = otherNodes.get().stream()
        .map(node -> vertx.eventBus().request(CHANGED + node, id, within).map(m -> (Object) null).otherwiseEmpty())
        .toList();
    return Future.join(confirmed).mapEmpty();
  }

  @Override
  public SessionStore init(Vertx vertx, JsonObject options) {
    this.vertx = vertx;
    return this;
  }

  /**
   * Vert.x writes a session while the answer is already on its way (it cannot hold the answer for the store), so the
   * next request of a person who just got a session or signed in may arrive before the row is there. {@link #get} looks
   * again a few times within {@link #LATE_WRITE_WAIT_MS} instead of Vert.x's loop, which would ask every 5 ms.
   */
  @Override
  public long retryTimeout() {
    return 0;
  }

  /** Pauses before looking again for a session not found (ms): about 0.8 s in all, four reads at most. */
  private static final long[] LOOK_AGAIN_MS = {10, 50, 200, 500};
  static final long LATE_WRITE_WAIT_MS = 760;

  @Override
  public Session createSession(long timeout) {
    return createSession(timeout, DEFAULT_SESSIONID_LENGTH);
  }

  @Override
  public Session createSession(long timeout, int length) {
    return new StoredSession(VertxContextPRNG.current(vertx), timeout, length);
  }

  @Override
  public Future<Session> get(String id) {
    return read(id).compose(found -> found != null ? Future.succeededFuture(found) : lookAgain(id, 0));
  }

  private Future<Session> lookAgain(String id, int attempt) {
    if (attempt == LOOK_AGAIN_MS.length) return Future.succeededFuture();
    return vertx.timer(LOOK_AGAIN_MS[attempt]).compose(t -> read(id))
        .compose(found -> found != null ? Future.succeededFuture(found) : lookAgain(id, attempt + 1));
  }

  private Future<Session> read(String id) {
    Copy copy = copies == null ? null : copies.getIfPresent(id);
    if (copy != null) {
      StoredSession s = session(copy.data(), copy.storedAt());
      // a copy is only as good as the row's expiry: an idle session ends on time also here
      if (System.currentTimeMillis() - s.lastAccessed() < s.timeout()) return Future.succeededFuture(s);
      copies.invalidate(id);
    }
    return pool.preparedQuery("""
            select data, (extract(epoch from touched_at) * 1000)::bigint as touched
              from http_session where id = $1 and expires_at > now()""")
        .execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row row = rows.iterator().next();
          Buffer data = row.getBuffer("data");
          long touched = row.getLong("touched");
          if (copies != null) copies.put(id, new Copy(data, touched));
          return session(data, touched);
        });
  }

  private StoredSession session(Buffer data, long storedAt) {
    StoredSession s = new StoredSession(VertxContextPRNG.current(vertx));
    s.readFromBuffer(0, data);
    s.storedAt = storedAt;
    s.storedId = s.id();
    return s;
  }

  @Override
  public Future<Void> put(Session session) {
    StoredSession s = (StoredSession) session;
    long now = System.currentTimeMillis();
    boolean newRow = s.storedAt < 0 || !s.id().equals(s.storedId);
    boolean changed = s.changed();
    if (!newRow && !changed && now - s.storedAt < touchEvery.toMillis()) return Future.succeededFuture();
    // Vert.x's version bump also remembers the data's checksum, so the next request compares with what is written now.
    if (changed) s.incrementVersion();
    Buffer data = Buffer.buffer();
    s.writeToBuffer(data);
    Tuple args = Tuple.of(s.id(), data, s.timeout());
    Future<RowSet<Row>> write = newRow
        ? pool.preparedQuery("""
            insert into http_session (id, data, timeout_ms, expires_at)
            values ($1, $2, $3, now() + $3 * interval '1 millisecond')
            on conflict (id) do update set data = excluded.data, timeout_ms = excluded.timeout_ms,
              touched_at = now(), expires_at = excluded.expires_at""").execute(args)
        : pool.preparedQuery("""
            update http_session set data = $2, timeout_ms = $3, touched_at = now(),
                   expires_at = now() + $3 * interval '1 millisecond'
             where id = $1""").execute(args);
    return write.compose(rows -> {
      s.storedAt = now;
      s.storedId = s.id();
      // Others drop theirs (a new id is known nowhere else); this node keeps what it wrote, unless the late update found
      // no row (signed out meanwhile).
      return (newRow ? Future.<Void>succeededFuture() : changed(s.id())).onSuccess(v -> {
        if (copies != null && rows.rowCount() > 0) copies.put(s.id(), new Copy(data, now));
      });
    });
  }

  @Override
  public Future<Void> delete(String id) {
    return changed(id)
        .compose(v -> pool.preparedQuery("delete from http_session where id = $1").execute(Tuple.of(id)))
        // once more after the row is gone: a read that raced the delete may have copied the old row meanwhile
        .compose(deleted -> changed(id));
  }

  /**
   * Drops this node's copy of a session it wrote, so that the next request with it reads it from the database, as the
   * first request of a person after a while does (the warm-up's sessions, {@code node.Warmup}).
   */
  public void forget(String id) {
    if (copies != null) copies.invalidate(id);
  }

  /** Deletes sessions only this node ever knew (the warm-up's), in one statement. */
  public Future<Void> deleteKnownHereOnly(List<String> ids) {
    return pool.preparedQuery("delete from http_session where id = any($1)").execute(Tuple.of(ids.toArray(new String[0])))
        .onSuccess(v -> {
          if (copies != null) copies.invalidateAll(ids);
        }).mapEmpty();
  }

  /** Removes expired sessions; any node may run it, at any time. Answers how many went. */
  public Future<Integer> sweep() {
    return pool.query("delete from http_session where expires_at <= now()").execute().map(RowSet::rowCount);
  }

  @Override
  public Future<Void> clear() {
    if (copies != null) copies.invalidateAll();
    return pool.query("delete from http_session").execute().mapEmpty();
  }

  @Override
  public Future<Integer> size() {
    return pool.query("select count(*) from http_session where expires_at > now()").execute()
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  @Override
  public void close() {
    // the pool belongs to the application
  }
}
