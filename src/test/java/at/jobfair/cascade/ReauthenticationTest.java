package at.jobfair.cascade;

import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static at.jobfair.cascade.CascadeTestData.assertRefused;
import static at.jobfair.cascade.CascadeTestData.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A decision on a person's benefit asks the decider for the password again once the sign-in is not fresh any more. */
class ReauthenticationTest {

  static TestApp app;
  static CascadeTestData data;

  @BeforeAll
  static void start() {
    // every sign-in counts as old at once: each decision asks
    app = TestApp.start(Map.of("attendance.pollSeconds", 3600, "auth.reauthMinutes", 0));
    data = new CascadeTestData(app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void aDecisionWithoutThePasswordIsRefusedAndWithItRecorded() {
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    long sfa = data.fx().accountId("sfa@demo.test");
    long fair = data.fair("SUPRA_REGIONAL");
    long seasonal = data.vacancy(fair, hotel, "Koch (Saison)");
    long local = data.vacancy(fair, null, "Küchenhilfe");
    long person = data.person(seasonal, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    TestClient sfu = data.as("sfu@demo.test");
    TestClient caseworker = data.as("sfa@demo.test");
    JsonObject st = CascadeTestData.stationIds(sfu.get("/api/fairs/" + fair + "/stations").json().getJsonArray("stations"));
    long id = data.admit(sfu, fair, person);
    data.next(sfu, st.getLong("OFFER"));
    data.event(sfu, id, ev("OFFER_DECLINED").put("vacancyId", seasonal).put("reasons", "Zu weit weg."));
    data.next(sfu, st.getLong("LOCAL_OFFER"));
    data.event(sfu, id, ev("LOCAL_OFFER_DECLINED").put("vacancyId", local).put("reasons", "Arbeitszeiten."));
    TestClient checker = data.as(data.staff("sfa-check", "SFA"));
    data.next(checker, st.getLong("SANCTION_CHECK"));
    data.event(checker, id, ev("STATEMENT").put("reasons", "Ich will nicht."));
    assertEquals("SANCTION_PROPOSED", data.event(checker, id, ev("FINDING").put("finding", "NOT_JUSTIFIED")
        .put("reasons", "Keine Gründe.")).getString("state"), "the station's own steps ask for nothing more");

    JsonObject impose = ev("DECIDE").put("decision", "IMPOSE").put("reasons", "Ohne wichtigen Grund abgelehnt.");
    assertRefused(caseworker.post("/api/cascades/" + id + "/events", impose), 403, "reauth_required");
    assertEquals(401, caseworker.post("/api/cascades/" + id + "/events", impose.copy().put("password", "wrong")).status());
    assertEquals("SANCTION_PROPOSED", caseworker.get("/api/cascades/" + id).json().getString("state"), "nothing decided");

    // The page asks for the password in the decision form.
    String page = caseworker.get("/staff/cascades/" + id).body();
    assertTrue(page.contains("name=\"password\""), "the decision form asks for the password");
    assertFalse(page.contains("name=\"code\""), "no code without a second factor");

    var decided = caseworker.post("/api/cascades/" + id + "/events", impose.copy().put("password", "demo"));
    assertEquals(200, decided.status(), decided.body());
    assertEquals("IMPOSED", decided.json().getString("state"));
  }
}
