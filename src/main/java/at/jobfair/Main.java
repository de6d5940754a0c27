package at.jobfair;

import at.jobfair.config.Config;
import at.jobfair.config.LogConfig;
import at.jobfair.demo.DemoData;
import at.jobfair.observe.Logs;
import at.jobfair.observe.StopLogManager;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** {@code mvn -q compile exec:java}: starts the product on its configuration and says where to find it. */
public final class Main {

  static {
    // Before the first logger exists (the field below): log lines of the graceful stop must not be cut off by
    // java.util.logging's own shutdown hook (see StopLogManager). A manager given on the command line wins.
    if (System.getProperty("java.util.logging.manager") == null) {
      // A constant: the compiler copies it here, so naming it does not load the class (nor java.util.logging) yet.
      System.setProperty("java.util.logging.manager", StopLogManager.NAME);
    }
  }

  private static final Logger LOG = Logger.getLogger(Main.class.getName());

  private Main() {
  }

  public static void main(String[] args) {
    // JSON lines from the very first one: loading the configuration may already make a library log.
    if (LogConfig.peekJson(System.getenv())) Logs.json(null);
    Config config;
    try {
      config = Config.load(System.getenv());
    } catch (Config.ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    App app;
    try {
      app = App.start(config);
    } catch (Config.ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    boolean json = config.log().json();
    // SIGTERM (and Ctrl-C): the graceful stop, so that a rolling restart fails nobody (see GracefulStop).
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (json) LOG.info("stopping");
      else System.out.println("Stopping …");
      app.stopGracefully();
    }, "jobfair-shutdown"));

    String url = config.http().publicUrl().toString();
    if (json) {
      // JSON lines only: one record says where the node listens (the actual port, also when http.port is 0).
      LogRecord running = new LogRecord(Level.INFO, "job fair platform running: " + url + " (port " + app.port() + ")");
      running.setLoggerName(LOG.getName());
      running.setParameters(new Object[] {Map.of("url", url, "port", app.port(), "embeddedDatabase", app.database().isEmbedded())});
      LOG.log(running);
      return;
    }
    System.out.println();
    System.out.println("Jobbörse läuft / job fair platform running: " + url + (app.database().isEmbedded()
        ? "  (embedded PostgreSQL, data in " + config.data().dir().toAbsolutePath().normalize() + ")" : ""));
    if (config.demo()) {
      System.out.println("Demo logins (password '" + DemoData.PASSWORD + "'):");
      DemoData.LOGINS.forEach((email, role) -> System.out.printf("  %-22s %s%n", email, role));
    }
    System.out.println("Stop with Ctrl-C.");
  }
}
