package at.jobfair.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Listens to the database's {@code live} channel (fed by triggers, so only committed changes arrive) and passes each
 * change to the WebSockets subscribed to its topics. When the listening connection comes back after a loss, every
 * socket is told to resync from the database, since changes in between were not heard.
 */
public final class LiveHub {

  private static final Logger LOG = Logger.getLogger(LiveHub.class.getName());
  public static final String CHANNEL = "live";
  /** WebSocket close code 1012, "service restart": the client should reconnect (RFC 6455 registry). */
  public static final short SERVICE_RESTART = 1012;

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final ConcurrentHashMap<String, Set<ServerWebSocket>> subscribers = new ConcurrentHashMap<>();
  private final Set<ServerWebSocket> sockets = ConcurrentHashMap.newKeySet();
  /** Who else hears every change (caches of what pages show), before the sockets are told. */
  private final List<java.util.function.Consumer<JsonObject>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private PgSubscriber subscriber;
  private volatile boolean subscribedOnce;
  private volatile boolean draining;

  public LiveHub(Vertx vertx, PgConnectOptions options) {
    this.vertx = vertx;
    this.options = options;
  }

  public Future<Void> start() {
    subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
    subscriber.channel(CHANNEL)
        .subscribeHandler(v -> {
          if (subscribedOnce) {
            JsonObject resync = new JsonObject().put("type", "resync");
            tell(resync);
            broadcast(resync.encode());
          }
          subscribedOnce = true;
        })
        .handler(this::dispatch);
    return subscriber.connect();
  }

  public Future<Void> stop() {
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }

  /**
   * The node is stopping: every socket is closed with 1012 ("service restart"), upon which the page reconnects through
   * the load balancer to another node and reads itself again; new sockets are refused from now on. Completes when
   * every close is done (or failed: a client that has gone already).
   */
  public Future<Void> drain() {
    draining = true;
    List<Future<Void>> closing = sockets.stream().map(ws -> ws.close(SERVICE_RESTART, "service restart")).toList();
    return Future.join(closing).mapEmpty();
  }

  public boolean draining() {
    return draining;
  }

  /** How many sockets are open on this node. */
  public int sockets() {
    return sockets.size();
  }

  /** The topics a change concerns. Slot changes (free seats, no names) are public; bookings only for those involved. */
  static List<String> topics(JsonObject change) {
    String type = change.getString("type");
    Object booth = change.getValue("booth");
    Object fair = change.getValue("fair");
    if ("slot".equals(type)) return List.of(Topic.BOOTH.of(booth), Topic.FAIR.of(fair), Topic.BOOTH_STAFF.of(booth), Topic.FAIR_STAFF.of(fair));
    // A booking, its attendance facts (check-in, outcome, sick note) or its meeting room (joined, left, admitted):
    // ids and the kind only, for the booth's staff, the fair's board and the person themselves.
    if (List.of("booking", "attendance", "meeting").contains(type)) {
      return List.of(Topic.BOOTH_STAFF.of(booth), Topic.FAIR_STAFF.of(fair), Topic.USER.of(change.getValue("jobseeker")));
    }
    // A waitlist place changed (joined, offered a seat, booked, declined, expired, left): the person, the booth's staff
    // (the length of the line) and the booth's public topic, where everyone in line reads their place again (no id).
    if ("waitlist".equals(type)) {
      return List.of(Topic.USER.of(change.getValue("jobseeker")), Topic.BOOTH_STAFF.of(booth), Topic.BOOTH.of(booth));
    }
    // A booth's walk-up queue (open, length, the waiting tickets in order; no names): whoever watches the queue, the
    // booth's staff and the fair's board. A place called or passed over: the person themselves and the booth's staff.
    if ("queue".equals(type)) return List.of(Topic.QUEUE.of(booth), Topic.BOOTH_STAFF.of(booth), Topic.FAIR_STAFF.of(fair));
    if ("queue-place".equals(type)) return List.of(Topic.USER.of(change.getValue("jobseeker")), Topic.BOOTH_STAFF.of(booth));
    // Outages: for the fair's board.
    if ("outage".equals(type)) return List.of(Topic.FAIR_STAFF.of(fair));
    // A cascade moved: the queues of the stations it left and entered, the fair's board, and the person themselves.
    if ("cascade".equals(type)) {
      List<String> t = new java.util.ArrayList<>();
      io.vertx.core.json.JsonArray stations = change.getJsonArray("stations", new io.vertx.core.json.JsonArray());
      for (Object s : stations) t.add(Topic.STATION.of(s));
      t.add(Topic.FAIR_STAFF.of(fair));
      t.add(Topic.USER.of(change.getValue("jobseeker")));
      return t;
    }
    // A chat message or a read: ids only (the pages fetch the text they may read). The conversation's own topic hears
    // messages; the person's and the employer's unread counts hear messages and reads.
    if ("chat".equals(type) || "chat-read".equals(type)) {
      List<String> t = new java.util.ArrayList<>();
      if ("chat".equals(type)) t.add(Topic.CHAT.of(change.getValue("conversation")));
      if ("BOOTH".equals(change.getString("kind"))) {
        t.add(Topic.CHATS.of(change.getValue("jobseeker")));
        t.add(Topic.CHAT_EMPLOYER.of(change.getValue("employer")));
      }
      return t;
    }
    // What organisers handle: a chat report (new or handled), a sign-up (new, confirmed, decided), an application to
    // exhibit (new, decided). Every organiser may handle any fair's, so "organisers:0" hears all; a fair's own topic too.
    if (List.of("chat-report", "employer-signup", "exhibitor-application").contains(type)) {
      return fair == null ? List.of(Topic.ORGANISERS.of(0)) : List.of(Topic.ORGANISERS.of(0), Topic.ORGANISERS.of(fair));
    }
    return List.of();
  }

