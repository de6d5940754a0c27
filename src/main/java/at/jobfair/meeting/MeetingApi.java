package at.jobfair.meeting;

import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The meeting API ({@code /api/bookings/{id}/meeting...}, {@code /api/fairs/{id}/orientation...}). Who may do what is
 * decided by {@link MeetingService} and {@link GroupSessions}.
 */
public final class MeetingApi {

  private final MeetingService meetings;
  private final GroupSessions groups;

  public MeetingApi(MeetingService meetings, GroupSessions groups) {
    this.meetings = meetings;
    this.groups = groups;
  }

  /** {@code GET /api/bookings/:id/meeting}: provider, room and what the caller needs; a Jitsi token only for the caller. */
  public Future<?> meeting(RoutingContext ctx) {
    return meetings.enter(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(e -> Http.ok(ctx, meetings.describe(e)));
  }

  /** {@code POST /api/bookings/:id/meeting/admit}: booth staff let the waiting jobseeker in (once, however many press). */
  public Future<?> admit(RoutingContext ctx) {
    return meetings.admit(Sessions.user(ctx), Http.pathId(ctx, "id"))
        .onSuccess(won -> Http.ok(ctx, new JsonObject().put("admitted", true).put("byThisRequest", won)));
  }

  /** {@code PUT /api/bookings/:id/meeting/auto-admit} with {@code {"autoAdmit": true}}. */
  public Future<?> autoAdmit(RoutingContext ctx) {
    return meetings.autoAdmit(Sessions.user(ctx), Http.pathId(ctx, "id"), Http.body(ctx).getBoolean("autoAdmit"))
        .onSuccess(v -> Http.ok(ctx, new JsonObject().put("autoAdmit", v)));
  }

  /**
   * {@code POST /api/bookings/:id/meeting/events} with {@code {"event": "joined"|"left"|"failed", "detail"}}: what the
   * Jitsi page reports (the built-in provider records joins and leaves itself), and failures of either provider.
   */
  public Future<?> event(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    String event = body.getString("event");
    Object detail = body.getValue("detail");
    String provider = meetings.provider();
    return meetings.entry(Sessions.user(ctx), Http.pathId(ctx, "id"), !"joined".equals(event)).compose(e -> switch (event) {
      case "joined" -> "JITSI".equals(provider) ? meetings.joinedJitsi(e) : meetings.joined(e, provider);
      case "left" -> meetings.left(e, provider);
      default -> meetings.failed(e, provider, detail instanceof String d ? d : null);
    }).onSuccess(v -> Http.noContent(ctx));
  }

  /** {@code GET /api/bookings/:id/meeting/events}: the room's log (joins, admissions, leaves) for those entitled to it. */
  public Future<?> events(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    return meetings.entry(Sessions.user(ctx), id, true)
        .compose(e -> meetings.events(id))
        .onSuccess(list -> Http.ok(ctx, new io.vertx.core.json.JsonArray(list.stream().map(JsonObject::new).toList())));
  }

  /** {@code POST /api/bookings/:id/meeting/phone}: booth staff confirm that the appointment took place by phone. */
  public Future<?> phone(RoutingContext ctx) {
    return meetings.confirmPhone(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(v -> Http.noContent(ctx));
  }

  /** {@code POST /api/bookings/:id/meeting/callback} with {@code {"phone"}}: the jobseeker asks to be called. */
  public Future<?> callback(RoutingContext ctx) {
    return meetings.requestCallback(Sessions.user(ctx), Http.pathId(ctx, "id"), Http.body(ctx).getString("phone"))
        .onSuccess(v -> Http.noContent(ctx));
  }

  /** {@code GET /api/fairs/:id/orientation}: the group session of the fair's orientation part. */
  public Future<?> group(RoutingContext ctx) {
    return groups.enter(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(g -> Http.ok(ctx, groups.describe(g)));
  }

  /** {@code POST /api/fairs/:id/orientation/events} with {@code {"event": "joined"|"left"}} (the Jitsi page). */
  public Future<?> groupEvent(RoutingContext ctx) {
    String event = Http.body(ctx).getString("event");
    return groups.enter(Sessions.user(ctx), Http.pathId(ctx, "id")).compose(g -> groups.event(g, "left".equals(event) ? MeetingStore.Kind.LEAVE : MeetingStore.Kind.JOIN))
        .onSuccess(v -> Http.noContent(ctx));
  }
}
