package at.jobfair.meeting;

import at.jobfair.identity.Account;
import at.jobfair.live.LiveSocket;
import at.jobfair.meeting.MeetingService.Entry;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Failures;
import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The built-in provider's signalling: a WebSocket per participant ({@code /meetings/{booking}/signal}, or
 * {@code /fairs/{fair}/orientation/signal} for the group session), authorised by {@link MeetingAccess} before the
 * upgrade. It relays offers, answers and ICE candidates between the participants of one room who are in the call,
 * and only between them: a jobseeker in the lobby can send nothing to anyone and hears only that they are admitted.
 * The browsers connect to each other directly (a mesh: each pair has one peer connection).
 *
 * <p>The participants of one room may be connected to different nodes. Who is in which room is kept in PostgreSQL
 * ({@link PeerStore}); the messages travel over the event bus ({@link RoomBus}) to the node holding the recipient's
 * socket, one event-bus message per signal and no database round trip. A node that dies loses its rows to the others'
 * sweepers ({@link NodeWatch}); its browsers reconnect through the load balancer and take their places again.
 *
 * <p>Messages (JSON): the server sends {@code welcome} (your peer id, whether you are in the call), {@code peers} (who
 * is in the call when you enter it: you offer to each), {@code joined}/{@code left} (someone entered/left the call),
 * {@code lobby} (to moderators: who waits), {@code admitted}, {@code signal} ({@code from}, {@code data}), {@code full}
 * and {@code replaced} (the same person opened the room again elsewhere: this socket closes). A participant sends
 * {@code signal} ({@code to}, {@code data}).
 */
public final class MeetingRelay {

  private static final Logger LOG = Logger.getLogger(MeetingRelay.class.getName());

  /** A booking's room: the two parties and authorised staff; more at once is refused. */
  static final int MAX_IN_BOOKING_ROOM = 6;
  private static final int MAX_MESSAGE = 64 * 1024;
  /** Close codes the page does not reconnect after (it was meant): the room is full, or the person is in it elsewhere. */
  static final short FULL = 4409;
  static final short REPLACED = 4001;
  /** "Service restart": the node stops or lost its place; the page reconnects at once (to another node). */
  static final short RESTART = 1012;

  private final Vertx vertx;
  private final MeetingService meetings;
  private final PeerStore store;
  private final RoomBus bus;
  private final String nodeId;
  private final Map<String, Peer> local = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private volatile boolean draining;
  private volatile long heartbeat = -1;

  /** What a socket joins as, and what to record when it comes. */
  record Joining(String room, String name, String role, boolean moderator, boolean inCall, int max, long accountId,
                 Long bookingId, Long groupFairId, Supplier<Future<Void>> onJoin, Entry entry) {
  }

  public MeetingRelay(Vertx vertx, MeetingService meetings, String nodeId) {
    this.vertx = vertx;
    this.meetings = meetings;
    this.store = new PeerStore(meetings.pool());
    this.bus = new RoomBus(vertx, store);
    this.nodeId = nodeId;
    meetings.relay(this);
  }

  PeerStore store() {
    return store;
  }

  RoomBus bus() {
    return bus;
  }

  String nodeId() {
    return nodeId;
  }

  /** The timer of this node's heartbeat ({@link NodeWatch}), stopped by the drain. */
  void heartbeat(long timer) {
    this.heartbeat = timer;
  }

  /** {@code GET /meetings/:id/signal}: the socket of one participant of a booking's room. */
  public void upgradeBooking(RoutingContext ctx) {
    long bookingId;
    try {
      bookingId = Http.pathId(ctx, "id");
    } catch (Refused e) {
      refuse(ctx, 404);
      return;
    }
    Account user = Sessions.user(ctx);
    open(ctx, meetings.enter(user, bookingId), entry -> {
      boolean admitted = !entry.jobseeker() || entry.booking().room().admittedAt() != null;
      return new Joining(room(bookingId), MeetingService.displayName(entry), entry.role().name(), entry.moderator(), admitted,
          MAX_IN_BOOKING_ROOM, user.id(), bookingId, null, () -> meetings.joined(entry, "BUILTIN"), entry);
    });
  }

  /** {@code GET /fairs/:id/orientation/signal}: the socket of one participant of the fair's group session. */
  public void upgradeGroup(RoutingContext ctx, GroupSessions groups) {
    long fairId;
    try {
      fairId = Http.pathId(ctx, "id");
    } catch (Refused e) {
      refuse(ctx, 404);
      return;
    }
    Account user = Sessions.user(ctx);
    open(ctx, groups.enter(user, fairId), g -> new Joining("group:" + fairId, user.name(), g.role(), g.moderator(), true,
        meetings.config().groupMaxParticipants(), user.id(), null, fairId, () -> groups.event(g, MeetingStore.Kind.JOIN), null));
  }

