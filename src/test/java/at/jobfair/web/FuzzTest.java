package at.jobfair.web;

import at.jobfair.demo.DemoData;
import at.jobfair.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated requests over every operation of the OpenAPI description, anonymously and signed in as each role, with
 * path ids of every kind, query strings, and bodies that follow the described schema with wrong types, missing and
 * extra fields, or that are no JSON at all; with and without the CSRF token. Whatever comes: never a 5xx, never a
 * stack trace in an answer, every /api error with {@code error} and {@code message}, and the node stays healthy.
 * The seed is printed, and fixed by {@code -Dfuzz.seed}; {@code -Dfuzz.requests} sets how many (at least 10,000).
 */
class FuzzTest {

  static final int REQUESTS = Math.max(10_000, Integer.getInteger("fuzz.requests", 10_000));
  static final String[] ACCOUNTS = {null, "seeker@demo.test", "seeker2@demo.test", "employer@demo.test", "sfu@demo.test",
      "sfa@demo.test", "erhebung@demo.test", "provider@demo.test", "organizer@demo.test", "kommune@demo.test"};

  static TestApp app;
  static JsonObject spec;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    spec = app.client().get("/api/openapi.json").json();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A person's cookies and token, as a browser holds them. */
  record Who(String name, String cookie, String token) {
  }

  record Operation(String method, String path, JsonObject op) {
  }

