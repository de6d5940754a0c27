package at.jobfair.letter;

import at.jobfair.access.Relations;
import at.jobfair.access.StaffAccess;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.refusal.Reason;
import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.EnumSet;
import java.util.Set;

/**
 * Letters through the API: the person's own, a case's for staff who read its dossier, and a letter's PDF/A for the
 * person it was written to and for such staff; to anyone else a letter does not exist (404). Employers never reach
 * these routes (the route table refuses them). The person's page is {@link LetterPages}.
 */
public final class LetterApi {

  /** The roles that read a case's dossier, and with it its letters (as the dossier's route in AppRouter). */
  public static final Set<Role> READS_CASES = EnumSet.of(Role.SFA, Role.ERHEBUNG, Role.ORGANIZER, Role.KOMMUNE);

  /** The person a cascade is about, or null when there is no such cascade (the cascade feature answers). */
  @FunctionalInterface
  public interface PersonOfCase {
    Future<Long> of(long cascadeId);
  }

  private final Letters letters;
  private final Relations relations;
  private final PersonOfCase personOfCase;

  public LetterApi(Letters letters, Relations relations, PersonOfCase personOfCase) {
    this.letters = letters;
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

  /** {@code GET /api/me/letters}: {@code {"items": [...]}}, newest first. */
  public Future<?> mine(RoutingContext ctx) {
    return letters.mine(Sessions.user(ctx).id(), Http.lang(ctx)).onSuccess(list -> Http.ok(ctx, new JsonObject().put("items", list)));
  }

  /** {@code GET /api/cascades/:id/letters}: the case's letters, for staff who read its dossier. */
  public Future<?> ofCascade(RoutingContext ctx) {
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
