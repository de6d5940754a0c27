package at.jobfair.meeting;

import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One participant's signalling socket, opened on one node with the session the person has there. */
final class SignalPeer implements AutoCloseable {

  final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  /** The close code the server sent (or -1 when the connection just broke). */
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  final ClientWebSocket ws;

  SignalPeer(WebSocketClient client, TestApp node, TestClient who, String path) throws Exception {
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.app().port()).setURI(path)
        .addHeader("Cookie", "jobfair.session=" + who.cookie("jobfair.session")).addHeader("Origin", node.baseUrl());
    // The handlers before the connection: the server greets at once.
    ws = client.webSocket();
    ws.textMessageHandler(t -> received.add(new JsonObject(t)));
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode() == null ? -1 : (int) ws.closeStatusCode()));
    ws.connect(o).await(10, TimeUnit.SECONDS);
  }

  /** The next message of a type, skipping others (lobby updates come whenever someone comes or goes). */
  JsonObject next(String type) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      JsonObject m = received.poll(200, TimeUnit.MILLISECONDS);
      if (m != null && type.equals(m.getString("type"))) return m;
    }
    throw new AssertionError("no " + type + " message");
  }

  /** The next message of any of these types (others are passed over), for messages that may come in either order. */
  JsonObject nextOf(String... types) throws InterruptedException {
    java.util.Set<String> wanted = java.util.Set.of(types);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      JsonObject m = received.poll(200, TimeUnit.MILLISECONDS);
      if (m != null && wanted.contains(m.getString("type"))) return m;
    }
    throw new AssertionError("no " + wanted + " message");
  }

  /** A message of this type within the time, or null. */
  JsonObject none(String type, int millis) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < until) {
      JsonObject m = received.poll(50, TimeUnit.MILLISECONDS);
      if (m != null && type.equals(m.getString("type"))) return m;
    }
    return null;
  }

  void signal(String to, JsonObject data) {
    ws.writeTextMessage(new JsonObject().put("type", "signal").put("to", to).put("data", data).encode());
  }

  @Override
  public void close() throws Exception {
    if (!ws.isClosed()) ws.close().await(5, TimeUnit.SECONDS);
  }
}
