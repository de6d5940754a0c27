package at.jobfair.cascade;

import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static at.jobfair.cascade.CascadeTestData.assertRefused;
import static at.jobfair.cascade.CascadeTestData.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How cases end without a human: a sanction bar recorded after the person reached the sanction check or the decision
 * ends the case at once, audited, by the platform; the closing job closes due cases once, however many instances run it.
 */
class CascadeEndTest {

  static TestApp app;
  static CascadeTestData data;
  static long sfa;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("attendance.pollSeconds", 3600, "cascade.closePollSeconds", 3600));
    data = new CascadeTestData(app);
    sfa = data.fx().accountId("sfa@demo.test");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static CascadeService service() {
    return app.app().services().cases().cascades();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static JsonObject view(long id) {
    var r = data.as("sfa@demo.test").get("/api/cascades/" + id);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  private static JsonObject lastStep(JsonObject view) {
    JsonArray steps = view.getJsonArray("steps");
    return steps.getJsonObject(steps.size() - 1);
  }

  private static void assertEndedBy(String bar, long id) {
    JsonObject c = view(id);
    assertEquals("ENDED_NO_SANCTION_CHECK", c.getString("state"));
    assertEquals(null, c.getString("station"));
    JsonObject step = lastStep(c);
    assertEquals("SANCTION_BARRED", step.getString("event"));
    assertEquals("SYSTEM", step.getJsonObject("actor").getString("role"));
    assertEquals(bar, step.getString("reasons"));
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'cascade:" + id + "' and event = 'SANCTION_BARRED' "
        + "and actor_role = 'SYSTEM' and to_state = 'ENDED_NO_SANCTION_CHECK' and reasons = '" + bar + "' and seq = "
        + step.getLong("auditSeq")));
  }

  @Test
  void anEmployersNoShowRecordedLateEndsTheCaseWaitingAtTheSanctionCheck() {
    long fair = data.fair("SUPRA_REGIONAL");
    long vacancy = data.vacancy(fair, null, "Koch");
    long person = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    long id = data.declineBoth(fair, vacancy, person).getLong("id");
    assertEquals("WAITING", view(id).getString("state"));
    long booking = app.count("select id from booking where jobseeker_id = " + person);

    var r = data.as("organizer@demo.test").put("/api/bookings/" + booking + "/outcome", new JsonObject().put("outcome", "EMPLOYER_NO_SHOW"));
    assertEquals(200, r.status(), r.body());

    assertEndedBy("sanction_barred_employer_no_show", id);
    assertTrue(view(id).getBoolean("employerNoShow"));
    // the queue is empty, and no sanction step is possible any more
    long check = data.stations(data.as("sfa@demo.test"), fair).getLong("SANCTION_CHECK");
    assertEquals(0, data.as("sfa@demo.test").get("/api/stations/" + check + "/queue").json().getJsonArray("waiting").size());
    assertRefused(data.as("sfa@demo.test").post("/api/stations/" + check + "/next", new JsonObject()), 404, "queue_empty");
    assertRefused(data.as("sfa@demo.test").post("/api/cascades/" + id + "/events", ev("STATEMENT").put("reasons", "x")), 409,
        "event_not_allowed");
    assertRefused(data.as("sfa@demo.test").post("/api/cascades/" + id + "/events",
        ev("DECIDE").put("decision", "IMPOSE").put("reasons", "x")), 409, "event_not_allowed");
    // recording it again changes nothing: one ending, one audit record
    assertEquals(200, data.as("organizer@demo.test").put("/api/bookings/" + booking + "/outcome",
        new JsonObject().put("outcome", "EMPLOYER_NO_SHOW")).status());
    assertEquals(1, app.count("select count(*) from cascade_step where cascade_id = " + id + " and event = 'SANCTION_BARRED'"));
    // nobody but the platform records it, not even around the service
    long seq = app.count("select max(seq) from audit_log");
    assertEquals("23514", data.sqlState("insert into cascade_step (cascade_id, event, from_state, from_station, to_state, actor_role, audit_seq, at) "
        + "values (?, 'SANCTION_BARRED', 'WAITING', 'SANCTION_CHECK', 'ENDED_NO_SANCTION_CHECK', 'SFA', ?, now())", id, seq));
    assertEquals("23514", data.sqlState("insert into cascade_step (cascade_id, event, from_state, from_station, to_state, to_station, actor_role, audit_seq, at) "
        + "values (?, 'SANCTION_BARRED', 'WAITING', 'SANCTION_CHECK', 'AT_STATION', 'SANCTION_CHECK', 'SYSTEM', ?, now())", id, seq));
    assertRefused(data.as("sfa@demo.test").post("/api/cascades/" + id + "/events", ev("SANCTION_BARRED")), 409, "event_not_allowed");

    // staff read the bar in words on the case page, not a code
    var casePage = data.as("sfa@demo.test").get("/staff/cascades/" + id);
    assertEquals(200, casePage.status());
    assertTrue(casePage.body().contains("data-event=\"SANCTION_BARRED\"") && !casePage.body().contains(">sanction_barred_employer_no_show<"),
        casePage.body());
    // the person reads in plain words why it ended
    TestClient me = data.as(data.email(person));
    var page = me.get("/me/cascade");
    assertEquals(200, page.status());
    assertTrue(page.body().contains("Das Unternehmen ist nicht zu Ihrem Termin gekommen")
        || page.body().contains("The employer did not come to your appointment"), page.body());
    JsonObject mine = me.get("/api/me/cascades").json().getJsonArray("cascades").getJsonObject(0);
    assertEquals("sanction_barred_employer_no_show", mine.getString("barred"));
  }

  @Test
  void anOutageRecordedLateEndsCasesAtTheCheckAndBeforeTheDecisionButOnlyTheSlotsItCovers() {
    long fair = data.fair("SUPRA_REGIONAL");
    long vacancy = data.vacancy(fair, null, "Koch");
    long proposed = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    long heard = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    long untouched = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    long idProposed = data.declineBoth(fair, vacancy, proposed).getLong("id");
    long idHeard = data.declineBoth(fair, vacancy, heard).getLong("id");
    long idUntouched = data.declineBoth(fair, vacancy, untouched).getLong("id");
    TestClient sfaClient = data.as("sfa@demo.test");
    long check = data.stations(sfaClient, fair).getLong("SANCTION_CHECK");
    // the first is heard and a sanction proposed; the second is at the check with a statement
    assertEquals(idProposed, data.next(sfaClient, check).getLong("id"));
    data.event(sfaClient, idProposed, ev("STATEMENT").put("reasons", "Ich will nicht."));
    data.event(sfaClient, idProposed, ev("FINDING").put("finding", "NOT_JUSTIFIED").put("reasons", "Keine Gründe."));
    assertEquals("SANCTION_PROPOSED", view(idProposed).getString("state"));
    assertEquals(idHeard, data.next(sfaClient, check).getLong("id"));
    data.event(sfaClient, idHeard, ev("STATEMENT").put("reasons", "Ich war krank."));

    // an outage covering the slots of the first two, not the third
    Instant from = Instant.ofEpochSecond(app.count("select extract(epoch from lower(during))::bigint from booking where jobseeker_id = " + heard));
    Instant to = Instant.ofEpochSecond(app.count("select extract(epoch from upper(during))::bigint from booking where jobseeker_id = " + proposed));
    assertTrue(from.isBefore(to));
    var r = data.as("organizer@demo.test").post("/api/fairs/" + fair + "/outages", new JsonObject().put("from", from.toString())
        .put("to", to.toString()).put("reason", "Videodienst ausgefallen"));
    assertEquals(201, r.status(), r.body());

    assertEndedBy("sanction_barred_outage", idProposed);
    assertEndedBy("sanction_barred_outage", idHeard);
    assertEquals("WAITING", view(idUntouched).getString("state"));
    assertEquals(0, app.count("select count(*) from cascade_step where cascade_id = " + idUntouched + " and event = 'SANCTION_BARRED'"));
    // the caseworker has nothing to decide on the ended case
    assertRefused(sfaClient.post("/api/cascades/" + idProposed + "/events", ev("DECIDE").put("decision", "IMPOSE").put("reasons", "x")),
        409, "event_not_allowed");
    assertTrue(sfaClient.get("/api/cascade-tasks").json().getJsonArray("items").stream()
        .noneMatch(o -> ((JsonObject) o).getLong("cascade") == idProposed));
    // and the database's CHECK holds: the barred case carries its fact and sits in no sanction state
    assertEquals(1, app.count("select count(*) from cascade where id = " + idProposed + " and outage and station is null"));
  }

  @Test
  void theClosingJobsSafetyNetEndsABarThatReachedTheDatabaseAnotherWay() throws Exception {
    long fair = data.fair("SUPRA_REGIONAL");
    long vacancy = data.vacancy(fair, null, "Koch");
    long person = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    long id = data.declineBoth(fair, vacancy, person).getLong("id");
    long booking = app.count("select id from booking where jobseeker_id = " + person);
    data.fx().exec("insert into attendance (booking_id, outcome, outcome_source, outcome_at) values (?, 'EMPLOYER_NO_SHOW', 'EMPLOYER', now())", booking);
    assertEquals("WAITING", view(id).getString("state"));
    assertTrue(await(service().endBarredEverywhere()) >= 1);
    assertEndedBy("sanction_barred_employer_no_show", id);
    assertEquals(0, (int) await(service().endBarredEverywhere()));
  }

  @Test
  void twoConcurrentRunsOfTheClosingJobCloseEachDueCaseOnceAndLeaveTheRest() throws Exception {
    long fair = data.fair("SUPRA_REGIONAL");
    long vacancy = data.vacancy(fair, null, "Koch");
    List<Long> due = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      due.add(data.declineBoth(fair, vacancy, data.person(vacancy, "VOLUNTARY", sfa, "UNEMPLOYMENT_BENEFIT")).getLong("id"));
    }
    long fresh = data.declineBoth(fair, vacancy, data.person(vacancy, "VOLUNTARY", sfa, "UNEMPLOYMENT_BENEFIT")).getLong("id");
    // two imposed sanctions, on a playbook with a ten-day waiver period: one still open, one passed
    long open = data.declineBoth(fair, vacancy, data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT")).getLong("id");
    long passed = data.declineBoth(fair, vacancy, data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT")).getLong("id");
    TestClient sfaClient = data.as("sfa@demo.test");
    long check = data.stations(sfaClient, fair).getLong("SANCTION_CHECK");
    for (long id : List.of(open, passed)) {
      assertEquals(id, data.next(sfaClient, check).getLong("id"));
      data.event(sfaClient, id, ev("STATEMENT").put("reasons", "Kein Interesse."));
      data.event(sfaClient, id, ev("FINDING").put("finding", "NOT_JUSTIFIED").put("reasons", "Keine Gründe."));
      data.event(sfaClient, id, ev("DECIDE").put("decision", "IMPOSE").put("reasons", "Vereitelung."));
      assertEquals("IMPOSED", view(id).getString("state"));
    }
    data.fx().exec("update cascade_playbook set waiver_days = 10 where fair_id = ?", fair);
    for (long id : due) data.fx().exec("update cascade set updated_at = now() - interval '15 days' where id = ?", id);
    data.fx().exec("update cascade set updated_at = now() - interval '15 days', imposed_at = now() - interval '5 days' where id = ?", open);
    data.fx().exec("update cascade set updated_at = now() - interval '15 days', imposed_at = now() - interval '11 days' where id = ?", passed);
    due.add(passed);

    Future<Integer> a = service().closeDue(Duration.ofDays(14));
    Future<Integer> b = service().closeDue(Duration.ofDays(14));
    await(Future.all(a, b));
    assertEquals(due.size(), a.result() + b.result(), "each due case closed by exactly one run");

    for (long id : due) {
      assertEquals("CLOSED", view(id).getString("state"), "cascade " + id);
      assertEquals(1, app.count("select count(*) from cascade_step where cascade_id = " + id + " and event = 'CLOSE' and actor_role = 'SYSTEM'"));
      assertEquals(1, app.count("select count(*) from audit_log where subject = 'cascade:" + id + "' and event = 'CLOSE'"));
    }
    assertEquals("ENDED_NO_SANCTION_CHECK", view(fresh).getString("state"));
    assertEquals("IMPOSED", view(open).getString("state"));
    // a later run finds nothing more to do
    assertEquals(0, (int) await(service().closeDue(Duration.ofDays(14))));
  }
}
