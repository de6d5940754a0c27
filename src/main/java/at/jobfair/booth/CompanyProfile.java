package at.jobfair.booth;

import at.jobfair.refusal.Reason;
import at.jobfair.web.JsonFields;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

import static at.jobfair.web.JsonFields.invalid;

/**
 * An employer's company profile as entered: {@code {"name","description"?,"website"?,"phone"?}}. A website without a
 * scheme ({@code www.example.at}) is read as https.
 */
public record CompanyProfile(String name, String description, String website, String phone) {

  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ()/-]{2,38}$");

  /** Whether a text has the shape of a telephone number (digits, spaces, brackets, slashes, hyphens, a leading +). */
  public static boolean phoneNumber(String text) {
    return PHONE.matcher(text).matches();
  }

  /** The company from a body the contract let through (openapi.json, EmployerInput); the website's address is checked here. */
  public static CompanyProfile from(JsonObject j) {
    return new CompanyProfile(j.getString("name"), j.getString("description", ""), website(j.getString("website")),
        j.getString("phone"));
  }

  public static JsonObject fromForm(io.vertx.core.MultiMap form) {
    return new JsonFields.Form(form).text("name", "description", "website", "phone").json();
  }

  static String website(String given) {
    if (given == null) return null;
    String w = given.contains("://") ? given : "https://" + given;
    try {
      URI uri = new URI(w);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost();
      if (!(scheme.equals("http") || scheme.equals("https")) || host == null || !host.contains(".") || uri.getUserInfo() != null) {
        throw invalid("website", Reason.EMPLOYER_WEBSITE);
      }
      if (w.length() > 300) throw invalid("website", Reason.EMPLOYER_WEBSITE);
      return w;
    } catch (URISyntaxException e) {
      throw invalid("website", Reason.EMPLOYER_WEBSITE);
    }
  }
}
