package at.jobfair.booth;

import at.jobfair.web.JsonFields;
import io.vertx.core.json.JsonObject;

/**
 * What a booth says about itself: {@code {"headline"?,"description"?,"phone"?,"callback"?}}; {@code callback}: the booth
 * calls back people who cannot use video.
 */
public record BoothProfile(String headline, String description, String phone, boolean callback) {

  public static final int MAX_DESCRIPTION = 5000;

  public static BoothProfile from(JsonObject j) {
    String headline = JsonFields.text(j, "headline", 200, "booth_headline");
    String description = JsonFields.text(j, "description", MAX_DESCRIPTION, "booth_description");
    String phone = CompanyProfile.phone(j, "phone", "booth_phone");
    Boolean callback = JsonFields.bool(j, "callback", "booth_callback");
    return new BoothProfile(headline == null ? "" : headline, description == null ? "" : description, phone,
        Boolean.TRUE.equals(callback));
  }

  public static JsonObject fromForm(io.vertx.core.MultiMap form) {
    return new JsonFields.Form(form).text("headline", "description", "phone").checkbox("callback").json();
  }
}
