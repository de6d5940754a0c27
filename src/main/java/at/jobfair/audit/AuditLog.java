package at.jobfair.audit;

import at.jobfair.audit.AuditChain.Entry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

/**
 * The audit trail's service: appending inside the caller's transaction, and checking the whole trail. The chain's
 * rules are {@link AuditChain}'s, the SQL is {@link AuditStore}'s, the check over HTTP {@link AuditApi}'s.
 */
public final class AuditLog {

  private final AuditStore store;

  public AuditLog(Pool pool) {
    this.store = new AuditStore(pool);
  }

  /**
   * Appends a record in the caller's transaction, so it exists exactly when the step it records does. Appends are
   * serialised by a transaction-scoped lock: the chain has one end, and two steps at once must not both extend it.
   */
  public Future<Entry> append(SqlClient tx, Entry content) {
    return store.lockEnd(tx).compose(end -> {
      Entry e = end == null ? content.chainedAfter(null) : content.chainedAfter(end.seq(), end.hash());
      return store.insert(tx, e).map(e);
    });
  }

  /** Reads the trail in order and checks it. */
  public Future<AuditChain.Verification> verify() {
    return store.all().map(AuditChain::verify);
  }
}
