package at.jobfair.letter;

import at.jobfair.identity.Account;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;

/** "Meine Schreiben": the person's letters with their downloads (the PDFs come from {@link LetterApi#pdf}). */
public final class LetterPages {

  private final Letters letters;
  private final Pages pages;

  public LetterPages(Letters letters, Pages pages) {
    this.letters = letters;
    this.pages = pages;
  }

  /** {@code GET /me/letters}: the person's letters with their downloads. */
  public Future<?> minePage(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    return letters.mine(user.id(), Http.lang(ctx)).map(list -> {
      Map<String, Object> m = new HashMap<>();
      m.put("letters", list);
      pages.render(ctx, "letters-mine", m);
      return null;
    });
  }
}
