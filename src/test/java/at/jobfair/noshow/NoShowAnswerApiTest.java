package at.jobfair.noshow;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The person's answer: their own words and proof until the deadline, the type told by content and the size and number
 * limited, each refusal a 4xx with a message; the proof served only to the person and the decider, as an attachment.
 */
class NoShowAnswerApiTest {

  static TestApp app;
  static NoShowTestData data;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("attendance.pollSeconds", 3600, "noshow.pollSeconds", 3600, "noshow.maxFiles", 2, "noshow.maxFileKiB", 16));
    data = new NoShowTestData(app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static long asked(String email) throws Exception {
    long booking = data.noShow(email, "BINDING", null);
    data.run();
    return data.request(booking);
  }

  @Test
  void thePersonAnswersInTheirOwnWordsAndAttachesProofUntilTheDeadline() throws Exception {
    String email = data.person("answer");
    long r = asked(email);
    TestClient me = app.as(email);
    assertEquals("ASKED", me.get("/api/reasons/" + r).json().getString("state"));
    assertEquals(1, me.get("/api/me/reasons").json().getJsonArray("items").size());

    var empty = me.post("/api/reasons/" + r + "/answers", new JsonObject().put("text", "   "));
    assertEquals(400, empty.status());
    assertEquals("reasons_text_required", empty.json().getString("error"));
    assertFalse(empty.json().getString("message").isBlank());
    var answered = me.post("/api/reasons/" + r + "/answers", new JsonObject().put("text", "Mein Kind war krank, ich musste zu Hause bleiben."));
    assertEquals(201, answered.status(), answered.body());
    assertEquals("ANSWERED", answered.json().getString("state"));
    assertEquals(201, me.post("/api/reasons/" + r + "/answers", new JsonObject().put("text", "Die Bestätigung der Kinderärztin lade ich hoch.")).status());

    var pdf = me.postBytes("/api/reasons/" + r + "/evidence?name=Bestaetigung.pdf", "application/pdf", EvidenceFileTest.PDF);
    assertEquals(201, pdf.status(), pdf.body());
    // An HTML page claiming to be a PDF is told by its content and refused.
    var html = me.postBytes("/api/reasons/" + r + "/evidence?name=krank.pdf", "application/pdf",
        "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8));
    assertEquals(415, html.status(), html.body());
    assertEquals("evidence_type", html.json().getString("error"));
    byte[] big = Arrays.copyOf(EvidenceFileTest.PNG, 17 * 1024);
    var tooLarge = me.postBytes("/api/reasons/" + r + "/evidence", "image/png", big);
    assertEquals(413, tooLarge.status(), tooLarge.body());
    assertTrue(tooLarge.json().getString("message").contains("16"), tooLarge.body());
    assertEquals(201, me.postBytes("/api/reasons/" + r + "/evidence", "image/jpeg", EvidenceFileTest.JPEG).status());
    var third = me.postBytes("/api/reasons/" + r + "/evidence", "image/png", EvidenceFileTest.PNG);
    assertEquals(409, third.status(), third.body());
    assertEquals("evidence_too_many", third.json().getString("error"));
    assertTrue(third.json().getString("message").contains("2"), third.body());

    JsonObject view = me.get("/api/reasons/" + r).json();
    assertEquals(2, view.getJsonArray("answers").size());
    assertEquals(2, view.getJsonArray("evidence").size());
    assertEquals("Bestaetigung.pdf", view.getJsonArray("evidence").getJsonObject(0).getString("name"));
    assertEquals(0, app.count("select count(*) from audit_log where subject = 'reasons:" + r + "' and reasons like '%Kind%'"),
        "the person's words stay out of the audit trail, which is never deleted");
    assertEquals(4, app.count("select count(*) from audit_log where subject = 'reasons:" + r + "' and event in ('ANSWER', 'EVIDENCE')"));

    data.deadlinePassed(r);
    var late = me.post("/api/reasons/" + r + "/answers", new JsonObject().put("text", "Noch etwas"));
    assertEquals(409, late.status());
    assertEquals("reasons_deadline_passed", late.json().getString("error"));
    assertEquals(409, me.postBytes("/api/reasons/" + r + "/evidence", "image/png", EvidenceFileTest.PNG).status());
  }

  @Test
  void theProofReachesOnlyThePersonAndTheirCaseworkerAsAnAttachment() throws Exception {
    String email = data.person("proof");
    long r = asked(email);
    var up = app.as(email).postBytes("/api/reasons/" + r + "/evidence?name=Krankmeldung.pdf", "application/pdf", EvidenceFileTest.PDF);
    assertEquals(201, up.status(), up.body());
    String url = up.json().getString("url");

    for (String reader : new String[] {email, "sfa@demo.test"}) {
      HttpResponse<byte[]> file = app.as(reader).getBytes(url);
      assertEquals(200, file.statusCode(), reader);
      assertArrayEquals(EvidenceFileTest.PDF, file.body());
      assertEquals("application/pdf", file.headers().firstValue("Content-Type").orElseThrow());
      assertEquals("attachment; filename=\"Krankmeldung.pdf\"", file.headers().firstValue("Content-Disposition").orElseThrow());
      assertEquals("nosniff", file.headers().firstValue("X-Content-Type-Options").orElseThrow());
    }
    String otherPerson = data.person("other-person");
    String otherSfa = "sfa-noshow-other@example.org";
    app.as("organizer@demo.test").post("/api/users", new JsonObject().put("email", otherSfa).put("name", "Andere SfA")
        .put("password", Fixtures.PASSWORD).put("roles", new io.vertx.core.json.JsonArray().add("SFA")));
    // Someone else's request does not exist for them; roles that never see it are refused at the door.
    for (String stranger : new String[] {otherPerson, otherSfa, "kommune@demo.test"}) {
      TestClient c = app.as(stranger);
      assertEquals(404, c.getBytes(url).statusCode(), stranger);
      assertEquals(404, c.get("/api/reasons/" + r).status(), stranger);
    }
    for (String refused : new String[] {"employer@demo.test", "sfu@demo.test", "provider@demo.test"}) {
      TestClient c = app.as(refused);
      assertEquals(403, c.getBytes(url).statusCode(), refused);
      assertEquals(403, c.get("/api/reasons/" + r).status(), refused);
    }
    assertEquals(401, app.client().getBytes(url).statusCode());
    assertEquals(404, app.as(otherPerson).post("/api/reasons/" + r + "/answers", new JsonObject().put("text", "fremd")).status());
    assertEquals(404, app.as(email).getBytes(url.replaceAll("/[0-9]+$", "/999999")).statusCode());
  }
}
