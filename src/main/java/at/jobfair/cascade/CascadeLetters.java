package at.jobfair.cascade;

import at.jobfair.identity.Account;
import at.jobfair.letter.LetterBasis;
import at.jobfair.letter.LetterKind;
import at.jobfair.letter.LetterOutcome;
import at.jobfair.letter.LetterRequest;
import at.jobfair.letter.Letters;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
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

  /**
   * The letter a step is about to produce, rendered before the step is written (so its rendering holds no lock the
   * step's audit record takes); null when the step produces none. {@link #keep} writes it once the step has its id.
   */
  Future<Letters.Prepared> prepare(SqlClient tx, CascadeStore.CascadeRow row, Transition t, Event e, Account user) {
    LetterKind kind;
    LetterOutcome outcome;
    switch (t.event()) {
      case DECIDE -> {
        if (e.decision() == Event.Decision.SEND_BACK) return Future.succeededFuture();
        kind = LetterKind.DECISION;
        outcome = e.decision() == Event.Decision.IMPOSE ? LetterOutcome.IMPOSED : LetterOutcome.NOT_IMPOSED;
      }
      case WAIVE -> {
        kind = LetterKind.WAIVER;
        outcome = LetterOutcome.GRANTED;
      }
      case REFUSE_WAIVER -> {
        kind = LetterKind.WAIVER;
        outcome = LetterOutcome.REFUSED;
      }
      default -> {
        return Future.succeededFuture();
      }
    }
    Instant at = t.at();
    return tx.preparedQuery("""
            select f.name, c.basis_code, c.basis_version, j.benefit_type from cascade c join fair f on f.id = c.fair_id
              left join jobseeker j on j.account_id = c.jobseeker_id where c.id = $1""").execute(Tuple.of(row.id())).compose(rows -> {
      Row r = rows.iterator().next();
      LetterRequest request = new LetterRequest(kind, outcome, LetterRequest.Case.cascade(row.jobseekerId(), row.id(), null),
          new LetterRequest.Content(basis(r.getString("basis_code"), r.getInteger("basis_version"), r.getString("benefit_type"), at),
              r.getString("name"), e.reasons(), null),
          new LetterRequest.Actor(user == null ? null : user.id(), t.actorRole()), at);
      return letters.prepare(tx, request);
    });
  }

  /** Keeps the prepared letter (if any), naming the step just written. */
  Future<Void> keep(SqlClient tx, Letters.Prepared letter, long stepId) {
    return letter == null ? Future.succeededFuture() : letters.keep(tx, letter, stepId).mapEmpty();
  }

  /**
   * The basis the letter quotes: the one the cascade names, in its version; for a cascade that names none, the basis a
   * placement proposal to the person's benefit type rests on (only binding participation reaches a decision).
   */
  private LetterBasis basis(String code, Integer version, String benefitType, Instant at) {
    if (code != null && version != null) return letters.basis(code, version).orElse(null);
    return letters.basisFor("PLACEMENT_PROPOSAL", benefitType, at).orElse(null);
  }

  /** After the step's transaction committed: the letter's email goes out at once. */
  void sent() {
    letters.sent();
  }
}
