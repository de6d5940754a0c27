package at.jobfair.privacy;

import at.jobfair.web.Messages;
import at.jobfair.web.Messages.Lang;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the export reads on the page: times in the configured zone, codes and labels from the bundles, lists as lists. */
class ExportViewTest {

  private final ExportView view = new ExportView(new Messages(), ZoneId.of("Europe/Vienna"));

  @Test
  void timesAreShownInTheConfiguredZoneOnBothSidesOfADaylightSavingChange() {
    assertEquals("29. März 2026, 01:30", view.text("at", "2026-03-29T00:30:00+00:00", Lang.DE));
    assertEquals("29 March 2026, 03:30", view.text("at", "2026-03-29T01:30:00.123456+00:00", Lang.EN));
    assertEquals("2 April 2026", view.text("resumed_on", "2026-04-02", Lang.EN));
  }

  @Test
  void codesAndYesNoAreWordsAndUnknownOnesStayAsTheyAre() {
    assertEquals("nein", view.text("minimum_income", false, Lang.DE));
    assertEquals("Organiser, Jobseeker", view.text("roles", new JsonArray().add("ORGANIZER").add("JOBSEEKER"), Lang.EN));
    assertEquals("the platform", view.text("role", "SYSTEM", Lang.EN));
    assertEquals("SOMETHING_NEW", view.text("state", "SOMETHING_NEW", Lang.EN));
    assertEquals("Email address", view.label("email", Lang.EN));
  }

  @Test
  void aSectionShowsEveryRowWithItsFieldsAndNestedStepsAsEntries() {
    JsonObject export = new JsonObject().put("sections", new JsonObject()
        .put("letters", new JsonArray().add(new JsonObject().put("reference", "JB-2026-000001").put("download", "/api/letters/1/pdf")))
        .put("cascade", new JsonArray().add(new JsonObject().put("state", "IMPOSED").putNull("station")
            .put("steps", new JsonArray().add(new JsonObject().put("event", "OFFER_DECLINED").put("reasons", "zu weit"))))));
    List<Map<String, Object>> sections = view.sections(export, Lang.EN);
    assertEquals(PersonalData.SECTIONS.size(), sections.size(), "every section, empty ones too");
    Map<String, Object> letters = sections.stream().filter(s -> s.get("name").equals("letters")).findFirst().orElseThrow();
    assertEquals("Letters to you", letters.get("title"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> fields = (List<Map<String, Object>>) ((List<Map<String, Object>>) letters.get("rows")).get(0).get("fields");
    assertEquals("/api/letters/1/pdf", fields.get(1).get("href"));
    Map<String, Object> cascade = sections.stream().filter(s -> s.get("name").equals("cascade")).findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> caseFields = (List<Map<String, Object>>) ((List<Map<String, Object>>) cascade.get("rows")).get(0).get("fields");
    assertEquals(2, caseFields.size(), "a field without a value is left out");
    assertEquals(List.of("Step: offer declined · Reasons: zu weit"), caseFields.get(1).get("items"));
  }
}
