package at.jobfair.bench;

import at.jobfair.config.Config;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The product started for a benchmark as its own process, the way {@code mvn -q compile exec:java} starts it
 * ({@code at.jobfair.Main}, configured through the environment), on loopback with its embedded PostgreSQL, so that
 * nothing of the benchmark runs in the server's JVM. The class path comes from the system property
 * {@code server.classpath} (set by the bench scripts). Closing it stops the server and its PostgreSQL.
 */
final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final Path dir;
  private final int port;
  private final int dbPort;

  private ServerProcess(Process process, Path dir, int port, int dbPort) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.dbPort = dbPort;
  }

  /** Starts the product with these configuration keys (e.g. {@code demo → true}) and waits until it is healthy. */
  static ServerProcess start(Path dir, Map<String, Object> config) throws Exception {
    int port = freePort();
    int dbPort = freePort();
    List<String> command = new ArrayList<>(List.of("java", "-Xmx1g"));
    // JVM options to try on the server (JIT flags, a class-data archive): -Dserver.jvmArgs="-XX:... -XX:..."
    String jvmArgs = System.getProperty("server.jvmArgs", "").strip();
    if (!jvmArgs.isEmpty()) command.addAll(List.of(jvmArgs.split("\\s+")));
    command.addAll(List.of("-cp", System.getProperty("server.classpath"), "at.jobfair.Main"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
    Map<String, String> env = pb.environment();
    env.put(Config.envName("http.port"), String.valueOf(port));
    env.put(Config.envName("http.host"), "127.0.0.1");
    env.put(Config.envName("data.dir"), dir.toString());
    env.put(Config.envName("db.embeddedPort"), String.valueOf(dbPort));
    config.forEach((key, value) -> env.put(Config.envName(key), String.valueOf(value)));
    ServerProcess server = new ServerProcess(pb.start(), dir, port, dbPort);
    try {
      server.waitForHealth();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  int port() {
    return port;
  }

  int dbPort() {
    return dbPort;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + dbPort + "/jobfair";
  }

  long pid() {
    return process.pid();
  }

  /** The embedded PostgreSQL's postmaster. */
  ProcessHandle postmaster() throws IOException {
    long pid = Long.parseLong(Files.readAllLines(dir.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
    return ProcessHandle.of(pid).orElseThrow();
  }

  /**
   * Waits until the node is ready as a balancer sees it: {@code /health/ready} answers 200 (or {@code /health} on a
   * build without it), and Main has said that it runs (it says so once App.start returned, after any warm-up).
   */
  private void waitForHealth() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.currentTimeMillis() + 600_000;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("the server stopped; see " + dir.resolve("server.log"));
      try {
        var r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
          r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
        }
        if (r.statusCode() == 200 && Files.readString(dir.resolve("server.log")).contains("job fair platform running")) return;
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the server did not start; see " + dir.resolve("server.log"));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
