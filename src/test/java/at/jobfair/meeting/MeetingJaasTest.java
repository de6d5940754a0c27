package at.jobfair.meeting;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Jitsi switch set to 8x8 JaaS: RS256 tokens with the API key's kid, read back with nimbus-jose-jwt. */
class MeetingJaasTest {

  static final String APP = "vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe";
  static final String KID = APP + "/4f4910";
  static KeyPair rsa;
  static TestApp app;
  static MeetingTestData data;

  @BeforeAll
  static void start() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    rsa = g.generateKeyPair();
    // As an environment variable would carry it: on one line, line breaks written as \n.
    String pem = "-----BEGIN PRIVATE KEY-----\\n" + Base64.getEncoder().encodeToString(rsa.getPrivate().getEncoded())
        + "\\n-----END PRIVATE KEY-----\\n";
    app = TestApp.start(Map.of("meeting.provider", "jitsi", "jitsi.mode", "jaas", "jitsi.domain", "8x8.vc",
        "jitsi.appId", APP, "jitsi.kid", KID, "jitsi.privateKeyPem", pem));
    data = new MeetingTestData(app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void theOrientationPartRunsOnJitsiWithPresentersAsModerators() throws Exception {
    data.fx.exec("update fair set orientation_starts_at = now() - interval '1 minute', orientation_minutes = 30 where id = ?", data.fair);
    JsonObject presenter = app.client().signedIn("organizer@demo.test").get("/api/fairs/" + data.fair + "/orientation").json();
    JsonObject viewer = app.client().signedIn("seeker@demo.test").get("/api/fairs/" + data.fair + "/orientation").json();
    assertEquals("jitsi", presenter.getString("provider"));
    assertEquals(presenter.getString("room"), viewer.getString("room"));
    for (JsonObject m : List.of(presenter, viewer)) {
      SignedJWT token = SignedJWT.parse(m.getString("jwt"));
      assertTrue(token.verify(new RSASSAVerifier((RSAPublicKey) rsa.getPublic())));
      assertEquals(m.getString("room"), token.getJWTClaimsSet().getStringClaim("room"));
      Map<String, Object> user = (Map<String, Object>) token.getJWTClaimsSet().getJSONObjectClaim("context").get("user");
      assertEquals(m.getBoolean("moderator") ? "true" : "false", user.get("moderator"));
    }
    assertTrue(presenter.getBoolean("moderator"));
    assertFalse(viewer.getBoolean("moderator"));
  }

  @Test
  void eachCallerGetsAnRs256TokenForTheirRoomOnly() throws Exception {
    long js = data.jobseeker("jaas");
    long booking = data.running(js, 4);
    TestClient seeker = app.client();
    assertEquals(200, seeker.signIn(data.email(js), Fixtures.PASSWORD).status());
    JsonObject mine = seeker.get("/api/bookings/" + booking + "/meeting").json();
    JsonObject theirs = app.client().signedIn("employer@demo.test").get("/api/bookings/" + booking + "/meeting").json();
    assertEquals("jitsi", mine.getString("provider"));
    assertEquals("8x8.vc", mine.getString("domain"));
    assertEquals(APP + "/" + mine.getString("room"), mine.getString("roomName"), "JaaS rooms live under the AppID");
    assertFalse(mine.getString("jwt").equals(theirs.getString("jwt")), "a token per participant");

    for (JsonObject m : List.of(mine, theirs)) {
      SignedJWT token = SignedJWT.parse(m.getString("jwt"));
      assertEquals(JWSAlgorithm.RS256, token.getHeader().getAlgorithm());
      assertEquals(KID, token.getHeader().getKeyID());
      assertTrue(token.verify(new RSASSAVerifier((RSAPublicKey) rsa.getPublic())));
      JWTClaimsSet c = token.getJWTClaimsSet();
      assertEquals("chat", c.getIssuer());
      assertEquals(List.of("jitsi"), c.getAudience());
      assertEquals(APP, c.getSubject());
      assertEquals(m.getString("room"), c.getStringClaim("room"), "bound to this room, never *");
      assertTrue(c.getExpirationTime().toInstant().isAfter(java.time.Instant.now()));
      Map<String, Object> context = c.getJSONObjectClaim("context");
      Map<String, Object> user = (Map<String, Object>) context.get("user");
      Map<String, Object> features = (Map<String, Object>) context.get("features");
      assertEquals("false", features.get("recording"));
      assertEquals(m.getBoolean("moderator") ? "true" : "false", user.get("moderator"));
    }
    assertNull(((Map<String, Object>) SignedJWT.parse(mine.getString("jwt")).getJWTClaimsSet().getJSONObjectClaim("context").get("user"))
        .get("email"), "no jobseeker email in a token");
    assertTrue(new String(Base64.getUrlDecoder().decode(mine.getString("jwt").split("\\.")[1]), StandardCharsets.UTF_8)
        .contains("\"moderator\":\"false\""));
  }
}
