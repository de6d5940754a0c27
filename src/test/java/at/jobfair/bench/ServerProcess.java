package at.jobfair.bench;

import at.jobfair.support.Ports;

import at.jobfair.support.NodeProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The product started for a benchmark as its own process, the way {@code mvn -q compile exec:java} starts it
 * ({@code at.jobfair.Main}, configured through the environment), on loopback with its embedded PostgreSQL, so that
 * nothing of the benchmark runs in the server's JVM. The class path comes from the system property
 * {@code server.classpath} (set by the bench scripts). Closing it stops the server and its PostgreSQL.
 */
final class ServerProcess implements AutoCloseable {

  private final NodeProcess node;
  private final Path dir;
  private final int dbPort;

  private ServerProcess(NodeProcess node, Path dir, int dbPort) {
    this.node = node;
    this.dir = dir;
    this.dbPort = dbPort;
  }

  /** Starts the product with these configuration keys (e.g. {@code demo → true}) and waits until it is ready. */
  static ServerProcess start(Path dir, Map<String, Object> config) throws Exception {
    int dbPort = Ports.free();
    Map<String, Object> all = new HashMap<>(config);
    all.put("data.dir", dir.toString());
    all.put("db.embeddedPort", dbPort);
    List<String> jvm = new ArrayList<>(List.of("-Xmx1g",
        // what Hazelcast asks for at start when the nodes are clustered (the jar's manifest opens the same, see pom.xml)
        "--add-modules=java.se", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.management/sun.management=ALL-UNNAMED",
        "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED"));
    // JVM options to try on the server (JIT flags, a class-data archive): -Dserver.jvmArgs="-XX:... -XX:..."
    String jvmArgs = System.getProperty("server.jvmArgs", "").strip();
    if (!jvmArgs.isEmpty()) jvm.addAll(List.of(jvmArgs.split("\\s+")));
    NodeProcess node = new NodeProcess("server", dir.resolve("server.log"), Ports.free(), all, jvm);
    ServerProcess server = new ServerProcess(node.launch(), dir, dbPort);
    try {
      server.waitUntilReady();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * Waits until the node is ready as a balancer sees it ({@code /health} answers as {@code /health/ready}), and Main
   * has said that it runs (it says so once App.start returned, after any warm-up).
   */
  private void waitUntilReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    node.awaitHealthy(Duration.ofMinutes(10));
    while (!Files.readString(node.log()).contains("job fair platform running")) {
      if (System.nanoTime() > deadline || !node.alive()) throw new IllegalStateException("the server did not start; see " + node.log());
      Thread.sleep(200);
    }
  }

  int port() {
    return node.port();
  }

  int dbPort() {
    return dbPort;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + dbPort + "/jobfair";
  }

  long pid() {
    return node.pid();
  }

  /** The embedded PostgreSQL's postmaster. */
  ProcessHandle postmaster() throws IOException {
    long pid = Long.parseLong(Files.readAllLines(dir.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
    return ProcessHandle.of(pid).orElseThrow();
  }

  @Override
  public void close() {
    node.close();
  }

}
