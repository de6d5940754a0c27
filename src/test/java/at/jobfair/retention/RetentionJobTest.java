package at.jobfair.retention;

import at.jobfair.App;
import at.jobfair.Services;
import at.jobfair.cascade.CascadeTestData;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention against the real database: sick notes and the words of hearing records are blanked after their periods
 * (binding 30 days, voluntary 7, case evidence 60 after the case closed), everything younger or still open is kept,
 * each item once however many runs race, audited per item and per run, and the audit chain still verifies.
 */
class RetentionJobTest {

  static TestApp app;
  static CascadeTestData data;
  static long sfa;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("attendance.pollSeconds", 3600, "cascade.closePollSeconds", 3600, "retention.pollSeconds", 86400,
        "retention.sickNoteDays", 30, "retention.voluntaryDays", 7, "retention.caseEvidenceDays", 60));
    data = new CascadeTestData(app);
    sfa = data.fx().accountId("sfa@demo.test");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static RetentionJob job() {
    Services s = app.app().services();
    return App.retentionJob(s.config(), s.pool(), s.platform().audit());
  }

  /** A sick note for a new person's booking of this basis, recorded {@code daysAgo} days ago. */
  private static long sickNote(long fair, String basis, int daysAgo) {
    long vacancy = data.vacancy(fair, null, "Koch");
    long person = data.person(vacancy, basis, sfa, "UNEMPLOYMENT_BENEFIT");
    long booking = app.count("select id from booking where jobseeker_id = " + person);
    return app.insert("insert into sick_note (booking_id, jobseeker_id, note, recorded_by, recorded_at) values (?, ?, ?, ?, now() - make_interval(days => ?)) "
        + "returning id", booking, person, "Grippe, Arztbestätigung Dr. Huber", sfa, daysAgo);
  }

  /** A case with a hearing record whose words are on file; closed {@code closedDaysAgo} days ago, or open when negative. */
  private static long hearing(int closedDaysAgo) {
    long fair = data.fair("CAMPAIGN");
    long vacancy = data.vacancy(fair, null, "Koch");
    long person = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    TestClient sfu = data.as("sfu@demo.test");
    JsonObject st = data.stations(sfu, fair);
    long id = data.admit(sfu, fair, person);
    data.next(sfu, st.getLong("OFFER"));
    data.event(sfu, id, CascadeTestData.ev("OFFER_DECLINED").put("vacancyId", vacancy).put("reasons", "Zu weit"));
    TestClient erhebung = data.as("erhebung@demo.test");
    data.next(erhebung, st.getLong("SANCTION_CHECK"));
    var r = erhebung.post("/api/cascades/" + id + "/hearing", new JsonObject().put("language", "de").put("confirmed", true)
        .put("statement", "Ich pflege meine Mutter.").put("items", new JsonArray()
            .add(new JsonObject().put("topic", "CARE").put("words", "Jeden Abend bei ihr.").put("finding", "UNCLEAR"))));
    assertEquals(200, r.status(), r.body());
    data.event(erhebung, id, CascadeTestData.ev("FINDING").put("finding", "JUSTIFIED").put("reasons", "Pflege belegt"));
    if (closedDaysAgo >= 0) {
      // closed by the platform's own step long ago: the time of its end is what retention counts from
      data.fx().exec("update cascade set state = 'CLOSED', updated_at = now() - make_interval(days => ?) where id = ?", closedDaysAgo, id);
    }
    return app.count("select id from hearing_record where cascade_id = " + id);
  }

  @Test
  void retentionBlanksWhatIsDueKeepsTheRestAuditsEachOnceAndTheChainStillVerifies() throws Exception {
    long fair = data.fair("CAMPAIGN");
    long bindingOld = sickNote(fair, "BINDING", 31);
    long bindingYoung = sickNote(fair, "BINDING", 20);
    long voluntaryOld = sickNote(fair, "VOLUNTARY", 8);
    long voluntaryYoung = sickNote(fair, "VOLUNTARY", 6);
    long closedLongAgo = hearing(61);
    long closedRecently = hearing(10);
    long open = hearing(-1);

    // several nodes at once: one run does the work, the others find the lock taken (or nothing left)
    List<Future<Integer>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) runs.add(job().run());
    int removed = 0;
    for (Future<Integer> f : runs) removed += Math.max(0, await(f));
    assertTrue(removed >= 3, "at least the three due items: " + removed);

    for (long id : List.of(bindingOld, voluntaryOld)) {
      assertEquals(1, app.count("select count(*) from sick_note where id = " + id + " and note is null and anonymised_at is not null"));
      assertEquals(1, app.count("select count(*) from audit_log where subject = 'retention:sick_note:" + id + "' and event = 'ANONYMISED'"));
    }
    for (long id : List.of(bindingYoung, voluntaryYoung)) {
      assertEquals(1, app.count("select count(*) from sick_note where id = " + id + " and note = 'Grippe, Arztbestätigung Dr. Huber' "
          + "and anonymised_at is null"));
      assertEquals(0, app.count("select count(*) from audit_log where subject = 'retention:sick_note:" + id + "'"));
    }
    assertEquals(1, app.count("select count(*) from hearing_record where id = " + closedLongAgo + " and statement is null and anonymised_at is not null"));
    assertEquals(1, app.count("select count(*) from hearing_item where record_id = " + closedLongAgo + " and words is null "
        + "and finding = 'UNCLEAR' and anonymised_at is not null"), "the finding stays");
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'retention:hearing_record:" + closedLongAgo + "'"));
    for (long id : List.of(closedRecently, open)) {
      assertEquals(1, app.count("select count(*) from hearing_record where id = " + id + " and statement = 'Ich pflege meine Mutter.'"));
      assertEquals(1, app.count("select count(*) from hearing_item where record_id = " + id + " and words = 'Jeden Abend bei ihr.'"));
    }
    assertTrue(app.count("select count(*) from audit_log where subject = 'retention' and event = 'RUN'") >= 1);

    // the dossier says the words were deleted; the chain verifies, its records untouched by the anonymisation
    long cascade = app.count("select cascade_id from hearing_record where id = " + closedLongAgo);
    var dossier = data.as("sfa@demo.test").get("/api/cascades/" + cascade + "/dossier");
    assertEquals(200, dossier.status(), dossier.body());
    JsonObject h = dossier.json().getJsonObject("hearing");
    assertTrue(h != null, dossier.body());
    assertTrue(h.getString("anonymisedAt") != null && h.getString("statement") == null, h.encode());
    var verify = await(app.app().services().platform().audit().verify());
    assertTrue(verify.ok(), "first bad: " + verify.firstBad());

    // a second run finds nothing more to do, and still records that it ran
    long runsBefore = app.count("select count(*) from audit_log where subject = 'retention'");
    assertEquals(0, await(job().run()));
    assertEquals(runsBefore + 1, app.count("select count(*) from audit_log where subject = 'retention'"));
    assertTrue(await(app.app().services().platform().audit().verify()).ok());
  }

  @Test
  void aRunThatFindsTheLockTakenDoesNothing() throws Exception {
    // hold the run's lock in another session, as another node would
    try (var c = app.jdbc()) {
      c.setAutoCommit(false);
      try (var s = c.createStatement()) {
        s.execute("select pg_advisory_xact_lock(" + RetentionJob.LOCK + ")");
        assertEquals(-1, await(job().run()));
      }
      c.rollback();
    }
    assertTrue(await(job().run()) >= 0);
    assertTrue(Instant.now().isAfter(Instant.EPOCH));
  }
}
