package at.jobfair.support;

import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Checks and small builders shared by the API tests. */
public final class ApiAssertions {

  private ApiAssertions() {
  }

  /** A 400 with the given code and a message a person can read: from the bundle, arguments filled in, no internals. */
  public static void assertBad(TestClient.Response r, String code) {
    assertEquals(400, r.status(), r.body());
    assertEquals(code, r.json().getString("error"), r.body());
    assertFalse(r.json().getString("message").isBlank());
    assertFalse(r.json().getString("message").startsWith("error."), "message comes from the bundle: " + r.body());
    assertFalse(r.json().getString("message").contains("{"), "arguments are filled in: " + r.body());
    assertFalse(r.body().contains("Exception"), r.body());
  }

  /** The same, naming the field at fault. */
  public static void assertBad(TestClient.Response r, String code, String field) {
    assertBad(r, code);
    assertEquals(field, r.json().getString("field"), r.body());
  }

  /** An HTML form body. */
  public static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** A copy of a JSON object without one field. */
  public static JsonObject withoutKey(JsonObject j, String key) {
    JsonObject c = j.copy();
    c.remove(key);
    return c;
  }
}
