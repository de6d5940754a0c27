package at.jobfair;

import at.jobfair.config.Config;
import at.jobfair.demo.DemoData;

import java.nio.file.Path;

/** {@code mvn -q compile exec:java}: starts the product on its configuration and says where to find it. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
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
    // SIGTERM (and Ctrl-C): the graceful stop, so that a rolling restart fails nobody (see GracefulStop).
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("Stopping …");
      app.stopGracefully();
    }, "jobfair-shutdown"));

    String url = config.string("http.publicUrl");
    System.out.println();
    System.out.println("Jobbörse läuft / job fair platform running: " + url + (app.database().isEmbedded()
        ? "  (embedded PostgreSQL, data in " + Path.of(config.string("data.dir")).toAbsolutePath().normalize() + ")" : ""));
    if (config.bool("demo")) {
      System.out.println("Demo logins (password '" + DemoData.PASSWORD + "'):");
      DemoData.LOGINS.forEach((email, role) -> System.out.printf("  %-22s %s%n", email, role));
    }
    System.out.println("Stop with Ctrl-C.");
  }
}
