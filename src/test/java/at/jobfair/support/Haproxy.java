package at.jobfair.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy (Debian's {@code haproxy}, installed by {@code .ci/run}) in front of application nodes on loopback:
 * round-robin without stickiness, each node taken out when its readiness check fails and back when it passes, WebSockets
 * passed through, a request whose connection to a node fails sent to another. The same choices as
 * {@code deploy/haproxy.cfg}, with a faster health check so that tests do not wait.
 */
public final class Haproxy implements AutoCloseable {

  private static final String BINARY = "/usr/sbin/haproxy";

  private final Process process;
  private final int port;
  private final Path dir;

  private Haproxy(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Starts HAProxy on a free loopback port in front of the nodes listening on these ports; returns once it listens. */
  public static Haproxy start(List<Integer> nodePorts) throws IOException, InterruptedException {
    return start(nodePorts, "inter 500ms fall 2 rise 1");
  }

  /**
   * The same with the health check's timing of one's own ({@code inter 2s fall 3 rise 1}): a benchmark that saturates
   * the machine must not have its nodes taken out because a check waited longer than the tests' half second.
   */
  public static Haproxy start(List<Integer> nodePorts, String check) throws IOException, InterruptedException {
    int port = Ports.free();
    Path dir = Files.createTempDirectory("jobfair-haproxy");
    StringBuilder cfg = new StringBuilder("""
        global
          # two descriptors per connection (client and node) must fit under the machine's limit of 20,000 (ulimit -n)
          maxconn 9000
        defaults
          mode http
          timeout connect 2s
          timeout client 60s
          timeout server 60s
          timeout tunnel 1h
          option redispatch
          retries 3
          retry-on conn-failure empty-response response-timeout
        frontend web
          bind 127.0.0.1:%d
          # as deploy/haproxy.cfg: only reads are repeated after their node got them; a POST may have committed
          http-request disable-l7-retry unless METH_GET
          default_backend nodes
        backend nodes
          balance roundrobin
          option httpchk GET /health/ready
          http-check expect status 200
        """.formatted(port));
    for (int i = 0; i < nodePorts.size(); i++) {
      cfg.append("  server node").append(i + 1).append(" 127.0.0.1:").append(nodePorts.get(i))
          .append(" check ").append(check).append("\n");
    }
    Path file = dir.resolve("haproxy.cfg");
    Files.writeString(file, cfg);
    Process p = new ProcessBuilder(BINARY, "-db", "-f", file.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
    Haproxy h = new Haproxy(p, port, dir);
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      if (!p.isAlive()) throw new IllegalStateException("haproxy stopped: " + Files.readString(dir.resolve("haproxy.log")));
      try (Socket s = new Socket("127.0.0.1", port)) {
        return h;
      } catch (IOException e) {
        if (System.currentTimeMillis() > deadline) {
          h.close();
          throw new IllegalStateException("haproxy did not listen on " + port);
        }
        Thread.sleep(50);
      }
    }
  }

  public int port() {
    return port;
  }

  /** HAProxy's process id (benchmarks read its CPU time). */
  public long pid() {
    return process.pid();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** What HAProxy printed (for a failing test's message). */
  public String log() throws IOException {
    return Files.readString(dir.resolve("haproxy.log"));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

}
