package at.jobfair.bench;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.cache.ConcurrentMapTemplateCache;
import com.github.jknack.handlebars.context.MapValueResolver;
import com.github.jknack.handlebars.io.ClassPathTemplateLoader;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling of the page benchmark ({@link PageSpeed}): a bare Vert.x HTTP server (no router, no sessions, no
 * database per request) that renders the product's own booth template ({@code templates/booth.hbs} with its header
 * and footer partials, the same Handlebars version) with one booth's data, read once from the product's database at
 * start and held in memory. The helpers are the least the template needs: texts from the German bundle, times in
 * Vienna, a fixed fingerprint for static files, no CSRF token (the page of someone not signed in has none).
 * Run as a process of its own by {@link PageSpeed}: {@code PageCeiling <port> <jdbc url> <booth id> <event loops>};
 * it prints "ceiling ready" when it listens.
 */
public final class PageCeiling extends AbstractVerticle {

  private static final ZoneId ZONE = ZoneId.of("Europe/Vienna");
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  private static Template template;
  private static Map<String, Object> model;

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String jdbc = args[1];
    long boothId = Long.parseLong(args[2]);
    int loops = Integer.parseInt(args[3]);
    model = model(jdbc, boothId);
    template = handlebars().compile("booth");
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
    vertx.deployVerticle(() -> new PageCeiling(port), new DeploymentOptions().setInstances(loops)).await(30, TimeUnit.SECONDS);
    System.out.println("ceiling ready on " + port);
  }

  private final int port;

  private PageCeiling(int port) {
    this.port = port;
  }

  @Override
  public void start(io.vertx.core.Promise<Void> started) {
    vertx.createHttpServer().requestHandler(req -> {
      String html;
      try {
        html = template.apply(Context.newBuilder(model).resolver(MapValueResolver.INSTANCE).build());
      } catch (Exception e) {
        req.response().setStatusCode(500).end(e.toString());
        return;
      }
      req.response().putHeader("Content-Type", "text/html; charset=utf-8").end(Buffer.buffer(html));
    }).listen(port, "127.0.0.1").<Void>mapEmpty().onComplete(started);
  }

  /** The templates from the class path with the least set of helpers the booth template asks for. */
  private static Handlebars handlebars() throws Exception {
    Properties de = new Properties();
    try (var in = new InputStreamReader(PageCeiling.class.getResourceAsStream("/i18n/messages_de.properties"), StandardCharsets.UTF_8)) {
      de.load(in);
    }
    Handlebars h = new Handlebars(new ClassPathTemplateLoader("/templates", ".hbs")).with(new ConcurrentMapTemplateCache());
    h.registerHelper("t", (Helper<String>) (key, options) -> {
      String pattern = de.getProperty(key, key);
      return options.params.length == 0 ? pattern : new MessageFormat(pattern, Locale.GERMAN).format(options.params);
    });
    h.registerHelper("time", (Helper<Object>) (v, options) -> v == null ? "" : HH_MM.format(Instant.parse(v.toString()).atZone(ZONE)));
    DateTimeFormatter day = DateTimeFormatter.ofPattern("EEE d. MMM", Locale.GERMAN).withZone(ZONE);
    DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(Locale.GERMAN).withZone(ZONE);
    h.registerHelper("day", (Helper<Object>) (v, options) -> v == null ? "" : day.format(Instant.parse(v.toString())));
    h.registerHelper("date", (Helper<Object>) (v, options) -> v == null ? "" : date.format(Instant.parse(v.toString())));
    h.registerHelper("concat", (Helper<Object>) (a, options) -> {
      StringBuilder sb = new StringBuilder(String.valueOf(a));
      for (Object p : options.params) sb.append(p);
      return sb.toString();
    });
    h.registerHelper("eq", (Helper<Object>) (a, options) -> String.valueOf(a).equals(String.valueOf((Object) options.param(0))));
    h.registerHelper("asset", (Helper<String>) (path, options) -> new Handlebars.SafeString(path + "?v=0123456789ab"));
    h.registerHelper("csrf", (Helper<Object>) (v, options) -> "");
    h.registerHelper("liveTopic", (Helper<String>) (name, options) -> name + ":" + options.param(0));
    return h;
  }

  /**
   * The model of the booth page as a visitor who is not signed in gets it: the booth (company, vacancies, slots not
   * removed with their free seats and whether they are still open), the operator's name and hotline, the language menu.
   */
  static Map<String, Object> model(String jdbc, long boothId) throws Exception {
    Map<String, Object> booth = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", null)) {
      try (PreparedStatement st = c.prepareStatement("""
          select b.id, b.headline, b.description, b.phone, f.id as fair_id, f.name as fair_name, f.status, f.booking_cutoff_minutes,
                 e.id as employer_id, e.name, e.description as employer_description, e.website, e.logo is not null as has_logo
            from booth b join employer e on e.id = b.employer_id join fair f on f.id = b.fair_id where b.id = ?""")) {
        st.setLong(1, boothId);
        try (ResultSet r = st.executeQuery()) {
          if (!r.next()) throw new IllegalArgumentException("no booth " + boothId);
          booth.put("id", r.getLong("id"));
          booth.put("headline", r.getString("headline"));
          booth.put("description", r.getString("description"));
          booth.put("phone", r.getString("phone"));
          booth.put("fair", map("id", r.getLong("fair_id"), "name", r.getString("fair_name"), "status", r.getString("status"),
              "bookingCutoffMinutes", r.getInt("booking_cutoff_minutes")));
          long employer = r.getLong("employer_id");
          booth.put("employer", map("id", employer, "name", r.getString("name"), "description", r.getString("employer_description"),
              "website", r.getString("website"), "logo", r.getBoolean("has_logo") ? "/api/employers/" + employer + "/logo" : null));
        }
      }
      List<Map<String, Object>> vacancies = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("select * from vacancy where booth_id = ? order by id")) {
        st.setLong(1, boothId);
        try (ResultSet r = st.executeQuery()) {
          while (r.next()) {
            vacancies.add(map("id", r.getLong("id"), "title", r.getString("title"), "description", r.getString("description"),
                "hoursPerWeek", r.getObject("hours_per_week"), "pay", r.getString("pay"), "workplace", r.getString("workplace"),
                "region", r.getString("region"), "startDate", r.getString("start_date"), "german", r.getString("german"),
                "housing", r.getBoolean("housing")));
          }
        }
      }
      booth.put("vacancies", vacancies);
      List<Map<String, Object>> slots = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("""
          select s.id, s.starts_at, s.ends_at, s.capacity, s.capacity - s.booked as free, slot_open(s, f) as open
            from slot s join booth b on b.id = s.booth_id join fair f on f.id = b.fair_id
           where s.booth_id = ? and s.removed_at is null order by s.starts_at, s.id""")) {
        st.setLong(1, boothId);
        try (ResultSet r = st.executeQuery()) {
          while (r.next()) {
            slots.add(map("id", r.getLong("id"), "start", r.getTimestamp("starts_at").toInstant().toString(),
                "end", r.getTimestamp("ends_at").toInstant().toString(), "capacity", r.getInt("capacity"),
                "free", r.getInt("free"), "open", r.getBoolean("open")));
          }
        }
      }
      booth.put("slots", slots);
    }
    JsonObject operator = new JsonObject(Files.readString(Path.of("config/application.json"))).getJsonObject("operator");
    Map<String, Object> site = map("name", operator.getString("name"), "logo", operator.getString("logo"),
        "favicon", operator.getString("favicon"), "faviconType", "image/svg+xml", "email", operator.getString("email"),
        "hotlinePhone", operator.getString("hotlinePhone"),
        "hotlineDial", "tel:" + operator.getString("hotlinePhone").replaceAll("[^+0-9]", ""),
        "hotlineHours", operator.getString("hotlineHours"));
    List<Map<String, Object>> languages = new ArrayList<>();
    for (String[] l : new String[][] {{"de", "de", "Deutsch"}, {"en", "en", "English"}, {"tr", "tr", "Türkçe"},
        {"bs", "bs", "Bosanski / Hrvatski / Srpski"}, {"ar", "ar", "العربية"}, {"uk", "uk", "Українська"},
        {"de-simple", "de", "Einfache Sprache"}}) {
      languages.add(map("code", l[0], "htmlLang", l[1], "name", l[2], "href", "/booths/" + boothId + "?lang=" + l[0],
          "current", l[0].equals("de")));
    }
    Map<String, Object> m = new HashMap<>();
    m.put("booth", booth);
    m.put("site", site);
    m.put("languages", languages);
    m.put("lang", "de");
    m.put("htmlLang", "de");
    m.put("dir", "ltr");
    m.put("path", "/booths/" + boothId);
    m.put("canBook", false);
    m.put("canManage", false);
    return m;
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
