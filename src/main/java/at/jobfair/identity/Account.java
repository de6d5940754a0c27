package at.jobfair.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.EnumSet;
import java.util.Set;

/** A person who can sign in, with their roles; employer representatives belong to one employer. */
public record Account(long id, String email, String name, String language, Long employerId, Set<Role> roles) {

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /**
   * Whether this is an employer's representative acting for that employer: the one definition of who acts for an
   * employer's booth, its bookings, vacancies and calls (organisers administer every booth besides, see BoothAccess).
   */
  public boolean worksFor(long employer) {
    return has(Role.EMPLOYER) && employerId != null && employerId == employer;
  }

  /** The same person reading another language. */
  public Account withLanguage(String code) {
    return new Account(id, email, name, code, employerId, roles);
  }

  public boolean isStaff() {
    return roles.stream().anyMatch(Role.STAFF::contains);
  }

  public JsonObject toJson() {
    JsonArray r = new JsonArray();
    roles.stream().sorted().forEach(role -> r.add(role.name()));
    return new JsonObject().put("id", id).put("email", email).put("name", name).put("language", language)
        .put("employerId", employerId).put("roles", r);
  }

  public static Account fromJson(JsonObject j) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    j.getJsonArray("roles").forEach(r -> roles.add(Role.valueOf((String) r)));
    return new Account(j.getLong("id"), j.getString("email"), j.getString("name"), j.getString("language"),
        j.getLong("employerId"), roles);
  }
}
