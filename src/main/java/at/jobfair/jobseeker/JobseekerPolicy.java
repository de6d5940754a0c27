package at.jobfair.jobseeker;

import at.jobfair.jobseeker.JobseekerStore.Record;
import at.jobfair.refusal.Reason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The record's fields as a person or staff may enter them, and what the person reads about themselves (never the
 * staff-only fields). Pure: who may read or change which field is access/StaffAccess's.
 */
public final class JobseekerPolicy {

  static final int MAX_REGION = 100;
  static final int MAX_LANGUAGES = 20;

  private JobseekerPolicy() {
  }

  /** A home region of up to 100 characters; blank clears it. */
  static String region(Object v) {
    if (v == null) return null;
    if (!(v instanceof String s) || s.strip().length() > MAX_REGION) throw Reason.REGION_INVALID.refuse();
    return s.isBlank() ? null : s.strip();
  }

  /** Up to 20 language codes (ISO 639, two or three small letters), each once. */
  static List<String> languages(Object v) {
    if (v == null) return List.of();
    if (!(v instanceof JsonArray a) || a.size() > MAX_LANGUAGES) throw Reason.LANGUAGES_INVALID.refuse();
    List<String> out = new ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof String s) || !s.matches("[a-z]{2,3}")) throw Reason.LANGUAGES_INVALID.refuse();
      if (!out.contains(s)) out.add(s);
    }
    return out;
  }

  /** One of the jurisdiction's benefit types, or null (none recorded); another jurisdiction's type is refused too. */
  static String benefit(Object v, List<String> benefitTypes) {
    if (v == null) return null;
    if (!(v instanceof String s) || !benefitTypes.contains(s)) throw Reason.BENEFIT_TYPE_INVALID.refuse();
    return s;
  }

  /** Everything, for staff. */
  static JsonObject staffJson(Record r) {
    return ownJson(r).put("benefitType", r.benefitType());
  }

  /** What the person reads about themselves: no staff-only fields. */
  static JsonObject ownJson(Record r) {
    return new JsonObject().put("id", r.id()).put("name", r.name()).put("email", r.email()).put("region", r.region())
        .put("languages", new JsonArray(new ArrayList<>(r.languages())))
        .put("caseworker", r.caseworkerId() == null ? null : new JsonObject().put("id", r.caseworkerId()).put("name", r.caseworkerName()));
  }
}
