package at.jobfair.meeting;

import at.jobfair.account.Account;
import at.jobfair.live.LiveSocket;
import at.jobfair.meeting.MeetingService.Entry;
import at.jobfair.web.ApiError;
import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The built-in provider's signalling: a WebSocket per participant ({@code /meetings/{booking}/signal}, or
 * {@code /fairs/{fair}/orientation/signal} for the group session), authorised by {@link MeetingAccess} before the
 * upgrade. It relays offers, answers and ICE candidates between the participants of one room who are in the call,
 * and only between them: a jobseeker in the lobby can send nothing to anyone and hears only that they are admitted.
 * The browsers connect to each other directly (a mesh: each pair has one peer connection).
 *
 * <p>Messages (JSON): the server sends {@code welcome} (your peer id, whether you are in the call), {@code peers} (who
 * is in the call when you enter it: you offer to each), {@code joined}/{@code left} (someone entered/left the call),
 * {@code lobby} (to moderators: who waits), {@code admitted}, {@code signal} ({@code from}, {@code data}) and
 * {@code full}. A participant sends {@code signal} ({@code to}, {@code data}). The rooms live in this process: run one
 * instance behind the WebSocket, or route a room's participants to the same instance.
 */
public final class MeetingRelay {

  /** A booking's room: the two parties and authorised staff; more at once is refused. */
  static final int MAX_IN_BOOKING_ROOM = 6;
  private static final int MAX_MESSAGE = 64 * 1024;

  private final Vertx vertx;
  private final MeetingService meetings;
  private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /** One open socket in a room. */
  private final class Peer {
    final String id;
    final ServerWebSocket ws;
    final String name;
    final String role;
    final boolean moderator;
    /** Admitted (or never needed to be). */
    volatile boolean inCall;
    /** In the call: others offer to it and it may signal. Set under the room's lock, so two entering at once are ordered. */
    volatile boolean entered;
    volatile long timer = -1;

    Peer(ServerWebSocket ws, String name, String role, boolean moderator, boolean inCall) {
      byte[] b = new byte[9];
      random.nextBytes(b);
      this.id = HexFormat.of().formatHex(b);
      this.ws = ws;
      this.name = name;
      this.role = role;
      this.moderator = moderator;
      this.inCall = inCall;
    }

    JsonObject describe() {
      return new JsonObject().put("id", id).put("name", name).put("role", role);
    }
  }

  private static final class Room {
    final Set<Peer> peers = ConcurrentHashMap.newKeySet();
  }

  public MeetingRelay(Vertx vertx, MeetingService meetings) {
    this.vertx = vertx;
    this.meetings = meetings;
    meetings.relay(this);
  }

  /** Rooms with at least one participant connected to this node (a metric). */
  public int roomsHere() {
    return rooms.size();
  }

  /** Participants' sockets connected to this node, in any room, in the call or waiting (a metric). */
  public int peersHere() {
    return rooms.values().stream().mapToInt(r -> r.peers.size()).sum();
  }

  /** {@code GET /meetings/:id/signal}: the socket of one participant of a booking's room. */
  public void upgradeBooking(RoutingContext ctx) {
    long bookingId;
    try {
      bookingId = Http.pathId(ctx, "id");
    } catch (ApiError e) {
      refuse(ctx, 404);
      return;
    }
    Account user = Sessions.user(ctx);
    open(ctx, meetings.enter(user, bookingId), entry -> {
      boolean admitted = !entry.jobseeker() || entry.booking().admittedAt() != null;
      return new Joining("booking:" + bookingId, MeetingService.displayName(entry), entry.role().name(), entry.moderator(), admitted,
          MAX_IN_BOOKING_ROOM, () -> meetings.joined(entry, "BUILTIN"), () -> meetings.left(entry, "BUILTIN"), entry);
    });
  }

  /** {@code GET /fairs/:id/orientation/signal}: the socket of one participant of the fair's group session. */
  public void upgradeGroup(RoutingContext ctx, GroupSessions groups) {
    long fairId;
    try {
      fairId = Http.pathId(ctx, "id");
    } catch (ApiError e) {
      refuse(ctx, 404);
      return;
    }
    Account user = Sessions.user(ctx);
    open(ctx, groups.enter(user, fairId), g -> new Joining("group:" + fairId, user.name(), g.role(), g.moderator(), true,
        meetings.config().groupMaxParticipants(), () -> groups.event(g, MeetingStore.Kind.JOIN), () -> groups.event(g, MeetingStore.Kind.LEAVE), null));
  }

  /** What a socket joins as, and what to record when it comes and goes. */
  record Joining(String room, String name, String role, boolean moderator, boolean inCall, int max,
                 java.util.function.Supplier<Future<Void>> onJoin, java.util.function.Supplier<Future<Void>> onLeave, Entry entry) {
  }

  private <T> void open(RoutingContext ctx, Future<T> allowed, Function<T, Joining> joining) {
    if (!LiveSocket.sameOrigin(ctx)) {
      refuse(ctx, 403);
      return;
    }
    ctx.request().pause();
    allowed.onFailure(e -> refuse(ctx, e instanceof ApiError a ? a.status() : 500)).onSuccess(t -> {
      Joining j = joining.apply(t);
      ctx.request().toWebSocket().onSuccess(ws -> accept(ws, j)).onFailure(e -> {
        if (!ctx.response().ended()) refuse(ctx, 400);
      });
      ctx.request().resume();
    });
  }

