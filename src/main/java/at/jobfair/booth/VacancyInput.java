package at.jobfair.booth;

import at.jobfair.refusal.Reason;
import at.jobfair.web.JsonFields;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static at.jobfair.web.JsonFields.invalid;

/**
 * A vacancy as entered; saving replaces every field. {@code {"title","description"?,"hoursPerWeek"?,"pay"?,
 * "workplace"?,"region"?,"startDate"?,"german"?,"housing"?,"lang"?}}; {@code german} is REQUIRED (the default),
 * NOT_REQUIRED or ENGLISH_POSSIBLE; {@code lang} the language its texts are written in (null: unchanged, German when new).
 */
public record VacancyInput(String title, String description, BigDecimal hoursPerWeek, String pay, String workplace,
                           String region, LocalDate startDate, String german, boolean housing, String lang) {

  public static final List<String> GERMAN = List.of("REQUIRED", "NOT_REQUIRED", "ENGLISH_POSSIBLE");

  /**
   * The vacancy from a body the contract let through (openapi.json, VacancyInput); what is left are the hours' one
   * decimal place and a start date that exists in a plausible year.
   */
  public static VacancyInput from(JsonObject j) {
    Number givenHours = j.getNumber("hoursPerWeek");
    BigDecimal hours = givenHours == null ? null : new BigDecimal(givenHours.toString());
    if (hours != null && hours.stripTrailingZeros().scale() > 1) throw invalid("hoursPerWeek", Reason.VACANCY_HOURS);
    LocalDate startDate = JsonFields.date(j, "startDate", Reason.VACANCY_START_DATE);
    if (startDate != null && (startDate.getYear() < 2000 || startDate.getYear() > 2100)) throw invalid("startDate", Reason.VACANCY_START_DATE);
    return new VacancyInput(j.getString("title"), j.getString("description", ""), hours, j.getString("pay"),
        j.getString("workplace"), j.getString("region"), startDate, j.getString("german", "REQUIRED"),
        j.getBoolean("housing", false), TranslationInput.originalLanguage(j));
  }

  public static JsonObject fromForm(io.vertx.core.MultiMap form) {
    return TranslationInput.withLanguage(new JsonFields.Form(form).text("title", "description", "pay", "workplace", "region",
        "startDate", "german").number("hoursPerWeek").checkbox("housing").json(), form);
  }
}
