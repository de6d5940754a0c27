package at.jobfair.privacy;

import at.jobfair.access.Relations;
import at.jobfair.privacy.RightsRequests.Kind;
import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * People's rights over their data, through the API: the person's export (a JSON download) and access log, their
 * requests for a correction or erasure, and the staff's list where those are closed.
 */
public final class RightsApi {

  private final PersonalData data;
  private final RightsRequests requests;
  private final Relations relations;
  private final ZoneId zone;

  public RightsApi(PersonalData data, RightsRequests requests, Relations relations, ZoneId zone) {
    this.data = data;
    this.requests = requests;
    this.relations = relations;
    this.zone = zone;
  }

  /** {@code GET /api/me/data}: everything held about the person, as a JSON file to keep (art. 15 and 20). */
  public Future<?> export(RoutingContext ctx) {
    return data.export(Sessions.user(ctx).id()).onSuccess(json -> ctx.response()
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"" + fileName() + "\"")
        .putHeader("Cache-Control", "no-store")
        .end(json.encodePrettily()));
  }

  String fileName() {
    return "jobboerse-meine-daten-" + LocalDate.now(zone) + ".json";
  }

  /**
   * {@code GET /api/me/data-access}: who of the staff read the person's staff-only data, when, what and on which
   * relation (newest first).
   */
  public Future<?> accessLog(RoutingContext ctx) {
    return relations.readsOf(Sessions.user(ctx).id()).onSuccess(items -> Http.ok(ctx, new JsonObject().put("items", items)));
  }

  /** {@code GET /api/me/rights-requests}: the person's own requests with the replies. */
  public Future<?> mine(RoutingContext ctx) {
    return requests.mine(Sessions.user(ctx).id()).onSuccess(a -> Http.ok(ctx, new JsonObject().put("items", a)));
  }

  /** {@code GET /api/me/rights-requests/:id}: one of them; anyone else's is not there. */
  public Future<?> mineOne(RoutingContext ctx) {
    return requests.mineOne(Sessions.user(ctx).id(), Http.pathId(ctx, "id")).onSuccess(r -> Http.ok(ctx, r));
  }

  /** {@code POST /api/me/rights-requests} {@code {"kind": "CORRECTION"|"ERASURE", "text"}}: 201 with the request. */
  public Future<?> ask(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    Kind kind = RightsInput.kind(body.getValue("kind"));
    String text = body.getString("text");
    return requests.ask(Sessions.user(ctx), kind, text).onSuccess(r -> Http.created(ctx, r));
  }

  /** {@code GET /api/rights-requests}: the open requests this member of staff may close. */
  public Future<?> open(RoutingContext ctx) {
    return requests.open(Sessions.user(ctx)).onSuccess(a -> Http.ok(ctx, new JsonObject().put("items", a)));
  }

  /** {@code POST /api/rights-requests/:id/close} {@code {"outcome": "DONE"|"REFUSED", "reply"}}. */
  public Future<?> close(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    boolean done = RightsInput.done(body.getValue("outcome"));
    String reply = body.getString("reply");
    return requests.close(Sessions.user(ctx), Http.pathId(ctx, "id"), done, reply).onSuccess(r -> Http.ok(ctx, r));
  }
}
