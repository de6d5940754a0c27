package at.jobfair.observe;

import at.jobfair.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product as its own process with {@code log.json} and {@code log.access} on: everything it writes is JSON, one
 * object per line, and a request's access line carries the request's id.
 */
class JsonLogLinesTest {

  static Process node;
  static Thread reader;
  static final List<String> lines = new CopyOnWriteArrayList<>();
  static String base;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "at.jobfair.Main")
        .redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("JOBFAIR_"));
    pb.environment().put("JOBFAIR_DB_URL", TestDatabase.newDatabase());
    pb.environment().put("JOBFAIR_HTTP_HOST", "127.0.0.1");
    pb.environment().put("JOBFAIR_HTTP_PORT", "0");
    pb.environment().put("JOBFAIR_DEMO", "false");
    pb.environment().put("JOBFAIR_DATA_DIR", Files.createTempDirectory("jobfair-logs").toString());
    pb.environment().put("JOBFAIR_LOG_JSON", "true");
    pb.environment().put("JOBFAIR_LOG_ACCESS", "true");
    node = pb.start();
    reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) lines.add(line);
      } catch (Exception e) {
        // the process ended
      }
    }, "node-output");
    reader.setDaemon(true);
    reader.start();
    JsonObject running = await(l -> l.getString("message", "").startsWith("job fair platform running"), Duration.ofSeconds(60));
    base = "http://127.0.0.1:" + running.getInteger("port");
  }

  /** The graceful stop (SIGTERM) writes JSON lines too, and the node ends by itself. */
  @AfterAll
  static void stop() throws Exception {
    if (node == null) return;
    int before = lines.size();
    // SIGTERM through the handle: Process.destroy() would also close our end of its output, losing the stop's lines.
    node.toHandle().destroy();
    if (!node.waitFor(60, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      throw new AssertionError("the node did not stop within 60 s");
    }
    reader.join(10_000);
    assertTrue(lines.size() > before, "the stop said something; exit " + node.exitValue() + ", last lines: " + lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    for (String line : lines) parse(line);
  }

  @Test
  void everyLineIsOneJsonObjectAndTheAccessLineCarriesTheCallersRequestId() throws Exception {
    HttpResponse<String> r = get("/api/fairs?region=Wien", "trace-4711.abc");
    assertEquals(200, r.statusCode());
    assertEquals("trace-4711.abc", r.headers().firstValue("X-Request-Id").orElse(null), "the id is echoed");

    JsonObject access = await(l -> "trace-4711.abc".equals(l.getString("requestId")) && "at.jobfair.access".equals(l.getString("logger")),
        Duration.ofSeconds(10));
    assertEquals("GET", access.getString("method"));
    assertEquals("/api/fairs", access.getString("path"), "the query is left out");
    assertEquals(200, access.getInteger("status"));
    assertTrue(access.getLong("durationMs") >= 0);
    assertEquals("INFO", access.getString("level"));
    assertTrue(access.getString("time").endsWith("Z"), access.getString("time"));

    assertTrue(lines.size() > 5, "the start wrote lines of its own: " + lines);
    for (String line : lines) {
      JsonObject o = parse(line);
      assertTrue(o.containsKey("time") && o.containsKey("level") && o.containsKey("logger") && o.containsKey("message"), line);
    }
  }

  @Test
  void anInsaneRequestIdIsReplacedByANewOne() throws Exception {
    HttpResponse<String> r = get("/api/fairs", "x\"}{ " + "y".repeat(200));
    String id = r.headers().firstValue("X-Request-Id").orElseThrow();
    assertNotEquals("", id);
    assertTrue(id.matches("[0-9a-f]{24}"), id);
    JsonObject access = await(l -> id.equals(l.getString("requestId")), Duration.ofSeconds(10));
    assertEquals("/api/fairs", access.getString("path"));

    String fresh = get("/api/fairs", null).headers().firstValue("X-Request-Id").orElseThrow();
    assertTrue(fresh.matches("[0-9a-f]{24}") && !fresh.equals(id), "a request without one gets its own: " + fresh);
  }

  private static HttpResponse<String> get(String path, String requestId) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    if (requestId != null) b.header("X-Request-Id", requestId);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Waits for a line that matches; any line that is not a JSON object fails the test at once. */
  private static JsonObject await(Predicate<JsonObject> wanted, Duration within) throws InterruptedException {
    long until = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < until) {
      for (String line : lines) {
        JsonObject o = parse(line);
        if (wanted.test(o)) return o;
      }
      if (!node.isAlive()) throw new AssertionError("the node ended: " + String.join("\n", lines));
      Thread.sleep(100);
    }
    throw new AssertionError("no such line in:\n" + String.join("\n", lines));
  }

  private static JsonObject parse(String line) {
    try {
      return new JsonObject(line);
    } catch (RuntimeException e) {
      throw new AssertionError("not a JSON object: " + line, e);
    }
  }
}
