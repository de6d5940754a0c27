package at.jobfair.live;

import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.refusal.Reason;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /live}: the WebSocket pages use for live updates. A page sends {@code {"subscribe": ["booth:7", ...]}};
 * each topic is checked against the signed-in user (booth and fair seat counts are public; a booth's bookings only
 * for its staff; a person's own bookings only for them) and answered with {@code {"type":"subscribed",...}}.
 */
public final class LiveSocket {

  private static final int MAX_TOPICS = 20;

  private final LiveHub hub;
  private final Watchers boothStaff;
  private final Watchers stations;
  private final Watchers chats;
  private final Watchers chatInboxes;

  /**
   * Who may watch a topic about one thing (by id): asked of the feature that owns it, so that the live toolkit knows
   * none (a booth's bookings: its staff, see the booking feature; a cascade station's queue: its staff and organisers).
   */
  @FunctionalInterface
  public interface Watchers {
    Future<Boolean> mayWatch(Account user, long id);
  }

  public LiveSocket(LiveHub hub, Watchers boothStaff, Watchers stations) {
    this(hub, boothStaff, stations, (user, id) -> Future.succeededFuture(false), (user, id) -> Future.succeededFuture(false));
  }

  /** With the chat's watchers: a conversation's writers, an employer's representatives (see the chat feature). */
  public LiveSocket(LiveHub hub, Watchers boothStaff, Watchers stations, Watchers chats, Watchers chatInboxes) {
    this.hub = hub;
    this.boothStaff = boothStaff;
    this.stations = stations;
    this.chats = chats;
    this.chatInboxes = chatInboxes;
  }

  public void upgrade(RoutingContext ctx) {
    if (!sameOrigin(ctx)) {
      refuse(ctx, 403);
      return;
    }
    // A stopping node takes no new sockets: the page tries again and the load balancer sends it elsewhere.
    if (hub.draining()) {
      refuse(ctx, 503);
      return;
    }
    Account user = Sessions.user(ctx);
    ctx.request().toWebSocket().onSuccess(ws -> {
      Set<String> topics = java.util.concurrent.ConcurrentHashMap.newKeySet();
      hub.opened(ws);
      ws.textMessageHandler(text -> onMessage(ws, user, topics, text));
      ws.closeHandler(v -> hub.forget(ws, topics));
      ws.exceptionHandler(e -> ws.close());
    }).onFailure(e -> {
      if (!ctx.response().ended()) refuse(ctx, 400);
    });
  }

  /** A refused upgrade closes its connection, so that no client reuses it for the next handshake. */
  private static void refuse(RoutingContext ctx, int status) {
    ctx.response().setStatusCode(status).putHeader("Connection", "close").end();
  }

  private void onMessage(ServerWebSocket ws, Account user, Set<String> topics, String text) {
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (RuntimeException e) {
      ws.writeTextMessage(new JsonObject().put("type", "error").put("error", Reason.INVALID_JSON.code()).encode());
      return;
    }
    JsonArray unsubscribe = msg.getJsonArray("unsubscribe", new JsonArray());
    for (Object t : unsubscribe) {
      if (t instanceof String s && topics.remove(s)) hub.unsubscribe(ws, s);
    }
    JsonArray wanted = msg.getJsonArray("subscribe", new JsonArray());
    List<Future<String>> checks = new ArrayList<>();
    for (Object t : wanted) checks.add(t instanceof String s ? allowed(user, s).map(ok -> ok ? s : null) : Future.succeededFuture(null));
    Future.join(checks).onComplete(ar -> {
      JsonArray granted = new JsonArray();
      JsonArray refused = new JsonArray();
      for (int i = 0; i < checks.size(); i++) {
        String topic = checks.get(i).succeeded() ? checks.get(i).result() : null;
        if (topic != null && (topics.contains(topic) || topics.size() < MAX_TOPICS)) {
          topics.add(topic);
          hub.subscribe(ws, topic);
          granted.add(topic);
        } else {
          refused.add(wanted.getValue(i));
        }
      }
      if (!ws.isClosed()) ws.writeTextMessage(new JsonObject().put("type", "subscribed").put("topics", granted).put("refused", refused).encode());
    });
  }

  private Future<Boolean> allowed(Account user, String topic) {
    return Topic.parse(topic).map(ref -> switch (ref.topic()) {
      case FAIR, BOOTH, QUEUE -> Future.succeededFuture(true);
      case FAIR_STAFF -> Future.succeededFuture(user != null && user.isStaff());
      case BOOTH_STAFF -> user == null ? Future.succeededFuture(false) : boothStaff.mayWatch(user, ref.id());
      case USER -> Future.succeededFuture(user != null && user.id() == ref.id());
      case STATION -> stations.mayWatch(user, ref.id());
      case CHAT -> user == null ? Future.succeededFuture(false) : chats.mayWatch(user, ref.id());
      case CHATS -> Future.succeededFuture(user != null && user.id() == ref.id());
      case CHAT_EMPLOYER -> user == null ? Future.succeededFuture(false) : chatInboxes.mayWatch(user, ref.id());
      // Reports, sign-ups and applications are every organiser's to handle (Relations: administration), nobody else's.
      case ORGANISERS -> Future.succeededFuture(user != null && user.has(Role.ORGANIZER));
    }).orElse(Future.succeededFuture(false));
  }

  /** Browsers send Origin on WebSockets; a page of another site must not ride on the user's cookie. */
  public static boolean sameOrigin(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin == null) return true;
    try {
      URI o = URI.create(origin);
      String host = ctx.request().authority() == null ? null : ctx.request().authority().toString();
      String originHost = o.getHost() + (o.getPort() == -1 ? "" : ":" + o.getPort());
      return host != null && (host.equals(originHost) || host.equals(o.getHost()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
