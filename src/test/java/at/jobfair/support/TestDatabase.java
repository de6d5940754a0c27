package at.jobfair.support;

import at.jobfair.db.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** One real PostgreSQL for the whole test run; every test class gets a fresh, empty database in it. */
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

  /** Creates an empty database and returns its postgresql:// URL. */
  public static String newDatabase() {
    Database s = server();
    String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (var c = DriverManager.getConnection(s.jdbcUrl(), "postgres", null); var st = c.createStatement()) {
      st.execute("create database " + name);
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
