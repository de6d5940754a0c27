package at.jobfair.meeting;

import at.jobfair.meeting.JitsiTokens.Participant;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mints both kinds of token and reads them back with a verifier written here from the JWS rules (RFC 7515) alone:
 * base64url, the JDK's HMAC and RSA signature, and every header field and claim compared exactly.
 */
class JitsiTokensTest {

  private static final byte[] SECRET = "s3cret-s3cret-s3cret-s3cret-s3cret!".getBytes(StandardCharsets.UTF_8);
  private static final String APP_ID = "jobfair";
  private static final String DOMAIN = "meet.example.at";
  private static final String JAAS_APP = "vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe";
  private static final String KID = JAAS_APP + "/4f4910";

  private static final Instant NOW = Instant.parse("2026-10-25T01:22:00Z");
  private static final Instant SLOT_END = Instant.parse("2026-10-25T01:50:00Z");

  private static final RoomNames ROOMS = new RoomNames("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
  private static final String ROOM_A = ROOMS.forBooking(1);
  private static final String ROOM_B = ROOMS.forBooking(2);

  private static final Participant STAFF = Participant.boothStaff("emp-17", "Maria Huber (Spar)", "m.huber@spar.example");
  private static final Participant JOBSEEKER = Participant.jobseeker("js-4711", "Ali Yılmaz");
  private static final Participant CASEWORKER = Participant.authorisedStaff("ams-3", "Frau Berger (AMS)", "berger@ams.example");

  private static KeyPair rsa;
  private static KeyPair otherRsa;
  private static String pem;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    rsa = g.generateKeyPair();
    otherRsa = g.generateKeyPair();
    pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(rsa.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static JitsiTokens selfHosted() {
    return JitsiTokens.selfHosted(APP_ID, SECRET, null, DOMAIN);
  }

  private static JitsiTokens jaas() {
    return JitsiTokens.jaas(JAAS_APP, KID, pem);
  }

  // ---- an independent reader ----

  private record Jws(JsonObject header, JsonObject claims, byte[] signingInput, byte[] signature) {
  }

  private static Jws parse(String token) {
    String[] parts = token.split("\\.", -1);
    assertEquals(3, parts.length, token);
    for (String p : parts) assertTrue(p.matches("[A-Za-z0-9_-]+"), "base64url without padding: " + p);
    Base64.Decoder d = Base64.getUrlDecoder();
    return new Jws(new JsonObject(new String(d.decode(parts[0]), StandardCharsets.UTF_8)),
        new JsonObject(new String(d.decode(parts[1]), StandardCharsets.UTF_8)),
        (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), d.decode(parts[2]));
  }

  private static boolean hs256Valid(String token, byte[] secret) throws Exception {
    Jws jws = parse(token);
    if (!"HS256".equals(jws.header().getString("alg"))) return false;
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    return MessageDigest.isEqual(mac.doFinal(jws.signingInput()), jws.signature());
  }

  private static boolean rs256Valid(String token, PublicKey key) throws Exception {
    Jws jws = parse(token);
    if (!"RS256".equals(jws.header().getString("alg"))) return false;
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initVerify(key);
    s.update(jws.signingInput());
    return s.verify(jws.signature());
  }

  /** The token with one character of its payload changed, still well-formed base64url. */
  private static String tampered(String token, String from, String to) {
    String[] parts = token.split("\\.");
    String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    assertTrue(json.contains(from), json);
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(json.replace(from, to).getBytes(StandardCharsets.UTF_8));
    return parts[0] + "." + forged + "." + parts[2];
  }

  // ---- self-hosted ----

  @Test
  void selfHostedStaffTokenHasExactlyTheDocumentedClaims() throws Exception {
    String token = selfHosted().mint(ROOM_A, STAFF, NOW, SLOT_END);
    Jws jws = parse(token);
    assertEquals(new JsonObject().put("alg", "HS256").put("typ", "JWT"), jws.header());
    JsonObject want = new JsonObject()
        .put("iss", APP_ID).put("aud", APP_ID).put("sub", DOMAIN).put("room", ROOM_A)
        .put("iat", NOW.getEpochSecond()).put("nbf", NOW.getEpochSecond() - 60)
        .put("exp", SLOT_END.plus(Duration.ofMinutes(15)).getEpochSecond())
        .put("context", new JsonObject().put("user", new JsonObject()
            .put("id", "emp-17").put("name", "Maria Huber (Spar)").put("email", "m.huber@spar.example")
            .put("moderator", "true").put("affiliation", "owner")));
    assertEquals(want, jws.claims());
    assertTrue(hs256Valid(token, SECRET));
  }

  @Test
  void selfHostedJobseekerIsNoModeratorAndHasNoEmail() throws Exception {
    String token = selfHosted().mint(ROOM_A, JOBSEEKER, NOW, SLOT_END);
    JsonObject user = parse(token).claims().getJsonObject("context").getJsonObject("user");
    assertEquals(new JsonObject().put("id", "js-4711").put("name", "Ali Yılmaz").put("moderator", "false")
        .put("affiliation", "member"), user);
    assertFalse(token.contains("@"));
    assertTrue(hs256Valid(token, SECRET));
  }

  @Test
  void selfHostedCaseworkerSitsInWithoutModerating() throws Exception {
    JsonObject user = parse(selfHosted().mint(ROOM_A, CASEWORKER, NOW, SLOT_END)).claims().getJsonObject("context").getJsonObject("user");
    assertEquals(new JsonObject().put("id", "ams-3").put("name", "Frau Berger (AMS)").put("email", "berger@ams.example")
        .put("moderator", "false").put("affiliation", "member"), user);
  }

  @Test
  void selfHostedAudienceIsConfigurable() {
    JsonObject claims = parse(JitsiTokens.selfHosted(APP_ID, SECRET, "jitsi", "Meet.Example.AT").mint(ROOM_A, STAFF, NOW, SLOT_END)).claims();
    assertEquals("jitsi", claims.getString("aud"));
    assertEquals(APP_ID, claims.getString("iss"));
    assertEquals(DOMAIN, claims.getString("sub"));
    assertEquals(APP_ID, parse(JitsiTokens.selfHosted(APP_ID, SECRET, " ", DOMAIN).mint(ROOM_A, STAFF, NOW, SLOT_END)).claims().getString("aud"));
  }

  @Test
  void selfHostedWrongSecretAndTamperingFail() throws Exception {
    String token = selfHosted().mint(ROOM_A, JOBSEEKER, NOW, SLOT_END);
    byte[] wrong = SECRET.clone();
    wrong[0] ^= 1;
    assertFalse(hs256Valid(token, wrong));
    assertFalse(hs256Valid(tampered(token, "\"moderator\":\"false\"", "\"moderator\":\"true\""), SECRET));
    assertFalse(hs256Valid(tampered(token, ROOM_A, ROOM_B), SECRET));
    assertTrue(hs256Valid(token, SECRET));
  }

  // ---- JaaS ----

  @Test
  void jaasStaffTokenHasExactlyTheDocumentedClaims() throws Exception {
    String token = jaas().mint(ROOM_A, STAFF, NOW, SLOT_END);
    Jws jws = parse(token);
    assertEquals(new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", KID), jws.header());
    JsonObject features = new JsonObject().put("livestreaming", "false").put("recording", "false")
        .put("transcription", "false").put("outbound-call", "false").put("sip-outbound-call", "false");
    JsonObject want = new JsonObject()
        .put("iss", "chat").put("aud", "jitsi").put("sub", JAAS_APP).put("room", ROOM_A)
        .put("iat", NOW.getEpochSecond()).put("nbf", NOW.getEpochSecond() - 60)
        .put("exp", SLOT_END.plus(Duration.ofMinutes(15)).getEpochSecond())
        .put("context", new JsonObject()
            .put("user", new JsonObject().put("id", "emp-17").put("name", "Maria Huber (Spar)")
                .put("email", "m.huber@spar.example").put("moderator", "true"))
            .put("features", features));
    assertEquals(want, jws.claims());
    assertTrue(rs256Valid(token, rsa.getPublic()));
  }

  @Test
  void jaasJobseekerAndCaseworkerAreNoModerators() throws Exception {
    String js = jaas().mint(ROOM_A, JOBSEEKER, NOW, SLOT_END);
    assertEquals(new JsonObject().put("id", "js-4711").put("name", "Ali Yılmaz").put("moderator", "false"),
        parse(js).claims().getJsonObject("context").getJsonObject("user"));
    assertTrue(rs256Valid(js, rsa.getPublic()));
    String cw = jaas().mint(ROOM_A, CASEWORKER, NOW, SLOT_END);
    assertEquals("false", parse(cw).claims().getJsonObject("context").getJsonObject("user").getString("moderator"));
  }

  @Test
  void jaasWrongKeyAndTamperingFail() throws Exception {
    String token = jaas().mint(ROOM_A, JOBSEEKER, NOW, SLOT_END);
    assertFalse(rs256Valid(token, otherRsa.getPublic()));
    assertFalse(rs256Valid(tampered(token, "\"moderator\":\"false\"", "\"moderator\":\"true\""), rsa.getPublic()));
    assertFalse(rs256Valid(tampered(token, ROOM_A, ROOM_B), rsa.getPublic()));
    assertTrue(rs256Valid(token, rsa.getPublic()));
  }

  @Test
  void anHmacTokenDoesNotPassAsRsaNorTheOtherWayRound() throws Exception {
    assertFalse(rs256Valid(selfHosted().mint(ROOM_A, STAFF, NOW, SLOT_END), rsa.getPublic()));
    assertFalse(hs256Valid(jaas().mint(ROOM_A, STAFF, NOW, SLOT_END), SECRET));
  }

  // ---- both ----

  @Test
  void aTokenForRoomAClaimsRoomAOnly() {
    for (JitsiTokens tokens : new JitsiTokens[] {selfHosted(), jaas()}) {
      String a = tokens.mint(ROOM_A, STAFF, NOW, SLOT_END), b = tokens.mint(ROOM_B, STAFF, NOW, SLOT_END);
      assertEquals(ROOM_A, parse(a).claims().getString("room"));
      assertEquals(ROOM_B, parse(b).claims().getString("room"));
      assertFalse(a.equals(b));
      assertFalse(new String(Base64.getUrlDecoder().decode(a.split("\\.")[1]), StandardCharsets.UTF_8).contains(ROOM_B));
    }
  }

  @Test
  void expiryIsShortAndBounded() {
    for (JitsiTokens tokens : new JitsiTokens[] {selfHosted(), jaas()}) {
      // A normal slot: 15 minutes after its end.
      JsonObject c = parse(tokens.mint(ROOM_A, JOBSEEKER, NOW, SLOT_END)).claims();
      assertEquals(SLOT_END.getEpochSecond() + 900, c.getLong("exp"));
      assertTrue(c.getLong("nbf") < c.getLong("iat") && c.getLong("iat") < c.getLong("exp"));
      // A very long slot: never more than four hours.
      c = parse(tokens.mint(ROOM_A, JOBSEEKER, NOW, NOW.plus(Duration.ofDays(2)))).claims();
      assertEquals(NOW.plus(Duration.ofHours(4)).getEpochSecond(), c.getLong("exp"));
      // Minted during the grace period: still valid until its end.
      c = parse(tokens.mint(ROOM_A, JOBSEEKER, SLOT_END.plusSeconds(60), SLOT_END)).claims();
      assertEquals(SLOT_END.getEpochSecond() + 900, c.getLong("exp"));
      // After it: nothing to mint.
      assertThrows(IllegalStateException.class, () -> tokens.mint(ROOM_A, JOBSEEKER, SLOT_END.plus(Duration.ofMinutes(15)), SLOT_END));
    }
  }

  @Test
  void onlyRoomNamesAreAccepted() {
    for (String room : new String[] {null, "*", "", "jf-abc", "Jf-" + "a".repeat(32), ROOM_A + "/x"}) {
      assertThrows(IllegalArgumentException.class, () -> selfHosted().mint(room, STAFF, NOW, SLOT_END), room);
      assertThrows(IllegalArgumentException.class, () -> jaas().mint(room, STAFF, NOW, SLOT_END), room);
    }
  }

  @Test
  void participantsFollowTheAccessDecision() {
    JoinWindow.Result open = JoinWindow.open(NOW, SLOT_END, Duration.ofMinutes(10), NOW);
    var employer = MeetingAccess.decide(new MeetingAccess.Facts(MeetingAccess.Role.EMPLOYER, false, true, false, MeetingAccess.BookingStatus.ACTIVE, open));
    var jobseeker = MeetingAccess.decide(new MeetingAccess.Facts(MeetingAccess.Role.JOBSEEKER, true, false, false, MeetingAccess.BookingStatus.ACTIVE, open));
    var staff = MeetingAccess.decide(new MeetingAccess.Facts(MeetingAccess.Role.STAFF, false, false, true, MeetingAccess.BookingStatus.ACTIVE, open));
    var outsider = MeetingAccess.decide(new MeetingAccess.Facts(MeetingAccess.Role.STAFF, false, false, false, MeetingAccess.BookingStatus.ACTIVE, open));
    assertEquals(new Participant("e", "E", "e@x", true), Participant.of(employer, MeetingAccess.Role.EMPLOYER, "e", "E", "e@x"));
    assertEquals(new Participant("j", "J", null, false), Participant.of(jobseeker, MeetingAccess.Role.JOBSEEKER, "j", "J", "j@x"));
    assertEquals(new Participant("s", "S", "s@x", false), Participant.of(staff, MeetingAccess.Role.STAFF, "s", "S", "s@x"));
    assertThrows(IllegalArgumentException.class, () -> Participant.of(outsider, MeetingAccess.Role.STAFF, "s", "S", "s@x"));
  }

  @Test
  void displayNamesAreTrimmedAndBounded() {
    assertEquals("Ali", Participant.jobseeker("j", "  Ali \n").name());
    assertEquals(100, Participant.jobseeker("j", "x".repeat(300)).name().length());
    assertThrows(IllegalArgumentException.class, () -> Participant.jobseeker("j", " "));
    assertThrows(IllegalArgumentException.class, () -> Participant.jobseeker(" ", "Ali"));
    // A name that looks like JSON stays a string.
    String evil = "\"},\"moderator\":\"true";
    JsonObject user = parse(selfHosted().mint(ROOM_A, Participant.jobseeker("j", evil), NOW, SLOT_END)).claims()
        .getJsonObject("context").getJsonObject("user");
    assertEquals(evil, user.getString("name"));
    assertEquals("false", user.getString("moderator"));
  }

  @Test
  void badConfigurationIsRefusedAtStart() {
    assertThrows(IllegalArgumentException.class, () -> JitsiTokens.selfHosted(APP_ID, new byte[31], null, DOMAIN));
    assertThrows(IllegalArgumentException.class, () -> JitsiTokens.selfHosted("", SECRET, null, DOMAIN));
    assertThrows(IllegalArgumentException.class, () -> JitsiTokens.selfHosted(APP_ID, SECRET, null, null));
    assertThrows(IllegalArgumentException.class, () -> JitsiTokens.jaas("jobfair", "jobfair/1", pem));
    assertThrows(IllegalArgumentException.class, () -> JitsiTokens.jaas(JAAS_APP, "vpaas-magic-cookie-other/1", pem));
    assertThrows(IllegalArgumentException.class, () -> JitsiTokens.jaas(JAAS_APP, JAAS_APP + "/", pem));
    assertThrows(IllegalArgumentException.class, () -> JitsiTokens.jaas(JAAS_APP, KID, null));
    assertThrows(IllegalArgumentException.class, () -> JitsiTokens.jaas(JAAS_APP, KID, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"));
    assertThrows(IllegalArgumentException.class, () -> JitsiTokens.jaas(JAAS_APP, KID, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"));
    assertEquals(JitsiTokens.Mode.JAAS, jaas().mode());
    assertEquals(JitsiTokens.Mode.SELF_HOSTED, selfHosted().mode());
  }

  @Test
  void aWeakRsaKeyIsRefused() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    String weak = "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JitsiTokens.jaas(JAAS_APP, KID, weak));
    assertTrue(e.getMessage().contains("2048"), e.getMessage());
  }

  @Test
  void aPemWithWindowsLineEndsAndSurroundingTextIsRead() throws Exception {
    String messy = "key for jobfair\r\n" + pem.replace("\n", "\r\n");
    String token = JitsiTokens.jaas(JAAS_APP, KID, messy).mint(ROOM_A, STAFF, NOW, SLOT_END);
    assertTrue(rs256Valid(token, rsa.getPublic()));
  }

  @Test
  void theSameInputGivesTheSameTokenAndNothingElseLeaksIn() {
    // PKCS#1 v1.5 signatures have no randomness: a cheap check that nothing else (time, counters) leaks in.
    assertEquals(jaas().mint(ROOM_A, STAFF, NOW, SLOT_END), jaas().mint(ROOM_A, STAFF, NOW, SLOT_END));
    assertNotEquals(jaas().mint(ROOM_A, STAFF, NOW, SLOT_END), jaas().mint(ROOM_A, STAFF, NOW.plusSeconds(1), SLOT_END));
    assertEquals(Set.of("iss", "aud", "sub", "room", "iat", "nbf", "exp", "context"),
        parse(jaas().mint(ROOM_A, STAFF, NOW, SLOT_END)).claims().fieldNames());
  }
}
