package at.jobfair.cascade;

/** An organiser's adjustment that would break the law or the cascade; {@link #code()} is a message-bundle key. */
public final class InvalidPlaybook extends RuntimeException {
  private final String code;

  public InvalidPlaybook(String code) {
    super(code);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
