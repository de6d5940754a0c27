package at.jobfair.web;

import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI 3 description of the API; a test keeps it true to the routes. */
public final class OpenApi {

  private static final byte[] DOCUMENT = load();

  private OpenApi() {
  }

  /** The description as served (UTF-8 JSON). */
  static byte[] document() {
    return DOCUMENT.clone();
  }

  public static void serve(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
        .end(io.vertx.core.buffer.Buffer.buffer(DOCUMENT));
  }

  private static byte[] load() {
    try (InputStream in = OpenApi.class.getResourceAsStream("/openapi.json")) {
      if (in == null) throw new IllegalStateException("openapi.json missing from the classpath");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
