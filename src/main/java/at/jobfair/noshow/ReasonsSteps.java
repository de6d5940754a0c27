package at.jobfair.noshow;

import at.jobfair.audit.AuditChain;
import at.jobfair.audit.AuditLog;
import at.jobfair.legal.LegalOutcome;
import at.jobfair.noshow.NoShowStore.Request;
import at.jobfair.noshow.ReasonsPolicy.State;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * Writes one step of a request for reasons with its audit record, in the caller's transaction. The person's own words
 * stay out of the audit trail, which is never deleted: it records that an answer or a file came, and when.
 */
final class ReasonsSteps {

  private final NoShowStore store;
  private final AuditLog audit;
  private final Clock clock;

  ReasonsSteps(NoShowStore store, AuditLog audit, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /** {@code actorRole} null: the platform (SYSTEM). */
  Future<Void> write(SqlClient tx, Request r, String event, State from, State to, LegalOutcome outcome, Long actorId,
                     String actorRole, String reasons, LocalDate reportedOn) {
    Instant now = clock.instant();
    String role = actorRole == null ? "SYSTEM" : actorRole;
    // The decider's words stay in the step (retention and erasure reach them); the trail gets their hash.
    String words = reasons == null ? null : AuditChain.words(reasons);
    String auditReasons = outcome == null ? words : outcome.name() + (reportedOn == null ? "" : " reported " + reportedOn)
        + ": " + words;
    return audit.append(tx, AuditChain.Entry.of(now, actorId, role, "reasons:" + r.id(), event, from == null ? null : from.name(),
            to.name(), auditReasons))
        .compose(entry -> store.step(tx, r.id(), event, from == null ? null : from.name(), to.name(),
            outcome == null ? null : outcome.name(), actorId, role, reasons, reportedOn, entry.seq(), entry.at()));
  }

  /** Runs {@code f} for each item, one after the other, in the caller's transaction. */
  static <T> Future<Void> each(List<T> items, Function<T, Future<?>> f) {
    Future<Void> chain = Future.succeededFuture();
    for (T item : items) chain = chain.compose(v -> f.apply(item).mapEmpty());
    return chain;
  }
}
