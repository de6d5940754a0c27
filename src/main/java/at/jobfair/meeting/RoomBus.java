package at.jobfair.meeting;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a room's news reaches its peers wherever their sockets are: every peer's node listens at
 * {@code meeting.peer.<id>} on the event bus (clustered or not: the code is the same), and every message names its room,
 * so the receiving node delivers only to a peer of that room (and, but for {@code admitted}, only to one in the call).
 * Signals go straight to their recipient; membership news reads the room from the database first.
 */
final class RoomBus {

  static final String ADDRESS = "meeting.peer.";

  private final EventBus bus;
  private final PeerStore store;

  RoomBus(EventBus bus, PeerStore store) {
    this.bus = bus;
    this.store = store;
  }

  /** Sends to one peer; a peer whose node is gone simply does not hear it (its row is swept soon). */
  void send(String peerId, String room, JsonObject msg) {
    bus.send(ADDRESS + peerId, msg.put("room", room));
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
