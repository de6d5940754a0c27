package at.jobfair.cascade;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Where the dossier says the sanction stands, for every state a case can be in, from its steps. */
class DossierSanctionTest {

  private static JsonObject step(String event, String from, String decision, String reasons) {
    return new JsonObject().put("event", event).put("from", from).put("decision", decision).put("reasons", reasons)
        .put("at", "2027-03-10T10:00:00Z").put("actor", new JsonObject().put("name", "Markus Lehner").put("role", "SFA"));
  }

  private static final JsonObject FINDING = step("FINDING", "AT_STATION", null, "keine Gründe");

  @Test
  void everyStateSaysWhereTheSanctionStands() {
    JsonArray proposed = new JsonArray().add(FINDING);
    assertEquals("PROPOSED", Dossier.sanction("SANCTION_PROPOSED", proposed).getString("status"));
    assertEquals("PENDING", Dossier.sanction("DECISION_PENDING", proposed).getString("status"));
    JsonArray sentBack = proposed.copy().add(step("DECIDE", "SANCTION_PROPOSED", "SEND_BACK", "Stellungnahme fehlt"));
    JsonObject s = Dossier.sanction("SENT_BACK", sentBack);
    assertEquals("SENT_BACK", s.getString("status"));
    assertNull(s.getValue("decision"), "sending back decides nothing");
    JsonArray imposed = proposed.copy().add(step("DECIDE", "SANCTION_PROPOSED", "IMPOSE", "Vereitelung"));
    s = Dossier.sanction("IMPOSED", imposed);
    assertEquals("IMPOSED", s.getString("status"));
    assertEquals("Vereitelung", s.getJsonObject("decision").getString("reasons"));
    assertEquals("Markus Lehner", s.getJsonObject("decision").getJsonObject("by").getString("name"));
    assertEquals("NOT_IMPOSED", Dossier.sanction("NOT_IMPOSED",
        proposed.copy().add(step("DECIDE", "SANCTION_PROPOSED", "DO_NOT_IMPOSE", "glaubhaft"))).getString("status"));
    assertEquals("NO_SANCTION", Dossier.sanction("NO_SANCTION", proposed).getString("status"));
    JsonArray waived = imposed.copy().add(step("JOB_START", "IMPOSED", null, null)).add(step("WAIVE", "WAIVER_CONSIDERATION", null, "Arbeit"));
    assertEquals("WAIVER_CONSIDERATION", Dossier.sanction("WAIVER_CONSIDERATION", imposed).getString("status"));
    s = Dossier.sanction("WAIVED", waived);
    assertEquals("WAIVED", s.getString("status"));
    assertEquals("WAIVE", s.getJsonObject("waiver").getString("event"));
    // closed: by the platform after an end, or by refusing the waiver; the decision it rests on stays
    s = Dossier.sanction("CLOSED", imposed.copy().add(step("CLOSE", "IMPOSED", null, null)));
    assertEquals("CLOSED", s.getString("status"));
    assertEquals("IMPOSED", s.getString("closedFrom"));
    assertEquals("IMPOSE", s.getJsonObject("decision").getString("decision"));
    s = Dossier.sanction("CLOSED", imposed.copy().add(step("JOB_START", "IMPOSED", null, null))
        .add(step("REFUSE_WAIVER", "WAIVER_CONSIDERATION", null, "zwei Tage")));
    assertEquals("IMPOSED", s.getString("closedFrom"));
    assertEquals("REFUSE_WAIVER", s.getJsonObject("waiver").getString("event"));
    // no sanction was ever in question: no section at all, open or closed (also closed without a step, as before V13)
    for (String state : new String[] {"INVITED", "BOOKED", "WAITING", "AT_STATION", "ENDED_JOB_ACCEPTED", "ENDED_NO_SANCTION_CHECK", "EXCUSED"}) {
      assertNull(Dossier.sanction(state, new JsonArray()), state);
    }
    assertNull(Dossier.sanction("CLOSED", new JsonArray().add(step("CLOSE", "ENDED_JOB_ACCEPTED", null, null))));
    assertNull(Dossier.sanction("CLOSED", new JsonArray()));
  }
}
