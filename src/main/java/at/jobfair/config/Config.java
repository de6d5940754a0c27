package at.jobfair.config;

import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

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
  /** The keys the sections' factories have read (see {@link #unread()}). */
  private final Set<String> read = ConcurrentHashMap.newKeySet();

  private final HttpConfig http;
  private final LimitsConfig limits;
  private final DbConfig db;
  private final DataConfig data;
  private final ClusterConfig cluster;
  private final WarmupConfig warmup;
  private final ShutdownConfig shutdown;
  private final boolean demo;
  private final ZoneId zone;
  private final LegalConfig legal;
  private final SessionConfig session;
  private final AuthConfig auth;
  private final MailConfig mail;
  private final InvitationsConfig invitations;
  private final BookingsConfig bookings;
  private final RemindersConfig reminders;
  private final AttendanceConfig attendance;
  private final LettersConfig letters;
  private final CascadeConfig cascade;
  private final RetentionConfig retention;
  private final PrivacyConfig privacy;
  private final OperatorConfig operator;
  private final MetricsConfig metrics;
  private final LogConfig log;

  /** Builds (and so checks) every section once: a wrong value stops the start naming its key. */
  private Config(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
    http = HttpConfig.from(this);
    limits = LimitsConfig.from(this);
    db = DbConfig.from(this);
    data = DataConfig.from(this);
    cluster = ClusterConfig.from(this);
    warmup = WarmupConfig.from(this);
    shutdown = ShutdownConfig.from(this);
    demo = bool("demo");
    zone = timezone(this);
    legal = LegalConfig.from(this);
    session = SessionConfig.from(this);
    auth = AuthConfig.from(this);
    mail = MailConfig.from(this);
    invitations = InvitationsConfig.from(this);
    bookings = BookingsConfig.from(this);
    reminders = RemindersConfig.from(this);
    attendance = AttendanceConfig.from(this);
    letters = LettersConfig.from(this);
    cascade = CascadeConfig.from(this);
    retention = RetentionConfig.from(this);
    privacy = PrivacyConfig.from(this);
    operator = OperatorConfig.from(this);
    metrics = MetricsConfig.from(this);
    log = LogConfig.from(this);
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
    return load(ConfigSources.packedDefaults(), env);
  }

  /** Loads the defaults file, the optional overlay file named by JOBFAIR_CONFIG, and the environment. */
  public static Config load(Path defaultsFile, Map<String, String> env) {
    return load(ConfigSources.readJson(defaultsFile), env);
  }

  /**
   * A true/false setting read before the configuration is checked, for what must be decided before anything is
   * logged (checking a time zone may already make a library log); false when unreadable, and {@link #load} then says why.
   */
  static boolean peek(Map<String, String> env, String key) {
    try {
      JsonObject defaults = Files.exists(DEFAULTS_FILE) ? ConfigSources.readJson(DEFAULTS_FILE) : ConfigSources.packedDefaults();
      return Boolean.TRUE.equals(ConfigSources.read(defaults, env).get(key));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Config load(JsonObject defaults, Map<String, String> env) {
    return new Config(ConfigSources.read(defaults, env));
  }

  /** The same configuration with some keys replaced (used by tests and tools). */
  public Config with(Map<String, Object> overrides) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    ConfigSources.overlay(copy, overrides, "override");
    return new Config(copy);
  }

  /** The environment variable that sets a key: {@code db.poolSize} is {@code JOBFAIR_DB_POOL_SIZE}. */
  public static String envName(String key) {
    return ENV_PREFIX + key.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
  }

  // The raw reads, for the sections' factories only (here and in the features that own a section, such as
  // meeting/MeetingConfig): everything else reads the typed sections.
  public String string(String key) {
    return (String) get(key);
  }

  public int integer(String key) {
    return (Integer) get(key);
  }

  public boolean bool(String key) {
    return (Boolean) get(key);
  }

  public HttpConfig http() {
    return http;
  }

  public LimitsConfig limits() {
    return limits;
  }

  public DbConfig db() {
    return db;
  }

  public DataConfig data() {
    return data;
  }

  public ClusterConfig cluster() {
    return cluster;
  }

  public WarmupConfig warmup() {
    return warmup;
  }

  public ShutdownConfig shutdown() {
    return shutdown;
  }

  /** {@code demo}: load the demo into an empty database. */
  public boolean demo() {
    return demo;
  }

  /** {@code timezone}: the zone all times are shown and entered in. */
  public ZoneId zone() {
    return zone;
  }

  public LegalConfig legal() {
    return legal;
  }

  public SessionConfig session() {
    return session;
  }

  public AuthConfig auth() {
    return auth;
  }

  public MailConfig mail() {
    return mail;
  }

  public InvitationsConfig invitations() {
    return invitations;
  }

  public BookingsConfig bookings() {
    return bookings;
  }

  public RemindersConfig reminders() {
    return reminders;
  }

  public AttendanceConfig attendance() {
    return attendance;
  }

  public LettersConfig letters() {
    return letters;
  }

  public CascadeConfig cascade() {
    return cascade;
  }

  public RetentionConfig retention() {
    return retention;
  }

  public PrivacyConfig privacy() {
    return privacy;
  }

  /** {@code operator.*}: who runs the installation, its logo, colours, imprint, hotline and accessibility statement. */
  public OperatorConfig operator() {
    return operator;
  }

  public MetricsConfig metrics() {
    return metrics;
  }

  public LogConfig log() {
    return log;
  }

  public Map<String, Object> asMap() {
    return values;
  }

  private Object get(String key) {
    Object v = values.get(key);
    if (v == null && !values.containsKey(key)) throw new IllegalArgumentException("no configuration key " + key);
    read.add(key);
    return v;
  }

  private static ZoneId timezone(Config c) {
    try {
      return ZoneId.of(c.string("timezone"));
    } catch (DateTimeException e) {
      throw new ConfigException("timezone", "is not a time zone id such as Europe/Vienna");
    }
  }

  /** A whole number that must lie within [min, max]; anything else stops the start naming the key. */
  public int integer(String key, int min, int max) {
    int v = integer(key);
    if (v < min || v > max) throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + v);
    return v;
  }

  /**
   * The keys no section has read: each key of application.json is read by the one factory of its section, so a key
   * left here is configured, documented and without effect (ConfigCoverageTest).
   */
  public Set<String> unread() {
    Set<String> out = new TreeSet<>(values.keySet());
    out.removeAll(read);
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
