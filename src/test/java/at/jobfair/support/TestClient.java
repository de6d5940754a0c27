package at.jobfair.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A browser-like HTTP client for tests: keeps cookies and echoes the CSRF token like the pages' script does. */
public final class TestClient {

  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  private String language = "de";

  public TestClient(String base) {
    this.base = base;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public JsonArray array() {
      return new JsonArray(body);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  public TestClient language(String lang) {
    this.language = lang;
    return this;
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  /** A GET with extra request headers as name, value pairs (e.g. the Referer a browser sends from our own page). */
  public Response getWith(String path, String... headers) {
    HttpRequest.Builder b = request(path).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return send(b);
  }

  public Response post(String path, Object json) {
    return send(request(path).header("Content-Type", "application/json").POST(body(json)));
  }

  public Response postRaw(String path, String contentType, String body) {
    return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A POST with extra request headers as name, value pairs (e.g. the Origin a browser sends). */
  public Response postWith(String path, String contentType, String body, String... headers) {
    HttpRequest.Builder b = request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return send(b);
  }

  public Response put(String path, Object json) {
    return send(request(path).header("Content-Type", "application/json").PUT(body(json)));
  }

  /** Any method with a JSON body (e.g. DELETE with a reason). */
  public Response send(String method, String path, Object json) {
    return send(request(path).header("Content-Type", "application/json").method(method, body(json)));
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  /** A request with a binary body, e.g. an image upload. */
  public Response postBytes(String path, String contentType, byte[] body) {
    return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** A GET whose answer is kept as bytes (e.g. an image); extra request headers as name, value pairs. */
  public HttpResponse<byte[]> getBytes(String path, String... headers) {
    HttpRequest.Builder b = request(path).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A request without the CSRF header, as a forged cross-site request would be. */
  public Response postWithoutCsrf(String path, Object json) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json").POST(body(json)));
  }

  /** A request carrying a CSRF token of the caller's choosing (e.g. another session's). */
  public Response postWithToken(String path, Object json, String token) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .header("X-XSRF-TOKEN", token).POST(body(json)));
  }

  /** Puts a cookie into the jar, as an attacker planting a session id would. */
  public void setCookie(String name, String value) {
    HttpCookie c = new HttpCookie(name, value);
    c.setPath("/");
    c.setVersion(0);
    cookies.getCookieStore().add(URI.create(base), c);
  }

  public Response signIn(String email, String password) {
    return post("/api/session", new JsonObject().put("email", email).put("password", password));
  }

  /** Signs in with the demo password and fails the test if that does not work. */
  public TestClient signedIn(String email) {
    Response r = signIn(email, "demo");
    if (r.status() != 200) throw new AssertionError("sign-in of " + email + " failed: " + r.status() + " " + r.body());
    return this;
  }

  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue)
        .findFirst().orElse(null);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Accept-Language", language);
    String token = cookie("XSRF-TOKEN");
    if (token != null) b.header("X-XSRF-TOKEN", token);
    return b;
  }

  private static HttpRequest.BodyPublisher body(Object json) {
    return HttpRequest.BodyPublishers.ofString(json instanceof String s ? s : json.toString());
  }

  private Response send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
