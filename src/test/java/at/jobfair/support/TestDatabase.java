package at.jobfair.support;

import at.jobfair.db.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** One real PostgreSQL for the whole test run; every test class gets a fresh database in it, with the schema. */
public final class TestDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static Database server;

  private TestDatabase() {
  }

  public static synchronized Database server() {
    if (server == null) {
      try {
        Path dir = Files.createTempDirectory("jobfair-test-pg");
        server = Database.embedded(dir, 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }

  /** The migrated database every test database is copied from: migrations run once per test run, not per class. */
  private static String template;

  /**
   * Creates a database with the schema of this build (a copy of one migrated once per run: the application's own
   * migration at start then finds nothing to do) and returns its postgresql:// URL.
   */
  public static synchronized String newDatabase() {
    if (template == null) {
      String url = emptyDatabase();
      Database.open(TestApp.config().with(java.util.Map.of("db.url", url))).migrate();
      template = url.substring(url.lastIndexOf('/') + 1);
    }
    return create("template " + template);
  }

  /** Creates an empty database (no schema) and returns its postgresql:// URL. */
  public static String emptyDatabase() {
    return create("");
  }

  private static String create(String options) {
    Database s = server();
    String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (var c = DriverManager.getConnection(s.jdbcUrl(), "postgres", null); var st = c.createStatement()) {
      st.execute("create database " + name + " " + options);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    var o = s.connectOptions();
    return "postgresql://postgres@" + o.getHost() + ":" + o.getPort() + "/" + name;
  }

  public static String jdbcUrl(String url) {
    return "jdbc:" + url.replace("postgresql://postgres@", "postgresql://");
  }
}
