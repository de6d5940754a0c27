package at.jobfair.account;

import at.jobfair.identity.Role;
import at.jobfair.refusal.Reason;
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
      throw Reason.EMAIL_INVALID.refuse();
    }
    email = email.trim();
    if (name == null || name.isBlank() || name.length() > 200) throw Reason.NAME_INVALID.refuse();
    name = name.trim();
    if (password != null && (password.length() < MIN_PASSWORD || password.length() > 200)) {
      throw Reason.PASSWORD_TOO_SHORT.refuse(MIN_PASSWORD);
    }
    if (roles == null || roles.isEmpty()) throw Reason.ROLES_MISSING.refuse();
    if (roles.contains(Role.EMPLOYER) && employerId == null) throw Reason.EMPLOYER_REQUIRED.refuse();
    if (!roles.contains(Role.EMPLOYER) && employerId != null) throw Reason.EMPLOYER_NOT_ALLOWED.refuse();
    if (roles.contains(Role.JOBSEEKER) && roles.size() > 1) throw Reason.JOBSEEKER_ROLE_ALONE.refuse();
    if (language == null || language.isBlank()) language = "de";
    if (!language.equals("de") && !language.equals("en")) throw Reason.LANGUAGE_INVALID.refuse();
  }

  /**
   * Reads {@code {"email","name","password","roles":[...],"employerId"?,"language"?}} as the API's contract let it
   * through (openapi.json, NewUser: a password and known roles are required there).
   */
  public static NewAccount fromJson(JsonObject j) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Object code : j.getJsonArray("roles")) roles.add(Role.parse((String) code));
    Number employer = (Number) j.getValue("employerId");
    return new NewAccount(j.getString("email"), j.getString("name"), j.getString("password"), roles,
        employer == null ? null : employer.longValue(), j.getString("language"));
  }
}
