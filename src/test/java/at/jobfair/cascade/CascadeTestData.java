package at.jobfair.cascade;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestSql;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Fairs of every format with booths and vacancies, people with bindings and caseworkers, written straight into the database. */
public final class CascadeTestData {

  private static final AtomicInteger SEQ = new AtomicInteger();
  private final TestSql app;
  private final Function<String, TestClient> signIn;
  private final Fixtures fx;

  public CascadeTestData(TestApp app) {
    this(app, app::as);
  }

  /** On any database, signing people in with {@code signIn} (e.g. through the load balancer of a cluster). */
  public CascadeTestData(TestSql db, Function<String, TestClient> signIn) {
    this.app = db;
    this.signIn = signIn;
    this.fx = new Fixtures(db);
  }

  public Fixtures fx() {
    return fx;
  }

  public long fair(String format) {
    return insert("insert into fair (name, format, starts_at, ends_at, status, booking_cutoff_minutes) values (?, ?, now() - interval '1 hour', "
        + "now() + interval '8 hours', 'PUBLISHED', 0) returning id", "Börse " + format + " " + SEQ.incrementAndGet(), format);
  }

  /** A booth of the given employer (or a new one) with one vacancy; answers the vacancy id. */
  public long vacancy(long fairId, Long employerId, String title) {
    long employer = employerId != null ? employerId : fx.employer("Firma " + SEQ.incrementAndGet());
    Long booth = null;
    try (Connection c = app.jdbc(); PreparedStatement p = c.prepareStatement("select id from booth where fair_id = ? and employer_id = ?")) {
      p.setLong(1, fairId);
      p.setLong(2, employer);
      try (var rs = p.executeQuery()) {
        if (rs.next()) booth = rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    if (booth == null) booth = fx.booth(fairId, employer);
    return insert("insert into vacancy (booth_id, title) values (?, ?) returning id", booth, title);
  }

  public long boothOf(long vacancyId) {
    return app.count("select booth_id from vacancy where id = " + vacancyId);
  }

  /** A new jobseeker with an appointment at the booth of the vacancy (BINDING or VOLUNTARY), looked after by the caseworker. */
  public long person(long vacancyId, String legalBasis, Long caseworkerId, String benefit) {
    String email = fx.jobseekers("c" + SEQ.incrementAndGet(), 1).get(0);
    long id = fx.accountId(email);
    fx.exec("update jobseeker set caseworker_id = ?, benefit_type = ? where account_id = ?", caseworkerId, benefit, id);
    // Each person their own slot: slots of one booth never overlap.
    booking(boothOf(vacancyId), id, Instant.now().minus(Duration.ofMinutes(30 + 21L * SEQ.incrementAndGet())), legalBasis);
    // Binding: the placement proposal for this vacancy, its notice delivered (the mail sent), so a decline may be checked.
    if ("BINDING".equals(legalBasis)) proposal(vacancyId, id, "SENT");
    return id;
  }

  /**
   * A placement proposal of the vacancy to the person with notice version 1, its mail in the outbox with this status
   * (SENT: the notice's delivery is provable; QUEUED, FAILED: it is not). Answers the invitation id.
   */
  public long proposal(long vacancyId, long person, String mailStatus) {
    long outbox = insert("insert into mail_outbox (kind, ref, to_address, subject, body_text, status, sent_at) values "
        + "('INVITATION', ?, ?, 'Vermittlungsvorschlag', 'Text', ?, case when ? = 'SENT' then now() end) returning id",
        "proposal:" + SEQ.incrementAndGet(), email(person), mailStatus, mailStatus);
    return insert("insert into invitation (kind, legal_basis, jobseeker_id, fair_id, booth_id, vacancy_id, vacancy_title, deadline, "
        + "notice_version, outbox_id) select 'PLACEMENT_PROPOSAL', 'BINDING', ?, b.fair_id, b.id, v.id, v.title, now() + interval '1 day', 1, ? "
        + "from vacancy v join booth b on b.id = v.booth_id where v.id = ? returning id", person, outbox, vacancyId);
  }

  public String email(long accountId) {
    return fx.email(accountId);
  }

  public long booking(long boothId, long jobseekerId, Instant start, String legalBasis) {
    return fx.booking(boothId, jobseekerId, start, 20, legalBasis);
  }

  /** A second account of a staff role (password {@link Fixtures#PASSWORD}). */
  public String staff(String prefix, String role) {
    String email = fx.jobseekers(prefix + SEQ.incrementAndGet(), 1).get(0);
    long id = fx.accountId(email);
    fx.exec("delete from jobseeker where account_id = ?", id);
    fx.exec("update account_role set role = ? where account_id = ?", role, id);
    return email;
  }

  public TestClient as(String email) {
    return signIn.apply(email);
  }

  /** The fair's station ids by station name. */
  public JsonObject stations(TestClient staff, long fairId) {
    var r = staff.get("/api/fairs/" + fairId + "/stations");
    assertEquals(200, r.status(), r.body());
    return stationIds(r.json().getJsonArray("stations"));
  }

  /** The station ids by station name, from the {@code "stations"} of an answer of {@code /api/fairs/:id/stations}. */
  public static JsonObject stationIds(JsonArray stations) {
    JsonObject out = new JsonObject();
    for (Object o : stations) out.put(((JsonObject) o).getString("station"), ((JsonObject) o).getLong("id"));
    return out;
  }

  public long admit(TestClient staff, long fairId, long person) {
    var r = staff.post("/api/fairs/" + fairId + "/cascades", new JsonObject().put("jobseekerId", person));
    assertEquals(201, r.status(), r.body());
    return r.json().getLong("id");
  }

  public JsonObject next(TestClient staff, long stationId) {
    var r = staff.post("/api/stations/" + stationId + "/next", new JsonObject());
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  public JsonObject event(TestClient staff, long cascade, JsonObject event) {
    var r = staff.post("/api/cascades/" + cascade + "/events", event);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  /**
   * An SfU admits the person at a supra-regional fair, who declines the offer and the local offer of the vacancy;
   * answers the cascade afterwards (waiting at the sanction check, or ended where no check may follow).
   */
  public JsonObject declineBoth(long fair, long vacancy, long person) {
    TestClient sfu = as("sfu@demo.test");
    JsonObject st = stations(sfu, fair);
    long id = admit(sfu, fair, person);
    next(sfu, st.getLong("OFFER"));
    event(sfu, id, ev("OFFER_DECLINED").put("vacancyId", vacancy).put("reasons", "Zu weit weg."));
    next(sfu, st.getLong("LOCAL_OFFER"));
    return event(sfu, id, ev("LOCAL_OFFER_DECLINED").put("vacancyId", vacancy).put("reasons", "Passt nicht."));
  }

  public static JsonObject ev(String type) {
    return new JsonObject().put("type", type);
  }

  /** A refusal with the code and a message from the bundle (no code, no stack trace). */
  public static void assertRefused(TestClient.Response r, int status, String code) {
    assertEquals(status, r.status(), r.body());
    assertEquals(code, r.json().getString("error"), r.body());
    String message = r.json().getString("message");
    assertFalse(message == null || message.isBlank() || message.startsWith("error."), r.body());
    assertFalse(r.body().contains("Exception"), r.body());
  }

  public static JsonArray steps(JsonObject cascade) {
    return cascade.getJsonArray("steps");
  }

  long insert(String sql, Object... args) {
    return app.insert(sql, args);
  }

  /** Runs SQL as the database owner and answers the SQLSTATE it failed with, or null when it succeeded. */
  public String sqlState(String sql, Object... args) {
    String error = sqlError(sql, args);
    return error == null ? null : error.substring(0, error.indexOf(' '));
  }

  /** The same, with the database's message (naming the constraint or guard that refused). */
  public String sqlError(String sql, Object... args) {
    try (Connection c = app.jdbc(); PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
      p.execute();
      return null;
    } catch (SQLException e) {
      return e.getSQLState() + " " + e.getMessage();
    }
  }
}