  @Test
  void noGeneratedRequestOverAnyRouteAndRoleGetsA5xxOrAStackTrace() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("FuzzTest seed " + seed + " (-Dfuzz.seed=" + seed + " repeats it)");
    Random random = new Random(seed);
    List<Operation> ops = operations();
    assertTrue(ops.size() >= 60, "the description lists the routes: " + ops.size());
    List<Who> people = new ArrayList<>();
    for (String email : ACCOUNTS) people.add(signIn(email));

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
        .executor(Executors.newFixedThreadPool(8)).build();
    Semaphore inFlight = new Semaphore(24);
    Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      Operation op = ops.get(random.nextInt(ops.size()));
      Who who = people.get(random.nextInt(people.size()));
      HttpRequest request = request(op, who, random);
      inFlight.acquire();
      all.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
        inFlight.release();
        String what = request.method() + " " + request.uri().getRawPath() + " as " + who.name();
        if (e != null) {
          problems.add(what + ": no answer: " + e);
          return;
        }
        statuses.computeIfAbsent(op.method() + " " + r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
        String body = r.body();
        if (r.statusCode() >= 500) problems.add(what + ": " + r.statusCode() + " " + cut(body));
        if (body.contains("Exception") || body.contains("\tat ") || body.contains(".java:")) problems.add(what + ": stack trace " + cut(body));
        if (r.statusCode() >= 400 && request.uri().getPath().startsWith("/api/")) {
          try {
            JsonObject json = new JsonObject(body);
            if (json.getString("error") == null || json.getString("message") == null) problems.add(what + ": error without error/message " + cut(body));
          } catch (RuntimeException notJson) {
            problems.add(what + ": " + r.statusCode() + " not JSON " + cut(body));
          }
        }
      }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    System.out.println("FuzzTest answers: " + new java.util.TreeMap<>(statuses));
    assertEquals(List.of(), problems.stream().distinct().limit(30).toList(), "seed " + seed);
    assertEquals(200, app.client().get("/health").status(), "the node still serves");
    int total = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
    assertEquals(REQUESTS, total);
  }

  private static List<Operation> operations() {
    List<Operation> out = new ArrayList<>();
    JsonObject paths = spec.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        // signing out would leave the rest of the run anonymous (sign-out itself is covered by the session tests)
        if (path.equals("/api/session") && method.equals("delete")) continue;
        if (List.of("get", "post", "put", "delete", "patch").contains(method)) {
          out.add(new Operation(method.toUpperCase(), path, item.getJsonObject(method)));
        }
      }
    }
    return out;
  }

  private static Who signIn(String email) {
    if (email == null) return new Who("anonymous", null, null);
    var r = app.client().post("/api/session", new JsonObject().put("email", email).put("password", DemoData.PASSWORD));
    assertEquals(200, r.status(), email + ": " + r.body());
    String session = null;
    String token = null;
    for (String c : r.headers().allValues("set-cookie")) {
      String pair = c.split(";", 2)[0];
      if (pair.startsWith(Sessions.COOKIE + "=")) session = pair;
      if (pair.startsWith(Sessions.CSRF_COOKIE + "=")) token = pair.substring(Sessions.CSRF_COOKIE.length() + 1);
    }
    return new Who(email, session + "; " + Sessions.CSRF_COOKIE + "=" + token, token);
  }

  private static HttpRequest request(Operation op, Who who, Random random) {
    String path = op.path();
    for (String name : List.of("{id}", "{bookingId}", "{slotId}", "{fairId}", "{boothId}", "{vacancyId}", "{staffId}", "{token}")) {
      while (path.contains(name)) path = path.replaceFirst(java.util.regex.Pattern.quote(name), URLEncoder.encode(pathValue(random), StandardCharsets.UTF_8).replace("+", "%20"));
    }
    path = path.replaceAll("\\{[^}]+}", URLEncoder.encode(pathValue(random), StandardCharsets.UTF_8).replace("+", "%20"));
    if (random.nextInt(3) == 0) path += "?" + query(random);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).timeout(Duration.ofSeconds(60));
    if (who.cookie() != null) b.header("Cookie", who.cookie());
    if (who.token() != null && random.nextInt(5) > 0) b.header("X-XSRF-TOKEN", random.nextInt(20) == 0 ? "forged" : who.token());
    if (random.nextInt(4) == 0) b.header("Accept-Language", random.nextBoolean() ? "en" : "xx-YY;q=oops");
    String[] content = body(op, random);
    if (content == null || op.method().equals("GET")) {
      b.method(op.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", content[0]).method(op.method(), HttpRequest.BodyPublishers.ofString(content[1]));
    }
    return b.build();
  }

  /** Ids of every kind: existing small ones most often, then zero, negative, huge, not a number, odd characters. */
  private static String pathValue(Random r) {
    return switch (r.nextInt(10)) {
      case 0 -> "0";
      case 1 -> "-" + r.nextInt(1000);
      case 2 -> "99999999999999999999";
      case 3 -> "abc";
      case 4 -> "1.5";
      case 5 -> "%00" + r.nextInt(9);
      case 6 -> "é’\"<script>";
      default -> String.valueOf(1 + r.nextInt(12));
    };
  }

  private static String query(Random r) {
    String[] names = {"lang", "next", "fair", "from", "to", "status", "q", "page", "limit", "format", "role"};
    StringBuilder q = new StringBuilder();
    for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
      if (i > 0) q.append('&');
      q.append(names[r.nextInt(names.length)]).append('=').append(URLEncoder.encode(anyText(r), StandardCharsets.UTF_8));
    }
    return q.toString();
  }

  /** A body: one following the schema (with faults), a random JSON value, broken JSON, a form, a broken multipart, or none. */
  private static String[] body(Operation op, Random r) {
    JsonObject schema = op.op().getJsonObject("requestBody", new JsonObject()).getJsonObject("content", new JsonObject())
        .getJsonObject("application/json", new JsonObject()).getJsonObject("schema");
    return switch (r.nextInt(12)) {
      case 0 -> null;
      case 1 -> new String[] {"application/json", "{\"a\": "};
      case 2 -> new String[] {"application/json", String.valueOf(anyJson(r, 3))};
      case 3 -> new String[] {"application/x-www-form-urlencoded", "name=" + URLEncoder.encode(anyText(r), StandardCharsets.UTF_8) + "&x=%zz"};
      case 4 -> new String[] {"multipart/form-data; boundary=x", "--x\r\n\r\n--x--\r\n"};
      case 5 -> new String[] {"text/plain", anyText(r)};
      default -> new String[] {"application/json", String.valueOf(fromSchema(schema, r, 0))};
    };
  }

  private static Object fromSchema(JsonObject schema, Random r, int depth) {
    if (schema == null || depth > 4) return anyJson(r, 1);
    if (schema.containsKey("$ref")) {
      String name = schema.getString("$ref").substring("#/components/schemas/".length());
      return fromSchema(spec.getJsonObject("components").getJsonObject("schemas").getJsonObject(name), r, depth + 1);
    }
    if (r.nextInt(8) == 0) return anyJson(r, 1); // the wrong type altogether
    String type = schema.getString("type", "object");
    switch (type) {
      case "object" -> {
        JsonObject o = new JsonObject();
        JsonObject props = schema.getJsonObject("properties", new JsonObject());
        for (String p : props.fieldNames()) {
          if (r.nextInt(6) > 0) o.put(p, fromSchema(props.getJsonObject(p), r, depth + 1));
        }
        if (r.nextInt(5) == 0) o.put("unexpected", anyJson(r, 1));
        return o;
      }
      case "array" -> {
        JsonArray a = new JsonArray();
        for (int i = 0, n = r.nextInt(4); i < n; i++) a.add(fromSchema(schema.getJsonObject("items"), r, depth + 1));
        return a;
      }
      case "integer" -> {
        return switch (r.nextInt(5)) {
          case 0 -> Long.MAX_VALUE;
          case 1 -> -1;
          case 2 -> 0;
          default -> 1 + r.nextInt(20);
        };
      }
      case "number" -> {
        return r.nextInt(3) == 0 ? 1e308 : r.nextDouble() * 100;
      }
      case "boolean" -> {
        return r.nextBoolean();
      }
      default -> {
        JsonArray options = schema.getJsonArray("enum");
        if (options != null && r.nextInt(3) > 0) return options.getValue(r.nextInt(options.size()));
        if ("date-time".equals(schema.getString("format")) && r.nextBoolean()) {
          return r.nextBoolean() ? "2026-12-0" + (1 + r.nextInt(9)) + "T10:00:00Z" : "2026-13-45T99:99";
        }
        return anyText(r);
      }
    }
  }

  private static Object anyJson(Random r, int depth) {
    return switch (r.nextInt(depth > 0 ? 7 : 5)) {
      case 0 -> null;
      case 1 -> r.nextInt();
      case 2 -> anyText(r);
      case 3 -> r.nextBoolean();
      case 4 -> -0.5;
      case 5 -> new JsonArray().add(anyJson(r, depth - 1)).add(anyJson(r, depth - 1));
      default -> new JsonObject().put("k" + r.nextInt(9), anyJson(r, depth - 1));
    };
  }

  private static String anyText(Random r) {
    return switch (r.nextInt(9)) {
      case 0 -> "";
      case 1 -> " ";
      case 2 -> "x".repeat(1000 + r.nextInt(3000));
      case 3 -> "<img src=x onerror=alert(1)>";
      case 4 -> "'; drop table account; --";
      case 5 -> "\u0000\u202e\uD83D\uDE00";
      case 6 -> "a@b.c";
      case 7 -> "2026-12-07";
      default -> "Text " + r.nextInt(1000);
    };
  }

  private static String cut(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
