package at.jobfair.support;

import at.jobfair.config.Config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The product as its own process, the way an operator runs it ({@code at.jobfair.Main}, configured through
 * {@code JOBFAIR_*} environment variables), on loopback and a fixed HTTP port, so it can be killed, stopped and started
 * again on the same port. The class path is the system property {@code server.classpath} (set by the bench scripts) or
 * else the test run's own. Everything the process prints goes to one log file, kept across restarts.
 */
public final class NodeProcess implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path log;
  private final int port;
  private final Map<String, Object> config;
  private final List<String> jvmOptions;
  private Process process;

  /** A node named {@code name} (for logs) on {@code port}, with these configuration keys and JVM options; not started yet. */
  public NodeProcess(String name, Path log, int port, Map<String, Object> config, List<String> jvmOptions) {
    this.name = name;
    this.log = log;
    this.port = port;
    this.config = Map.copyOf(config);
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  /** Starts the process (on the same port as before, if it ran before) without waiting for it. */
  public synchronized NodeProcess launch() {
    if (process != null && process.isAlive()) throw new IllegalStateException(name + " is running");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("server.classpath", System.getProperty("java.class.path")), "at.jobfair.Main"));
    try {
      Files.writeString(log, "\n==== " + Instant.now() + " starting " + name + " on port " + port + " ====\n",
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Map<String, String> env = pb.environment();
      // Only this node's configuration: JOBFAIR_ variables of the surrounding shell would stop it or change it.
      env.keySet().removeIf(k -> k.startsWith("JOBFAIR_"));
      env.put(Config.envName("http.host"), "127.0.0.1");
      env.put(Config.envName("http.port"), String.valueOf(port));
      config.forEach((key, value) -> env.put(Config.envName(key), String.valueOf(value)));
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Waits until {@code /health} answers 200; fails with the log's end if the process stops or the time runs out. */
  public NodeProcess awaitHealthy(Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!alive()) throw new IllegalStateException(name + " stopped while starting:\n" + logTail(60));
      if (healthStatus() == 200) return this;
      sleep(100);
    }
    throw new IllegalStateException(name + " was not healthy within " + within + ":\n" + logTail(60));
  }

  /** The status of {@code GET /health} on the node itself, or -1 when it cannot be reached. */
  public int healthStatus() {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** kill -9: the process gets no chance to finish anything (on Linux, destroyForcibly sends SIGKILL). */
  public void kill() {
    Process p = process;
    if (p == null) return;
    p.destroyForcibly();
    waitForExit(p, Duration.ofSeconds(30));
  }

  /** SIGTERM, as systemd or an operator stops a node; waits until the process is gone and answers its exit code. */
  public int stop(Duration within) {
    Process p = process;
    if (p == null || !p.isAlive()) return p == null ? -1 : p.exitValue();
    p.destroy();
    if (!waitForExit(p, within)) {
      p.destroyForcibly();
      waitForExit(p, Duration.ofSeconds(30));
      throw new IllegalStateException(name + " did not stop within " + within + " after SIGTERM:\n" + logTail(60));
    }
    return p.exitValue();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public int port() {
    return port;
  }

  public String name() {
    return name;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Path log() {
    return log;
  }

  /** The last {@code lines} lines of the node's log (for a failing test's message). */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    Process p = process;
    if (p == null || !p.isAlive()) return;
    p.destroy();
    if (!waitForExit(p, Duration.ofSeconds(30))) {
      p.destroyForcibly();
      waitForExit(p, Duration.ofSeconds(10));
    }
  }


  private static boolean waitForExit(Process p, Duration within) {
    try {
      return p.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
