package at.jobfair.legal;

import at.jobfair.web.Messages.Lang;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalogue's translations into the further languages: an aid that never touches a reviewed version. */
class TranslationAidsTest {

  private static final JsonObject AIDS = new JsonObject("""
      {"authority": {"tr": "Avusturya İş ve İşçi Bulma Kurumu (AMS)", "de": "must not replace the German"},
       "bases": {"AT_ALVG_10/1": {"notice": {"tr": "Yasal sonuçlar hakkında bilgilendirme", "en": "must not replace the English"},
                                  "law": {"uk": "§ 10 AlVG"}},
                 "AT_VOLUNTARY/1": {"notice": {"tr": "a voluntary basis has no notice"}},
                 "AT_ALVG_10/99": {"law": {"tr": "no such version"}}}}""");

  @Test
  void aTranslationIsAddedWithoutTouchingTheReviewedDefinitionOrItsLanguages() {
    Catalogue plain = CatalogueFile.builtIn("AT");
    Catalogue aided = TranslationAids.apply(plain, AIDS);
    Basis before = plain.find("AT_ALVG_10", 1).orElseThrow();
    Basis after = aided.find("AT_ALVG_10", 1).orElseThrow();
    assertEquals("Yasal sonuçlar hakkında bilgilendirme", after.notice("tr"));
    assertEquals(before.notice("en"), after.notice("en"), "a language of the definition stays as reviewed");
    assertEquals(before.notice("de"), after.notice("de"));
    assertEquals(before.definition(), after.definition(), "the stored version is unchanged, so no new version is needed");
    assertTrue(after.translatedTo("uk"));
    assertEquals(before.notice("de"), after.notice("uk"), "a field without a translation falls back to the binding German");
    assertEquals("Avusturya İş ve İşçi Bulma Kurumu (AMS)", aided.authority("tr"));
    assertEquals(plain.authority("de"), aided.authority("de"));
    assertEquals(null, aided.find("AT_VOLUNTARY", 1).orElseThrow().notice("tr"), "no notice appears where the basis has none");
    assertFalse(aided.find("AT_ALVG_10", 99).isPresent());
  }

  @Test
  void theBuiltInTranslationsCoverEveryTextInEveryFurtherLanguageAndNameOnlyVersionsThatExist() {
    List<String> missing = new ArrayList<>();
    for (String j : List.of("AT", "DE")) {
      Catalogue c = TranslationAids.builtIn(CatalogueFile.builtIn(j));
      try (var in = getClass().getClassLoader().getResourceAsStream("legal/" + j + ".aids.json")) {
        for (String ref : new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).getJsonObject("bases").fieldNames()) {
          String[] codeVersion = ref.split("/");
          if (c.find(codeVersion[0], Integer.parseInt(codeVersion[1])).isEmpty()) missing.add(j + ": no version " + ref + " to translate");
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      for (Lang lang : Lang.values()) {
        if (lang == Lang.DE) continue;
        if (!c.authority().containsKey(lang.code())) missing.add(j + " authority " + lang.code());
        for (Basis b : c.bases()) {
          Basis.Texts t = b.texts();
          for (var field : Map.of("law", t.law(), "consequence", t.consequence()).entrySet()) {
            if (!field.getValue().containsKey(lang.code())) missing.add(b.ref() + " " + field.getKey() + " " + lang.code());
          }
          if (t.notice() != null && !t.notice().containsKey(lang.code())) missing.add(b.ref() + " notice " + lang.code());
          if (t.appeal() != null && !t.appeal().containsKey(lang.code())) missing.add(b.ref() + " appeal " + lang.code());
        }
      }
    }
    assertTrue(missing.isEmpty(), String.join("\n", missing));
  }
}
