package at.jobfair.booth;

import at.jobfair.web.JsonFields;
import io.vertx.core.json.JsonObject;

/**
 * What a booth says about itself: {@code {"headline"?,"description"?,"phone"?,"callback"?,"lang"?}}; {@code callback}: the
 * booth calls back people who cannot use video; {@code lang}: the language its texts are written in (null: unchanged).
 */
public record BoothProfile(String headline, String description, String phone, boolean callback, String lang) {


  /** The booth's texts from a body the contract let through (openapi.json, BoothInput). */
  public static BoothProfile from(JsonObject j) {
    return new BoothProfile(j.getString("headline", ""), j.getString("description", ""), j.getString("phone"),
        j.getBoolean("callback", false), TranslationInput.originalLanguage(j));
  }

  public static JsonObject fromForm(io.vertx.core.MultiMap form) {
    return TranslationInput.withLanguage(new JsonFields.Form(form).text("headline", "description", "phone").checkbox("callback").json(), form);
  }
}
