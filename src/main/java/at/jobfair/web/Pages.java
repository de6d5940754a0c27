package at.jobfair.web;

import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.web.Messages.Lang;
import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.cache.ConcurrentMapTemplateCache;
import com.github.jknack.handlebars.cache.NullTemplateCache;
import com.github.jknack.handlebars.context.JavaBeanValueResolver;
import com.github.jknack.handlebars.context.MapValueResolver;
import com.github.jknack.handlebars.context.MethodValueResolver;
import com.github.jknack.handlebars.io.ClassPathTemplateLoader;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Map;

/**
 * Server-rendered pages: Handlebars templates from {@code /templates}, texts from the message bundles through the
 * {@code t} helper, times in the configured zone through {@code time}/{@code date}. Double braces escape HTML;
 * the templates never use triple braces for anything a user typed.
 */
public final class Pages {

  private static final String MAY_KEEP = "pages.mayKeep";
  private final java.util.concurrent.ConcurrentHashMap<String, String> fingerprints = new java.util.concurrent.ConcurrentHashMap<>();

  private static final String REQUEST = "_request";
  private static final String LANG = "_lang";
  private final Handlebars handlebars;
  /** Templates are read from the class path at each use while developing (VERTXWEB_ENVIRONMENT=dev), else once. */
  private final boolean dev;
  /** Each page's template, compiled once (not while developing). */
  private final java.util.concurrent.ConcurrentHashMap<String, Template> compiled = new java.util.concurrent.ConcurrentHashMap<>();
  /** A day ({@code Mo. 8. Dez.}) and a full date as each language writes them, in the zone: made once, used by every page. */
  private final Map<Lang, DateTimeFormatter> days = new java.util.EnumMap<>(Lang.class);
  private final Map<Lang, DateTimeFormatter> dates = new java.util.EnumMap<>(Lang.class);
  private final Messages messages;
  private final ZoneId zone;
  /** What every page shows whatever it is about (the operator's name, logo and hotline: {@code site}). */
  private final Map<String, Object> common = new java.util.concurrent.ConcurrentHashMap<>();

  public Pages(Messages messages, ZoneId zone) {
    this.messages = messages;
    this.zone = zone;
    this.dev = "dev".equals(System.getenv("VERTXWEB_ENVIRONMENT"));
    this.handlebars = new Handlebars(dev ? new ClassPathTemplateLoader("/templates", ".hbs") : new KeptSources())
        .with(dev ? NullTemplateCache.INSTANCE : new ConcurrentMapTemplateCache())
        .with(Pages::escapeHtml);
    for (Lang l : Lang.values()) {
      days.put(l, DateTimeFormatter.ofPattern(l.locale().getLanguage().equals("de") ? "EEE d. MMM" : "EEE d MMM", l.locale()).withZone(zone));
      dates.put(l, DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(l.locale()).withZone(zone));
    }
    handlebars.registerHelper("t", (Helper<String>) (key, options) -> {
      Object[] args = options.params;
      return messages.get(lang(options.context), key, args);
    });
    handlebars.registerHelper("time", (Helper<Object>) (value, options) -> value == null ? "" : WallClock.clock(instant(value), zone));
    handlebars.registerHelper("date", (Helper<Object>) (value, options) -> value == null ? "" : dates.get(lang(options.context)).format(instant(value)));
    handlebars.registerHelper("day", (Helper<Object>) (value, options) -> value == null ? "" : days.get(lang(options.context)).format(instant(value)));
    handlebars.registerHelper("concat", (Helper<Object>) (a, options) -> {
      StringBuilder sb = new StringBuilder(String.valueOf(a));
      for (Object p : options.params) sb.append(p);
      return sb.toString();
    });
    // The CSRF token only where a template has a form: a visitor who reads pages gets no session.
    handlebars.registerHelper("csrf", (Helper<Object>) (ignored, options) -> Sessions.csrfToken((RoutingContext) options.get(REQUEST)));
    // Our own addresses: nothing in them to escape.
    handlebars.registerHelper("asset", (Helper<String>) (path, options) -> new com.github.jknack.handlebars.Handlebars.SafeString(asset(path)));
    handlebars.registerHelper("eq", (Helper<Object>) (a, options) -> String.valueOf(a).equals(String.valueOf((Object) options.param(0))));
    // Text the organiser wrote (a fair's name and description) is German: marked as such on a page in another
    // language, so that a screen reader pronounces it as German (and it runs left to right on an Arabic page).
    handlebars.registerHelper("germanText", (Helper<Object>) (ignored, options) -> {
      Lang page = lang(options.context);
      if (page.htmlLang().equals("de")) return "";
      return new com.github.jknack.handlebars.Handlebars.SafeString(page.rightToLeft() ? " lang=\"de\" dir=\"ltr\"" : " lang=\"de\"");
    });
  }