  /** What a subscriber of a topic receives: bookings reach the person and the booth's staff as ids, no names. */
  void dispatch(String payload) {
    JsonObject change;
    try {
      change = new JsonObject(payload);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "unreadable notification " + payload);
      return;
    }
    tell(change);
    for (String topic : topics(change)) {
      Set<ServerWebSocket> set = subscribers.get(topic);
      if (set == null || set.isEmpty()) continue;
      JsonObject out = change.copy().put("topic", topic);
      // The board's topic is every staff member's, as its route: who a change was about is not theirs to know unless
      // they relate to the person, so the person's id stays out (the page fetches what it may show).
      if (topic.startsWith(Topic.FAIR_STAFF.prefix() + ":")) out.remove("jobseeker");
      // A booth's topic is public: who moved in its waitlist is nobody's business there.
      if (topic.startsWith(Topic.BOOTH.prefix() + ":")) {
        out.remove("jobseeker");
        out.remove("entry");
      }
      // The board counts a queue; the tickets are for the pages of those waiting in it.
      if (!topic.startsWith(Topic.QUEUE.prefix() + ":")) out.remove("tickets");
      String message = out.encode();
      for (ServerWebSocket ws : set) send(ws, message);
    }
  }

  /**
   * Also tells {@code listener} of every change heard, and of a {@code resync} after the listening connection was lost
   * (changes in between were not heard), before any socket is told: a page that reads itself again on a change then
   * reads past any copy the listener kept.
   */
  public void listen(java.util.function.Consumer<JsonObject> listener) {
    listeners.add(listener);
  }

  private void tell(JsonObject change) {
    for (var l : listeners) {
      try {
        l.accept(change);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a listener failed on " + change.encode(), e);
      }
    }
  }

  /** A socket opened: it hears resyncs and a drain even before it subscribes to anything. */
  void opened(ServerWebSocket ws) {
    sockets.add(ws);
  }

  /** Live sockets open on this node (a metric). */
  public int connections() {
    return sockets.size();
  }

  void subscribe(ServerWebSocket ws, String topic) {
    sockets.add(ws);
    subscribers.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(ws);
  }

  void unsubscribe(ServerWebSocket ws, String topic) {
    Set<ServerWebSocket> set = subscribers.get(topic);
    if (set != null) set.remove(ws);
  }

  void forget(ServerWebSocket ws, Set<String> topics) {
    sockets.remove(ws);
    for (String t : topics) {
      subscribers.computeIfPresent(t, (k, set) -> {
        set.remove(ws);
        return set.isEmpty() ? null : set;
      });
    }
  }


  private void broadcast(String message) {
    for (ServerWebSocket ws : sockets) send(ws, message);
  }

  /** A socket that cannot keep up is closed; its page reconnects and resyncs from the database. */
  private static void send(ServerWebSocket ws, String message) {
    if (ws.isClosed()) return;
    if (ws.writeQueueFull()) {
      ws.close((short) 1013, "too slow");
      return;
    }
    ws.writeTextMessage(message);
  }
}
