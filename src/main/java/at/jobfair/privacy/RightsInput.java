package at.jobfair.privacy;

import at.jobfair.privacy.RightsRequests.Kind;
import at.jobfair.refusal.Reason;
import at.jobfair.web.JsonFields;

/** A request's kind and a closing's outcome as sent, from the API's JSON and the pages' forms alike. */
final class RightsInput {

  private RightsInput() {
  }

  static Kind kind(Object v) {
    if ("CORRECTION".equals(v)) return Kind.CORRECTION;
    if ("ERASURE".equals(v)) return Kind.ERASURE;
    throw JsonFields.invalid("kind", Reason.RIGHTS_KIND_INVALID);
  }

  /** {@code DONE} (an erasure: carried out) is true, {@code REFUSED} false; anything else is refused. */
  static boolean done(Object v) {
    if ("DONE".equals(v)) return true;
    if ("REFUSED".equals(v)) return false;
    throw JsonFields.invalid("outcome", Reason.RIGHTS_OUTCOME_INVALID);
  }
}
