package at.jobfair.chat;

import at.jobfair.identity.Account;
import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The chat's JSON routes. Who may read or write which conversation is decided by {@link ChatService} (a conversation one
 * has no seat at answers 404).
 */
public final class ChatApi {

  private final ChatService chats;

  public ChatApi(ChatService chats) {
    this.chats = chats;
  }

  /** {@code GET /api/me/chats}: the person's conversations with booths, with unread counts. */
  public Future<?> mine(RoutingContext ctx) {
    return chats.mine(Sessions.user(ctx)).onSuccess(j -> Http.ok(ctx, j));
  }

  /** {@code GET /api/me/chats/unread}: unread messages (the person's; a representative's per booth). */
  public Future<?> unread(RoutingContext ctx) {
    return chats.unread(Sessions.user(ctx)).onSuccess(j -> Http.ok(ctx, j));
  }

  /** {@code GET /api/booths/:id/chat}: the person's conversation with the booth (empty before their first message). */
  public Future<?> withBooth(RoutingContext ctx) {
    return chats.withBooth(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(j -> Http.ok(ctx, j));
  }

  /** {@code POST /api/booths/:id/chat/messages} {@code {"text"}}: the person writes to the booth. */
  public Future<?> writeToBooth(RoutingContext ctx) {
    return chats.writeToBooth(Sessions.user(ctx), Http.pathId(ctx, "id"), Http.body(ctx).getString("text"))
        .onSuccess(j -> Http.created(ctx, j));
  }

  /** {@code GET /api/booths/:id/chats}: the booth's inbox (its employer's representatives). */
  public Future<?> inbox(RoutingContext ctx) {
    return chats.inbox(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(j -> Http.ok(ctx, j));
  }

  /** {@code GET /api/chats/:id?after=seq}: the conversation and its messages after {@code after}; read by the caller's side. */
  public Future<?> read(RoutingContext ctx) {
    return chats.read(Sessions.user(ctx), Http.pathId(ctx, "id"), after(ctx)).onSuccess(j -> Http.ok(ctx, j));
  }

  /** {@code POST /api/chats/:id/messages} {@code {"text"}}. */
  public Future<?> write(RoutingContext ctx) {
    return chats.write(Sessions.user(ctx), Http.pathId(ctx, "id"), Http.body(ctx).getString("text"))
        .onSuccess(j -> Http.created(ctx, j));
  }

  /** {@code PUT /api/chats/:id/block} {@code {"blocked": true|false}}: the person blocks the booth or lifts it. */
  public Future<?> block(RoutingContext ctx) {
    return chats.block(Sessions.user(ctx), Http.pathId(ctx, "id"), Http.body(ctx).getBoolean("blocked"))
        .onSuccess(j -> Http.ok(ctx, j));
  }

  /** {@code POST /api/chat-messages/:id/report} {@code {"reason"}}: to the fair's organisers, with the message. */
  public Future<?> report(RoutingContext ctx) {
    return chats.report(Sessions.user(ctx), Http.pathId(ctx, "id"), Http.optionalBody(ctx).getString("reason"))
        .onSuccess(j -> Http.ok(ctx, j));
  }

  /** {@code GET /api/bookings/:id/chat}: the chat of a booked interview's room. */
  public Future<?> ofBooking(RoutingContext ctx) {
    return chats.ofBooking(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(j -> Http.ok(ctx, j));
  }

  /** {@code GET /api/fairs/:id/orientation/chat}: the chat of the fair's group session. */
  public Future<?> ofGroup(RoutingContext ctx) {
    return chats.ofGroup(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(j -> Http.ok(ctx, j));
  }

  /** {@code GET /api/chat-reports?state=open|handled}: open reports (the default), or the ones handled last (organisers). */
  public Future<?> reports(RoutingContext ctx) {
    String state = ctx.request().getParam("state");
    if (state != null && !state.equals("open") && !state.equals("handled")) throw at.jobfair.refusal.Reason.FIELD_INVALID.refuse();
    Account user = Sessions.user(ctx);
    return ("handled".equals(state) ? chats.handledReports(user) : chats.reports(user)).onSuccess(list -> {
      JsonArray out = new JsonArray();
      for (ChatStore.Report r : list) out.add(json(r));
      Http.ok(ctx, out);
    });
  }

  /** {@code POST /api/chat-reports/:id/handled} {@code {"outcome"}}: an organiser marks an open report handled (once). */
  public Future<?> handle(RoutingContext ctx) {
    return chats.handle(Sessions.user(ctx), Http.pathId(ctx, "id"), Http.body(ctx).getString("outcome"))
        .onSuccess(r -> Http.ok(ctx, json(r)));
  }

  static JsonObject json(ChatStore.Report r) {
    JsonObject j = new JsonObject().put("id", r.id()).put("fair", new JsonObject().put("id", r.fairId()).put("name", r.fairName()))
        .put("employer", r.employerName()).put("person", r.personName()).put("sender", r.senderName()).put("text", r.body())
        .put("sentAt", r.sentAt().toString()).put("reason", r.reason()).put("reportedAt", r.reportedAt().toString())
        .put("state", r.handled() ? "handled" : "open");
    if (r.handled()) {
      j.put("handled", new JsonObject().put("at", r.handledAt().toString()).put("by", r.handledBy()).put("outcome", r.outcome()));
    }
    return j;
  }

  static long after(RoutingContext ctx) {
    String a = ctx.request().getParam("after");
    if (a == null || a.isEmpty()) return 0;
    try {
      return Math.max(0, Long.parseLong(a));
    } catch (NumberFormatException e) {
      throw at.jobfair.refusal.Reason.FIELD_INVALID.refuse();
    }
  }
}
