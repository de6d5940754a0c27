package at.jobfair.signup;

import at.jobfair.refusal.Reason;
import at.jobfair.web.JsonFields;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A company's sign-up as the form or the API sends it (already checked against {@code postEmployerSignups} in
 * openapi.json): the company, its address and region, a phone, and its first representative's name and address. No
 * password: the representative sets it with the link mailed to the address, so whoever proves the address chooses it.
 */
public record SignupInput(String company, String address, String region, String phone, String name, String email) {

  static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  public static final int MIN_PASSWORD = 8;

  /** Reads and checks the body again (the contract is the first check; this one holds for any caller). */
  public static SignupInput from(JsonObject j) {
    String company = text(j, "company");
    if (company == null || company.length() > 200) throw JsonFields.invalid("company", Reason.EMPLOYER_NAME);
    String address = text(j, "address");
    if (address == null || address.length() > 300) throw JsonFields.invalid("address", Reason.SIGNUP_ADDRESS);
    String region = text(j, "region");
    if (region == null || region.length() > 100) throw JsonFields.invalid("region", Reason.SIGNUP_REGION);
    String phone = text(j, "phone");
    if (phone != null && phone.length() > 40) throw JsonFields.invalid("phone", Reason.SIGNUP_PHONE);
    String name = text(j, "name");
    if (name == null || name.length() > 200) throw JsonFields.invalid("name", Reason.NAME_INVALID);
    String email = text(j, "email");
    if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) throw JsonFields.invalid("email", Reason.EMAIL_INVALID);
    return new SignupInput(company, address, region, phone, name, email.toLowerCase(Locale.ROOT));
  }

  static String password(JsonObject j) {
    Object value = j.getValue("password");
    String password = value instanceof String s ? s : null;
    if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
      throw JsonFields.invalid("password", Reason.PASSWORD_TOO_SHORT, MIN_PASSWORD);
    }
    return password;
  }

  static String text(JsonObject j, String key) {
    Object value = j.getValue(key);
    if (!(value instanceof String s)) return null;
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }
}
