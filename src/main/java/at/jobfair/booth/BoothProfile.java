package at.jobfair.booth;

import at.jobfair.refusal.Reason;
import at.jobfair.web.JsonFields;
import io.vertx.core.json.JsonObject;

/**
 * What a booth says about itself: {@code {"headline"?,"description"?,"phone"?,"callback"?}}; {@code callback}: the booth
 * calls back people who cannot use video.
 */
public record BoothProfile(String headline, String description, String phone, boolean callback) {

  public static final int MAX_DESCRIPTION = 5000;

  public static BoothProfile from(JsonObject j) {
    String headline = JsonFields.text(j, "headline", 200, Reason.BOOTH_HEADLINE);
    String description = JsonFields.text(j, "description", MAX_DESCRIPTION, Reason.BOOTH_DESCRIPTION);
    String phone = CompanyProfile.phone(j, "phone", Reason.BOOTH_PHONE);
    Boolean callback = JsonFields.bool(j, "callback", Reason.BOOTH_CALLBACK);
    return new BoothProfile(headline == null ? "" : headline, description == null ? "" : description, phone,
        Boolean.TRUE.equals(callback));
  }

  public static JsonObject fromForm(io.vertx.core.MultiMap form) {
    return new JsonFields.Form(form).text("headline", "description", "phone").checkbox("callback").json();
  }
}
