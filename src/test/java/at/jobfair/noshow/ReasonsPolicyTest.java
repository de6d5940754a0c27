package at.jobfair.noshow;

import at.jobfair.legal.Basis;
import at.jobfair.legal.CatalogueFile;
import at.jobfair.legal.LegalOutcome;
import at.jobfair.legal.Obligation;
import at.jobfair.noshow.ReasonsPolicy.State;
import at.jobfair.refusal.Reason;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static at.jobfair.legal.LegalOutcome.PAYMENT_RESUMED;
import static at.jobfair.legal.LegalOutcome.PAYMENT_SUSPENDED;
import static at.jobfair.legal.LegalOutcome.SANCTION_IMPOSED;
import static at.jobfair.legal.LegalOutcome.SANCTION_NOT_IMPOSED;
import static at.jobfair.legal.LegalOutcome.SANCTION_WAIVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every basis of both built-in catalogues × every state × every outcome, against a table written here by hand from the
 * law (DOMAIN.md "Legal bases"), not from the catalogue file: a changed file or rule that lets a control appointment
 * reach a § 10 decision fails here.
 */
class ReasonsPolicyTest {

  /** What each basis may ever lead to, read from the law: § 49 AlVG only suspends and resumes payment. */
  static final Map<String, Set<LegalOutcome>> LAW = Map.of(
      "AT_VOLUNTARY", Set.of(),
      "AT_ALVG_10", Set.of(SANCTION_IMPOSED, SANCTION_NOT_IMPOSED, SANCTION_WAIVED),
      "AT_ALVG_49", Set.of(PAYMENT_SUSPENDED, PAYMENT_RESUMED),
      "AT_MINDESTSICHERUNG", Set.of(SANCTION_IMPOSED, SANCTION_NOT_IMPOSED),
      "DE_VOLUNTARY", Set.of(),
      "DE_SGB2_31", Set.of(SANCTION_IMPOSED, SANCTION_NOT_IMPOSED),
      "DE_SGB2_32", Set.of(SANCTION_IMPOSED, SANCTION_NOT_IMPOSED),
      "DE_SGB3_159", Set.of(SANCTION_IMPOSED, SANCTION_NOT_IMPOSED),
      "DE_SGB3_159_MELDE", Set.of(SANCTION_IMPOSED, SANCTION_NOT_IMPOSED));

  /** From which state each outcome may be decided (the order of a case), written out. */
  static final Map<LegalOutcome, State> FROM = Map.of(
      SANCTION_IMPOSED, State.CASE_OPEN, SANCTION_NOT_IMPOSED, State.CASE_OPEN, PAYMENT_SUSPENDED, State.CASE_OPEN,
      SANCTION_WAIVED, State.IMPOSED, PAYMENT_RESUMED, State.SUSPENDED);

  static List<Basis> bases() {
    List<Basis> all = new ArrayList<>(CatalogueFile.builtIn("AT").bases());
    all.addAll(CatalogueFile.builtIn("DE").bases());
    return all;
  }

  @Test
  void everyBasisAllowsExactlyTheOutcomesTheLawGivesItFromTheRightStateOnly() {
    int checked = 0;
    for (Basis b : bases()) {
      assertTrue(LAW.containsKey(b.code()), "the table knows " + b.code());
      for (State s : State.values()) {
        for (LegalOutcome o : LegalOutcome.values()) {
          boolean expected = LAW.get(b.code()).contains(o) && FROM.get(o) == s;
          LocalDate reported = o == PAYMENT_RESUMED ? LocalDate.of(2026, 12, 1) : null;
          Reason refusal = ReasonsPolicy.decide(b, s, o, true, "Begründung der Entscheidung", reported);
          assertEquals(expected, refusal == null, b.ref() + " " + s + " " + o + ": " + refusal);
          if (!expected) assertEquals(Reason.REASONS_OUTCOME_NOT_ALLOWED, refusal, b.ref() + " " + s + " " + o);
          assertEquals(expected, ReasonsPolicy.choices(b, s).contains(o), b.ref() + " " + s + " " + o);
          checked++;
        }
      }
    }
    assertEquals(9 * State.values().length * LegalOutcome.values().length, checked);
  }

  @Test
  void aControlAppointmentNeverReachesASection10DecisionFromAnyState() {
    Basis control = CatalogueFile.builtIn("AT").bases().stream().filter(b -> b.code().equals("AT_ALVG_49")).findFirst().orElseThrow();
    assertEquals(Obligation.CONTROL, control.obligation());
    for (State s : State.values()) {
      for (LegalOutcome o : List.of(SANCTION_IMPOSED, SANCTION_NOT_IMPOSED, SANCTION_WAIVED)) {
        assertEquals(Reason.REASONS_OUTCOME_NOT_ALLOWED, ReasonsPolicy.decide(control, s, o, true, "Begründung", null), s + " " + o);
      }
    }
  }

