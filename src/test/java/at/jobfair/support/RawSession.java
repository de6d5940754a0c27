package at.jobfair.support;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * A signed-in API session that carries its cookies by hand over one shared HTTP client, so hundreds of people can
 * act at once without hundreds of clients.
 */
public final class RawSession {

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(8)).build();

  private final String base;
  private final String cookie;
  private final String token;

  private RawSession(String base, String cookie, String token) {
    this.base = base;
    this.cookie = cookie;
    this.token = token;
  }

  public static RawSession signIn(String base, String email, String password) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", email).put("password", password).encode())).build());
    if (r.statusCode() != 200) throw new AssertionError("sign-in failed for " + email + ": " + r.statusCode() + " " + r.body());
    String session = null;
    String token = null;
    for (String c : r.headers().allValues("set-cookie")) {
      String pair = c.split(";", 2)[0];
      if (pair.startsWith("jobfair.session=")) session = pair;
      if (pair.startsWith("XSRF-TOKEN=")) token = pair.substring("XSRF-TOKEN=".length());
    }
    return new RawSession(base, session + "; XSRF-TOKEN=" + token, token);
  }

  public TestClient.Response post(String path, String json) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
        .header("X-XSRF-TOKEN", token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(60)).build());
    return new TestClient.Response(r.statusCode(), r.body(), r.headers());
  }

  public TestClient.Response delete(String path) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
        .header("X-XSRF-TOKEN", token).DELETE().timeout(Duration.ofSeconds(60)).build());
    return new TestClient.Response(r.statusCode(), r.body(), r.headers());
  }

  public TestClient.Response get(String path) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
        .GET().timeout(Duration.ofSeconds(60)).build());
    return new TestClient.Response(r.statusCode(), r.body(), r.headers());
  }

  public String cookieHeader() {
    return cookie;
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
