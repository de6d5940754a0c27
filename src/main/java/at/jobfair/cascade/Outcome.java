package at.jobfair.cascade;

import at.jobfair.refusal.Reason;

/** What {@link CascadeMachine#apply} answers: a step taken, or a refusal with a stable code. */
public sealed interface Outcome {

  record Moved(Cascade cascade, Transition transition) implements Outcome {
  }

  /** {@code code} is a message-bundle key ({@code error.<code>}). */
  record Refusal(Reason code) implements Outcome {
  }
}
