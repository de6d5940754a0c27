package at.jobfair.observe;

import io.vertx.core.json.JsonObject;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line for java.util.logging: time, level, logger, message, the thrown exception as one string,
 * the node's id when known and the id of the request being handled. Fields a record carries as a map in its
 * parameters (the access log's method, path, status, duration) become fields of the line. Line breaks inside values
 * are escaped by the JSON encoder, so a stack trace never splits a line.
 */
public final class JsonLogFormatter extends Formatter {

  private final String node;

  /** {@code node}: this node's id in the cluster, or null when it is alone. */
  public JsonLogFormatter(String node) {
    this.node = node;
  }

  @Override
  public String format(LogRecord record) {
    JsonObject line = new JsonObject()
        .put("time", record.getInstant().toString())
        .put("level", record.getLevel().getName())
        .put("logger", record.getLoggerName())
        .put("message", formatMessage(record));
    if (node != null) line.put("node", node);
    String requestId = RequestIds.current();
    if (requestId != null) line.put("requestId", requestId);
    Object[] params = record.getParameters();
    if (params != null && params.length == 1 && params[0] instanceof Map<?, ?> fields) {
      fields.forEach((k, v) -> {
        if (k instanceof String name && !line.containsKey(name)) line.put(name, v);
      });
    }
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.put("thrown", trace.toString());
    }
    return line.encode() + System.lineSeparator();
  }
}