  private void accept(ServerWebSocket ws, Joining j) {
    Peer p = new Peer(ws, j.name(), j.role(), j.moderator(), j.inCall());
    // Added and (in leave) removed inside the map's compute, so a room emptied at the same moment is never joined, and
    // two entering at once cannot both take the last place.
    boolean[] full = new boolean[1];
    Room room = rooms.compute(j.room(), (k, r) -> {
      Room into = r == null ? new Room() : r;
      if (into.peers.size() >= j.max()) full[0] = true;
      else into.peers.add(p);
      return into.peers.isEmpty() ? null : into;
    });
    if (full[0]) {
      // Over the socket, not as a refused upgrade: a browser cannot read the status of a refused upgrade and would
      // only see a broken connection and retry; with the message its page says plainly that the room is full.
      send(p, new JsonObject().put("type", "full").put("max", j.max()));
      ws.close((short) 4409, "full");
      return;
    }
    ws.closeHandler(v -> leave(j, room, p));
    ws.exceptionHandler(e -> ws.close());
    ws.textMessageHandler(text -> onMessage(room, p, text));
    send(p, new JsonObject().put("type", "welcome").put("you", p.id).put("inCall", p.inCall).put("moderator", p.moderator));
    j.onJoin().get().onComplete(ar -> {
      if (p.inCall) enterCall(room, p);
      else if (j.entry() != null) waitForStart(room, p, j.entry());
      lobbyChanged(room);
    });
  }

  /** A jobseeker waiting before the start: at the start, the room admits them by itself if the booth chose so. */
  private void waitForStart(Room room, Peer p, Entry e) {
    long bookingId = e.bookingId();
    long delay = java.time.Duration.between(meetings.clock().instant(), e.booking().start()).toMillis();
    Runnable check = () -> meetings.store().booking(meetings.pool(), bookingId).onSuccess(b -> {
      if (b != null && b.autoAdmit() && b.admittedAt() == null && room.peers.contains(p)) meetings.admitAtStart(bookingId);
    });
    if (delay <= 0) check.run();
    else p.timer = vertx.setTimer(delay, t -> check.run());
  }

  private void onMessage(Room room, Peer p, String text) {
    if (text.length() > MAX_MESSAGE) return;
    JsonObject m;
    try {
      m = new JsonObject(text);
    } catch (RuntimeException e) {
      return;
    }
    if (!"signal".equals(m.getString("type")) || !p.entered) return;
    String to = m.getString("to");
    for (Peer q : room.peers) {
      if (q != p && q.id.equals(to) && q.entered) {
        send(q, new JsonObject().put("type", "signal").put("from", p.id).put("data", m.getValue("data")));
      }
    }
  }

  /** p enters the call: it offers to everyone already in it; they learn that p is there. */
  private void enterCall(Room room, Peer p) {
    synchronized (room) {
      if (p.entered || !room.peers.contains(p)) return;
      JsonArray others = new JsonArray();
      for (Peer q : room.peers) {
        if (q != p && q.entered) {
          others.add(q.describe());
          send(q, new JsonObject().put("type", "joined").put("peer", p.describe()));
        }
      }
      p.entered = true;
      send(p, new JsonObject().put("type", "peers").put("peers", others));
    }
  }

  private void leave(Joining j, Room room, Peer p) {
    boolean[] was = new boolean[1];
    rooms.computeIfPresent(j.room(), (k, r) -> {
      was[0] = r.peers.remove(p);
      return r.peers.isEmpty() ? null : r;
    });
    if (!was[0]) return;
    if (p.timer >= 0) vertx.cancelTimer(p.timer);
    j.onLeave().get();
    synchronized (room) {
      for (Peer q : room.peers) if (p.entered && q.entered) send(q, new JsonObject().put("type", "left").put("peer", p.id));
    }
    lobbyChanged(room);
  }

  /** After the admission was recorded: the waiting jobseeker enters the call. */
  void admitted(long bookingId) {
    Room room = rooms.get("booking:" + bookingId);
    if (room == null) return;
    for (Peer p : room.peers) {
      if (!p.inCall) {
        p.inCall = true;
        send(p, new JsonObject().put("type", "admitted"));
        enterCall(room, p);
      }
    }
    lobbyChanged(room);
  }

  /** Whether the booked jobseeker is waiting in the lobby of the booking's room now. */
  boolean waiting(long bookingId) {
    Room room = rooms.get("booking:" + bookingId);
    return room != null && room.peers.stream().anyMatch(p -> !p.inCall);
  }

  void lobbyChanged(long bookingId) {
    Room room = rooms.get("booking:" + bookingId);
    if (room != null) lobbyChanged(room);
  }

  /** Moderators and staff see who waits, and who is in the call. */
  private void lobbyChanged(Room room) {
    JsonArray waiting = new JsonArray();
    JsonArray inCall = new JsonArray();
    for (Peer p : room.peers) {
      if (!p.inCall) waiting.add(p.describe());
      else if (p.entered) inCall.add(p.describe());
    }
    JsonObject msg = new JsonObject().put("type", "lobby").put("waiting", waiting).put("inCall", inCall);
    for (Peer p : room.peers) if (p.entered) send(p, msg);
  }

  private static void send(Peer p, JsonObject msg) {
    if (p.ws.isClosed()) return;
    if (p.ws.writeQueueFull()) {
      p.ws.close((short) 1013, "too slow");
      return;
    }
    p.ws.writeTextMessage(msg.encode());
  }

  private static void refuse(RoutingContext ctx, int status) {
    if (ctx.response().ended()) return;
    ctx.request().resume();
    ctx.response().setStatusCode(status).putHeader("Connection", "close").end();
  }
}
