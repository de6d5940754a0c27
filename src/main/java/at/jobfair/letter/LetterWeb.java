package at.jobfair.letter;

import at.jobfair.refusal.Reason;

import at.jobfair.access.Relations;
import at.jobfair.access.StaffAccess;
import at.jobfair.identity.Account;
import at.jobfair.refusal.Refused;
import at.jobfair.identity.Role;
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

  /** The person a cascade is about, or null when there is no such cascade (the cascade feature answers). */
  @FunctionalInterface
  public interface PersonOfCase {
    Future<Long> of(long cascadeId);
  }

  private final Letters letters;
  private final Pages pages;
  private final Relations relations;
  private final PersonOfCase personOfCase;

  public LetterWeb(Letters letters, Pages pages, Relations relations, PersonOfCase personOfCase) {
    this.letters = letters;
    this.pages = pages;
    this.relations = relations;
    this.personOfCase = personOfCase;
  }

  /**
   * Passes when the staff member may read the person's benefit data (Relations: a case's letters are sanction data)
   * and records the read in the person's access log; otherwise fails as if there were nothing (404).
   */
  private Future<Void> readsBenefit(Account staff, Long person, String what) {
    if (person == null) return Future.failedFuture(Reason.LETTER_NOT_FOUND.refuse());
    return relations.of(staff, person).compose(rel -> StaffAccess.may(rel, StaffAccess.Data.BENEFIT, StaffAccess.Mode.READ)
        ? relations.logRead(staff, person, what, rel, StaffAccess.Data.BENEFIT)
        : Future.failedFuture(Reason.LETTER_NOT_FOUND.refuse()));
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
    return personOfCase.of(id).compose(person -> readsBenefit(Sessions.user(ctx), person, "letters"))
        .compose(v -> letters.ofCase("cascade:" + id, Http.lang(ctx))).onSuccess(list -> Http.ok(ctx, new JsonObject().put("items", list)));
  }

  /** {@code GET /api/letters/:id/pdf}: the PDF/A as it was mailed. */
  public Future<?> pdf(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    boolean staff = user.roles().stream().anyMatch(READS_CASES::contains);
    return letters.file(Http.pathId(ctx, "id"), user.id(), staff)
        // staff: only with a right to the person's benefit data (the person's own letter needs none)
        .compose(f -> f.jobseekerId() == user.id() ? Future.succeededFuture(f) : readsBenefit(user, f.jobseekerId(), "letter").map(f))
        .onSuccess(f -> ctx.response()
        .putHeader("Content-Type", "application/pdf")
        .putHeader("Content-Disposition", "attachment; filename=\"" + Letters.fileName(f.reference()) + "\"")
        .putHeader("Cache-Control", "no-store")
        .end(Buffer.buffer(f.pdf())));
  }
}
