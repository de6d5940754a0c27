package at.jobfair.privacy;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Corrections and erasure requests over the API: who sees and closes them, the trail, bad input and the race. */
class RightsRequestsTest {

  static TestApp app;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("privacy.erasureDays", 21));
    fx = new Fixtures(app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void aCorrectionGoesToTheCaseworkerWhoAnswersAndThePersonReadsTheReplyWithEveryStepInTheTrail() {
    TestClient alex = app.as("seeker@demo.test");
    long alexId = fx.accountId("seeker@demo.test");
    String words = "Meine Telefonnummer ist falsch: richtig ist 0664 1234567.";
    var asked = alex.post("/api/me/rights-requests", json("kind", "CORRECTION", "text", words));
    assertEquals(201, asked.status(), asked.body());
    long id = asked.json().getLong("id");
    assertEquals("OPEN", asked.json().getString("state"));

    // The caseworker (and organisers) see it; staff without a relation to Alex and employers do not.
    TestClient sfa = app.as("sfa@demo.test");
    assertTrue(ids(sfa.get("/api/rights-requests")).contains(id));
    assertTrue(ids(app.as("organizer@demo.test").get("/api/rights-requests")).contains(id));
    assertEquals(403, app.as("kommune@demo.test").get("/api/rights-requests").status(), "the municipality changes no record");
    assertEquals(403, app.as("employer@demo.test").get("/api/rights-requests").status());
    assertEquals(404, app.as("seeker2@demo.test").get("/api/me/rights-requests/" + id).status(), "someone else's request");

    var closed = sfa.post("/api/rights-requests/" + id + "/close", json("outcome", "DONE", "reply", "Die Nummer ist berichtigt."));
    assertEquals(200, closed.status(), closed.body());
    var mine = alex.get("/api/me/rights-requests/" + id).json();
    assertEquals("DONE", mine.getString("state"));
    assertEquals("Die Nummer ist berichtigt.", mine.getString("reply"));
    assertTrue(alex.get("/me/data").body().contains("Die Nummer ist berichtigt."), "the reply on the page");
    assertEquals(409, sfa.post("/api/rights-requests/" + id + "/close", json("outcome", "REFUSED", "reply", "doch nicht")).status(),
        "closed once");

    // The trail: the asking and the closing, with the hash of the words but never the words.
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'account:" + alexId + "' and event = 'ASK_CORRECTION'"
        + " and reasons = 'text sha256 " + RightsRequests.sha256(words) + "'"));
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'rights:" + id + "' and event = 'DONE' and to_state = 'DONE'"));
    assertEquals(0, app.count("select count(*) from audit_log where reasons like '%0664%' or reasons like '%berichtigt%'"));
    assertTrue(app.as("organizer@demo.test").get("/api/audit/verify").json().getBoolean("ok"));
  }

  @Test
  void badInputIsAClear4xxWithAMessageAndWritesNothing() {
    String email = fx.jobseekers("bad-input", 1).get(0);
    TestClient person = app.as(email).language("en");
    long before = app.count("select count(*) from rights_request");
    var tooLong = person.post("/api/me/rights-requests", json("kind", "CORRECTION", "text", "x".repeat(2001)));
    assertError(tooLong, 400, "rights_text_invalid");
    assertTrue(tooLong.json().getString("message").contains("2000"), tooLong.body());
    assertError(person.post("/api/me/rights-requests", json("kind", "CORRECTION", "text", "  ")), 400, "rights_text_invalid");
    assertError(person.post("/api/me/rights-requests", json("kind", "CORRECTION", "text", "a\u0007b")), 400, "rights_text_invalid");
    assertError(person.post("/api/me/rights-requests", json("kind", "CORRECTION", "text", 42)), 400, "rights_text_invalid");
    assertError(person.post("/api/me/rights-requests", json("kind", "DELETE_ALL")), 400, "rights_kind_invalid");
    assertError(person.postRaw("/api/me/rights-requests", "application/json", "{"), 400, "invalid_json");
    assertEquals(before, app.count("select count(*) from rights_request"));

    assertEquals(201, person.post("/api/me/rights-requests", json("kind", "ERASURE")).status());
    assertError(person.post("/api/me/rights-requests", json("kind", "ERASURE", "text", "again")), 409, "rights_request_open");
    long id = person.get("/api/me/rights-requests").json().getJsonArray("items").getJsonObject(0).getLong("id");
    assertNotNull(person.get("/api/me/rights-requests").json().getJsonArray("items").getJsonObject(0).getString("dueAt"));
    assertEquals(21, app.count("select extract(day from due_at - created_at)::int from rights_request where id = " + id),
        "due privacy.erasureDays after asking");

    TestClient organizer = app.as("organizer@demo.test").language("en");
    // Past its due date, the organisers' list marks it.
    new Fixtures(app).exec("update rights_request set due_at = now() - interval '1 day' where id = ?", id);
    JsonObject listed = organizer.get("/api/rights-requests").json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(o -> o.getLong("id") == id).findFirst().orElseThrow();
    assertTrue(listed.getBoolean("overdue"), listed.encode());
    assertTrue(organizer.get("/staff/rights-requests?lang=en").body().contains("Overdue"));
    assertError(organizer.post("/api/rights-requests/" + id + "/close", json("outcome", "REFUSED")), 400, "rights_reply_invalid");
    assertError(organizer.post("/api/rights-requests/" + id + "/close", json("outcome", "MAYBE", "reply", "x")), 400, "rights_outcome_invalid");
    assertError(organizer.post("/api/rights-requests/99999999/close", json("outcome", "DONE")), 404, "rights_request_not_found");
    assertError(app.as("sfa@demo.test").post("/api/rights-requests/" + id + "/close", json("outcome", "DONE")), 404,
        "rights_request_not_found");
    assertEquals(403, person.post("/api/rights-requests/" + id + "/close", json("outcome", "DONE")).status(), "not for jobseekers");
    assertEquals("OPEN", person.get("/api/me/rights-requests/" + id).json().getString("state"));
  }

  @Test
  void anErasureWhileACaseIsRunningIsNotCarriedOutAndARefusalWithItsReasonReachesThePerson() {
    // Alex has an open request for reasons in the demo: his case is running.
    TestClient alex = app.as("seeker@demo.test");
    long alexId = fx.accountId("seeker@demo.test");
    assertTrue(app.count("select count(*) from reasons_request where jobseeker_id = " + alexId + " and state in ('ASKED', 'ANSWERED')") > 0);
    var asked = alex.post("/api/me/rights-requests", json("kind", "ERASURE", "text", "Bitte alles löschen."));
    assertEquals(201, asked.status(), asked.body());
    long id = asked.json().getLong("id");
    TestClient organizer = app.as("organizer@demo.test");
    assertError(organizer.post("/api/rights-requests/" + id + "/close", json("outcome", "DONE")), 409, "erasure_open_case");
    assertEquals(1, app.count("select count(*) from account where id = " + alexId + " and active and erased_at is null"), "nothing erased");
    assertEquals("OPEN", alex.get("/api/me/rights-requests/" + id).json().getString("state"), "the refused attempt wrote nothing");

    var refused = organizer.post("/api/rights-requests/" + id + "/close", json("outcome", "REFUSED",
        "reply", "Ihr Fall ist noch offen; wir löschen nach seinem Abschluss."));
    assertEquals(200, refused.status(), refused.body());
    String page = alex.get("/me/data").body();
    assertTrue(page.contains("abgelehnt") && page.contains("Ihr Fall ist noch offen; wir löschen nach seinem Abschluss."), page);
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'rights:" + id + "' and event = 'REFUSE' and to_state = 'REFUSED'"));
  }

  @Test
  void twoOrganisersCarryingOutTheSameErasureAtOnceExactlyOneSucceeds() throws Exception {
    TestClient first = app.as("organizer@demo.test");
    TestClient second = app.as("organizer@demo.test");
    for (String email : fx.jobseekers("race", 4)) {
      var asked = app.as(email).post("/api/me/rights-requests", json("kind", "ERASURE"));
      long id = asked.json().getLong("id");
      long person = fx.accountId(email);
      fx.exec("insert into waitlist_entry (booth_id, jobseeker_id) select min(id), ? from booth", person);
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<Integer>> both = new ArrayList<>();
      for (TestClient c : List.of(first, second)) {
        both.add(CompletableFuture.supplyAsync(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return c.post("/api/rights-requests/" + id + "/close", json("outcome", "DONE")).status();
        }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>(List.of(both.get(0).get(), both.get(1).get()));
      statuses.sort(Integer::compareTo);
      assertEquals(List.of(200, 409), statuses, email);
      assertEquals(1, app.count("select count(*) from audit_log where subject = 'rights:" + id + "' and event = 'ERASE'"));
      assertEquals(1, app.count("select count(*) from account where email = '" + email + "'") == 0 ? 1 : 0, "erased once");
      assertEquals(0, app.count("select count(*) from waitlist_entry where jobseeker_id = " + person + " and status in ('WAITING', 'OFFERED')"),
          "their waitlist places end");
    }
  }

  private static JsonObject json(Object... kv) {
    JsonObject j = new JsonObject();
    for (int i = 0; i < kv.length; i += 2) j.put((String) kv[i], kv[i + 1]);
    return j;
  }

  private static List<Long> ids(TestClient.Response r) {
    assertEquals(200, r.status(), r.body());
    List<Long> out = new ArrayList<>();
    for (Object o : r.json().getJsonArray("items")) out.add(((JsonObject) o).getLong("id"));
    return out;
  }

  private static void assertError(TestClient.Response r, int status, String code) {
    assertEquals(status, r.status(), r.body());
    assertEquals(code, r.json().getString("error"), r.body());
    String message = r.json().getString("message");
    assertTrue(message != null && !message.isBlank() && !message.contains("{0") && !message.startsWith("error."), r.body());
  }
}
