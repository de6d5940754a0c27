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
 * "workplace"?,"region"?,"startDate"?,"german"?,"housing"?}}; {@code german} is REQUIRED (the default), NOT_REQUIRED
 * or ENGLISH_POSSIBLE.
 */
public record VacancyInput(String title, String description, BigDecimal hoursPerWeek, String pay, String workplace,
                           String region, LocalDate startDate, String german, boolean housing) {

  public static final List<String> GERMAN = List.of("REQUIRED", "NOT_REQUIRED", "ENGLISH_POSSIBLE");
  public static final int MAX_DESCRIPTION = 5000;
  private static final BigDecimal MAX_HOURS = BigDecimal.valueOf(60);

  public static VacancyInput from(JsonObject j) {
    String title = JsonFields.requiredText(j, "title", 200, Reason.VACANCY_TITLE);
    String description = JsonFields.text(j, "description", MAX_DESCRIPTION, Reason.VACANCY_DESCRIPTION);
    BigDecimal hours = JsonFields.decimal(j, "hoursPerWeek", Reason.VACANCY_HOURS);
    if (hours != null && (hours.signum() <= 0 || hours.compareTo(MAX_HOURS) > 0 || hours.stripTrailingZeros().scale() > 1)) {
      throw invalid("hoursPerWeek", Reason.VACANCY_HOURS);
    }
    String pay = JsonFields.text(j, "pay", 200, Reason.VACANCY_PAY);
    String workplace = JsonFields.text(j, "workplace", 200, Reason.VACANCY_WORKPLACE);
    String region = JsonFields.text(j, "region", 200, Reason.VACANCY_REGION);
    LocalDate startDate = JsonFields.date(j, "startDate", Reason.VACANCY_START_DATE);
    if (startDate != null && (startDate.getYear() < 2000 || startDate.getYear() > 2100)) throw invalid("startDate", Reason.VACANCY_START_DATE);
    String german = JsonFields.text(j, "german", 20, Reason.VACANCY_GERMAN);
    if (german == null) german = "REQUIRED";
    if (!GERMAN.contains(german)) throw invalid("german", Reason.VACANCY_GERMAN);
    Boolean housing = JsonFields.bool(j, "housing", Reason.VACANCY_HOUSING);
    return new VacancyInput(title, description == null ? "" : description, hours, pay, workplace, region, startDate, german,
        housing != null && housing);
  }

  public static JsonObject fromForm(io.vertx.core.MultiMap form) {
    return new JsonFields.Form(form).text("title", "description", "pay", "workplace", "region", "startDate", "german")
        .number("hoursPerWeek").checkbox("housing").json();
  }
}
