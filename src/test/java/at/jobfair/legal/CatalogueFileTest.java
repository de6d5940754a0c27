package at.jobfair.legal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in catalogues, which basis each invitation rests on, and every rule a catalogue file must keep. */
class CatalogueFileTest {

  static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  static final List<String> KINDS = List.of("PLACEMENT_PROPOSAL", "CONTROL_APPOINTMENT", "MASS_MAILING", "PUBLIC_LINK", "OWN_INITIATIVE");

  /**
   * Written from DOMAIN.md ("Legal bases"), independently of the JSON files: jurisdiction, invitation kind, benefit
   * type → the basis, or "-" when such an invitation may not be made.
   */
  static final Map<String, String> EXPECTED = Map.ofEntries(
      Map.entry("AT PLACEMENT_PROPOSAL UNEMPLOYMENT_BENEFIT", "AT_ALVG_10"),
      Map.entry("AT PLACEMENT_PROPOSAL EMERGENCY_ASSISTANCE", "AT_ALVG_10"),
      Map.entry("AT PLACEMENT_PROPOSAL MINIMUM_INCOME", "AT_MINDESTSICHERUNG"),
      Map.entry("AT PLACEMENT_PROPOSAL NONE", "-"),
      Map.entry("AT CONTROL_APPOINTMENT UNEMPLOYMENT_BENEFIT", "AT_ALVG_49"),
      Map.entry("AT CONTROL_APPOINTMENT EMERGENCY_ASSISTANCE", "AT_ALVG_49"),
      Map.entry("AT CONTROL_APPOINTMENT MINIMUM_INCOME", "-"),
      Map.entry("AT CONTROL_APPOINTMENT NONE", "-"),
      Map.entry("DE PLACEMENT_PROPOSAL CITIZENS_BENEFIT", "DE_SGB2_31"),
      Map.entry("DE PLACEMENT_PROPOSAL UNEMPLOYMENT_BENEFIT", "DE_SGB3_159"),
      Map.entry("DE PLACEMENT_PROPOSAL NONE", "-"),
      Map.entry("DE CONTROL_APPOINTMENT CITIZENS_BENEFIT", "DE_SGB2_32"),
      Map.entry("DE CONTROL_APPOINTMENT UNEMPLOYMENT_BENEFIT", "DE_SGB3_159_MELDE"),
      Map.entry("DE CONTROL_APPOINTMENT NONE", "-"));

  @Test
  void everyInvitationToEveryBenefitTypeRestsOnTheBasisTheLawGivesIt() {
    int checked = 0;
    for (String j : List.of("AT", "DE")) {
      Catalogue c = CatalogueFile.builtIn(j);
      List<String> benefits = new ArrayList<>(c.benefits());
      benefits.add(Catalogue.NO_BENEFIT);
      for (String kind : KINDS) {
        for (String benefit : benefits) {
          Optional<Basis> b = c.resolve(kind, benefit, NOW);
          String expected = EXPECTED.getOrDefault(j + " " + kind + " " + benefit, j + "_VOLUNTARY");
          assertEquals(expected, b.map(Basis::code).orElse("-"), j + " " + kind + " " + benefit);
          checked++;
        }
      }
    }
    assertEquals(5 * 4 + 5 * 3, checked);
  }

  @Test
  void aControlAppointmentNeverRestsOnABasisThatCanLeadToARefusalOfWorkCase() {
    for (String j : List.of("AT", "DE")) {
      for (Basis b : CatalogueFile.builtIn(j).bases()) {
        if (b.scope().invitations().contains("CONTROL_APPOINTMENT")) {
          assertEquals(Obligation.CONTROL, b.obligation(), b.ref());
          assertFalse(b.decision().allows(LegalOutcome.SANCTION_WAIVED), b.ref());
        }
      }
    }
    Basis alvg49 = CatalogueFile.builtIn("AT").current("AT_ALVG_49", NOW).orElseThrow();
    assertEquals(java.util.Set.of(LegalOutcome.PAYMENT_SUSPENDED, LegalOutcome.PAYMENT_RESUMED), alvg49.decision().outcomes());
  }

  @Test
  void minimumIncomeIsDecidedByTheMunicipalityUnderTheLandsLawNotTheAlvg() {
    Basis b = CatalogueFile.builtIn("AT").resolve("PLACEMENT_PROPOSAL", "MINIMUM_INCOME", NOW).orElseThrow();
    assertEquals(Decider.MUNICIPALITY, b.decision().decider());
    assertFalse(b.notice("de").contains("AlVG"), b.notice("de"));
    assertFalse(b.notice("en").contains("AlVG"), b.notice("en"));
    assertTrue(b.law("de").contains("Bundeslandes"));
  }

  @Test
  void everyBindingBasisHasItsNoticeAndAppealInGermanAndEnglishAndAVoluntaryOneHasNone() {
    for (String j : List.of("AT", "DE")) {
      for (Basis b : CatalogueFile.builtIn(j).bases()) {
        if (b.obligation() == Obligation.VOLUNTARY) {
          assertNull(b.notice("de"), b.ref());
          assertNull(b.decision().decider(), b.ref());
          assertTrue(b.decision().outcomes().isEmpty(), b.ref());
        } else {
          for (String lang : List.of("de", "en")) {
            assertNotNull(b.notice(lang), b.ref() + " " + lang);
            assertNotNull(b.appeal(lang), b.ref() + " " + lang);
            assertTrue(b.translatedTo(lang), b.ref() + " " + lang);
          }
        }
      }
    }
  }

  @Test
  void aTextMissingInALanguageFallsBackToTheBindingGermanOne() {
    Basis b = CatalogueFile.builtIn("AT").current("AT_ALVG_10", NOW).orElseThrow();
    assertEquals(b.notice("de"), b.notice("tr"));
    assertFalse(b.translatedTo("tr"));
  }

