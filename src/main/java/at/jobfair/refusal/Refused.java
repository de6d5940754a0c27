package at.jobfair.refusal;

import io.vertx.core.json.JsonObject;

/**
 * A refusal a person can understand: the reason (a stable code for programs, and its kind), message arguments, and
 * optionally extra fields for the answer. The text comes from the message bundles ({@code error.<code>}) in the
 * reader's language; the status from the kind ({@code web/Failures}).
 */
public final class Refused extends RuntimeException {

  private final Reason reason;
  private final Object[] args;
  private final JsonObject details;

  public Refused(Reason reason, JsonObject details, Object... args) {
    super(reason.code(), null, false, false);
    this.reason = reason;
    this.details = details;
    this.args = args == null ? new Object[0] : args;
  }

  public Reason reason() {
    return reason;
  }

  public Kind kind() {
    return reason.kind();
  }

  /** The stable code, as answered in {@code error}. */
  public String code() {
    return reason.code();
  }

  public Object[] args() {
    return args;
  }

  /** Extra fields for the JSON answer (e.g. the field at fault, the lines of a rejected import), or null. */
  public JsonObject details() {
    return details;
  }
}
