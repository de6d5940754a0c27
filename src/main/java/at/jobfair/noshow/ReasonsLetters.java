package at.jobfair.noshow;

import at.jobfair.noshow.NoShowStore.Request;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.Instant;

/**
 * The letter each step that concerns the person produces (REASONS_REQUESTED, REASONS_ACCEPTED, CASE_OPENED, DECISION,
 * WAIVER, PAYMENT_SUSPENDED, PAYMENT_RESUMED), written in the step's transaction: the letter exists exactly when the step
 * does. The composition root connects it to the letters feature.
 */
@FunctionalInterface
public interface ReasonsLetters {

  /** Nothing is written (until the letters feature is connected). */
  ReasonsLetters NONE = (tx, letter) -> Future.succeededFuture();

  Future<Void> issue(SqlClient tx, Letter letter);

  /**
   * One letter. {@code kind} names the letter kind, {@code outcome} its outcome where the kind has one (DECISION:
   * IMPOSED / NOT_IMPOSED; WAIVER: GRANTED), {@code deciderId}/{@code deciderRole} who decided (null for the platform).
   */
  record Letter(String kind, String outcome, Request request, Long deciderId, String deciderRole, String reasons, Instant at) {
  }
}
