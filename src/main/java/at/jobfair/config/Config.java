package at.jobfair.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The application's configuration: the defaults in {@code config/application.json}, optionally overlaid by the
 * file named in {@code JOBFAIR_CONFIG}, then by environment variables. Every key {@code a.bKey} can be set
 * as {@code JOBFAIR_A_B_KEY}. The value's type is the type of its default. Anything wrong fails at start,
 * naming the key.
 */
public final class Config {

  public static final String ENV_PREFIX = "JOBFAIR_";
  public static final String ENV_CONFIG_FILE = "JOBFAIR_CONFIG";

  private final Map<String, Object> values;

  private Config(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** The documented defaults, relative to the working directory. */
  public static final Path DEFAULTS_FILE = Path.of("config", "application.json");
  /** The same defaults inside the jar, for a node started from any other directory. */
  static final String DEFAULTS_RESOURCE = "config/application.json";

  /**
   * Loads the defaults from {@code ./config/application.json}, or, when there is none (the jar started elsewhere),
   * from the copy packed into the jar; then the overlay file and the environment as {@link #load(Path, Map)}.
   */
  public static Config load(Map<String, String> env) {
    return Files.exists(DEFAULTS_FILE) ? load(DEFAULTS_FILE, env) : loadPacked(env);
  }

  /** The defaults packed into the jar (a copy of config/application.json made by the build), then the overlays. */
  static Config loadPacked(Map<String, String> env) {
    return load(packedDefaults(), env);
  }

  private static JsonObject packedDefaults() {
    try (InputStream in = Config.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) throw new ConfigException("file", "found neither " + DEFAULTS_FILE.toAbsolutePath() + " nor the defaults inside the jar");
      return parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULTS_RESOURCE);
    } catch (IOException e) {
      throw new ConfigException("file", "cannot read the defaults inside the jar: " + e.getMessage());
    }
  }

  /** Loads the defaults file, the optional overlay file named by JOBFAIR_CONFIG, and the environment. */
  public static Config load(Path defaultsFile, Map<String, String> env) {
    return load(readJson(defaultsFile), env);
  }

  /**
   * A true/false setting read before the configuration is checked, for what must be decided before anything is
   * logged (checking a time zone may already make a library log); false when unreadable, and {@link #load} then says why.
   */
  public static boolean peek(Map<String, String> env, String key) {
    try {
      JsonObject defaults = Files.exists(DEFAULTS_FILE) ? readJson(DEFAULTS_FILE) : packedDefaults();
      return Boolean.TRUE.equals(read(defaults, env).get(key));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Config load(JsonObject defaults, Map<String, String> env) {
    Config config = new Config(read(defaults, env));
    config.validate();
    return config;
  }

  private static Map<String, Object> read(JsonObject defaults, Map<String, String> env) {
    Map<String, Object> values = flatten(defaults, "");
    String overlay = env.get(ENV_CONFIG_FILE);
    if (overlay != null && !overlay.isBlank()) {
      overlay(values, flatten(readJson(Path.of(overlay)), ""), "file " + overlay);
    }
    Map<String, String> byEnvName = new TreeMap<>();
    for (String key : values.keySet()) byEnvName.put(envName(key), key);
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(ENV_PREFIX) || name.equals(ENV_CONFIG_FILE)) continue;
      String key = byEnvName.get(name);
      if (key == null) {
        throw new ConfigException(name, "unknown setting; known ones are " + String.join(", ", byEnvName.keySet()));
      }
      values.put(key, parse(key, name, values.get(key), e.getValue()));
    }
    return values;
  }

  /** The same configuration with some keys replaced (used by tests and tools). */
  public Config with(Map<String, Object> overrides) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    overlay(copy, overrides, "override");
    Config config = new Config(copy);
    config.validate();
    return config;
  }

  /** The environment variable that sets a key: {@code db.poolSize} is {@code JOBFAIR_DB_POOL_SIZE}. */
  public static String envName(String key) {
    return ENV_PREFIX + key.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
  }

  public String string(String key) {
    return (String) get(key);
  }

  public int integer(String key) {
    return (Integer) get(key);
  }

  public boolean bool(String key) {
    return (Boolean) get(key);
  }

  public ZoneId zone() {
    return ZoneId.of(string("timezone"));
  }

  public Map<String, Object> asMap() {
    return values;
  }

  private Object get(String key) {
    Object v = values.get(key);
    if (v == null && !values.containsKey(key)) throw new IllegalArgumentException("no configuration key " + key);
    return v;
  }

  private void validate() {
    range("http.port", 0, 65535);
    range("http.instances", 1, 64);
    range("db.poolSize", 1, 500);
    range("db.embeddedPort", 0, 65535);
    range("cluster.port", 1, 65535);
    range("cluster.eventBusPort", 0, 65535);
    range("warmup.seconds", 1, 3600);
    range("session.timeoutMinutes", 1, 60 * 24 * 30);
    range("auth.argon2MemoryKiB", 8, 4 * 1024 * 1024);
    range("auth.argon2Iterations", 1, 100);
    range("auth.signInMaxFailures", 1, 1000);
    range("auth.signInWindowMinutes", 1, 24 * 60);
    range("mail.smtpPort", 1, 65535);
    range("mail.pollMillis", 10, 3_600_000);
    range("mail.maxAttempts", 1, 100);
    range("mail.retryMillis", 10, 86_400_000);
    range("invitations.linkValidDays", 1, 365);
    range("reminders.pollSeconds", 1, 3600);
    reminderOffsets();
    range("attendance.graceMinutes", 0, 24 * 60);
    range("attendance.pollSeconds", 1, 24 * 3600);
    range("attendance.sickNoteFlagAfter", 1, 100);
    range("attendance.outageReporters", 2, 1000);
    range("attendance.outageMinutes", 1, 240);
    range("cascade.waiverDays", 1, 365);
    range("cascade.closePollSeconds", 1, 24 * 3600);
    range("cascade.closeGraceDays", 0, 365);
    range("retention.sickNoteDays", 1, 3650);
    range("retention.voluntaryDays", 1, 3650);
    range("retention.caseEvidenceDays", 1, 3650);
    range("retention.pollSeconds", 60, 24 * 3600);
    range("metrics.pollSeconds", 1, 3600);
    if (!string("metrics.token").matches("[\\x21-\\x7e]*")) {
      throw new ConfigException("metrics.token", "must be printable ASCII without spaces (it travels in an Authorization header)");
    }
    range("shutdown.drainSeconds", 1, 3600);
    range("shutdown.readyDelaySeconds", 0, 300);
    if (integer("shutdown.readyDelaySeconds") >= integer("shutdown.drainSeconds")) {
      throw new ConfigException("shutdown.readyDelaySeconds", "must be shorter than shutdown.drainSeconds, which it is part of");
    }
    String url = string("db.url");
    if (!url.isBlank() && !(url.startsWith("postgresql://") || url.startsWith("postgres://"))) {
      throw new ConfigException("db.url", "must look like postgresql://user:password@host:5432/database");
    }
    if (url.isBlank() && !string("db.appUser").isBlank()) {
      throw new ConfigException("db.appUser", "only with db.url: the embedded database always works as jobfair_app");
    }
    String secret = string("session.secret");
    if (!secret.isEmpty() && secret.length() < 32) {
      throw new ConfigException("session.secret", "must be at least 32 characters (or empty to generate one at start)");
    }
    if (string("data.dir").isBlank()) throw new ConfigException("data.dir", "must name a directory");
    try {
      ZoneId.of(string("timezone"));
    } catch (DateTimeException e) {
      throw new ConfigException("timezone", "is not a time zone id such as Europe/Vienna");
    }
    if (!string("mail.smtpHost").strip().matches("[A-Za-z0-9.:\\[\\]_-]*")) {
      throw new ConfigException("mail.smtpHost", "must be a host name or address (empty = keep mails instead of sending)");
    }
    if (!Set.of("DISABLED", "OPTIONAL", "REQUIRED").contains(string("mail.starttls"))) {
      throw new ConfigException("mail.starttls", "must be DISABLED, OPTIONAL or REQUIRED, was '" + string("mail.starttls") + "'");
    }
    if (!string("mail.from").matches("[^@\\s<>\",;]+@[^@\\s<>\",;]+|[^\"<>()\\r\\n]*<[^@\\s<>\",;]+@[^@\\s<>\",;]+>")) {
      throw new ConfigException("mail.from", "must be an address, optionally with a name: Jobbörse <noreply@example.org>");
    }
    try {
      URI uri = URI.create(string("http.publicUrl"));
      if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) throw new IllegalArgumentException();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("http.publicUrl", "must be an http(s) address such as http://localhost:8080");
    }
  }

  /** The reminder offsets in minutes before an appointment, largest first: "1440,60"; empty = no reminders. */
  public java.util.List<Integer> reminderOffsets() {
    String raw = string("reminders.offsetsMinutes").strip();
    java.util.TreeSet<Integer> out = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
    if (raw.isEmpty()) return java.util.List.of();
    for (String part : raw.split(",")) {
      int v;
      try {
        v = Integer.parseInt(part.strip());
      } catch (NumberFormatException e) {
        throw new ConfigException("reminders.offsetsMinutes", "must be whole minutes separated by commas, such as 1440,60; was '" + raw + "'");
      }
      if (v < 1 || v > 43_200) throw new ConfigException("reminders.offsetsMinutes", "each offset must be between 1 and 43200 minutes, was " + v);
      if (!out.add(v)) throw new ConfigException("reminders.offsetsMinutes", "names " + v + " twice");
    }
    return java.util.List.copyOf(out);
  }

  private void range(String key, int min, int max) {
    int v = integer(key);
    if (v < min || v > max) throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + v);
  }

  private static void overlay(Map<String, Object> values, Map<String, Object> overlay, String source) {
    overlay.forEach((key, value) -> {
      if (!values.containsKey(key)) throw new ConfigException(key, "unknown setting in " + source);
      Object current = values.get(key);
      if (value != null && current != null && current.getClass() != value.getClass()) {
        throw new ConfigException(key, "must be a " + typeName(current) + " in " + source);
      }
      values.put(key, value);
    });
  }

  private static Object parse(String key, String envName, Object current, String raw) {
    String text = raw.trim();
    if (current instanceof Integer) {
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new ConfigException(key, envName + " must be a whole number, was '" + raw + "'");
      }
    }
    if (current instanceof Boolean) {
      if (text.equalsIgnoreCase("true")) return true;
      if (text.equalsIgnoreCase("false")) return false;
      throw new ConfigException(key, envName + " must be true or false, was '" + raw + "'");
    }
    return raw;
  }

  private static String typeName(Object v) {
    return v instanceof Integer ? "whole number" : v instanceof Boolean ? "true/false value" : "text";
  }

  private static JsonObject readJson(Path file) {
    try {
      return parseJson(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new ConfigException("file", "cannot read configuration file " + file.toAbsolutePath() + ": " + e.getMessage());
    }
  }

  private static JsonObject parseJson(String text, String source) {
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      throw new ConfigException("file", "configuration file " + source + " is not valid JSON: " + e.getMessage());
    }
  }

  private static Map<String, Object> flatten(JsonObject json, String prefix) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name : json.fieldNames()) {
      Object v = json.getValue(name);
      String key = prefix + name;
      if (v instanceof JsonObject o) {
        out.putAll(flatten(o, key + "."));
      } else if (v instanceof Number n) {
        if (n.doubleValue() != Math.rint(n.doubleValue())) throw new ConfigException(key, "must be a whole number");
        out.put(key, n.intValue());
      } else if (v instanceof String || v instanceof Boolean) {
        out.put(key, v);
      } else {
        throw new ConfigException(key, "must be text, a whole number or true/false");
      }
    }
    return out;
  }

  /** A configuration problem, naming the key so the operator can fix it. */
  public static final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String problem) {
      super("Configuration error in '" + key + "'" + (key.startsWith(ENV_PREFIX) || key.equals("file") ? "" : " (environment variable " + envName(key) + ")") + ": " + problem);
      this.key = key;
    }

    public String key() {
      return key;
    }
  }
}
