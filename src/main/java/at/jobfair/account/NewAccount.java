package at.jobfair.account;

import at.jobfair.identity.Role;
import at.jobfair.web.ApiError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/** An account to be created, checked before anything is written. */
public record NewAccount(String email, String name, String password, Set<Role> roles, Long employerId, String language) {

  static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  public static final int MIN_PASSWORD = 8;

  public NewAccount {
    if (email == null || email.isBlank() || email.length() > 254 || !EMAIL.matcher(email.trim()).matches()) {
      throw ApiError.badRequest("email_invalid");
    }
    email = email.trim();
    if (name == null || name.isBlank() || name.length() > 200) throw ApiError.badRequest("name_invalid");
    name = name.trim();
    if (password != null && (password.length() < MIN_PASSWORD || password.length() > 200)) {
      throw ApiError.badRequest("password_too_short", MIN_PASSWORD);
    }
    if (roles == null || roles.isEmpty()) throw ApiError.badRequest("roles_missing");
    if (roles.contains(Role.EMPLOYER) && employerId == null) throw ApiError.badRequest("employer_required");
    if (!roles.contains(Role.EMPLOYER) && employerId != null) throw ApiError.badRequest("employer_not_allowed");
    if (roles.contains(Role.JOBSEEKER) && roles.size() > 1) throw ApiError.badRequest("jobseeker_role_alone");
    if (language == null || language.isBlank()) language = "de";
    if (!language.equals("de") && !language.equals("en")) throw ApiError.badRequest("language_invalid");
  }

  /** Reads {@code {"email","name","password","roles":[...],"employerId"?,"language"?}}; a password is required. */
  public static NewAccount fromJson(JsonObject j) {
    Object rawRoles = j.getValue("roles");
    if (!(rawRoles instanceof JsonArray array)) throw ApiError.badRequest("roles_missing");
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Object code : array) {
      Role role = code instanceof String s ? Role.parse(s) : null;
      if (role == null) throw ApiError.badRequest("role_unknown", String.valueOf(code));
      roles.add(role);
    }
    String password = text(j, "password", "password_too_short");
    if (password == null) throw ApiError.badRequest("password_too_short", MIN_PASSWORD);
    Object employer = j.getValue("employerId");
    if (employer != null && !(employer instanceof Number)) throw ApiError.badRequest("employer_required");
    return new NewAccount(text(j, "email", "email_invalid"), text(j, "name", "name_invalid"), password, roles,
        employer == null ? null : ((Number) employer).longValue(), text(j, "language", "language_invalid"));
  }

  private static String text(JsonObject j, String key, String errorCode) {
    Object v = j.getValue(key);
    if (v != null && !(v instanceof String)) throw ApiError.badRequest(errorCode, MIN_PASSWORD);
    return (String) v;
  }
}
