package at.jobfair.booth;

import at.jobfair.refusal.Reason;
import at.jobfair.web.JsonFields;
import at.jobfair.web.Messages.Lang;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

import static at.jobfair.web.JsonFields.invalid;

/**
 * A translation as entered: a booth's ({@code {"lang","headline"?,"description"?,"companyDescription"?}}, at least one
 * text) or a vacancy's ({@code {"lang","title","description"?,"pay"?,"workplace"?,"region"?}}). Saving replaces every
 * text of the translation into that language. The contract (openapi.json) has already checked types, lengths and the
 * language; what is left here is that a booth's translation says something.
 */
public final class TranslationInput {

  private TranslationInput() {
  }

  public record Booth(String lang, String headline, String description, String companyDescription) {
  }

  public record Vacancy(String lang, String title, String description, String pay, String workplace, String region) {
  }

  /** A booth's translation from a body the contract let through (BoothTranslationInput). */
  public static Booth booth(JsonObject j) {
    Booth b = new Booth(language(j), j.getString("headline", ""), j.getString("description", ""), j.getString("companyDescription", ""));
    if (b.headline().isBlank() && b.description().isBlank() && b.companyDescription().isBlank()) throw Reason.TRANSLATION_EMPTY.refuse();
    return b;
  }

  /** A vacancy's translation from a body the contract let through (VacancyTranslationInput). */
  public static Vacancy vacancy(JsonObject j) {
    return new Vacancy(language(j), j.getString("title"), j.getString("description", ""), j.getString("pay"),
        j.getString("workplace"), j.getString("region"));
  }

  /** The code of a language of the interface ({@link Lang}), given as {@code lang}, or null when none is given. */
  static String originalLanguage(JsonObject j) {
    String code = j.getString("lang");
    if (code != null && Lang.ofCode(code) == null) throw invalid("lang", Reason.TEXT_LANGUAGE);
    return code;
  }

  private static String language(JsonObject j) {
    String code = originalLanguage(j);
    if (code == null) throw invalid("lang", Reason.TEXT_LANGUAGE);
    return code;
  }

  public static JsonObject boothFromForm(MultiMap form) {
    return withLanguage(new JsonFields.Form(form).text("headline", "description", "companyDescription").json(), form);
  }

  public static JsonObject vacancyFromForm(MultiMap form) {
    return withLanguage(new JsonFields.Form(form).text("title", "description", "pay", "workplace", "region").json(), form);
  }

  /**
   * A form's language as the body's {@code lang}. The form calls it {@code language}: a field named {@code lang} would
   * be read as the reader's choice of the page's language ({@code ?lang=}), which the body handler merges forms into.
   */
  static JsonObject withLanguage(JsonObject json, MultiMap form) {
    String language = form.get("language");
    if (language != null && !language.isBlank()) json.put("lang", language.strip());
    return json;
  }
}
