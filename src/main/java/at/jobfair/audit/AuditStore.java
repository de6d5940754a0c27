package at.jobfair.audit;

import at.jobfair.audit.AuditChain.Entry;
import at.jobfair.db.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** The SQL of the audit trail ({@code audit_log}): its end, one more record, and the whole trail in order. */
public final class AuditStore {

  /** Serialises appends: the chain has one end (see {@link AuditLog#append}). */
  private static final long APPEND_LOCK = 7212002;
  private final Pool pool;

  /** The last record of the trail: where the next one is chained. */
  public record End(long seq, String hash) {
  }

  public AuditStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Takes the transaction-scoped append lock and reads the last record's sequence number and hash (null when the
   * trail is empty); the lock is held until the caller's transaction ends, so nobody extends the same end.
   */
  public Future<End> lockEnd(SqlClient tx) {
    return tx.query("select pg_advisory_xact_lock(" + APPEND_LOCK + ")").execute()
        .compose(v -> tx.query("select seq, hash from audit_log order by seq desc limit 1").execute())
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new End(r.getLong("seq"), r.getString("hash"));
        });
  }

  public Future<Void> insert(SqlClient tx, Entry e) {
    return tx.preparedQuery("""
            insert into audit_log (seq, at, actor_id, actor_role, subject, event, from_state, to_state, reasons, prev_hash, hash)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""")
        .execute(Tuple.of(e.seq(), Rows.utc(e.at()), e.actorId(), e.actorRole(), e.subject(),
            e.event(), e.fromState(), e.toState(), e.reasons()).addValue(e.prevHash()).addValue(e.hash()))
        .mapEmpty();
  }

  /** The whole trail in order of its sequence numbers. */
  public Future<List<Entry>> all() {
    return pool.query("select * from audit_log order by seq").execute().map(rows -> {
      List<Entry> entries = new ArrayList<>();
      for (Row r : rows) {
        entries.add(new Entry(r.getLong("seq"), Rows.instant(r, "at"), r.getLong("actor_id"), r.getString("actor_role"),
            r.getString("subject"), r.getString("event"), r.getString("from_state"), r.getString("to_state"), r.getString("reasons"),
            r.getString("prev_hash"), r.getString("hash")));
      }
      return entries;
    });
  }
}