  static String room(long bookingId) {
    return "booking:" + bookingId;
  }

  private <T> void open(RoutingContext ctx, Future<T> allowed, Function<T, Joining> joining) {
    if (!LiveSocket.sameOrigin(ctx)) {
      refuse(ctx, 403);
      return;
    }
    if (draining) {
      refuse(ctx, 503);
      return;
    }
    ctx.request().pause();
    allowed.onFailure(e -> refuse(ctx, e instanceof Refused a ? Failures.status(a) : 500)).onSuccess(t -> {
      Joining j = joining.apply(t);
      ctx.request().toWebSocket().onSuccess(ws -> accept(ws, j)).onFailure(e -> {
        if (!ctx.response().ended()) refuse(ctx, 400);
      });
      ctx.request().resume();
    });
  }

  private void accept(ServerWebSocket ws, Joining j) {
    byte[] b = new byte[9];
    random.nextBytes(b);
    Peer p = new Peer(HexFormat.of().formatHex(b), ws, j);
    local.put(p.id, p);
    ws.closeHandler(v -> leave(p));
    ws.exceptionHandler(e -> ws.close());
    ws.textMessageHandler(text -> onMessage(p, text));
    // Reachable from every node before anyone can learn of it from the database.
    p.consumer = vertx.eventBus().<JsonObject>consumer(RoomBus.ADDRESS + p.id, m -> {
      m.reply(null); // the sender's confirmation that this peer's node has it (RoomBus tries again until then)
      deliver(p, m.body());
    });
    p.consumer.completion()
        .compose(v -> store.take(new PeerStore.Seat(p.id, j.room(), nodeId, j.accountId(), j.name(), j.role(), j.moderator(),
            j.inCall(), j.bookingId(), j.groupFairId()), j.max()))
        .onFailure(e -> {
          LOG.log(Level.WARNING, "could not take a place in " + j.room(), e);
          // "Try again later": the page reconnects after a pause (a node taken for dead has its place back within a beat).
          dismiss(p, (short) 1013, "try again");
        })
        .onSuccess(taken -> {
          if (taken.full()) {
            // Over the socket, not as a refused upgrade: a browser cannot read the status of a refused upgrade and would
            // only see a broken connection and retry; with the message its page says plainly that the room is full.
            dismiss(p, FULL, "full", new JsonObject().put("type", "full").put("max", j.max()));
            return;
          }
          for (PeerStore.Gone old : taken.replaced()) bus.send(old.peerId(), j.room(), new JsonObject().put("type", "replaced"));
          bus.gone(taken.replaced());
          if (p.closed()) {
            // The socket closed while its place was being taken: the place goes again.
            store.remove(p.id).compose(bus::gone);
            return;
          }
          boolean inCall = p.welcome(taken.inCall(), j.moderator());
          j.onJoin().get().onComplete(ar -> {
            if (inCall || p.inCall) enterCall(p);
            else if (j.entry() != null) waitForStart(p, j.entry());
            bus.lobby(j.room());
          });
        });
  }

  /** A jobseeker waiting before the start: at the start, the room admits them by itself if the booth chose so. */
  private void waitForStart(Peer p, Entry e) {
    long bookingId = e.bookingId();
    long delay = java.time.Duration.between(meetings.clock().instant(), e.booking().start()).toMillis();
    Runnable check = () -> meetings.store().booking(meetings.pool(), bookingId).onSuccess(b -> {
      if (b != null && b.room().autoAdmit() && b.room().admittedAt() == null && !p.closed()) meetings.admitAtStart(bookingId);
    });
    if (delay <= 0) check.run();
    else p.timer = vertx.setTimer(delay, t -> check.run());
  }

  private void onMessage(Peer p, String text) {
    if (text.length() > MAX_MESSAGE || !p.entered) return;
    JsonObject m;
    try {
      m = new JsonObject(text);
    } catch (RuntimeException e) {
      return;
    }
    // The recipient's node checks that it is in this room and in the call; an id of the wrong shape reaches nobody.
    if (!"signal".equals(m.getString("type")) || !(m.getValue("to") instanceof String to) || !to.matches("[0-9a-f]{18}")) return;
    bus.send(to, p.room(), new JsonObject().put("type", "signal").put("from", p.id).put("data", m.getValue("data")));
  }

