package at.jobfair;

import at.jobfair.web.InvalidRequests;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** One HTTP server instance; several share the port, one per event loop. */
final class HttpVerticle extends VerticleBase {

  private final Services services;
  private final String node;
  private HttpServer server;

  HttpVerticle(Services services, String node) {
    this.services = services;
    this.node = node;
  }

  @Override
  public Future<?> start() {
    var options = new HttpServerOptions()
        .setHost(services.config().http().host())
        .setPort(services.config().http().port())
        .setCompressionSupported(true)
        // HTTP/1.1 only on plain connections: browsers speak HTTP/2 only over TLS (a proxy in front), and answering
        // clients' "Upgrade: h2c" on the same connection as a compressed response failed now and then.
        .setHttp2ClearTextEnabled(false);
    return vertx.createHttpServer(options)
        .requestHandler(AppRouter.create(vertx, services, node))
        // a request line, headers or framing the decoder refused: the error contract, not a bare status
        .invalidRequestHandler(new InvalidRequests(services.web().messages()))
        .listen()
        .onSuccess(s -> server = s);
  }

  int port() {
    return server.actualPort();
  }

  /**
   * Stops taking connections and closes each open one once its request in flight is answered (after {@code timeout},
   * whatever is still open is closed).
   */
  Future<Void> shutdown(Duration timeout) {
    return server.shutdown(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
  }
}
