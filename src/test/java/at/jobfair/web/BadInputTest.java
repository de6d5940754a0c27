package at.jobfair.web;

import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input no browser would send, as an attacker or a broken client sends it: answered with a 4xx carrying JSON
 * {@code error} and {@code message} a person understands, never a 5xx, never a stack trace, and the server keeps serving.
 */
class BadInputTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void aRequestLineOverTheLimitIsAnsweredWith414AndJson() throws IOException {
    Answer a = raw("GET /api/fairs?q=" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\nAccept-Language: en\r\n\r\n");
    assertEquals(414, a.status, a.text);
    assertJsonError(a, "request_line_too_long");
    stillServing();
  }

  @Test
  void headersOverTheLimitAreAnsweredWith431AndJson() throws IOException {
    Answer a = raw("GET /api/fairs HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n");
    assertEquals(431, a.status, a.text);
    assertJsonError(a, "headers_too_large");
    stillServing();
  }

  @Test
  void aRequestThatIsNotHttpIsAnsweredWith400AndJson() throws IOException {
    Answer a = raw("GET /api/fairs HTTP/1.1\r\nHost: localhost\r\nContent-Length: nope\r\n\r\n");
    assertEquals(400, a.status, a.text);
    assertJsonError(a, "bad_request");
    stillServing();
  }

  @Test
  void aBodyOverTheLimitIsAnsweredWith413AndJsonNotAReset() throws IOException {
    byte[] body = new byte[7 * 1024 * 1024];
    Answer a = raw(("POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body);
    assertEquals(413, a.status, a.text);
    assertJsonError(a, "body_too_large");
    stillServing();
  }

  @Test
  void aMalformedMultipartBodyIsA400BeforeAnythingElse() throws IOException {
    String body = "--x\r\n\r\n--x--\r\n";
    for (String path : new String[] {"/api/employers/1/logo", "/api/session", "/api/fairs/1/registrations"}) {
      Answer a = raw(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=x\r\n"
          + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII), new byte[0]);
      assertEquals(400, a.status, path + ": " + a.text);
      assertJsonError(a, "malformed_body");
    }
    stillServing();
  }

  @Test
  void malformedJsonAndFormBodiesAre400() {
    TestClient seeker = app.as("seeker@demo.test");
    TestClient.Response json = seeker.postRaw("/api/session", "application/json", "{\"email\": ");
    assertEquals(400, json.status(), json.body());
    assertTrue(json.json().containsKey("message"));
    TestClient.Response form = app.client().postRaw("/signin", "application/x-www-form-urlencoded", "email=%zz&password=%");
    assertTrue(form.status() >= 400 && form.status() < 500, form.status() + " " + form.body());
    stillServing();
  }

  @Test
  void signingInOrRegisteringFromAForeignPageIsRefused() {
    String signIn = new JsonObject().put("email", "seeker@demo.test").put("password", "demo").encode();
    // A foreign page's form can send text/plain or a form without a preflight: never accepted on these routes.
    TestClient.Response plain = app.client().postRaw("/api/session", "text/plain", signIn);
    assertEquals(415, plain.status(), plain.body());
    assertEquals("json_required", plain.json().getString("error"));
    TestClient.Response form = app.client().postRaw("/api/fairs/1/registrations", "application/x-www-form-urlencoded",
        "name=Mallory&email=m%40example.org");
    assertEquals(415, form.status(), form.body());
    // JSON sent by a browser from another site (it says so) is refused too.
    TestClient.Response foreign = app.client().postWith("/api/session", "application/json", signIn,
        "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");
    assertEquals(403, foreign.status(), foreign.body());
    assertEquals("cross_site", foreign.json().getString("error"));
    // The product's own pages still sign in.
    TestClient.Response own = app.client().postWith("/api/session", "application/json", signIn,
        "Origin", app.baseUrl(), "Sec-Fetch-Site", "same-origin");
    assertEquals(200, own.status(), own.body());
  }

  private static void stillServing() {
    assertEquals(200, app.client().get("/health").status());
  }

  private static void assertJsonError(Answer a, String code) {
    JsonObject body = new JsonObject(a.body());
    assertEquals(code, body.getString("error"), a.text);
    assertFalse(body.getString("message", "").isBlank(), a.text);
    assertFalse(a.text.contains("Exception") || a.text.contains("\tat "), a.text);
  }

  record Answer(int status, String text) {
    String body() {
      return text.substring(text.indexOf("\r\n\r\n") + 4);
    }
  }

  private static Answer raw(String request) throws IOException {
    return raw(request.getBytes(StandardCharsets.US_ASCII), new byte[0]);
  }

  /** Sends bytes as they are and reads the answer until the server closes or 5 s pass (a reset is a failure). */
  private static Answer raw(byte[] head, byte[] body) throws IOException {
    URI base = URI.create(app.baseUrl());
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      out.write(head);
      try {
        out.write(body);
        out.flush();
      } catch (IOException e) {
        // the server may answer and stop reading before the whole body is sent; the answer is what counts
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          got.write(buf, 0, n);
          String t = got.toString(StandardCharsets.UTF_8);
          int end = t.indexOf("\r\n\r\n");
          if (end > 0 && complete(t, end)) break;
        }
      } catch (java.net.SocketTimeoutException e) {
        // keep what came
      }
      String text = got.toString(StandardCharsets.UTF_8);
      int sp = text.indexOf(' ');
      return new Answer(sp < 0 ? -1 : Integer.parseInt(text.substring(sp + 1, sp + 4)), text);
    }
  }

  private static boolean complete(String t, int headEnd) {
    for (String line : t.substring(0, headEnd).split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        int len = Integer.parseInt(line.substring(15).trim());
        return t.getBytes(StandardCharsets.UTF_8).length - (headEnd + 4) >= len;
      }
    }
    return false;
  }
}
