package at.jobfair.booth;

import at.jobfair.web.JsonFields;
import io.vertx.core.json.JsonObject;

/**
 * What a booth says about itself: {@code {"headline"?,"description"?,"phone"?,"callback"?}}; {@code callback}: the booth
 * calls back people who cannot use video.
 */
public record BoothProfile(String headline, String description, String phone, boolean callback) {


  /** The booth's texts from a body the contract let through (openapi.json, BoothInput). */
  public static BoothProfile from(JsonObject j) {
    return new BoothProfile(j.getString("headline", ""), j.getString("description", ""), j.getString("phone"),
        j.getBoolean("callback", false));
  }

  public static JsonObject fromForm(io.vertx.core.MultiMap form) {
    return new JsonFields.Form(form).text("headline", "description", "phone").checkbox("callback").json();
  }
}