  /**
   * The address of a static file with its fingerprint ({@code /static/css/app.css?v=3f2a…}): the file's content decides
   * it, so a browser may keep the file for good ({@link #IMMUTABLE}) and a new version has a new address.
   */
  String asset(String path) {
    return path + "?v=" + fingerprints.computeIfAbsent(path, Pages::fingerprint);
  }

  private static String fingerprint(String path) {
    String file = "webroot/" + path.substring("/static/".length());
    try {
      // Where StaticHandler finds it: the working directory's webroot first, then the class path.
      java.nio.file.Path onDisk = java.nio.file.Path.of(file);
      byte[] bytes;
      if (java.nio.file.Files.isRegularFile(onDisk)) {
        bytes = java.nio.file.Files.readAllBytes(onDisk);
      } else {
        try (var in = Pages.class.getClassLoader().getResourceAsStream(file)) {
          if (in == null) throw new IllegalArgumentException("no static file " + path);
          bytes = in.readAllBytes();
        }
      }
      return sha256Hex(bytes, 6);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Static files asked for by their fingerprinted address are kept by browsers for a year without asking again; at a
   * plain address the browser asks each time whether the file changed (StaticHandler answers 304), so a new version
   * is never hidden behind an old copy.
   */
  public static void staticCaching(RoutingContext ctx) {
    String caching = ctx.request().getParam("v") != null ? IMMUTABLE : "no-cache";
    ctx.addHeadersEndHandler(v -> ctx.response().headers().set("Cache-Control", caching));
    ctx.next();
  }

  /** The caching of a fingerprinted static file. */
  public static final String IMMUTABLE = "public, max-age=31536000, immutable";

  /** A helper a feature defines, registered by the composition root (the toolkit knows no feature). */
  public void helper(String name, Helper<?> helper) {
    handlebars.registerHelper(name, helper);
  }

  /** A value every page's model holds under this name, set once by the composition root. */
  public void common(String name, Object value) {
    common.put(name, value);
  }

  public Messages messages() {
    return messages;
  }

  /**
   * A moment as the {@code date} and {@code time} helpers write it ("Thursday, 3 December 2026, 09:00"), for a text
   * built outside a template.
   */
  public String dateTime(Instant instant, Lang lang) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(lang.locale()).withZone(zone).format(instant)
        + ", " + WallClock.clock(instant, zone);
  }

  /** Renders a template with the common model (user, language, CSRF token) and sends it. */
  public void render(RoutingContext ctx, int status, String template, Map<String, Object> model) {
    Map<String, Object> data = new HashMap<>(common);
    model.forEach((k, v) -> data.put(k, plain(v)));
    Lang lang = Http.lang(ctx);
    Account user = Sessions.user(ctx);
    data.put("lang", lang.code());
    data.put("htmlLang", lang.htmlLang());
    data.put("dir", lang.rightToLeft() ? "rtl" : "ltr");
    data.put("languages", languages(ctx, lang));
    data.put("path", ctx.request().path());
    data.put(REQUEST, ctx);
    if (user != null) {
      data.put("user", user);
      Map<String, Boolean> is = new HashMap<>();
      for (Role r : user.roles()) is.put(r.name(), true);
      is.put("STAFF", user.isStaff());
      is.put("MAILS_OUT", user.roles().stream().anyMatch(Role.OUTBOX::contains));
      data.put("is", is);
    }
    String html;
    try {
      Template t = template(template);
      Context context = Context.newBuilder(data)
          .resolver(MapValueResolver.INSTANCE, JavaBeanValueResolver.INSTANCE, MethodValueResolver.INSTANCE).build();
      // The language as the render's own data: every nested block shares it, so the helpers (t is called dozens of
      // times a page, most inside #each) find it at once instead of asking each enclosing block's value first.
      context.data(LANG, lang);
      html = t.apply(context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var response = ctx.response().putHeader("Content-Type", "text/html; charset=utf-8");
    if (user == null && status == 200 && Boolean.TRUE.equals(ctx.get(MAY_KEEP)) && ctx.request().method() == io.vertx.core.http.HttpMethod.GET) {
      // A page for anyone: the browser may keep it and ask again whether it changed (ETag, 304 without a body).
      String etag = etag(html);
      response.putHeader("Cache-Control", "no-cache").putHeader("ETag", etag).putHeader("Vary", "Cookie, Accept-Language");
      if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
        response.setStatusCode(304).end();
        return;
      }
    } else {
      response.putHeader("Cache-Control", "no-store");
    }
    response.setStatusCode(status).end(html);
  }

  /**
   * A page's template. Compiled once and kept, unless while developing: looking it up by name each time asks the class
   * path for the file (a file-system or jar lookup) on every request, only to find the compiled copy again.
   */
  private Template template(String name) throws IOException {
    if (dev) return handlebars.compile(name);
    Template t = compiled.get(name);
    if (t == null) {
      t = handlebars.compile(name);
      compiled.putIfAbsent(name, t);
    }
    return t;
  }

  /**
   * The templates' files on the class path, each looked up once: partials ({@code {{> partials/header}}}) are found by
   * name whenever a page is rendered, and the class path's answer cannot change while the node runs.
   */
  private static final class KeptSources extends ClassPathTemplateLoader {
    private final java.util.concurrent.ConcurrentHashMap<String, com.github.jknack.handlebars.io.TemplateSource> sources =
        new java.util.concurrent.ConcurrentHashMap<>();

    KeptSources() {
      super("/templates", ".hbs");
    }

    @Override
    public com.github.jknack.handlebars.io.TemplateSource sourceAt(String location) throws IOException {
      var source = sources.get(location);
      if (source == null) {
        source = super.sourceAt(location);
        sources.putIfAbsent(location, source);
      }
      return source;
    }
  }

  /** Marks the request's page as one a browser may keep when it is shown to someone not signed in (see Endpoints). */
  public static void mayKeep(RoutingContext ctx) {
    ctx.put(MAY_KEEP, true);
  }

  /** A weak validator of a page's text (the page is the same when its text is). */
  static String etag(String html) {
    return "W/\"" + sha256Hex(html.getBytes(java.nio.charset.StandardCharsets.UTF_8), 12) + "\"";
  }

  /** The first {@code bytes} bytes of the SHA-256 of some content, in hex: a page's validator, a file's fingerprint. */
  private static String sha256Hex(byte[] content, int bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content), 0, bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The address of this page in another language: the same page with its query, {@code lang} replaced. A page shown in
   * answer to a form (a POST) has no address of its own: the switch goes to the page the form was on, if it is ours.
   */
  static String languageSwitch(RoutingContext ctx, String lang) {
    String path;
    String query;
    if (ctx.request().method() == io.vertx.core.http.HttpMethod.GET) {
      path = ctx.request().path();
      query = ctx.request().query();
    } else {
      java.net.URI from = referer(ctx);
      path = from == null ? "/" : from.getRawPath();
      query = from == null ? null : from.getRawQuery();
    }
    StringBuilder kept = new StringBuilder();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty() || pair.equals("lang") || pair.startsWith("lang=")) continue;
        kept.append(pair).append('&');
      }
    }
    return Http.localPath(path) + "?" + kept + "lang=" + lang;
  }

  /** The language menu: every language by its own name, each linking to this page in it. */
  static java.util.List<Map<String, Object>> languages(RoutingContext ctx, Lang current) {
    java.util.List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (Lang l : Lang.values()) {
      Map<String, Object> item = new HashMap<>();
      item.put("code", l.code());
      item.put("htmlLang", l.htmlLang());
      item.put("name", l.nativeName());
      item.put("href", languageSwitch(ctx, l.code()));
      item.put("current", l == current);
      out.add(item);
    }
    return out;
  }

  /** The page of ours the browser came from (its same-origin Referer), or null when it came from elsewhere or says nothing. */
  public static java.net.URI referer(RoutingContext ctx) {
    String referer = ctx.request().getHeader("Referer");
    if (referer == null) return null;
    try {
      java.net.URI uri = new java.net.URI(referer);
      String host = ctx.request().authority() == null ? null : ctx.request().authority().host();
      return uri.getHost() == null || uri.getHost().equals(host) ? uri : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  /**
   * The message for {@code ?error=code}, where a page form sent a person back (see {@link Http#backWithError}); null
   * when there is none or the code has no message. The address can only pick one of our own texts.
   */
  public String errorInAddress(RoutingContext ctx, Object... args) {
    String code = ctx.request().getParam("error");
    if (code == null || !code.matches("[a-z_]{1,60}")) return null;
    Lang lang = Http.lang(ctx);
    return messages.has(lang, "error." + code) ? messages.get(lang, "error." + code, args) : null;
  }

  public void render(RoutingContext ctx, String template, Map<String, Object> model) {
    render(ctx, 200, template, model);
  }

  /** Vert.x JSON values as plain maps and lists, so that templates can walk them. */
  static Object plain(Object v) {
    if (v instanceof io.vertx.core.json.JsonObject o) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      o.forEach(e -> m.put(e.getKey(), plain(e.getValue())));
      return m;
    }
    if (v instanceof io.vertx.core.json.JsonArray a) {
      java.util.List<Object> l = new java.util.ArrayList<>();
      a.forEach(x -> l.add(plain(x)));
      return l;
    }
    return v;
  }

  private Lang lang(Context context) {
    // The page's language as the enum (render puts it there): the helpers ask for it dozens of times a page.
    if (context.data(LANG) instanceof Lang l) return l;
    Object code = context.get("lang");
    Lang lang = Lang.parse(code == null ? null : code.toString());
    return lang == null ? Lang.DE : lang;
  }

  /**
   * A time a template shows: an Instant, or its ISO text as the catalogue's JSON holds it. The same texts come again and
   * again (a booth's slots on every view of its page), so each is parsed once.
   */
  private static Instant instant(Object value) {
    if (value instanceof Instant i) return i;
    String text = value.toString();
    Instant parsed = PARSED.getIfPresent(text);
    if (parsed == null) {
      parsed = Instant.parse(text);
      PARSED.put(text, parsed);
    }
    return parsed;
  }

  private static final com.github.benmanes.caffeine.cache.Cache<String, Instant> PARSED =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(20_000).build();

  /**
   * What a template writes with double braces, escaped as Handlebars does by default ({@code EscapingStrategy.HTML_ENTITY}:
   * the same seven characters, the same entities), in one pass over the text instead of its general-purpose
   * translator, which tried every position against a table and was an eighth of a booth page's time. PagesTest
   * compares the two.
   */
  static CharSequence escapeHtml(CharSequence value) {
    if (value instanceof Handlebars.SafeString safe) return safe.content;
    if (value == null || value.length() == 0) return "";
    int n = value.length();
    StringBuilder out = null;
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      String entity = switch (c) {
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#x27;";
        case '`' -> "&#x60;";
        case '&' -> "&amp;";
        case '=' -> "&#x3D;";
        default -> null;
      };
      if (entity != null) {
        if (out == null) out = new StringBuilder(n + 16).append(value, 0, i);
        out.append(entity);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? value.toString() : out.toString();
  }

}
