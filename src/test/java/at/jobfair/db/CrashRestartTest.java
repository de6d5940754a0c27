package at.jobfair.db;

import at.jobfair.support.NodeProcess;
import at.jobfair.support.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's start after a crash: the application with its own PostgreSQL is killed with SIGKILL (alone, or together
 * with its PostgreSQL) and started again on the same data directory, five times in a row; every start succeeds.
 */
class CrashRestartTest {

  static Path data;
  static NodeProcess node;

  @BeforeAll
  static void prepare() throws Exception {
    data = Files.createTempDirectory("jobfair-crash");
    node = new NodeProcess("crash", data.resolve("node.log"), Ports.free(),
        Map.of("db.url", "", "data.dir", data.toString(), "demo", false, "auth.argon2MemoryKiB", 1024,
            "auth.argon2Iterations", 1),
        List.of("-Xmx256m"));
  }

  @AfterAll
  static void stop() {
    node.close();
    postmaster().ifPresent(ProcessHandle::destroyForcibly);
  }

  @BeforeEach
  void running() {
    if (!node.alive()) node.launch().awaitHealthy(Duration.ofSeconds(120));
  }

  @Test
  void afterKillMinus9TheNextStartSucceedsFiveTimesInARow() {
    for (int i = 1; i <= 5; i++) {
      node.kill();
      assertTrue(postmaster().isPresent(), "the application's PostgreSQL outlived it, as after a real crash");
      node.launch().awaitHealthy(Duration.ofSeconds(120));
      assertEquals(200, node.healthStatus(), "start " + i + " after kill -9");
    }
  }

  @Test
  void afterKillMinus9OfTheApplicationAndItsPostgresqlTogetherTheNextStartSucceeds() {
    for (int i = 1; i <= 2; i++) {
      ProcessHandle pg = postmaster().orElseThrow();
      List<ProcessHandle> backends = pg.descendants().toList();
      node.kill();
      pg.destroyForcibly();
      backends.forEach(ProcessHandle::destroyForcibly);
      pg.onExit().join();
      assertFalse(pg.isAlive());
      assertTrue(Files.exists(data.resolve("postgres").resolve("postmaster.pid")), "a stale lock file is left behind");
      node.launch().awaitHealthy(Duration.ofSeconds(120));
    }
  }

  /** The PostgreSQL server of the data directory, if one runs (from its lock file). */
  static Optional<ProcessHandle> postmaster() {
    try {
      Path pid = data.resolve("postgres").resolve("postmaster.pid");
      if (!Files.exists(pid)) return Optional.empty();
      return ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).trim())).filter(ProcessHandle::isAlive);
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
