package at.jobfair.letter;

import at.jobfair.letter.LetterCases.Case;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static at.jobfair.cascade.CascadeTestData.ev;
import static at.jobfair.letter.LetterCases.assertFails;
import static at.jobfair.letter.LetterCases.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No decision letter without the decision (service and direct SQL); a letter lives and dies with its step's transaction. */
class LetterGuardsTest {

  static TestApp app;
  static LetterCases cases;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("attendance.pollSeconds", 3600));
    cases = new LetterCases(app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void noDecisionLetterWithoutTheDecisionNeitherThroughTheServiceNorByDirectSql() {
    Case k = cases.proposed("de");
    long person = k.person();
    long id = k.id();
    long statement = app.count("select id from cascade_step where cascade_id = " + id + " and event = 'STATEMENT'");
    long checker = app.count("select actor_id from cascade_step where id = " + statement);
    Letters letters = app.app().services().cases().letters();
    LetterRequest pretended = new LetterRequest(LetterKind.DECISION, LetterOutcome.IMPOSED, LetterRequest.Case.cascade(person, id, statement),
        new LetterRequest.Content(letters.basis("AT_ALVG_10", 1).orElseThrow(), "Börse", "Vorgriff", null),
        new LetterRequest.Actor(checker, "SFA"), Instant.now());
    Throwable refused = assertFails(app.app().pool().withTransaction(tx -> letters.issue(tx, pretended)));
    assertTrue(refused instanceof PgException pg && "23514".equals(pg.getSqlState()) && pg.getMessage().contains("DECISION"), String.valueOf(refused));
    assertEquals(0, app.count("select count(*) from letter where cascade_id = " + id));
    assertEquals(0, app.count("select count(*) from mail_outbox where kind = 'LETTER' and to_address = '" + cases.data.email(person) + "'"),
        "the refused letter's email went with its transaction");

    // By hand: no step, a step that is no decision, a decision of another outcome, or someone else named as decider.
    long outbox = app.count("select id from mail_outbox order by id limit 1");
    String insert = "insert into letter (kind, outcome, jobseeker_id, case_ref, cascade_id, cascade_step_id, reference, languages, "
        + "decided_by, decided_role, pdf, sha256, outbox_id, audit_seq) values ('DECISION', ?, ?, ?, ?, ?, ?, '{de}', ?, 'SFA', "
        + "'\\x25504446'::bytea, encode(sha256('\\x25504446'::bytea), 'hex'), ?, ?)";
    assertRefusedBy("exists only after the responsible person decided",
        cases.data.sqlError(insert, "IMPOSED", person, "cascade:" + id, id, null, "X-1", cases.sfa, outbox, -1L));
    assertRefusedBy("names the decision it reports and who took it",
        cases.data.sqlError(insert, "IMPOSED", person, "cascade:" + id, id, statement, "X-2", checker, outbox, -2L));
    TestClient caseworker = cases.data.as("sfa@demo.test");
    cases.data.event(caseworker, id, ev("DECIDE").put("decision", "DO_NOT_IMPOSE").put("reasons", "Gründe glaubhaft."));
    long decide = app.count("select id from cascade_step where cascade_id = " + id + " and event = 'DECIDE'");
    assertRefusedBy("names the decision it reports and who took it", // the decision taken was not to impose
        cases.data.sqlError(insert, "IMPOSED", person, "cascade:" + id, id, decide, "X-3", cases.sfa, outbox, -3L));
    assertRefusedBy("names the decision it reports and who took it", // someone else named as decider
        cases.data.sqlError(insert, "NOT_IMPOSED", person, "cascade:" + id, id, decide, "X-4", checker, outbox, -4L));
    assertEquals("23505", cases.data.sqlState(insert, "NOT_IMPOSED", person, "cascade:" + id, id, decide, "X-5", cases.sfa, outbox, -5L),
        "one letter per decision: the product already wrote it");

    // Kept as written: no change, no removal.
    assertEquals("42501", cases.data.sqlState("update letter set reference = 'X' where cascade_id = ?", id));
    assertEquals("42501", cases.data.sqlState("delete from letter where cascade_id = ?", id));
  }

  @Test
  void aLetterWhoseStepRollsBackIsNeitherKeptNorMailed() {
    long person = cases.someone();
    Letters letters = app.app().services().cases().letters();
    long before = app.count("select count(*) from mail_outbox where kind = 'LETTER'");
    LetterRequest r = new LetterRequest(LetterKind.CASE_OPENED, null, LetterRequest.Case.of(person, "example:991"),
        new LetterRequest.Content(letters.basis("AT_ALVG_10", 1).orElseThrow(), "Termin", null, null), null, Instant.now());
    Throwable e = assertFails(app.app().pool().withTransaction(tx -> letters.issue(tx, r)
        .compose(idLetter -> Future.failedFuture(new IllegalStateException("the step failed after its letter")))));
    assertEquals("the step failed after its letter", e.getMessage());
    assertEquals(0, app.count("select count(*) from letter where case_ref = 'example:991'"));
    assertEquals(before, app.count("select count(*) from mail_outbox where kind = 'LETTER'"));

    // The start's warm-up render writes nothing.
    await(letters.warmUp());
    assertEquals(0, app.count("select count(*) from letter where case_ref in ('example:991', 'cascade:0')"));
    // Committed, the same letter is kept and mailed: a case of another feature points here by its reference (a no-show
    // case's letters must go to its request's person: V22's clause of letter_guard, tested in NoShowDecisionTest).
    long id = await(app.app().pool().withTransaction(tx -> letters.issue(tx, r)));
    assertEquals(1, app.count("select count(*) from letter where id = " + id + " and case_ref = 'example:991' and cascade_id is null "
        + "and outbox_id is not null and decided_by is null"));
  }

  /** Refused by the letter's guard (SQLSTATE 23514) with this message, not by some other check. */
  static void assertRefusedBy(String message, String error) {
    assertTrue(error != null && error.startsWith("23514") && error.contains(message), String.valueOf(error));
  }
}
