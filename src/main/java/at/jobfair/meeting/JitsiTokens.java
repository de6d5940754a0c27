package at.jobfair.meeting;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Mints the JSON Web Token with which one participant enters one Jitsi room. There is no server-side Jitsi SDK: the
 * token is a plain JWS, signed with Nimbus JOSE+JWT, its claims exactly what Jitsi documents.
 *
 * <ul>
 *   <li>{@linkplain #selfHosted Self-hosted} Jitsi with Prosody token authentication: HS256 under the app secret;
 *   {@code iss} the app id, {@code aud} what Prosody accepts ({@code asap_accepted_audiences}; by default the app id),
 *   {@code sub} the Jitsi domain, {@code room} the room.</li>
 *   <li>{@linkplain #jaas 8x8 Jitsi as a Service}: RS256 under the uploaded API key named by {@code kid};
 *   {@code iss} "chat", {@code aud} "jitsi", {@code sub} the AppID, {@code room} the room.</li>
 * </ul>
 * Every token is bound to one room (never "*") and expires shortly after the slot ends. Booth staff are moderators
 * ({@code moderator} "true", and affiliation "owner" for Prosody's token affiliation module); the jobseeker and
 * authorised AMS staff are not. The jobseeker's email never goes into a token: Jitsi shows it to the other side.
 */
public final class JitsiTokens {

  public enum Mode { SELF_HOSTED, JAAS }

  /** The token outlives the slot by this much, so a conversation that runs over is not cut off at once. */
  public static final Duration GRACE = Duration.ofMinutes(15);
  /** However long the slot, a token is never valid for longer than this from its minting. */
  public static final Duration MAX_LIFETIME = Duration.ofHours(4);
  /** Accepted a little before its minting, for clocks that run behind ours. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
  /** RFC 7518 §3.2: an HS256 key has at least as many bits as the hash. */
  public static final int MIN_SECRET_BYTES = 32;
  public static final int MIN_RSA_BITS = 2048;
  static final int MAX_NAME = 100;

  /**
   * One person in one meeting.
   *
   * @param id        an opaque, stable identifier (not a database key that tells anything)
   * @param name      the display name shown in the room
   * @param email     shown to the other participants; null for jobseekers
   * @param moderator whether the person may moderate (booth staff only)
   */
  public record Participant(String id, String name, String email, boolean moderator) {
    public Participant {
      if (id == null || id.isBlank()) throw new IllegalArgumentException("participant id");
      if (name == null || name.isBlank()) throw new IllegalArgumentException("display name");
      name = name.strip();
      if (name.length() > MAX_NAME) name = name.substring(0, MAX_NAME);
      if (email != null && email.isBlank()) email = null;
    }

    /** Employer staff of the booth: a moderator. */
    public static Participant boothStaff(String id, String name, String email) {
      return new Participant(id, name, email, true);
    }

    /** The booked jobseeker: never a moderator, and no email in the token. */
    public static Participant jobseeker(String id, String name) {
      return new Participant(id, name, null, false);
    }

    /** Authorised AMS staff (caseworker, organiser): may sit in, does not moderate. */
    public static Participant authorisedStaff(String id, String name, String email) {
      return new Participant(id, name, email, false);
    }

    /** The participant in the capacity the access rules gave. */
    public static Participant of(MeetingAccess.Decision decision, MeetingAccess.Role role, String id, String name, String email) {
      if (!decision.entered()) throw new IllegalArgumentException("refused: " + decision.refusal());
      if (decision.moderator()) return boothStaff(id, name, email);
      return role == MeetingAccess.Role.JOBSEEKER ? jobseeker(id, name) : authorisedStaff(id, name, email);
    }
  }

  private final Mode mode;
  private final String issuer;
  private final String audience;
  private final String subject;
  private final String kid;
  private final JWSSigner signer;

  private JitsiTokens(Mode mode, String issuer, String audience, String subject, String kid, JWSSigner signer) {
    this.mode = mode;
    this.issuer = issuer;
    this.audience = audience;
    this.subject = subject;
    this.kid = kid;
    this.signer = signer;
  }

  /**
   * Self-hosted Jitsi with Prosody's token authentication ({@code app_id}, {@code app_secret}).
   *
   * @param audience the {@code aud} Prosody accepts; null or blank for the app id
   * @param domain   the Jitsi domain the rooms live on (the {@code sub}), e.g. meet.example.at
   */
  public static JitsiTokens selfHosted(String appId, byte[] secret, String audience, String domain) {
    requireText(appId, "jitsi.appId");
    requireText(domain, "jitsi.domain");
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("jitsi.secret needs at least " + MIN_SECRET_BYTES + " bytes");
    }
    String aud = audience == null || audience.isBlank() ? appId : audience;
    try {
      return new JitsiTokens(Mode.SELF_HOSTED, appId, aud, domain.toLowerCase(Locale.ROOT), null,
          new MACSigner(Arrays.copyOf(secret, secret.length)));
    } catch (KeyLengthException e) {
      throw new IllegalArgumentException("jitsi.secret needs at least " + MIN_SECRET_BYTES + " bytes", e);
    }
  }

  /**
   * 8x8 Jitsi as a Service.
   *
   * @param appId         the AppID, {@code vpaas-magic-cookie-…}
   * @param kid           the API key's id, {@code vpaas-magic-cookie-…/…}
   * @param privateKeyPem the API key's private key, PKCS#8 PEM ({@code BEGIN PRIVATE KEY})
   */
  public static JitsiTokens jaas(String appId, String kid, String privateKeyPem) {
    requireText(appId, "jitsi.appId");
    requireText(kid, "jitsi.kid");
    if (!appId.startsWith("vpaas-magic-cookie-")) throw new IllegalArgumentException("jitsi.appId is not a JaaS AppID");
    if (!kid.startsWith(appId + "/") || kid.length() == appId.length() + 1) {
      throw new IllegalArgumentException("jitsi.kid must be the AppID, a slash and the key id");
    }
    return new JitsiTokens(Mode.JAAS, "chat", "jitsi", appId, kid, new RSASSASigner(rsaPrivateKey(privateKeyPem)));
  }

  public Mode mode() {
    return mode;
  }

  /**
   * The token for one participant of one room.
   *
   * @param slotEnd when the appointment ends; the token expires {@link #GRACE} later, or {@link #MAX_LIFETIME} after
   *                {@code now}, whichever is earlier
   * @throws IllegalStateException when the token would already have expired
   */
  public String mint(String room, Participant who, Instant now, Instant slotEnd) {
    if (!RoomNames.wellFormed(room)) throw new IllegalArgumentException("not a room name: " + room);
    Objects.requireNonNull(who, "participant");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(slotEnd, "slotEnd");
    Instant exp = min(slotEnd.plus(GRACE), now.plus(MAX_LIFETIME));
    if (!exp.isAfter(now)) throw new IllegalStateException("the meeting is over");

    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", who.id());
    user.put("name", who.name());
    if (who.email() != null) user.put("email", who.email());
    user.put("moderator", String.valueOf(who.moderator()));
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("user", user);
    if (mode == Mode.SELF_HOSTED) {
      user.put("affiliation", who.moderator() ? "owner" : "member");
    } else {
      // Recording and streaming would need consent from both sides; none of it in an appointment.
      Map<String, Object> features = new LinkedHashMap<>();
      for (String feature : List.of("livestreaming", "recording", "transcription", "outbound-call", "sip-outbound-call")) {
        features.put(feature, "false");
      }
      context.put("features", features);
    }

    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(audience)
        .subject(subject)
        .claim("room", room)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now.minus(CLOCK_SKEW)))
        .expirationTime(Date.from(exp))
        .claim("context", context)
        .build();
    JWSHeader header = new JWSHeader.Builder(mode == Mode.JAAS ? JWSAlgorithm.RS256 : JWSAlgorithm.HS256)
        .type(JOSEObjectType.JWT).keyID(kid).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a Jitsi token", e);
    }
    return jwt.serialize();
  }

  /** An RSA private key from PKCS#8 PEM; a PKCS#1 key ({@code BEGIN RSA PRIVATE KEY}) is refused with a hint. */
  static PrivateKey rsaPrivateKey(String pem) {
    requireText(pem, "jitsi.privateKeyPem");
    if (pem.contains("BEGIN RSA PRIVATE KEY")) {
      throw new IllegalArgumentException("jitsi.privateKeyPem is PKCS#1; convert it with "
          + "'openssl pkcs8 -topk8 -nocrypt -in key.pem' to PKCS#8 (BEGIN PRIVATE KEY)");
    }
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) throw new IllegalArgumentException("jitsi.privateKeyPem is not a PKCS#8 PEM private key");
    String body = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
    PrivateKey key;
    try {
      key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("jitsi.privateKeyPem is not an RSA private key", e);
    }
    if (!(key instanceof RSAPrivateKey rsa) || rsa.getModulus().bitLength() < MIN_RSA_BITS) {
      throw new IllegalArgumentException("jitsi.privateKeyPem: an RSA key needs at least " + MIN_RSA_BITS + " bits");
    }
    return key;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static void requireText(String s, String name) {
    if (s == null || s.isBlank()) throw new IllegalArgumentException(name + " is required");
  }
}
