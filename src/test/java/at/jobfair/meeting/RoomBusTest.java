package at.jobfair.meeting;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A peer that joined on another node is known to this node's event bus only a moment later (the cluster spreads new
 * addresses asynchronously). What is sent to it in that moment must still arrive, and in the order it was sent.
 */
class RoomBusTest {

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void newsForAPeerNotYetKnownHereArrivesInOrderOnceItIs() throws Exception {
    RoomBus bus = new RoomBus(vertx, null);
    List<String> heard = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 5; i++) bus.send("p1", "room-1", new JsonObject().put("type", "n" + i));
    Thread.sleep(300);
    vertx.eventBus().<JsonObject>consumer(RoomBus.ADDRESS + "p1", m -> {
      m.reply(null);
      heard.add(m.body().getString("room") + "/" + m.body().getString("type"));
    }).completion().await(5, TimeUnit.SECONDS);
    bus.send("p1", "room-1", new JsonObject().put("type", "n5"));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (heard.size() < 6 && System.nanoTime() < until) Thread.sleep(20);
    assertEquals(List.of("room-1/n0", "room-1/n1", "room-1/n2", "room-1/n3", "room-1/n4", "room-1/n5"), heard);
  }

  @Test
  void newsForAPeerThatNeverComesIsDroppedAfterAWhile() throws Exception {
    RoomBus bus = new RoomBus(vertx, null);
    bus.send("gone", "room-2", new JsonObject().put("type", "left"));
    Thread.sleep(3000);
    List<String> heard = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(RoomBus.ADDRESS + "gone", m -> heard.add(m.body().getString("type")))
        .completion().await(5, TimeUnit.SECONDS);
    Thread.sleep(500);
    assertEquals(List.of(), heard, "given up before the peer came: nothing old is delivered to a later socket");
  }
}
