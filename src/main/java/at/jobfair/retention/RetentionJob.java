package at.jobfair.retention;

import at.jobfair.audit.AuditChain;
import at.jobfair.audit.AuditLog;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.StringJoiner;

/**
 * Deletes or anonymises evidence after its retention period, rule by rule, in one transaction per run: one audit record
 * per item and one for the run (what each rule did). Runs once across several nodes: the run takes a transaction-scoped
 * advisory lock without waiting, and a node that does not get it does nothing this time (answers -1).
 */
public final class RetentionJob {

  /** The advisory lock of a run (the other jobs use 7212001-7212003). */
  static final long LOCK = 7212019;
  /** Items per rule and run; the next run takes the rest. */
  static final int BATCH = 500;

  private final Pool pool;
  private final AuditLog audit;
  private final Clock clock;
  private final List<RetentionRule> rules;

  public RetentionJob(Pool pool, AuditLog audit, Clock clock, List<RetentionRule> rules) {
    this.pool = pool;
    this.audit = audit;
    this.clock = clock;
    this.rules = List.copyOf(rules);
  }

  /** One run; answers how many items it removed, or -1 when another node is running it. */
  public Future<Integer> run() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return pool.withTransaction(tx -> tx.query("select pg_try_advisory_xact_lock(" + LOCK + ")").execute().compose(rows -> {
      if (!rows.iterator().next().getBoolean(0)) return Future.succeededFuture(-1);
      StringJoiner summary = new StringJoiner(", ");
      Future<Integer> f = Future.succeededFuture(0);
      for (RetentionRule rule : rules) {
        f = f.compose(total -> rule.apply(tx, now, BATCH).compose(removed -> auditEach(tx, now, rule, removed).map(v -> {
          summary.add(rule.kind() + " " + removed.size());
          return total + removed.size();
        })));
      }
      return f.compose(total -> audit.append(tx, AuditChain.Entry.of(now, null, "SYSTEM", "retention", "RUN", null, null,
          summary.length() == 0 ? "no rules" : summary.toString())).map(total));
    }));
  }

  private Future<Void> auditEach(SqlClient tx, Instant now, RetentionRule rule, List<RetentionRule.Removed> removed) {
    Future<Void> f = Future.succeededFuture();
    for (RetentionRule.Removed r : removed) {
      f = f.compose(v -> audit.append(tx, AuditChain.Entry.of(now, null, "SYSTEM", "retention:" + rule.kind() + ":" + r.id(),
          r.action(), null, null, r.why())).mapEmpty());
    }
    return f;
  }
}
