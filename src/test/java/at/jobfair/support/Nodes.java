package at.jobfair.support;

import at.jobfair.AppRouter;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * A cluster of application processes for a test class: {@code n} nodes ({@link NodeProcess}) on one fresh database of
 * the test run's PostgreSQL, members of one cluster of their own (a per-class name, fixed free ports), behind a real
 * HAProxy ({@link Haproxy}). Register it as a static {@code @RegisterExtension} field: it starts before the class's
 * first test and stops after its last, and attaches the end of every node's log to a failing test. A node can be
 * killed, stopped and started again on the same ports. Only the first node loads the demo (into the empty database);
 * the others start after it, side by side.
 */
public final class Nodes implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler, TestSql {

  /** Fixed for the run so that a session cookie signed by one node is accepted by every other. */
  private static final String SESSION_SECRET = "cluster-test-secret-" + UUID.randomUUID();
  private static final Duration START_TIME = Duration.ofMinutes(2);
  /**
   * Small heaps, C1 only and a serial collector: three nodes, PostgreSQL and the tests share two cores. Hazelcast waits
   * 5 s by default before it joins, for members still starting; here the members are up or known to be down.
   */
  private static final List<String> JVM = List.of("-Xmx320m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
      "-Dhazelcast.wait.seconds.before.join=1",
      // what Hazelcast asks for at start (the jar's manifest opens the same, see pom.xml), here on the command line
      "--add-modules=java.se", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.management/sun.management=ALL-UNNAMED",
      "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final int count;
  private final Map<String, Object> settings;
  private final List<NodeProcess> nodes = new ArrayList<>();
  private String dbUrl;
  private Haproxy haproxy;
  private Path dir;

  private Nodes(int count, Map<String, Object> settings) {
    this.count = count;
    this.settings = Map.copyOf(settings);
  }

  /** {@code count} nodes with these configuration keys on top of the test defaults (cheap hashing, small pools). */
  public static Nodes of(int count, Map<String, Object> settings) {
    return new Nodes(count, settings);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("jobfair-cluster");
    dbUrl = TestDatabase.newDatabase();
    String name = "test-" + UUID.randomUUID();
    int[] httpPorts = IntStream.range(0, count).map(i -> Ports.free()).toArray();
    int[] clusterPorts = IntStream.range(0, count).map(i -> Ports.free()).toArray();
    for (int i = 0; i < count; i++) {
      Map<String, Object> s = new HashMap<>();
      s.put("db.url", dbUrl);
      s.put("db.poolSize", 4);
      s.put("http.instances", 1);
      s.put("demo", i == 0);
      s.put("auth.argon2MemoryKiB", 1024);
      s.put("limits.signInsPerMinute", 1_000_000);
      s.put("auth.argon2Iterations", 1);
      s.put("session.secret", SESSION_SECRET);
      s.put("data.dir", Files.createDirectories(dir.resolve("node" + (i + 1))).toString());
      s.putAll(TestApp.clusterMember(i, clusterPorts, name));
      s.putAll(settings);
      nodes.add(new NodeProcess("node" + (i + 1), dir.resolve("node" + (i + 1) + ".log"), httpPorts[i], s, JVM));
    }
    // The first node migrates and loads the demo alone; the others find a complete database and start together.
    nodes.get(0).launch().awaitHealthy(START_TIME);
    nodes.subList(1, count).forEach(NodeProcess::launch);
    nodes.subList(1, count).forEach(n -> n.awaitHealthy(START_TIME));
    haproxy = Haproxy.start(nodes.stream().map(NodeProcess::port).toList());
    for (int i = 0; i < count; i++) awaitInRotation(i);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (haproxy != null) haproxy.close();
    // Stopped together: each waits for its own graceful stop.
    CompletableFuture.allOf(nodes.stream().map(n -> CompletableFuture.runAsync(n::close)).toArray(CompletableFuture[]::new)).join();
  }

  /** A failing test carries the end of every node's log (and HAProxy's), so the report shows what the nodes saw. */
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable cause) throws Throwable {
    StringBuilder out = new StringBuilder("the nodes' logs are in " + dir + "\n");
    for (NodeProcess n : nodes) {
      out.append("---- ").append(n.name()).append(n.alive() ? " (running)" : " (not running)").append(", ").append(n.log())
          .append(", last lines:\n").append(n.logTail(40)).append('\n');
    }
    try {
      if (haproxy != null) out.append("---- haproxy:\n").append(haproxy.log()).append('\n');
    } catch (IOException e) {
      out.append("(no haproxy log)\n");
    }
    cause.addSuppressed(new Logs(out.toString()));
    throw cause;
  }

  /** The nodes' logs attached to a failure (no stack trace of its own). */
  static final class Logs extends Exception {
    Logs(String text) {
      super(text, null, false, false);
    }
  }

  public int size() {
    return count;
  }

  public NodeProcess node(int i) {
    return nodes.get(i);
  }

  /** The balancer's address: where people come in. */
  public String baseUrl() {
    return haproxy.baseUrl();
  }

  /** A browser-like client that comes in through the balancer. */
  public TestClient client() {
    return new TestClient(baseUrl());
  }

  /** A client signed in through the balancer: demo accounts with the demo password, others with {@link Fixtures#PASSWORD}. */
  public TestClient as(String email) {
    TestClient c = client();
    TestClient.Response r = c.signIn(email, email.endsWith("@demo.test") ? "demo" : Fixtures.PASSWORD);
    if (r.status() != 200) throw new AssertionError("sign-in of " + email + " failed: " + r.status() + " " + r.body());
    return c;
  }

  /** A browser-like client talking to node {@code i} directly. */
  public TestClient clientOf(int i) {
    return new TestClient(node(i).baseUrl());
  }

  /** The id node {@code i} names itself by in {@link AppRouter#NODE_HEADER} (new on every start). */
  public String idOf(int i) {
    return nodeHeader(node(i).baseUrl() + "/health");
  }

  /** kill -9 of node {@code i}. */
  public void kill(int i) {
    node(i).kill();
  }

  /** SIGTERM to node {@code i}; returns once the process has exited (its exit code). */
  public int stop(int i, Duration within) {
    return node(i).stop(within);
  }

  /** Starts node {@code i} again on its ports and waits until it is healthy and the balancer sends it requests. */
  public void restart(int i) {
    node(i).launch().awaitHealthy(START_TIME);
    awaitInRotation(i);
  }

  /** Waits until a request through the balancer is answered by node {@code i}. */
  public void awaitInRotation(int i) {
    String id = idOf(i);
    if (id.isEmpty()) throw new IllegalStateException(node(i).name() + " does not answer:\n" + node(i).logTail(40));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (id.equals(nodeHeader(baseUrl() + "/health"))) return;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(node(i).name() + " did not get requests from the balancer within 20 s");
  }

  @Override
  public Connection jdbc() throws SQLException {
    return DriverManager.getConnection(TestDatabase.jdbcUrl(dbUrl), "postgres", null);
  }

  private static String nodeHeader(String url) {
    try {
      HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding());
      return r.headers().firstValue(AppRouter.NODE_HEADER).orElse("");
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
