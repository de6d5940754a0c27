package at.jobfair.meeting;

import at.jobfair.config.Config;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The meeting settings: sensible defaults, every key from the environment, anything wrong stops the start naming the key. */
class MeetingConfigTest {

  private static final Path DEFAULTS = Path.of("config", "application.json");

  static Config load(Map<String, String> env) {
    return Config.load(DEFAULTS, env);
  }

  static String failingKey(Map<String, String> env) {
    return assertThrows(Config.ConfigException.class, () -> MeetingConfig.from(load(env))).key();
  }

  @Test
  void theDefaultIsTheBuiltInProviderWithAGeneratedKeyAndNoIceServers() {
    MeetingConfig m = MeetingConfig.from(load(Map.of()));
    assertEquals(MeetingConfig.Provider.BUILTIN, m.provider());
    assertEquals(10, m.joinBefore().toMinutes());
    assertNull(m.roomKey(), "generated once and kept in the database");
    assertTrue(m.iceServers().isEmpty(), "none needed on one network");
    assertNull(m.jitsi());
  }

  @Test
  void everyKeyComesFromTheEnvironment() {
    MeetingConfig m = MeetingConfig.from(load(Map.of(
        "JOBFAIR_MEETING_JOIN_MINUTES_BEFORE", "5",
        "JOBFAIR_MEETING_ROOM_KEY", "0123456789abcdef0123456789abcdef",
        "JOBFAIR_MEETING_GROUP_MAX_PARTICIPANTS", "12",
        "JOBFAIR_MEETING_ICE_SERVERS", "[{\"urls\":\"stun:stun.example.org:3478\"},"
            + "{\"urls\":\"turn:turn.example.org:3478\",\"username\":\"u\",\"credential\":\"p\"}]",
        "JOBFAIR_MEETING_PROVIDER", "jitsi",
        "JOBFAIR_JITSI_DOMAIN", "meet.example.at",
        "JOBFAIR_JITSI_APP_ID", "jobfair",
        "JOBFAIR_JITSI_SECRET", "s3cret-s3cret-s3cret-s3cret-s3cret!",
        "JOBFAIR_JITSI_AUDIENCE", "jitsi")));
    assertEquals(MeetingConfig.Provider.JITSI, m.provider());
    assertEquals(5, m.joinBefore().toMinutes());
    assertEquals(12, m.groupMaxParticipants());
    assertEquals(2, m.iceServers().size());
    assertEquals(JitsiTokens.Mode.SELF_HOSTED, m.jitsi().mode());
    assertEquals("meet.example.at", m.jitsiDomain());
  }

  @Test
  void wrongValuesStopTheStartNamingTheKey() {
    assertEquals("meeting.provider", failingKey(Map.of("JOBFAIR_MEETING_PROVIDER", "zoom")));
    assertEquals("meeting.roomKey", failingKey(Map.of("JOBFAIR_MEETING_ROOM_KEY", "too-short")));
    assertEquals("meeting.joinMinutesBefore", failingKey(Map.of("JOBFAIR_MEETING_JOIN_MINUTES_BEFORE", "-1")));
    assertEquals("meeting.groupMaxParticipants", failingKey(Map.of("JOBFAIR_MEETING_GROUP_MAX_PARTICIPANTS", "1")));
    assertEquals("meeting.iceServers", failingKey(Map.of("JOBFAIR_MEETING_ICE_SERVERS", "stun:stun.example.org")));
    assertEquals("meeting.iceServers", failingKey(Map.of("JOBFAIR_MEETING_ICE_SERVERS", "[{\"urls\":\"turn:t.example.org\"}]")));
    assertEquals("jitsi.mode", failingKey(Map.of("JOBFAIR_JITSI_MODE", "cloud")));
    assertEquals("jitsi.domain", failingKey(Map.of("JOBFAIR_JITSI_DOMAIN", "https://meet.example.at/")));
    Map<String, String> jitsi = new HashMap<>(Map.of("JOBFAIR_MEETING_PROVIDER", "jitsi"));
    assertEquals("jitsi.domain", failingKey(jitsi));
    jitsi.put("JOBFAIR_JITSI_DOMAIN", "meet.example.at");
    assertEquals("jitsi.appId", failingKey(jitsi));
    jitsi.put("JOBFAIR_JITSI_APP_ID", "jobfair");
    jitsi.put("JOBFAIR_JITSI_SECRET", "short");
    assertEquals("jitsi.secret", failingKey(jitsi));
    jitsi.put("JOBFAIR_JITSI_MODE", "jaas");
    assertEquals("jitsi.kid", failingKey(jitsi));
    jitsi.put("JOBFAIR_JITSI_KID", "jobfair/abc");
    jitsi.put("JOBFAIR_JITSI_PRIVATE_KEY_PEM", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----");
    Config.ConfigException e = assertThrows(Config.ConfigException.class, () -> MeetingConfig.from(load(jitsi)));
    assertTrue(e.key().startsWith("jitsi."), e.getMessage());
    assertTrue(e.getMessage().contains("JOBFAIR_JITSI_"), "the message names the variable: " + e.getMessage());
  }
}