  @Test
  void theNewestVersionInForceIsUsedAndAFutureVersionWaitsForItsDay() {
    JsonObject root = at();
    JsonObject v2 = root.getJsonArray("bases").getJsonObject(1).copy().put("version", 2).put("validFrom", "2027-01-01T00:00:00Z");
    v2.getJsonObject("notice").put("de", "Neue Fassung.");
    root.getJsonArray("bases").add(v2);
    Catalogue c = CatalogueFile.parse(root.encode(), "test", "AT");
    assertEquals(1, c.resolve("PLACEMENT_PROPOSAL", "UNEMPLOYMENT_BENEFIT", NOW).orElseThrow().version());
    assertEquals(2, c.resolve("PLACEMENT_PROPOSAL", "UNEMPLOYMENT_BENEFIT", Instant.parse("2027-01-02T00:00:00Z")).orElseThrow().version());
    assertEquals("Neue Fassung.", c.find("AT_ALVG_10", 2).orElseThrow().notice("de"));
  }

  @Test
  void aCatalogueForAnotherJurisdictionIsRefused() {
    InvalidCatalogue e = assertThrows(InvalidCatalogue.class, () -> CatalogueFile.parse(at().encode(), "test", "DE"));
    assertTrue(e.problems().get(0).contains("configured one is DE"), e.getMessage());
    assertThrows(InvalidCatalogue.class, () -> CatalogueFile.builtIn("FR"));
    assertThrows(InvalidCatalogue.class, () -> CatalogueFile.parse("[1]", "test", "AT"));
  }

  @Test
  void everyRuleOfTheFileIsEnforcedAndNamed() {
    refused("German", r -> basis(r, 1).getJsonObject("notice").remove("de"));
    refused("voluntary basis has no decider", r -> basis(r, 0).put("decider", "CASEWORKER"));
    refused("voluntary basis has no decider", r -> basis(r, 0).put("notice", new JsonObject().put("de", "x")));
    refused("\"decider\" is required", r -> basis(r, 1).putNull("decider"));
    refused("\"outcomes\" must list", r -> basis(r, 1).put("outcomes", new JsonArray()));
    refused("a PLACEMENT_PROPOSAL is BINDING", r -> basis(r, 2).getJsonArray("invitations").add("PLACEMENT_PROPOSAL"));
    refused("a CONTROL_APPOINTMENT is CONTROL", r -> basis(r, 1).getJsonArray("invitations").add("CONTROL_APPOINTMENT"));
    refused("only from a control appointment", r -> basis(r, 1).getJsonArray("outcomes").add("PAYMENT_SUSPENDED"));
    refused("a waiver belongs", r -> basis(r, 2).getJsonArray("outcomes").add("SANCTION_WAIVED"));
    refused("rests on both", r -> basis(r, 3).getJsonArray("benefits").add("UNEMPLOYMENT_BENEFIT"));
    refused("appears twice", r -> r.getJsonArray("bases").add(basis(r, 1).copy()));
    refused("changes its obligation", r -> r.getJsonArray("bases").add(basis(r, 1).copy().put("version", 2)
        .put("obligation", "CONTROL").put("invitations", new JsonArray().add("CONTROL_APPOINTMENT"))
        .put("outcomes", new JsonArray().add("PAYMENT_SUSPENDED")).put("benefits", new JsonArray().add("MINIMUM_INCOME"))));
    refused("only a voluntary basis applies to people without", r -> basis(r, 1).getJsonArray("benefits").add("NONE"));
    refused("not in the catalogue's", r -> basis(r, 1).getJsonArray("benefits").add("CITIZENS_BENEFIT"));
    refused("invitation kind LETTER is unknown", r -> basis(r, 0).getJsonArray("invitations").add("LETTER"));
    refused("outcome JAIL is unknown", r -> basis(r, 1).getJsonArray("outcomes").add("JAIL"));
    refused("\"validFrom\"", r -> basis(r, 1).put("validFrom", "soon"));
    refused("\"version\"", r -> basis(r, 1).put("version", 0));
    refused("\"code\"", r -> basis(r, 1).put("code", "alvg 10"));
    refused("1 to 10000 characters", r -> basis(r, 1).getJsonObject("law").put("en", " "));
    refused("language key", r -> basis(r, 1).getJsonObject("law").put("deu", "x"));
    refused("\"benefits\" must list", r -> r.put("benefits", new JsonArray()));
    refused("\"bases\" must list", r -> r.put("bases", new JsonArray()));
  }

  @Test
  void allProblemsOfAFileAreReportedAtOnce() {
    JsonObject root = at();
    basis(root, 1).putNull("decider");
    basis(root, 2).put("version", 0);
    InvalidCatalogue e = assertThrows(InvalidCatalogue.class, () -> CatalogueFile.parse(root.encode(), "test", "AT"));
    assertEquals(2, e.problems().size(), e.getMessage());
  }

  private static void refused(String problem, Consumer<JsonObject> change) {
    JsonObject root = at();
    change.accept(root);
    InvalidCatalogue e = assertThrows(InvalidCatalogue.class, () -> CatalogueFile.parse(root.encode(), "test", "AT"), problem);
    assertTrue(e.problems().stream().anyMatch(p -> p.contains(problem)), problem + " not in " + e.problems());
  }

  private static JsonObject basis(JsonObject root, int i) {
    return root.getJsonArray("bases").getJsonObject(i);
  }

  /** The built-in Austrian file as JSON (bases: 0 voluntary, 1 § 10, 2 § 49, 3 minimum income). */
  static JsonObject at() {
    try (var in = CatalogueFileTest.class.getClassLoader().getResourceAsStream("legal/AT.json")) {
      return new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
