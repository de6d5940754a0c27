package at.jobfair.bench;

import at.jobfair.support.Ports;

import at.jobfair.support.Haproxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a benchmark runs against: one node on its embedded PostgreSQL, or {@code n} nodes clustered on that one
 * PostgreSQL (the first node's) behind a real HAProxy, round-robin without stickiness, as {@code deploy/} runs them.
 * The load goes to {@link #port()}: the node's, or HAProxy's.
 */
final class BenchNodes implements AutoCloseable {

  private final Path dir;
  private final int count;
  private final Map<String, Object> config;
  private final List<ServerProcess> nodes = new ArrayList<>();
  private Haproxy haproxy;

  private BenchNodes(Path dir, int count, Map<String, Object> config) {
    this.dir = dir;
    this.count = count;
    this.config = config;
  }

  /** Starts {@code count} nodes with these configuration keys (and HAProxy when more than one); returns once all are ready. */
  static BenchNodes start(Path dir, int count, Map<String, Object> config) throws Exception {
    BenchNodes b = new BenchNodes(dir, count, config);
    try {
      b.startAll();
    } catch (Exception e) {
      b.close();
      throw e;
    }
    return b;
  }

  /** Stops every node and starts them again on the same database (a just-started installation), with these keys added. */
  void restart(Map<String, Object> more) throws Exception {
    closeNodes();
    config.putAll(more);
    startAll();
  }

  private void startAll() throws Exception {
    Map<String, Object> first = new HashMap<>(config);
    int[] clusterPorts = new int[count];
    for (int i = 0; i < count; i++) clusterPorts[i] = Ports.free();
    String clusterName = "bench-" + UUID.randomUUID();
    if (count > 1) first.putAll(member(0, clusterPorts, clusterName));
    nodes.add(ServerProcess.start(dir, first));
    for (int i = 1; i < count; i++) {
      Path nodeDir = Files.createDirectories(dir.resolve("node" + (i + 1)));
      Map<String, Object> other = new HashMap<>(config);
      other.putAll(member(i, clusterPorts, clusterName));
      other.put("db.url", "postgresql://postgres@localhost:" + nodes.get(0).dbPort() + "/jobfair");
      other.put("db.appUser", "jobfair_app");
      other.put("demo", false);
      nodes.add(ServerProcess.start(nodeDir, other));
    }
    if (count > 1) {
      haproxy = Haproxy.start(nodes.stream().map(ServerProcess::port).toList(), "inter 2s fall 3 rise 1");
      awaitBalanced();
    }
  }

  /** Until HAProxy has found every node ready: as many answers 200 in a row through it as there are nodes, twice. */
  private void awaitBalanced() throws Exception {
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + haproxy.port() + "/health")).build();
    long deadline = System.currentTimeMillis() + 60_000;
    int inRow = 0;
    while (inRow < 2 * count) {
      if (System.currentTimeMillis() > deadline) throw new IllegalStateException("HAProxy found no ready node: " + haproxy.log());
      boolean ok = client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      inRow = ok ? inRow + 1 : 0;
      if (!ok) Thread.sleep(200);
    }
  }

  private static Map<String, Object> member(int i, int[] ports, String name) {
    StringBuilder members = new StringBuilder();
    for (int p : ports) members.append(members.length() == 0 ? "" : ",").append("127.0.0.1:").append(p);
    return Map.of("cluster.enabled", true, "cluster.name", name, "cluster.host", "127.0.0.1", "cluster.port", ports[i],
        "cluster.members", members.toString());
  }

  /** Where the load goes: the one node, or HAProxy in front of them. */
  int port() {
    return haproxy != null ? haproxy.port() : nodes.get(0).port();
  }

  int count() {
    return count;
  }

  List<Long> pids() {
    return nodes.stream().map(ServerProcess::pid).toList();
  }

  /** HAProxy's process id, or -1 with one node. */
  long haproxyPid() {
    return haproxy == null ? -1 : haproxy.pid();
  }

  String jdbcUrl() {
    return nodes.get(0).jdbcUrl();
  }

  int dbPort() {
    return nodes.get(0).dbPort();
  }

  ProcessHandle postmaster() throws IOException {
    return nodes.get(0).postmaster();
  }

  private void closeNodes() throws InterruptedException {
    if (haproxy != null) haproxy.close();
    haproxy = null;
    // The first node owns the embedded PostgreSQL: it stops last.
    for (int i = nodes.size() - 1; i >= 0; i--) nodes.get(i).close();
    nodes.clear();
  }

  @Override
  public void close() throws InterruptedException {
    closeNodes();
  }
}
