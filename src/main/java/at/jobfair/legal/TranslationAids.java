package at.jobfair.legal;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translations of the catalogue's texts into the interface's further languages ({@code legal/AT.aids.json}): an aid
 * to understanding, not part of a basis's reviewed definition. Adding or improving one therefore makes no new version,
 * the German text stays the binding one, and pages, mails and letters show it beside the translation and say so. A
 * language the definition itself holds (German, English) is never replaced. Pure apart from reading the file.
 */
public final class TranslationAids {

  private TranslationAids() {
  }

  /** The built-in catalogue with the built-in translations of its jurisdiction, where there are any. */
  public static Catalogue builtIn(Catalogue catalogue) {
    String resource = "legal/" + catalogue.jurisdiction() + ".aids.json";
    try (InputStream in = TranslationAids.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? catalogue : apply(catalogue, new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds the translations: {@code authority} per language, and per {@code bases."CODE/version"} the fields law,
   * consequence, notice and appeal per language. A field the basis does not have (a voluntary basis has no notice) is
   * left out; a version the catalogue does not hold is ignored.
   */
  static Catalogue apply(Catalogue catalogue, JsonObject aids) {
    JsonObject bases = aids.getJsonObject("bases", new JsonObject());
    return new Catalogue(catalogue.jurisdiction(), merged(catalogue.authority(), aids.getJsonObject("authority")),
        catalogue.benefits(), with(catalogue.bases(), bases), with(catalogue.archive(), bases));
  }

  private static List<Basis> with(List<Basis> list, JsonObject aids) {
    return list.stream().map(b -> {
      JsonObject a = aids.getJsonObject(b.ref());
      if (a == null) return b;
      Basis.Texts t = b.texts();
      return new Basis(b.code(), b.version(), b.obligation(), b.scope(), b.decision(),
          new Basis.Texts(merged(t.law(), a.getJsonObject("law")), merged(t.consequence(), a.getJsonObject("consequence")),
              merged(t.notice(), a.getJsonObject("notice")), merged(t.appeal(), a.getJsonObject("appeal"))), b.definition());
    }).toList();
  }

  private static Map<String, String> merged(Map<String, String> reviewed, JsonObject translations) {
    if (reviewed == null || translations == null) return reviewed;
    Map<String, String> out = new LinkedHashMap<>(reviewed);
    translations.forEach(e -> {
      if (e.getValue() instanceof String s && !s.isBlank()) out.putIfAbsent(e.getKey(), s.strip());
    });
    return Map.copyOf(out);
  }
}
