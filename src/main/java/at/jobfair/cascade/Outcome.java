package at.jobfair.cascade;

/** What {@link CascadeMachine#apply} answers: a step taken, or a refusal with a stable code. */
public sealed interface Outcome {

  record Moved(Cascade cascade, Transition transition) implements Outcome {
  }

  /** {@code code} is a message-bundle key ({@code error.<code>}). */
  record Refusal(String code) implements Outcome {
  }
}
