package at.jobfair.attendance;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A worklist item's kind is a contract between features: a kind nobody listed fails loudly instead of landing in some section. */
class WorklistKindTest {

  @Test
  void theKindsOtherFeaturesSpellAreRead() {
    for (String kind : new String[] {"SICK_NOTE_FLAG", "REASONS", "DECISION", "CONSIDER_WAIVER", "COURSE_FOLLOW_UP"}) {
      assertEquals(kind, WorklistKind.of(kind).name());
    }
  }

  @Test
  void aKindNobodyListedIsABrokenContract() {
    // NO_SHOW items of older installations are no longer shown: a no-show is now a request for reasons
    for (String kind : new String[] {"NO_SHOW", "decision", "", null}) {
      assertThrows(IllegalStateException.class, () -> WorklistKind.of(kind), String.valueOf(kind));
    }
  }
}
