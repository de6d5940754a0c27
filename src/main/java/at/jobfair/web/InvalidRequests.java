package at.jobfair.web;

import at.jobfair.web.Messages.Lang;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * Requests the HTTP decoder could not read (a request line or headers over the server's limits, or no HTTP at all)
 * never reach the router; Vert.x would answer them with a bare status. Here they get the product's error contract:
 * JSON {@code error} and {@code message} in the language the request asks for (if its headers could be read), 414,
 * 431 or 400, and the connection is closed (what follows on it cannot be trusted).
 */
public final class InvalidRequests implements Handler<HttpServerRequest> {

  private final Messages messages;

  public InvalidRequests(Messages messages) {
    this.messages = messages;
  }

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status;
    String code;
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      code = "request_line_too_long";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      code = "headers_too_large";
    } else {
      status = 400;
      code = "bad_request";
    }
    Lang lang = status == 431 ? null : Lang.parse(String.valueOf(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)).split(",")[0]);
    String body = new JsonObject().put("error", code).put("message", messages.get(lang == null ? Lang.DE : lang, "error." + code)).encode();
    request.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(body)
        .onComplete(done -> request.connection().close());
  }
}
