package at.jobfair.web;

import io.vertx.core.json.JsonObject;

/**
 * A refusal a person can understand: an HTTP status, a stable code for programs, and message arguments. The
 * text itself comes from the message bundles ({@code error.<code>}), in the reader's language.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final Object[] args;
  private final JsonObject details;

  public ApiError(int status, String code, JsonObject details, Object... args) {
    super(code, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details;
    this.args = args;
  }

  public static ApiError badRequest(String code, Object... args) {
    return new ApiError(400, code, null, args);
  }

  public static ApiError unauthorized(String code) {
    return new ApiError(401, code, null);
  }

  public static ApiError forbidden(String code) {
    return new ApiError(403, code, null);
  }

  public static ApiError notFound(String code) {
    return new ApiError(404, code, null);
  }

  public static ApiError conflict(String code, Object... args) {
    return new ApiError(409, code, null, args);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Object[] args() {
    return args;
  }

  /** Extra fields for the JSON answer (e.g. the lines of a rejected import), or null. */
  public JsonObject details() {
    return details;
  }
}
