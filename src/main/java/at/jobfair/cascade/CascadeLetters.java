package at.jobfair.cascade;

import at.jobfair.account.Account;
import at.jobfair.letter.LetterBasis;
import at.jobfair.letter.LetterKind;
import at.jobfair.letter.LetterRequest;
import at.jobfair.letter.Letters;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;

/**
 * The letters the cascade's steps produce, in the step's transaction: a decision (impose or not) → a DECISION letter;
 * a waiver granted or refused → a WAIVER letter. Each names the step, its decider, the basis and the reasons.
 */
public final class CascadeLetters {

  private final Letters letters;

  public CascadeLetters(Letters letters) {
    this.letters = letters;
  }

  /** The letter a written step produces, if any; {@code stepId} is the step just written by {@code user}. */
  Future<Void> afterStep(SqlClient tx, CascadeStore.CascadeRow row, Cascade after, Transition t, Event e, Account user, long stepId) {
    LetterKind kind;
    String outcome;
    switch (t.event()) {
      case DECIDE -> {
        if (e.decision() == Event.Decision.SEND_BACK) return Future.succeededFuture();
        kind = LetterKind.DECISION;
        outcome = e.decision() == Event.Decision.IMPOSE ? "IMPOSED" : "NOT_IMPOSED";
      }
      case WAIVE -> {
        kind = LetterKind.WAIVER;
        outcome = "GRANTED";
      }
      case REFUSE_WAIVER -> {
        kind = LetterKind.WAIVER;
        outcome = "REFUSED";
      }
      default -> {
        return Future.succeededFuture();
      }
    }
    Instant at = t.at();
    return tx.preparedQuery("select name from fair where id = $1").execute(Tuple.of(row.fairId())).compose(rows -> {
      String fair = rows.size() == 0 ? null : rows.iterator().next().getString(0);
      LetterRequest r = LetterRequest.ofCascade(kind, outcome, row.jobseekerId(), row.id(), stepId, basis(after),
          user == null ? null : user.id(), t.actorRole(), fair, e.reasons(), at);
      return letters.issue(tx, r).mapEmpty();
    });
  }

  /**
   * The basis the letter quotes. Stand-in until the legal-basis catalogue is wired: the Land's minimum-income law
   * (the municipality decides) or § 10 AlVG.
   */
  private LetterBasis basis(Cascade c) {
    return letters.basis(c.minimumIncome() ? "AT_MINIMUM_INCOME" : "AT_ALVG_10");
  }

  /** After the step's transaction committed: the letter's email goes out at once. */
  void sent() {
    letters.sent();
  }
}
