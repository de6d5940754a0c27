package at.jobfair.account;

import at.jobfair.identity.Role;
import at.jobfair.refusal.Reason;
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

  /** Reads {@code {"email","name","password","roles":[...],"employerId"?,"language"?}}; a password is required. */
  public static NewAccount fromJson(JsonObject j) {
    Object rawRoles = j.getValue("roles");
    if (!(rawRoles instanceof JsonArray array)) throw Reason.ROLES_MISSING.refuse();
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Object code : array) {
      Role role = code instanceof String s ? Role.parse(s) : null;
      if (role == null) throw Reason.ROLE_UNKNOWN.refuse(String.valueOf(code));
      roles.add(role);
    }
    String password = text(j, "password", Reason.PASSWORD_TOO_SHORT);
    if (password == null) throw Reason.PASSWORD_TOO_SHORT.refuse(MIN_PASSWORD);
    Object employer = j.getValue("employerId");
    if (employer != null && !(employer instanceof Number)) throw Reason.EMPLOYER_REQUIRED.refuse();
    return new NewAccount(text(j, "email", Reason.EMAIL_INVALID), text(j, "name", Reason.NAME_INVALID), password, roles,
        employer == null ? null : ((Number) employer).longValue(), text(j, "language", Reason.LANGUAGE_INVALID));
  }

  private static String text(JsonObject j, String key, Reason errorCode) {
    Object v = j.getValue(key);
    if (v != null && !(v instanceof String)) throw errorCode.refuse(MIN_PASSWORD);
    return (String) v;
  }
}
