package at.jobfair.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pgbench script the booking storm compares with is the application's own SQL put on single lines: a comment in
 * that SQL must not swallow the rest of its line (pgbench then fails on every transaction and the benchmark has no
 * ceiling), and every parameter is bound.
 */
class BookingStormScriptTest {

  @Test
  void theScriptIsTheBookingSqlOnSingleLinesWithoutCommentsOrUnboundParameters() {
    String script = BookingStorm.pgbenchScript();
    assertFalse(script.contains("--"), script);
    assertFalse(script.matches("(?s).*\\$\\d.*"), "every $n bound: " + script);
    assertTrue(script.contains("insert into booking"), script);
  }
}
