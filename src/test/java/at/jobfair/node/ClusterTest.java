package at.jobfair.node;

import at.jobfair.config.Config;
import at.jobfair.support.Ports;
import at.jobfair.support.TestApp;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nodes join the cluster they are told about over TCP and share one event bus; alone, a node needs nothing else. */
class ClusterTest {

  @Test
  void twoNodesJoinOverTcpAndAMessageSentOnOneIsReceivedOnTheOther() throws Exception {
    int[] ports = {Ports.free(), Ports.free()};
    String name = "test-" + UUID.randomUUID();
    try (TestApp a = TestApp.start(TestApp.clusterMember(0, ports, name));
         TestApp b = a.another(TestApp.clusterMember(1, ports, name))) {
      assertTrue(a.app().cluster().clustered());
      assertEquals(2, a.app().cluster().members());
      assertEquals(2, b.app().cluster().members());
      assertNotEquals(a.app().cluster().nodeId(), b.app().cluster().nodeId());
      Promise<String> heard = Promise.promise();
      b.app().vertx().eventBus().<String>consumer("cluster-test", m -> {
        heard.tryComplete(m.body());
        m.reply("hello from " + b.app().cluster().nodeId());
      }).completion().await(30, TimeUnit.SECONDS);
      String reply = a.app().vertx().eventBus().<String>request("cluster-test", "hello from a").await(30, TimeUnit.SECONDS).body();
      assertEquals("hello from a", heard.future().await(5, TimeUnit.SECONDS));
      assertEquals("hello from " + b.app().cluster().nodeId(), reply);
    }
  }

  @Test
  void aNodeOfAnotherClusterNameDoesNotJoin() throws Exception {
    int[] ports = {Ports.free(), Ports.free()};
    try (TestApp a = TestApp.start(TestApp.clusterMember(0, ports, "test-" + UUID.randomUUID()));
         TestApp b = a.another(TestApp.clusterMember(1, ports, "test-" + UUID.randomUUID()))) {
      assertEquals(1, a.app().cluster().members());
      assertEquals(1, b.app().cluster().members());
    }
  }

  @Test
  void byDefaultTheNodeRunsAloneWithAnIdOfItsOwn() {
    Config config = TestApp.config();
    assertFalse(config.cluster().enabled());
    try (TestApp a = TestApp.start()) {
      assertFalse(a.app().cluster().clustered());
      assertEquals(1, a.app().cluster().members());
      assertTrue(a.app().cluster().joined());
      assertFalse(a.app().cluster().nodeId().isBlank());
    }
  }

  @Test
  void aWrongMemberListStopsTheStartNamingTheKey() {
    Map<String, Object> s = new HashMap<>();
    s.put("cluster.members", "127.0.0.1:5701,nohostport");
    var e = assertThrows(Config.ConfigException.class, () -> TestApp.config().with(s));
    assertEquals("cluster.members", e.key());
    s.put("cluster.members", "");
    s.put("cluster.name", "two words");
    assertEquals("cluster.name", assertThrows(Config.ConfigException.class, () -> TestApp.config().with(s)).key());
  }

}
