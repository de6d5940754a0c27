package at.jobfair.queue;

import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The walk-up queue's JSON routes: a booth's queue ({@code /api/booths/{id}/queue...}), the person's own place
 * ({@code /api/me/queue...}) and a fair's queues for the board. Who may do what is {@link QueueService}'s.
 */
public final class QueueApi {

  private final QueueService queues;

  public QueueApi(QueueService queues) {
    this.queues = queues;
  }

  /** {@code GET /api/booths/:id/queue}: open, length, pace (no names); for a jobseeker also their place here. */
  public Future<?> state(RoutingContext ctx) {
    return queues.state(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(s -> Http.ok(ctx, s));
  }

  /** {@code POST /api/booths/:id/queue}: the jobseeker takes a place (201 with position and estimated wait). */
  public Future<?> join(RoutingContext ctx) {
    return queues.join(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(p -> Http.created(ctx, p));
  }

  /** {@code PUT /api/booths/:id/queue} with {@code {"open": true|false, "maxLength": n|null}}: booth staff. */
  public Future<?> settings(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return queues.settings(Sessions.user(ctx), Http.pathId(ctx, "id"), body.getBoolean("open"), body.getInteger("maxLength"))
        .onSuccess(s -> Http.ok(ctx, s));
  }

  /** {@code POST /api/booths/:id/queue/next}: the booth's representative takes the next person into a room (201). */
  public Future<?> next(RoutingContext ctx) {
    return queues.next(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(c -> Http.created(ctx, new JsonObject()
        .put("placeId", c.placeId()).put("bookingId", c.bookingId()).put("name", c.name()).put("room", c.room())));
  }

  /** {@code GET /api/booths/:id/queue/waiting}: the waiting with their names, in order (booth staff). */
  public Future<?> waiting(RoutingContext ctx) {
    return queues.waitingList(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(list -> Http.ok(ctx, new JsonArray(
        list.stream().map(w -> new JsonObject().put("placeId", w.placeId()).put("name", w.name()).put("ticket", w.ticket())
            .put("joinedAt", w.joinedAt().toString()).put("seenAt", w.seenAt().toString())).toList())));
  }

  /** {@code GET /api/fairs/:id/queues}: every booth's queue at the fair (staff; the board). */
  public Future<?> ofFair(RoutingContext ctx) {
    return queues.ofFair(Http.pathId(ctx, "id")).onSuccess(list -> Http.ok(ctx, new JsonArray(list)));
  }

  /** {@code GET /api/me/queue}: the person's place ({@code place} null when they never queued). */
  public Future<?> mine(RoutingContext ctx) {
    return queues.mine(Sessions.user(ctx)).onSuccess(m -> Http.ok(ctx, m));
  }

  /** {@code POST /api/me/queue/here}: the person's page says they are still there. */
  public Future<?> here(RoutingContext ctx) {
    return queues.here(Sessions.user(ctx)).onSuccess(v -> Http.noContent(ctx));
  }

  /** {@code DELETE /api/me/queue}: the person leaves their place. */
  public Future<?> leave(RoutingContext ctx) {
    return queues.leave(Sessions.user(ctx)).onSuccess(v -> Http.noContent(ctx));
  }
}
