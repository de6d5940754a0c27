package at.jobfair.db;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.TransactionPropagation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A connection pool per event loop, used as one pool. Vert.x's pool hands any free connection to any caller, and a
 * connection lives on the event loop that opened it: a request handled on one loop and a connection on another pass
 * every query and every result between two threads. Here each event loop gets connections of its own, opened from
 * that loop, so a request's queries run on the thread that handles the request. Callers outside an event loop
 * (start-up, tests, blocking code) share one more pool.
 */
public final class EventLoopPools implements Pool {

  private final Supplier<Pool> factory;
  private final Pool outside;
  private final Map<Thread, Pool> pools = new ConcurrentHashMap<>();

  public EventLoopPools(Supplier<Pool> factory) {
    this.factory = factory;
    this.outside = factory.get();
  }

  private Pool current() {
    Context context = Vertx.currentContext();
    if (context == null || !context.isEventLoopContext() || !Context.isOnEventLoopThread()) return outside;
    return pools.computeIfAbsent(Thread.currentThread(), thread -> factory.get());
  }

  @Override
  public Future<SqlConnection> getConnection() {
    return current().getConnection();
  }

  @Override
  public Query<RowSet<Row>> query(String sql) {
    return current().query(sql);
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
    return current().preparedQuery(sql);
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
    return current().preparedQuery(sql, options);
  }

  @Override
  public <T> Future<T> withTransaction(Function<SqlConnection, Future<T>> function) {
    return current().withTransaction(function);
  }

  @Override
  public <T> Future<T> withTransaction(TransactionPropagation propagation, Function<SqlConnection, Future<T>> function) {
    return current().withTransaction(propagation, function);
  }

  @Override
  public <T> Future<T> withConnection(Function<SqlConnection, Future<T>> function) {
    return current().withConnection(function);
  }

  /**
   * Replaces the event loops' pools by new ones (made on first use); the old ones are closed, with their connections,
   * after {@code grace}, so that work already under way on them (a job's transaction, the mail sender recording a send)
   * finishes first. PostgreSQL decides per connection, from a prepared statement's first executions, whether to plan it
   * once for all or anew every time; a node's warm-up asks with ids that match no row, which made it plan the booking
   * read anew on every later request (1.2–1.8 ms more of PostgreSQL's CPU per attempt). After the warm-up the node
   * works on connections whose first executions are real ones.
   */
  public Future<Void> renew(Vertx vertx, Duration grace) {
    List<Pool> old = new ArrayList<>(pools.values());
    pools.clear();
    return vertx.timer(grace.toMillis()).compose(t -> Future.all(old.stream().map(Pool::close).toList())).mapEmpty();
  }

  /** Connections open now, in all pools. */
  @Override
  public int size() {
    return outside.size() + pools.values().stream().mapToInt(Pool::size).sum();
  }

  @Override
  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    closing.add(outside.close());
    pools.values().forEach(p -> closing.add(p.close()));
    return Future.all(closing).mapEmpty();
  }
}
