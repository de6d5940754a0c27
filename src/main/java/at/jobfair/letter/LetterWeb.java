package at.jobfair.letter;

import at.jobfair.account.Account;
import at.jobfair.account.Role;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where people see their letters: the person on "Meine Schreiben" and through the API, entitled staff with the case.
 * A letter's PDF goes to the person it was written to and to staff who read dossiers; to anyone else it does not
 * exist (404). Employers never reach these routes (the route table refuses them).
 */
public final class LetterWeb {

  /** The roles that read a case's dossier, and with it its letters (as the dossier's route in AppRouter). */
  public static final Set<Role> READS_CASES = EnumSet.of(Role.SFA, Role.ERHEBUNG, Role.ORGANIZER, Role.KOMMUNE);

  private final Letters letters;
  private final Pages pages;

  public LetterWeb(Letters letters, Pages pages) {
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

  /** {@code GET /api/me/letters}: {@code {"items": [...]}}, newest first. */
  public Future<?> apiMine(RoutingContext ctx) {
    return letters.mine(Sessions.user(ctx).id(), Http.lang(ctx)).onSuccess(list -> Http.ok(ctx, new JsonObject().put("items", list)));
  }

  /** {@code GET /api/cascades/:id/letters}: the case's letters, for staff who read its dossier. */
  public Future<?> apiOfCascade(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    return letters.ofCase("cascade:" + id, Http.lang(ctx)).onSuccess(list -> Http.ok(ctx, new JsonObject().put("items", list)));
  }

  /** {@code GET /api/letters/:id/pdf}: the PDF/A as it was mailed. */
  public Future<?> pdf(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    boolean staff = user.roles().stream().anyMatch(READS_CASES::contains);
    return letters.file(Http.pathId(ctx, "id"), user.id(), staff).onSuccess(f -> ctx.response()
        .putHeader("Content-Type", "application/pdf")
        .putHeader("Content-Disposition", "attachment; filename=\"" + Letters.fileName(f.reference()) + "\"")
        .putHeader("Cache-Control", "no-store")
        .end(Buffer.buffer(f.pdf())));
  }
}
