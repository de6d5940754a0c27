package at.jobfair.meeting;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a room's news reaches its peers wherever their sockets are: every peer's node listens at
 * {@code meeting.peer.<id>} on the event bus (clustered or not: the code is the same), and every message names its room,
 * so the receiving node delivers only to a peer of that room (and, but for {@code admitted}, only to one in the call).
 * Signals go straight to their recipient; membership news reads the room from the database first.
 */
final class RoomBus {

  static final String ADDRESS = "meeting.peer.";
  /** How long a message waits for its recipient's node to confirm it. */
  private static final DeliveryOptions CONFIRMED = new DeliveryOptions().setSendTimeout(2000);
  /** Tries while a peer that has just joined elsewhere is not yet known here: 50, 100, 200, 400, 800, 800 ms. */
  private static final int TRIES = 6;

  private final Vertx vertx;
  private final PeerStore store;
  /** The last message on its way to each peer: the next one goes after it, so that a peer hears its news in order. */
  private final Map<String, Future<Void>> lastTo = new ConcurrentHashMap<>();

  RoomBus(Vertx vertx, PeerStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /**
   * Sends to one peer, in order after what was sent to it before. A clustered event bus spreads a new peer's address to
   * the other nodes a moment after it registered, so a message that finds no one there is tried again for a while (a
   * peer that joined on another node a few milliseconds ago must still hear who is in the call). A peer whose node is
   * gone simply does not hear it (its row is swept soon).
   */
  void send(String peerId, String room, JsonObject msg) {
    String address = ADDRESS + peerId;
    msg.put("room", room);
    @SuppressWarnings("unchecked") Future<Void>[] mine = new Future[1];
    lastTo.compute(address, (a, before) -> mine[0] = before == null ? deliver(a, msg, 0) : before.transform(ar -> deliver(a, msg, 0)));
    mine[0].onComplete(ar -> lastTo.remove(address, mine[0]));
  }

  private Future<Void> deliver(String address, JsonObject msg, int attempt) {
    return vertx.eventBus().request(address, msg, CONFIRMED).<Void>mapEmpty().recover(e -> {
      boolean unknownYet = e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS;
      if (!unknownYet || attempt + 1 >= TRIES) return Future.succeededFuture();
      return vertx.timer(Math.min(800, 50L << attempt)).compose(t -> deliver(address, msg, attempt + 1));
    });
  }

  static JsonObject describe(String id, String name, String role) {
    return new JsonObject().put("id", id).put("name", name).put("role", role);
  }

  /** Moderators and everyone in the call see who waits and who is in the call; a later snapshot replaces an earlier one. */
  Future<Void> lobby(String room) {
    return store.room(room).map(s -> {
      JsonObject msg = lobbyMessage(s);
      for (PeerStore.Member m : s.members()) if (m.entered()) send(m.peerId(), room, msg.copy());
      return null;
    });
  }

  private static JsonObject lobbyMessage(PeerStore.Snapshot s) {
    JsonArray waiting = new JsonArray();
    JsonArray inCall = new JsonArray();
    for (PeerStore.Member m : s.members()) {
      if (!m.inCall()) waiting.add(describe(m.peerId(), m.name(), m.role()));
      else if (m.entered()) inCall.add(describe(m.peerId(), m.name(), m.role()));
    }
    return new JsonObject().put("type", "lobby").put("waiting", waiting).put("inCall", inCall).put("at", s.at());
  }

  /** Peers were removed (left, replaced, swept, drained): those in the call hear {@code left}, the lobby updates. */
  Future<Void> gone(List<PeerStore.Gone> gone) {
    Map<String, List<String>> byRoom = new LinkedHashMap<>();
    for (PeerStore.Gone g : gone) {
      List<String> left = byRoom.computeIfAbsent(g.room(), r -> new ArrayList<>());
      if (g.entered()) left.add(g.peerId());
    }
    List<Future<Void>> all = new ArrayList<>();
    byRoom.forEach((room, left) -> all.add(store.room(room).map(s -> {
      for (PeerStore.Member m : s.members()) {
        if (!m.entered()) continue;
        for (String id : left) send(m.peerId(), room, new JsonObject().put("type", "left").put("peer", id));
        send(m.peerId(), room, lobbyMessage(s));
      }
      return null;
    })));
    return Future.all(all).mapEmpty();
  }
}
