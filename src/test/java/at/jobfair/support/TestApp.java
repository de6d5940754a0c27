package at.jobfair.support;

import at.jobfair.App;
import at.jobfair.config.Config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The real application on a random port, on a fresh database of the shared test PostgreSQL. */
public final class TestApp implements AutoCloseable, TestSql {

  private final App app;
  private final String dbUrl;

  private TestApp(App app, String dbUrl) {
    this.app = app;
    this.dbUrl = dbUrl;
  }

  public static Config config() {
    return Config.load(Path.of("config", "application.json"), Map.of());
  }

  /** Starts with demo data; extra settings override the test defaults. */
  public static TestApp start(Map<String, Object> settings) {
    String url = TestDatabase.newDatabase();
    Map<String, Object> s = defaults(url);
    s.putAll(settings);
    return new TestApp(App.start(config().with(s)), url);
  }

  /** The test defaults: a random port on loopback, the given database, cheap password hashing, a fresh data dir. */
  public static Map<String, Object> defaults(String url) {
    Map<String, Object> s = new HashMap<>();
    s.put("http.port", 0);
    s.put("http.host", "127.0.0.1");
    s.put("db.url", url);
    s.put("db.poolSize", 8);
    s.put("demo", true);
    s.put("auth.argon2MemoryKiB", 1024);
    s.put("auth.argon2Iterations", 1);
    // tests sign many people in from one address; LimitsTest sets its own limits
    s.put("limits.signInsPerMinute", 1_000_000);
    try {
      s.put("data.dir", Files.createTempDirectory("jobfair-test-data").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s;
  }

  /** Another node of the same installation: the same database, its own port and data directory. */
  public TestApp another(Map<String, Object> settings) {
    Map<String, Object> s = defaults(dbUrl);
    s.put("demo", false);
    s.putAll(settings);
    return new TestApp(App.start(config().with(s)), dbUrl);
  }

  /**
   * The settings that make nodes members of one cluster on loopback: node {@code i} of {@code ports} listens on
   * {@code ports[i]} and joins the others. The cluster's name is new per call, so clusters of different tests never meet.
   */
  public static Map<String, Object> clusterMember(int i, int[] ports, String name) {
    StringBuilder members = new StringBuilder();
    for (int p : ports) members.append(members.length() == 0 ? "" : ",").append("127.0.0.1:").append(p);
    return Map.of("cluster.enabled", true, "cluster.name", name, "cluster.host", "127.0.0.1", "cluster.port", ports[i],
        "cluster.members", members.toString());
  }

  public static TestApp start() {
    return start(Map.of());
  }

  public App app() {
    return app;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + app.port();
  }

  public TestClient client() {
    return new TestClient(baseUrl());
  }

  /** A client signed in as the person: demo accounts with the demo password, others with {@link Fixtures#PASSWORD}. */
  public TestClient as(String email) {
    TestClient c = client();
    assertEquals(200, c.signIn(email, email.endsWith("@demo.test") ? "demo" : Fixtures.PASSWORD).status(), email);
    return c;
  }

  /** A plain JDBC connection to the app's database, for checking what was (not) written. */
  @Override
  public Connection jdbc() throws SQLException {
    return DriverManager.getConnection(TestDatabase.jdbcUrl(dbUrl), "postgres", null);
  }

  @Override
  public void close() {
    app.close();
  }
}
