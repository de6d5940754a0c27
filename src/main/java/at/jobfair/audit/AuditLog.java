package at.jobfair.audit;

import at.jobfair.audit.AuditChain.Entry;
import at.jobfair.db.Rows;
import at.jobfair.web.Http;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** Appending to the audit trail inside the caller's transaction, and checking the whole trail. */
public final class AuditLog {

  private static final long APPEND_LOCK = 7212002;
  private final Pool pool;

  public AuditLog(Pool pool) {
    this.pool = pool;
  }

  /**
   * Appends a record in the caller's transaction, so it exists exactly when the step it records does. Appends are
   * serialised by a transaction-scoped lock: the chain has one end, and two steps at once must not both extend it.
   */
  public Future<Entry> append(SqlClient tx, Entry content) {
    return tx.query("select pg_advisory_xact_lock(" + APPEND_LOCK + ")").execute()
        .compose(v -> tx.query("select seq, hash from audit_log order by seq desc limit 1").execute())
        .compose(rows -> {
          Entry e = rows.size() == 0 ? content.chainedAfter(null)
              : content.chainedAfter(rows.iterator().next().getLong(0), rows.iterator().next().getString(1));
          return tx.preparedQuery("""
                  insert into audit_log (seq, at, actor_id, actor_role, subject, event, from_state, to_state, reasons, prev_hash, hash)
                  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""")
              .execute(Tuple.of(e.seq(), Rows.utc(e.at()), e.actorId(), e.actorRole(), e.subject(),
                  e.event(), e.fromState(), e.toState(), e.reasons()).addValue(e.prevHash()).addValue(e.hash()))
              .map(e);
        });
  }

  /** Reads the trail in order and checks it. */
  public Future<AuditChain.Verification> verify() {
    return pool.query("select * from audit_log order by seq").execute().map(rows -> {
      List<Entry> entries = new ArrayList<>();
      for (Row r : rows) {
        entries.add(new Entry(r.getLong("seq"), Rows.instant(r, "at"), r.getLong("actor_id"), r.getString("actor_role"),
            r.getString("subject"), r.getString("event"), r.getString("from_state"), r.getString("to_state"), r.getString("reasons"),
            r.getString("prev_hash"), r.getString("hash")));
      }
      return AuditChain.verify(entries);
    });
  }

  /** {@code GET /api/audit/verify}: {@code {"ok", "records", "firstBad"}}. */
  public Future<?> apiVerify(RoutingContext ctx) {
    return verify().onSuccess(v -> Http.ok(ctx, new JsonObject().put("ok", v.ok()).put("records", v.records()).put("firstBad", v.firstBad())));
  }
}
