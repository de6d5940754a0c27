package at.jobfair.meeting;

import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * One socket in a room, on this node. Its state changes under its own lock: news from the event bus (any node) and the
 * answer of the database when it enters the call arrive on different threads, and must reach the browser in order.
 */
final class Peer {

  final String id;
  final ServerWebSocket ws;
  final MeetingRelay.Joining joining;
  /** Admitted (or never needed to be). */
  volatile boolean inCall;
  volatile long timer = -1;
  volatile MessageConsumer<JsonObject> consumer;
  /** In the call: others offer to it and it may signal. */
  volatile boolean entered;
  private boolean entering;
  private boolean gone;
  /** The browser has its welcome: only then may it hear that it was admitted. */
  private boolean welcomed;
  /** News of the call that came while entering: delivered right after the list of those already in it. */
  private final List<JsonObject> held = new ArrayList<>();
  /** The instant of the last lobby snapshot written, so an older one arriving late from another node is dropped. */
  private long lobbyAt = Long.MIN_VALUE;

  Peer(String id, ServerWebSocket ws, MeetingRelay.Joining joining) {
    this.id = id;
    this.ws = ws;
    this.joining = joining;
    this.inCall = joining.inCall();
  }

  String room() {
    return joining.room();
  }

  JsonObject describe() {
    return RoomBus.describe(id, joining.name(), joining.role());
  }

  synchronized boolean closed() {
    return gone || ws.isClosed();
  }

  /** Marks the socket as done with; true only the first time (whoever gets true gives up its place). */
  synchronized boolean dismiss() {
    if (gone) return false;
    gone = true;
    held.clear();
    return true;
  }

  /**
   * Greets the browser once its place is taken; answers whether it is in the call (admitted at the latest by then: an
   * admission that arrived before the welcome is told in it, not separately).
   */
  synchronized boolean welcome(boolean admitted, boolean moderator) {
    inCall = inCall || admitted;
    welcomed = true;
    write(new JsonObject().put("type", "welcome").put("you", id).put("inCall", inCall).put("moderator", moderator));
    return inCall;
  }

  /** The admission reached this socket: true when the browser was told and should now enter the call. */
  synchronized boolean admit() {
    if (gone || inCall) return false;
    inCall = true;
    if (!welcomed) return false;
    write(new JsonObject().put("type", "admitted"));
    return true;
  }

  /** True when p may start entering the call now (not yet in, not entering, not gone). */
  synchronized boolean startEntering() {
    if (gone || entering || entered) return false;
    entering = true;
    return true;
  }

  /** The call was entered ({@code peers}: who was in it) or could not be (null); what came meanwhile follows. */
  synchronized void entered(JsonObject peers) {
    entering = false;
    if (peers == null || gone) {
      held.clear();
      return;
    }
    entered = true;
    write(peers);
    for (JsonObject m : held) relay(m);
    held.clear();
  }

  /** News of the call ({@code signal}, {@code joined}, {@code left}, {@code lobby}): only for those in the call. */
  synchronized void relay(JsonObject m) {
    if (gone) return;
    if (entering) {
      held.add(m);
      return;
    }
    if (!entered) return;
    String type = m.getString("type");
    JsonObject out = m.copy();
    out.remove("room");
    if ("lobby".equals(type)) {
      long at = out.getLong("at", 0L);
      out.remove("at");
      if (at < lobbyAt) return;
      lobbyAt = at;
    } else if (!"signal".equals(type) && !"joined".equals(type) && !"left".equals(type)) {
      return;
    }
    write(out);
  }

  /** Writes to the browser; a browser that does not read is let go (it reconnects and resyncs). */
  synchronized void write(JsonObject msg) {
    if (ws.isClosed()) return;
    if (ws.writeQueueFull()) {
      ws.close((short) 1013, "too slow");
      return;
    }
    ws.writeTextMessage(msg.encode());
  }
}
