package at.jobfair.observe;

import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per request ({@code log.access}): method, path without its query (queries may hold tokens and search
 * words), status, duration and request id. Written by hand rather than with Vert.x Web's LoggerHandler so that the
 * JSON lines carry these as fields, not as one preformatted string. The JSON line takes the request id from the
 * request's context like every other line written while handling it.
 */
public final class AccessLog {

  private static final Logger LOG = Logger.getLogger("at.jobfair.access");

  private AccessLog() {
  }

  public static void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(ar -> {
      int status = ctx.response().getStatusCode();
      long millis = (System.nanoTime() - start) / 1_000_000;
      String method = ctx.request().method().name();
      String path = ctx.request().path();
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("method", method);
      fields.put("path", path);
      fields.put("status", status);
      fields.put("durationMs", millis);
      // The closing of an unfinished response (the client went away) is told apart from a sent one.
      if (ar.failed()) fields.put("aborted", true);
      LogRecord record = new LogRecord(Level.INFO, method + " " + path + " " + status + " " + millis + " ms"
          + (ar.failed() ? " (aborted)" : "") + " [" + RequestIds.of(ctx) + "]");
      record.setLoggerName(LOG.getName());
      record.setParameters(new Object[] {fields});
      LOG.log(record);
    });
    ctx.next();
  }
}
