package at.jobfair.observe;

import at.jobfair.support.Ports;

import at.jobfair.support.TestApp;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two clustered nodes in one JVM: each reports its own figures, both see two members, the event bus is measured. */
class MetricsClusterTest {

  @Test
  void eachNodeCountsItsOwnRequestsAndSeesBothMembersAndTheEventBus() throws Exception {
    int[] ports = {Ports.free(), Ports.free()};
    String name = "metrics-" + UUID.randomUUID();
    try (TestApp a = TestApp.start(TestApp.clusterMember(0, ports, name));
         TestApp b = a.another(TestApp.clusterMember(1, ports, name))) {
      b.app().vertx().eventBus().<String>consumer("metrics-test", m -> m.reply("pong")).completion().await(30, TimeUnit.SECONDS);
      assertEquals("pong", a.app().vertx().eventBus().<String>request("metrics-test", "ping").await(30, TimeUnit.SECONDS).body());
      for (int i = 0; i < 3; i++) assertEquals(200, a.client().get("/api/fairs").status());

      String onA = a.client().get("/metrics").body();
      String onB = b.client().get("/metrics").body();
      assertEquals("", MetricsEndpointTest.promtool(onA));
      assertEquals("", MetricsEndpointTest.promtool(onB));
      assertEquals(2, MetricsEndpointTest.value(onA, "jobfair_cluster_members", ""));
      assertEquals(2, MetricsEndpointTest.value(onB, "jobfair_cluster_members", ""));
      assertEquals(3, MetricsEndpointTest.value(onA, "vertx_http_server_requests_total", "route=\"/api/fairs\""));
      assertFalse(onB.contains("route=\"/api/fairs\""), "node b served none of them: the registries are the nodes' own");
      assertTrue(MetricsEndpointTest.value(onA, "vertx_eventbus_sent_total", "") >= 1, "the request went out over the event bus");
      assertTrue(MetricsEndpointTest.value(onB, "vertx_eventbus_received_total", "") >= 1, "and arrived at the other node");
    }
  }

}
