package at.jobfair.node;

import at.jobfair.config.ClusterConfig;
import at.jobfair.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * How this node's Vert.x is built: on its own, or as a member of a cluster (Hazelcast, joining the configured members
 * over TCP; multicast and every other discovery off, so a node joins only the installation it is told about). A cluster
 * shares the event bus; everything else the nodes share is in PostgreSQL.
 */
public final class Cluster {

  private final Vertx vertx;
  private final ClusterManager manager;
  private final String nodeId;

  private Cluster(Vertx vertx, ClusterManager manager) {
    this.vertx = vertx;
    this.manager = manager;
    this.nodeId = manager == null ? UUID.randomUUID().toString() : manager.getNodeId();
  }

  /** Builds the node's Vert.x from {@code options}: clustered when {@code cluster.enabled}. Blocks until it has joined. */
  public static Cluster start(Config config, VertxOptions options) {
    return start(config, options, o -> Vertx.builder().with(o));
  }

  /**
   * The same, with a builder made from the final options by {@code builders} (the metrics need to be part of the
   * Vert.x they observe from its creation on).
   */
  public static Cluster start(Config config, VertxOptions options, Function<VertxOptions, VertxBuilder> builders) {
    ClusterConfig cluster = config.cluster();
    if (!cluster.enabled()) {
      return new Cluster(builders.apply(options).build(), null);
    }
    String host = cluster.host();
    options.getEventBusOptions().setHost(host).setClusterPublicHost(host).setPort(cluster.eventBusPort());
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(cluster));
    VertxBuilder builder = builders.apply(options).withClusterManager(manager);
    try {
      return new Cluster(builder.buildClustered().await(120, TimeUnit.SECONDS), manager);
    } catch (TimeoutException e) {
      throw new IllegalStateException("could not join the cluster " + cluster.members() + " within 120 s", e);
    }
  }

  /** Vert.x's Hazelcast defaults (its maps and their backups) with this installation's network. */
  static com.hazelcast.config.Config hazelcast(ClusterConfig cluster) {
    com.hazelcast.config.Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(cluster.name());
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.logging.type", "jdk");
    // The node leaves the cluster when Vert.x closes (in the graceful stop), not from Hazelcast's own shutdown hook.
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    // A member that stops answering is taken out after 10 s instead of Hazelcast's default of 60 s.
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    String host = cluster.host();
    NetworkConfig net = hz.getNetworkConfig();
    net.setPort(cluster.port()).setPortAutoIncrement(false).setPublicAddress(host);
    net.getInterfaces().setEnabled(true).setInterfaces(List.of(host));
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members()).setConnectionTimeoutSeconds(5);
    hz.setProperty("hazelcast.socket.bind.any", "false");
    return hz;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** This node's id: the cluster manager's, or a random one per start when the node runs alone. */
  public String nodeId() {
    return nodeId;
  }

  public boolean clustered() {
    return manager != null;
  }

  /** The ids of the cluster's other nodes now (none when the node runs alone). */
  public List<String> otherNodes() {
    return manager == null ? List.of() : manager.getNodes().stream().filter(n -> !n.equals(nodeId)).toList();
  }

  /** How many nodes are in the cluster now, this one included (1 when alone). */
  public int members() {
    return manager == null ? 1 : manager.getNodes().size();
  }

  /** Whether the node is (still) part of its cluster; always true when alone. */
  public boolean joined() {
    return manager == null || manager.isActive();
  }

  /** Closes Vert.x, leaving the cluster. */
  public Future<Void> close() {
    return vertx.close();
  }
}