  /** p enters the call: it offers to everyone already in it; they learn that p is there. */
  private void enterCall(Peer p) {
    if (!p.startEntering()) return;
    store.enter(p.id, p.room()).onComplete(ar -> {
      List<PeerStore.Member> others = ar.succeeded() ? ar.result() : null;
      if (ar.failed()) LOG.log(Level.WARNING, "could not enter the call", ar.cause());
      if (others != null) {
        // The others first: p's offers, sent after p hears of them, travel the same way and arrive after.
        JsonObject joined = new JsonObject().put("type", "joined").put("peer", p.describe());
        for (PeerStore.Member o : others) bus.send(o.peerId(), p.room(), joined.copy());
      }
      JsonArray list = new JsonArray();
      if (others != null) for (PeerStore.Member o : others) list.add(RoomBus.describe(o.peerId(), o.name(), o.role()));
      p.entered(others == null ? null : new JsonObject().put("type", "peers").put("peers", list));
      if (others != null) bus.lobby(p.room());
    });
  }

  /** A message for a local peer from the event bus (sent by any node). */
  private void deliver(Peer p, JsonObject m) {
    if (!p.room().equals(m.getString("room"))) return;
    String type = m.getString("type");
    if ("replaced".equals(type)) {
      dismiss(p, REPLACED, "replaced", new JsonObject().put("type", "replaced"));
    } else if ("admitted".equals(type)) {
      if (p.admit()) enterCall(p);
    } else {
      p.relay(m);
    }
  }

  /** Closes a local socket on purpose (its row is gone or never was): nothing more is recorded for it. */
  private void dismiss(Peer p, short code, String reason, JsonObject... last) {
    if (!p.dismiss()) return;
    forgetLocally(p);
    for (JsonObject m : last) p.write(m);
    p.ws.close(code, reason);
  }

  private void forgetLocally(Peer p) {
    local.remove(p.id);
    if (p.timer >= 0) vertx.cancelTimer(p.timer);
    if (p.consumer != null) p.consumer.unregister();
  }

  private void leave(Peer p) {
    if (!p.dismiss()) return;
    forgetLocally(p);
    store.remove(p.id).compose(bus::gone).onFailure(e -> LOG.log(Level.WARNING, "could not record a leave", e));
  }

  /** After the admission was recorded (on whichever node): the waiting jobseeker enters the call (on whichever node). */
  void admitted(long bookingId) {
    String room = room(bookingId);
    store.admitAll(room).onSuccess(ids -> {
      for (String id : ids) bus.send(id, room, new JsonObject().put("type", "admitted"));
      bus.lobby(room);
    });
  }

  /** Whether the booked jobseeker is waiting in the lobby of the booking's room now (on any node). */
  Future<Boolean> waiting(long bookingId) {
    return store.waiting(room(bookingId));
  }

  void lobbyChanged(long bookingId) {
    bus.lobby(room(bookingId));
  }

  /**
   * The graceful stop: every socket of this node is closed with 1012 ("service restart") so its page reconnects at
   * once, through the balancer, to another node; their places are given up (LEAVE recorded, the rooms hear it) and the
   * node's heartbeat row goes. New sockets are refused from now on.
   */
  public Future<Void> drain() {
    draining = true;
    if (heartbeat >= 0) vertx.cancelTimer(heartbeat);
    return closeAll("service restart").compose(v -> store.forget(nodeId)).recover(e -> {
      LOG.log(Level.WARNING, "drain of the meeting rooms incomplete", e);
      return Future.succeededFuture();
    });
  }

  /** Closes every local socket with 1012 and gives up its place (if it still has one). */
  Future<Void> closeAll(String reason) {
    List<Future<Void>> all = new ArrayList<>();
    for (Peer p : List.copyOf(local.values())) {
      if (!p.dismiss()) continue;
      forgetLocally(p);
      p.ws.close(RESTART, reason);
      all.add(store.remove(p.id).compose(bus::gone));
    }
    return Future.join(all).mapEmpty();
  }

  /** Rooms with at least one participant connected to this node (a metric; the same accessor as on branch observe). */
  public int roomsHere() {
    return (int) local.values().stream().map(Peer::room).distinct().count();
  }

  /** Participants' sockets connected to this node, in any room, in the call or waiting (a metric). */
  public int peersHere() {
    return local.size();
  }

  private static void refuse(RoutingContext ctx, int status) {
    if (ctx.response().ended()) return;
    ctx.request().resume();
    ctx.response().setStatusCode(status).putHeader("Connection", "close").end();
  }
}
