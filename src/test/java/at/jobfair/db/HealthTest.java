package at.jobfair.db;

import at.jobfair.App;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HealthTest {

  @Test
  void upWhileTheDatabaseAnswersAnd503WhenItDoesNot(@TempDir Path dir) {
    // Its own PostgreSQL, so that stopping it harms no other test.
    Database db = Database.embedded(dir.resolve("pg"), 0);
    var o = db.connectOptions();
    App app = App.start(TestApp.config().with(Map.of("http.port", 0, "db.url",
        "postgresql://postgres@" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase(), "data.dir", dir.toString(),
        "auth.argon2MemoryKiB", 1024, "auth.argon2Iterations", 1)));
    try {
      TestClient c = new TestClient("http://127.0.0.1:" + app.port());
      var up = c.get("/health");
      assertEquals(200, up.status());
      assertEquals("UP", up.json().getJsonObject("database").getString("status"));

      db.close();
      var down = c.get("/health");
      assertEquals(503, down.status());
      assertEquals("DOWN", down.json().getString("status"));
      var api = c.signIn("organizer@demo.test", "demo");
      assertEquals(503, api.status(), api.body());
      assertEquals("unavailable", api.json().getString("error"));
    } finally {
      app.close();
      db.close();
    }
  }
}