  @Test
  void onlyTheDeciderDecidesAlwaysWithReasonsAndTheDateOfReportingBelongsToResumingOnly() {
    Basis control = CatalogueFile.builtIn("AT").bases().stream().filter(b -> b.code().equals("AT_ALVG_49")).findFirst().orElseThrow();
    assertEquals(Reason.REASONS_NOT_DECIDER, ReasonsPolicy.decide(control, State.CASE_OPEN, PAYMENT_SUSPENDED, false, "Begründung", null));
    assertEquals(Reason.DECISION_REASONS_REQUIRED, ReasonsPolicy.decide(control, State.CASE_OPEN, PAYMENT_SUSPENDED, true, "  ", null));
    assertEquals(Reason.DECISION_REASONS_REQUIRED, ReasonsPolicy.decide(control, State.CASE_OPEN, PAYMENT_SUSPENDED, true, null, null));
    assertEquals(Reason.REASONS_OUTCOME_REQUIRED, ReasonsPolicy.decide(control, State.CASE_OPEN, null, true, "Begründung", null));
    assertEquals(Reason.REASONS_REPORTED_ON, ReasonsPolicy.decide(control, State.SUSPENDED, PAYMENT_RESUMED, true, "Begründung", null));
    assertEquals(Reason.REASONS_REPORTED_ON, ReasonsPolicy.decide(control, State.CASE_OPEN, PAYMENT_SUSPENDED, true, "Begründung", LocalDate.now()));
    assertNull(ReasonsPolicy.decide(control, State.SUSPENDED, PAYMENT_RESUMED, true, "Hat sich gemeldet", LocalDate.now()));
  }

  @Test
  void thePersonAnswersUntilTheDeadlineAndACaseOpensOnlyAfterIt() {
    Instant deadline = Instant.parse("2026-12-10T10:00:00Z");
    Instant before = deadline.minusSeconds(1);
    for (State s : State.values()) {
      boolean open = s == State.ASKED || s == State.ANSWERED;
      assertEquals(open ? null : Reason.REASONS_CLOSED, ReasonsPolicy.answer(s, deadline, before), s.name());
      assertEquals(open ? Reason.REASONS_DEADLINE_PASSED : Reason.REASONS_CLOSED, ReasonsPolicy.answer(s, deadline, deadline), s.name());
      boolean acceptable = s == State.ASKED || s == State.ANSWERED || s == State.NO_ANSWER;
      assertEquals(acceptable ? null : Reason.REASONS_CLOSED, ReasonsPolicy.accept(s, true, "Krankenhausaufenthalt belegt"), s.name());
      Reason afterDeadline = ReasonsPolicy.openCase(s, deadline, deadline, true, "Kein wichtiger Grund");
      Reason withinDeadline = ReasonsPolicy.openCase(s, deadline, before, true, "Kein wichtiger Grund");
      if (s == State.ANSWERED || s == State.NO_ANSWER) {
        assertNull(afterDeadline, s.name());
        assertEquals(Reason.REASONS_DEADLINE_RUNNING, withinDeadline, s.name());
      } else if (s == State.ASKED) {
        assertEquals(Reason.REASONS_DEADLINE_RUNNING, afterDeadline, "no answer is recorded by the job first");
      } else {
        assertEquals(Reason.REASONS_CLOSED, afterDeadline, s.name());
      }
    }
    assertEquals(Reason.REASONS_NOT_DECIDER, ReasonsPolicy.accept(State.ANSWERED, false, "Gründe anerkannt"));
    assertEquals(Reason.DECISION_REASONS_REQUIRED, ReasonsPolicy.accept(State.ANSWERED, true, "ok"));
  }

  @Test
  void onlyObligationsLeadToARequestAndEveryStateIsEitherClosedOrWaitingForSomeone() {
    assertFalse(ReasonsPolicy.asksFor(Obligation.VOLUNTARY));
    assertTrue(ReasonsPolicy.asksFor(Obligation.BINDING));
    assertTrue(ReasonsPolicy.asksFor(Obligation.CONTROL));
    for (State s : State.values()) assertFalse(s.closed() && s.needsDecider(), s.name());
    for (LegalOutcome o : LegalOutcome.values()) assertEquals(o == PAYMENT_SUSPENDED || o == SANCTION_IMPOSED, !ReasonsPolicy.after(o).closed(), o.name());
  }

  @Test
  void theTextOfAnAnswerIsRequiredAndBounded() {
    assertEquals(Reason.REASONS_TEXT_REQUIRED, ReasonsPolicy.text(null));
    assertEquals(Reason.REASONS_TEXT_REQUIRED, ReasonsPolicy.text(" \n "));
    assertEquals(Reason.REASONS_TEXT_TOO_LONG, ReasonsPolicy.text("x".repeat(4001)));
    assertNull(ReasonsPolicy.text("Ich war krank."));
  }
}
