package at.jobfair.deploy;

import at.jobfair.support.Ports;

import at.jobfair.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code target/jobfair.jar} as an operator runs it: {@code java -jar} from a directory with no config/ and no
 * webroot/ in it, so the defaults, the templates and the static files must all come from the jar; SIGTERM stops it
 * through the graceful stop. Runs after {@code mvn package} (failsafe), on the tests' PostgreSQL.
 */
class PackagedJarIT {

  @Test
  void theJarRunsFromAnyDirectoryServesPagesStaticFilesAndReadinessAndStopsOnSigterm(@TempDir Path dir) throws Exception {
    Path jar = Path.of("target", "jobfair.jar").toAbsolutePath();
    assertTrue(Files.exists(jar), "mvn package built " + jar);
    int port = Ports.free();
    Path log = dir.resolve("node.log");
    ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("JOBFAIR_DB_URL", TestDatabase.newDatabase());
    pb.environment().put("JOBFAIR_HTTP_HOST", "127.0.0.1");
    pb.environment().put("JOBFAIR_HTTP_PORT", String.valueOf(port));
    pb.environment().put("JOBFAIR_AUTH_ARGON2_MEMORY_KI_B", "1024");
    pb.environment().put("JOBFAIR_AUTH_ARGON2_ITERATIONS", "1");
    pb.environment().put("JOBFAIR_SHUTDOWN_READY_DELAY_SECONDS", "1");
    pb.environment().put("JOBFAIR_SHUTDOWN_DRAIN_SECONDS", "10");
    Process node = pb.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (status(http, base + "/health/ready") != 200) {
        assertTrue(node.isAlive(), () -> "the node stopped: " + read(log));
        assertTrue(System.nanoTime() < until, () -> "not ready within 90 s: " + read(log));
        Thread.sleep(250);
      }
      assertEquals(200, status(http, base + "/"), "the start page (templates and messages from the jar)");
      HttpResponse<String> css = http.send(HttpRequest.newBuilder(URI.create(base + "/static/css/app.css")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, css.statusCode(), "a static file (webroot from the jar)");
      assertEquals(Files.readString(Path.of("webroot", "css", "app.css")), css.body());
      assertEquals(200, status(http, base + "/health/live"));
      // Letters render from the jar (template, DejaVu fonts and sRGB profile are resources): the demo's decided case
      // got its letter, and the background render at start did not fail.
      String started = read(log);
      assertFalse(started.contains("was not run to its decision") || started.contains("rendering a letter failed"), started);
      assertFalse(Files.exists(dir.resolve("config")), "no configuration file where it runs: the defaults came from the jar");

      node.destroy(); // SIGTERM
      assertTrue(node.waitFor(20, TimeUnit.SECONDS), "stopped within the drain time");
      String out = read(log);
      assertTrue(out.contains("stop: 7/7 stopped"), out);
    } finally {
      node.destroyForcibly();
    }
  }

  private static int status(HttpClient http, String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

}
