package at.jobfair.web;

import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request bodies are checked against openapi.json by vertx-openapi, as the product has always read them (trimmed,
 * blank as absent), and a property at fault is refused with the refusal the contract names for it.
 */
class RequestContractTest {

  private static Vertx vertx;
  private static RequestContract contract;

  @BeforeAll
  static void load() throws Exception {
    vertx = Vertx.vertx();
    contract = RequestContract.load(vertx).await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static JsonObject fair() {
    return new JsonObject().put("name", "Gastro").put("format", "REGIONAL").put("start", "2026-12-03T09:00")
        .put("end", "2026-12-03T15:00");
  }

  private static Refused refusal(String operationId, JsonObject body) {
    return assertThrows(Refused.class, () -> contract.operation(operationId).check(body));
  }

  @Test
  void aBodyThatKeepsTheContractComesThroughTrimmedWithBlankTextsLeftOut() {
    JsonObject body = contract.operation("postFairs").check(fair().put("name", "  Gastro  ").put("sector", "   ")
        .putNull("region").put("bookingCutoffMinutes", 30));
    assertEquals("Gastro", body.getString("name"));
    assertFalse(body.containsKey("sector"));
    assertFalse(body.containsKey("region"));
    assertEquals(30, body.getInteger("bookingCutoffMinutes"));
  }

  @Test
  void eachKindOfFaultIsRefusedWithTheRefusalTheContractNamesForTheProperty() {
    Map<Reason, JsonObject> cases = Map.of(
        Reason.FAIR_NAME, fair().put("name", "x".repeat(201)),             // too long
        Reason.FAIR_FORMAT, fair().put("format", "PARTY"),                 // not in the enum
        Reason.FAIR_END, fair().put("end", "tomorrow"),                    // pattern
        Reason.FAIR_ORIENTATION_MINUTES, fair().put("orientationMinutes", 481), // above the maximum
        Reason.FAIR_CUTOFF, fair().put("bookingCutoffMinutes", "soon"),    // wrong type
        Reason.FAIR_START, fair().put("start", "  "));                     // required, blank
    cases.forEach((reason, body) -> {
      Refused r = refusal("postFairs", body);
      assertEquals(reason, r.reason(), body.encode());
      assertTrue(r.details().getString("field").length() > 1);
    });
    assertEquals("name", refusal("postFairs", fair().put("name", 5)).details().getString("field"));
  }

  @Test
  void aMissingPropertyMayHaveARefusalOfItsOwn() {
    assertEquals(Reason.OUTCOME_REQUIRED, refusal("putBookingsByIdOutcome", new JsonObject()).reason());
    assertEquals(Reason.OUTCOME_INVALID, refusal("putBookingsByIdOutcome", new JsonObject().put("outcome", "LATE")).reason());
  }

  @Test
  void aFaultInsideAListIsRefusedWithTheRefusalOfTheInnermostPartThatNamesOne() {
    JsonObject plan = new JsonObject().put("date", "2026-12-03").put("from", "09:00").put("to", "12:00").put("interviewMinutes", 20)
        .put("breaks", new JsonArray().add(new JsonObject().put("from", "10:30").put("to", "25:00")));
    Refused r = refusal("postBoothsByIdSchedule", plan);
    assertEquals(Reason.SCHEDULE_BREAK_TIME, r.reason());
    assertEquals("breaks[0].to", r.details().getString("field"));
    assertArrayEquals(new Object[] {1}, r.args(), "the break's number, for the text");
    assertEquals("breaks[1].to", refusal("postBoothsByIdSchedule", plan.put("breaks", new JsonArray()
        .add(new JsonObject().put("from", "10:30").put("to", "10:45")).add(new JsonObject().put("from", "11:00")))).details().getString("field"));
  }

  @Test
  void aPropertyWithoutItsOwnRefusalIsNamedInTheGeneralOne() {
    Refused r = refusal("postUsersByIdSecondFactorReset", new JsonObject().put("password", 5));
    assertEquals(Reason.FIELD_INVALID, r.reason());
    assertEquals("password", r.details().getString("field"));
    assertArrayEquals(new Object[] {"password"}, r.args());
  }

  @Test
  void theRefusalCarriesTheArgumentsItsTextNeedsFromTheContract() {
    Refused r = refusal("postUsers", new JsonObject().put("email", "a@example.org").put("name", "A").put("password", "short")
        .put("roles", new JsonArray().add("SFU")));
    assertEquals(Reason.PASSWORD_TOO_SHORT, r.reason());
    assertArrayEquals(new Object[] {8}, r.args());
    Refused capacity = refusal("postBoothsByIdSlots", new JsonObject().put("start", "2026-12-03T09:00").put("end", "2026-12-03T09:20")
        .put("capacity", 501));
    assertEquals(Reason.SLOT_CAPACITY, capacity.reason());
    assertArrayEquals(new Object[] {1, 500}, capacity.args());
  }

  @Test
  void passwordsAreTakenAsTypedAndNullableValuesAreKeptAsNull() {
    JsonObject signIn = contract.operation("postSession").check(new JsonObject().put("email", " a@example.org ").put("password", "  pass word  "));
    assertEquals("  pass word  ", signIn.getString("password"));
    assertEquals("a@example.org", signIn.getString("email"));
    JsonObject cleared = contract.operation("putJobseekersById").check(new JsonObject().putNull("region").put("languages", (Object) null));
    assertTrue(cleared.containsKey("region"));
    assertNull(cleared.getString("region"));
  }

  @Test
  void aNulCharacterIsRefusedAsAFaultOfItsProperty() {
    assertEquals(Reason.FAIR_REGION, refusal("postFairs", fair().put("region", "Wi\u0000en")).reason());
  }

  @Test
  void everyApiOperationWithAJsonBodyHasACheckAndEveryRefusalNamedInTheContractExists() throws Exception {
    JsonObject doc;
    try (InputStream in = RequestContractTest.class.getResourceAsStream("/openapi.json")) {
      doc = new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
    List<String> named = new ArrayList<>();
    collect(doc, named);
    assertTrue(named.size() > 100, "x-refusal on the request bodies' properties: " + named.size());
    for (String code : named) {
      assertTrue(Arrays.stream(Reason.values()).anyMatch(r -> r.code().equals(code)), "no refusal " + code);
    }
    assertTrue(contract.forRoute(HttpMethod.POST, "/api/fairs") != null);
    assertNull(contract.forRoute(HttpMethod.GET, "/api/fairs"));
    assertThrows(IllegalStateException.class, () -> contract.forRoute(HttpMethod.POST, "/api/nowhere"));
  }

  private static void collect(Object node, List<String> named) {
    if (node instanceof JsonObject o) {
      for (Map.Entry<String, Object> e : o) {
        if (e.getKey().equals(RequestContract.X_REFUSAL) || e.getKey().equals(RequestContract.X_REFUSAL_MISSING)) {
          named.add((String) e.getValue());
        } else if (e.getKey().equals(RequestContract.X_REFUSAL_ARGS)) {
          for (Object arg : (JsonArray) e.getValue()) {
            assertTrue(!(arg instanceof String k) || k.equals("item") || o.containsKey(k), "no " + arg + " beside " + o);
          }
        } else {
          collect(e.getValue(), named);
        }
      }
    } else if (node instanceof JsonArray a) {
      for (Object v : a) collect(v, named);
    }
  }
}
