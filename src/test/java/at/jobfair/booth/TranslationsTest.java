package at.jobfair.booth;

import at.jobfair.web.Messages.Lang;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which version of an employer's text a reader reads, and how its element is marked. */
class TranslationsTest {

  @Test
  void aTextIsMarkedWhereItsLanguageOrDirectionDiffersFromThePage() {
    assertEquals(Translations.Mark.NONE, Translations.mark(Lang.DE, Lang.DE));
    assertEquals(Translations.Mark.NONE, Translations.mark(Lang.DE, Lang.DE_SIMPLE), "plain German is German to a screen reader");
    assertEquals(Translations.Mark.NONE, Translations.mark(Lang.DE_SIMPLE, Lang.DE));
    assertEquals(new Translations.Mark("de", null), Translations.mark(Lang.DE, Lang.EN));
    assertEquals(new Translations.Mark("de", null), Translations.mark(Lang.DE, Lang.UK));
    assertEquals(new Translations.Mark("de", "ltr"), Translations.mark(Lang.DE, Lang.AR), "German on an Arabic page");
    assertEquals(new Translations.Mark("ar", "rtl"), Translations.mark(Lang.AR, Lang.DE), "Arabic on a German page");
    assertEquals(Translations.Mark.NONE, Translations.mark(Lang.AR, Lang.AR));
    assertEquals(Map.of("lang", "de", "dir", "ltr"), Translations.mark(Lang.DE, Lang.AR).toMap());
    assertEquals(Map.of(), Translations.Mark.NONE.toMap());
  }

  @Test
  void theReaderReadsTheirLanguageThenForPlainGermanGermanElseTheOriginal() {
    JsonObject translations = new JsonObject()
        .put("en", new JsonObject().put("title", "Cook").put("description", " "))
        .put("tr", new JsonObject().put("title", "Aşçı"))
        .put("de", new JsonObject().put("title", "Koch"));
    assertEquals(new Translations.Shown("Cook", Lang.EN), Translations.choose("title", "Kuhar", Lang.BS, translations, Lang.EN));
    assertEquals(new Translations.Shown("Aşçı", Lang.TR), Translations.choose("title", "Kuhar", Lang.BS, translations, Lang.TR));
    assertEquals(new Translations.Shown("Kuhar", Lang.BS), Translations.choose("title", "Kuhar", Lang.BS, translations, Lang.UK),
        "no third language the reader did not ask for");
    assertEquals(new Translations.Shown("Koch", Lang.DE), Translations.choose("title", "Kuhar", Lang.BS, translations, Lang.DE_SIMPLE),
        "plain German readers read German next");
    assertEquals(new Translations.Shown("Opis", Lang.BS), Translations.choose("description", "Opis", Lang.BS, translations, Lang.EN),
        "a blank text falls back to the original");
    assertEquals(new Translations.Shown("Original", Lang.EN), Translations.choose("title", "Original", Lang.EN, translations, Lang.EN),
        "the original in the reader's own language wins");
    assertEquals(List.of(Lang.DE_SIMPLE, Lang.DE), Translations.preference(Lang.DE_SIMPLE));
    assertEquals(List.of(Lang.AR), Translations.preference(Lang.AR));
  }

  @Test
  void aLocalisedItemHasEachTextInItsVersionWithItsMark() {
    JsonObject vacancy = new JsonObject().put("id", 7).put("title", "Koch / Köchin").put("description", "À-la-carte-Küche.")
        .put("pay", "2.450 €").put("lang", "de")
        .put("translations", new JsonObject().put("en", new JsonObject().put("title", "Cook").put("description", "")));
    JsonObject en = Translations.localise(vacancy, List.of("title", "description", "pay"), Map.of(), Lang.EN);
    assertEquals("Cook", en.getString("title"));
    assertEquals(new JsonObject(), en.getJsonObject("marks").getJsonObject("title"));
    assertEquals("À-la-carte-Küche.", en.getString("description"), "left empty in the translation: the original");
    assertEquals(new JsonObject().put("lang", "de"), en.getJsonObject("marks").getJsonObject("description"));
    assertFalse(en.containsKey("translations"));
    assertEquals(7, en.getInteger("id"));

    JsonObject ar = Translations.localise(vacancy, List.of("title"), Map.of(), Lang.AR);
    assertEquals("Koch / Köchin", ar.getString("title"));
    assertEquals(new JsonObject().put("lang", "de").put("dir", "ltr"), ar.getJsonObject("marks").getJsonObject("title"));
    assertNull(Translations.localise(vacancy, List.of("region"), Map.of(), Lang.DE).getString("region"));

    // A region translated into Arabic after a German workplace, on an Arabic page: marked against the workplace.
    JsonObject place = new JsonObject().put("workplace", "Lech").put("region", "Vorarlberg").put("lang", "de")
        .put("translations", new JsonObject().put("ar", new JsonObject().put("region", "فورارلبرغ")));
    JsonObject onArabic = Translations.localise(place, List.of("workplace", "region"), Map.of(), Lang.AR);
    assertEquals(Map.of("lang", "ar", "dir", "rtl"), Translations.markWithin(onArabic, "region", "workplace"));
    assertEquals(Map.of(), Translations.markWithin(Translations.localise(place, List.of("workplace", "region"), Map.of(), Lang.EN),
        "region", "workplace"), "both German");
    assertEquals("Über uns", Translations.localise(vacancy, List.of("companyDescription"), Map.of("companyDescription", "Über uns"), Lang.EN)
        .getString("companyDescription"), "a text from elsewhere, in the item's original language");
  }
}
