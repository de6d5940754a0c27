package at.jobfair.meeting;

import at.jobfair.config.Config.ConfigException;
import at.jobfair.config.Config;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The meeting settings ({@code meeting.*}, {@code jitsi.*}), checked once at start: anything wrong names its key.
 *
 * @param roomKey    the key room names are derived with; null = the one generated once and kept in the database
 * @param iceServers STUN/TURN servers as the browser's {@code RTCIceServer} list (empty: none needed on one network)
 * @param jitsi      the token minter when the provider is Jitsi, else null
 * @param heartbeatSeconds   how often a node tells the others (through the database) that its sockets are alive
 * @param nodeTimeoutSeconds after how long without that a node counts as dead and its peers leave their rooms
 */
public record MeetingConfig(Provider provider, Duration joinBefore, byte[] roomKey, int groupMaxParticipants,
                            JsonArray iceServers, String jitsiDomain, JitsiTokens jitsi, String jitsiAppId,
                            int heartbeatSeconds, int nodeTimeoutSeconds) {

  public enum Provider {
    BUILTIN, JITSI;

    public String code() {
      return this == BUILTIN ? "builtin" : "jitsi";
    }
  }

  public static MeetingConfig from(Config c) {
    String p = c.string("meeting.provider").strip();
    Provider provider = switch (p) {
      case "builtin" -> Provider.BUILTIN;
      case "jitsi" -> Provider.JITSI;
      default -> throw new ConfigException("meeting.provider", "must be builtin or jitsi, was '" + p + "'");
    };
    int before = c.integer("meeting.joinMinutesBefore");
    if (before < 0 || before > 120) throw new ConfigException("meeting.joinMinutesBefore", "must be between 0 and 120, was " + before);
    int group = c.integer("meeting.groupMaxParticipants");
    if (group < 2 || group > 50) throw new ConfigException("meeting.groupMaxParticipants", "must be between 2 and 50, was " + group);
    String key = c.string("meeting.roomKey");
    byte[] roomKey = null;
    if (!key.isEmpty()) {
      roomKey = key.getBytes(StandardCharsets.UTF_8);
      if (roomKey.length < RoomNames.MIN_KEY_BYTES) {
        throw new ConfigException("meeting.roomKey", "must be at least " + RoomNames.MIN_KEY_BYTES
            + " characters (or empty to generate one and keep it in the database)");
      }
    }
    JsonArray ice = iceServers(c.string("meeting.iceServers"));
    int beat = c.integer("meeting.heartbeatSeconds");
    if (beat < 1 || beat > 60) throw new ConfigException("meeting.heartbeatSeconds", "must be between 1 and 60, was " + beat);
    int timeout = c.integer("meeting.nodeTimeoutSeconds");
    // Two missed beats at least, so that one slow beat does not throw a live node's people out of their calls.
    if (timeout < 2 * beat || timeout > 600) {
      throw new ConfigException("meeting.nodeTimeoutSeconds", "must be at least twice meeting.heartbeatSeconds (" + 2 * beat
          + ") and at most 600, was " + timeout);
    }

    String domain = c.string("jitsi.domain").strip();
    if (!domain.isEmpty() && !domain.matches("[A-Za-z0-9.-]+(:\\d{1,5})?")) {
      throw new ConfigException("jitsi.domain", "must be a host name such as meet.example.org (no https://, no path)");
    }
    String mode = c.string("jitsi.mode").strip();
    if (!mode.equals("selfHosted") && !mode.equals("jaas")) {
      throw new ConfigException("jitsi.mode", "must be selfHosted or jaas, was '" + mode + "'");
    }
    JitsiTokens tokens = null;
    String appId = c.string("jitsi.appId").strip();
    // Every key read whichever provider and mode are chosen: a key of the section that nothing reads is a mistake
    // the configuration's coverage test finds.
    String jitsiSecret = c.string("jitsi.secret");
    String audience = c.string("jitsi.audience");
    String kid = c.string("jitsi.kid").strip();
    String privateKeyPem = c.string("jitsi.privateKeyPem");
    if (provider == Provider.JITSI) {
      if (domain.isEmpty()) throw new ConfigException("jitsi.domain", "is required when meeting.provider is jitsi (8x8.vc for JaaS)");
      if (appId.isEmpty()) throw new ConfigException("jitsi.appId", "is required when meeting.provider is jitsi");
      try {
        if (mode.equals("selfHosted")) {
          byte[] secret = jitsiSecret.getBytes(StandardCharsets.UTF_8);
          if (secret.length < JitsiTokens.MIN_SECRET_BYTES) {
            throw new ConfigException("jitsi.secret", "must be at least " + JitsiTokens.MIN_SECRET_BYTES + " characters for selfHosted");
          }
          tokens = JitsiTokens.selfHosted(appId, secret, audience, domain);
        } else {
          if (kid.isEmpty()) throw new ConfigException("jitsi.kid", "is required for jaas (the API key id, AppID/keyid)");
          tokens = JitsiTokens.jaas(appId, kid, pem(privateKeyPem));
        }
      } catch (IllegalArgumentException e) {
        String msg = e.getMessage() == null ? "invalid" : e.getMessage();
        String named = msg.startsWith("jitsi.") ? msg.substring(0, msg.indexOf(' ') < 0 ? msg.length() : msg.indexOf(' ')) : "jitsi.appId";
        throw new ConfigException(named, msg);
      }
    }
    return new MeetingConfig(provider, Duration.ofMinutes(before), roomKey, group, ice, domain, tokens, appId, beat, timeout);
  }

  /** A PEM given in one line (environment variables) may write its line breaks as \n; base64 of a PEM works too. */
  static String pem(String raw) {
    String s = raw.replace("\\n", "\n").strip();
    if (!s.isEmpty() && !s.startsWith("-----")) {
      try {
        s = new String(Base64.getMimeDecoder().decode(s), StandardCharsets.US_ASCII);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("jitsi.privateKeyPem", "must be a PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
      }
    }
    return s;
  }

  /** {@code [{"urls":"stun:stun.example.org:3478"},{"urls":"turn:turn.example.org","username":"u","credential":"p"}]}. */
  static JsonArray iceServers(String raw) {
    if (raw == null || raw.isBlank()) return new JsonArray();
    JsonArray list;
    try {
      list = new JsonArray(raw);
    } catch (DecodeException e) {
      throw new ConfigException("meeting.iceServers", "must be a JSON list such as [{\"urls\":\"stun:stun.example.org:3478\"}]");
    }
    for (Object o : list) {
      if (!(o instanceof JsonObject s) || !(s.getValue("urls") instanceof String urls)
          || !urls.matches("(stun|turn|turns):[^\\s]+")) {
        throw new ConfigException("meeting.iceServers", "each entry needs \"urls\" starting with stun:, turn: or turns:");
      }
      if (urls.startsWith("turn") && (s.getString("username") == null || s.getString("credential") == null)) {
        throw new ConfigException("meeting.iceServers", "a TURN server needs \"username\" and \"credential\"");
      }
    }
    return list;
  }

  /** The room name Jitsi is given: JaaS rooms live under the AppID. */
  public String jitsiRoom(String room) {
    return jitsi != null && jitsi.mode() == JitsiTokens.Mode.JAAS ? jitsiAppId + "/" + room : room;
  }
}
