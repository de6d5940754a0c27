package at.jobfair.noshow;

import at.jobfair.letter.LetterKind;
import at.jobfair.letter.LetterOutcome;
import at.jobfair.letter.LetterRequest;
import at.jobfair.letter.Letters;
import at.jobfair.noshow.NoShowStore.Request;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * The letters the steps of a request for reasons produce, through the letters feature: the request (with its deadline),
 * reasons accepted, case opened, the decision (imposed or not), the waiver, payment suspended and resumed. Each quotes the
 * basis in the version the request rests on and belongs to the case {@code noshow:<request>}; the database lets a
 * decision letter exist only after the decider's step with that outcome (V22's letter_guard clause).
 */
public final class NoShowLetters implements ReasonsLetters {

  private final Letters letters;

  public NoShowLetters(Letters letters) {
    this.letters = letters;
  }

  @Override
  public Future<Void> issue(SqlClient tx, Letter l) {
    Request r = l.request();
    LetterKind kind = LetterKind.valueOf(l.kind());
    LetterRequest request = new LetterRequest(kind, l.outcome() == null ? null : LetterOutcome.valueOf(l.outcome()), LetterRequest.Case.of(r.person().id(), "noshow:" + r.id()),
        new LetterRequest.Content(letters.basis(r.basis().code(), r.basis().version()).orElse(null), r.occasion().withFair(),
            l.reasons(), kind == LetterKind.REASONS_REQUESTED ? r.progress().deadline() : null),
        kind.decided() ? new LetterRequest.Actor(l.deciderId(), l.deciderRole()) : null, l.at());
    return letters.issue(tx, request).mapEmpty();
  }
}
