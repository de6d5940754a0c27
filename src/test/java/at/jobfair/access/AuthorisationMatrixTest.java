package at.jobfair.access;

import at.jobfair.cascade.CascadeTestData;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of the OpenAPI description × every role × an own and another's resource, against a statement of the
 * rules written here from issue 13 and the domain (the table {@link #RULES}), never from the production decision code.
 *
 * <p>"Own" is person A's world: A is the signed-in jobseeker, books at the booth of the signed-in employer, is in the
 * signed-in SfA's caseload, receives minimum income in Vienna (the signed-in municipality's area) and waits at the
 * offer station (the SfU's) of a supra-regional fair. "Other" is person B (no caseworker, unemployment benefit, Graz,
 * booked at another employer's booth) and person C's case (at a training station of another fair). A cell is
 * {@code Y}: must succeed (reads only), {@code ?}: the table says nothing (allowed writes are not sent, so that the
 * matrix changes nothing), and any role not named: must NOT get a 2xx. Operations that sign in or out are left out.
 */
class AuthorisationMatrixTest {

  /** Roles: A anonymous, J jobseeker, E employer, U SfU, S SfA, H inquiry service, P training provider, O organiser, K municipality. */
  static final String ROLES = "AJEUSHPOK";
  static final String STAFF = "U:Y S:Y H:Y P:Y O:Y K:Y";
  static final String SIGNED_IN = "J:Y E:Y U:Y S:Y H:Y P:Y O:Y K:Y";
  static final String ALL = "A:Y " + SIGNED_IN;
  static final String SIGNED_IN_MAYBE = "J:? E:? U:? S:? H:? P:? O:? K:?";

  /** operation → {own, other}; {@code same(x)} when the operation has no resource of a person or booth. */
  static final Map<String, String[]> RULES = new LinkedHashMap<>();

  static void rule(String op, String own, String other) {
    if (RULES.put(op, new String[] {own, other}) != null) throw new IllegalStateException("twice: " + op);
  }

  static void same(String op, String both) {
    rule(op, both, both);
  }

  static {
    // who one is; public browsing
    same("GET /api/me", SIGNED_IN);
    same("GET /api/openapi.json", ALL);
    same("GET /api/fairs", ALL);
    same("GET /api/fairs/{id}", ALL);
    same("GET /api/fairs/{id}/booths", ALL);
    same("GET /api/booths/{id}", ALL);
    same("GET /api/employers/{id}/logo", "A:? " + SIGNED_IN_MAYBE);
    same("POST /api/fairs/{id}/registrations", "SKIP");
    same("POST /api/session", "SKIP");
    same("DELETE /api/session", "SKIP");
    same("POST /api/session/second-factor", "SKIP");
    same("POST /api/session/second-factor/enrolment", "SKIP");
    // the ways in by email answer anyone alike (no account enumeration); EmailLinkTest holds them
    same("POST /api/session/link", "SKIP");
    same("POST /api/password-reset", "SKIP");
    same("POST /api/password-reset/confirm", "SKIP");
    // employers who sign up themselves: the sign-up and its links answer anyone (SignupTest holds them); the organisers
    // decide; a representative invites colleagues and applies for their own employer only (taken from the session)
    same("POST /api/employer-signups", "SKIP");
    same("POST /api/employer-signups/confirm", "SKIP");
    same("POST /api/employer-invitations/accept", "SKIP");
    same("GET /api/employer-signups", "O:Y");
    same("POST /api/employer-signups/{id}/decision", "O:?");
    same("POST /api/employer/colleagues", "E:?");
    same("POST /api/fairs/{id}/exhibitor-applications", "E:?");
    same("GET /api/fairs/{id}/exhibitor-applications", "O:Y");
    same("POST /api/fairs/{id}/exhibitor-applications/{applicationId}/decision", "O:?");
    // accounts, fairs, employers: organisers; booths: their employer and organisers
    same("GET /api/users", "O:Y");
    same("POST /api/users", "O:?");
    same("POST /api/users/import", "O:?");
    same("POST /api/fairs", "O:?");
    same("PUT /api/fairs/{id}", "O:?");
    same("POST /api/fairs/{id}/publish", "O:?");
    same("POST /api/fairs/{id}/employers", "O:?");
    same("POST /api/employers", "O:?");
    same("PUT /api/fairs/{id}/playbook", "O:?");
    same("POST /api/fairs/{id}/outages", "O:?");
    for (String op : List.of("PUT /api/booths/{id}", "POST /api/booths/{id}/vacancies", "POST /api/booths/{id}/staff",
        "DELETE /api/booths/{id}/staff/{accountId}", "POST /api/booths/{id}/schedule", "POST /api/booths/{id}/slots",
        "PUT /api/employers/{id}", "POST /api/employers/{id}/logo", "PUT /api/vacancies/{id}", "DELETE /api/vacancies/{id}",
        "DELETE /api/slots/{id}", "POST /api/booths/{id}/translations", "DELETE /api/booths/{id}/translations/{language}",
        "POST /api/vacancies/{id}/translations", "DELETE /api/vacancies/{id}/translations/{language}")) {
      rule(op, "E:? O:?", "O:?");
    }
    rule("GET /api/employers/{id}/answers", "E:Y O:Y", "O:Y");
    // bookings: the person, the booth, organisers and SfU (who run fairs and booths), and staff related to the person
    same("POST /api/slots/{id}/bookings", "J:?");
    same("GET /api/me/bookings", "J:Y");
    rule("GET /api/bookings/{id}", "J:Y E:Y U:Y S:Y O:Y K:Y", "U:Y O:Y");
    rule("GET /api/bookings/{id}/ics", "J:Y E:Y U:Y S:Y O:Y K:Y", "U:Y O:Y");
    rule("DELETE /api/bookings/{id}", "J:? E:? O:?", "O:?");
    rule("POST /api/bookings/{id}/rebook", "J:?", "");
    rule("POST /api/bookings/{id}/restore", "J:?", "");
    rule("GET /api/booths/{id}/bookings", "E:Y U:Y O:Y", "U:Y O:Y");
    // waitlists: a jobseeker joins a booth's line and acts on their own places only; the booth's staff see its length
    same("POST /api/booths/{id}/waitlist", "J:?");
    rule("GET /api/booths/{id}/waitlist", "E:Y U:Y O:Y", "U:Y O:Y");
    same("GET /api/me/waitlist", "J:Y");
    rule("DELETE /api/waitlist/{id}", "J:?", "");
    rule("POST /api/waitlist/{id}/accept", "J:?", "");
    rule("POST /api/waitlist/{id}/decline", "J:?", "");
    rule("POST /api/bookings/{id}/checkin", "J:?", "");
    rule("PUT /api/bookings/{id}/outcome", "E:? O:?", "O:?");
    // a sick note is health data: the person's caseworker (or deputy); organisers record excuses for any booking
    rule("POST /api/bookings/{id}/sick-note", "S:? O:?", "O:?");
    // the walk-up queue: anyone sees a booth's queue (no names); jobseekers queue; the booth's representatives call, its
    // staff (and organisers, SfU) see the names; organisers open and pause any booth's queue; staff see every queue on the board
    same("GET /api/booths/{id}/queue", ALL);
    same("POST /api/booths/{id}/queue", "J:?");
    rule("PUT /api/booths/{id}/queue", "E:? O:?", "O:?");
    rule("POST /api/booths/{id}/queue/next", "E:?", "");
    rule("GET /api/booths/{id}/queue/waiting", "E:Y U:Y O:Y", "U:Y O:Y");
    same("GET /api/fairs/{id}/queues", STAFF);
    same("GET /api/me/queue", "J:Y");
    same("POST /api/me/queue/here", "J:?");
    same("DELETE /api/me/queue", "J:?");
    // meetings: the person and the booth; staff as the meeting rules say
    rule("GET /api/bookings/{id}/meeting", SIGNED_IN_MAYBE, "U:? S:? H:? P:? O:? K:?");
    rule("GET /api/bookings/{id}/meeting/events", SIGNED_IN_MAYBE, "U:? S:? H:? P:? O:? K:?");
    rule("POST /api/bookings/{id}/meeting/events", SIGNED_IN_MAYBE, "U:? S:? H:? P:? O:? K:?");
    rule("POST /api/bookings/{id}/meeting/admit", "E:?", "");
    rule("PUT /api/bookings/{id}/meeting/auto-admit", "E:?", "");
    rule("POST /api/bookings/{id}/meeting/phone", "E:?", "");
    rule("POST /api/bookings/{id}/meeting/callback", "J:?", "");
    // hand-off to a colleague (issue 16): only the booth's own employer; another employer's booth is refused
    rule("POST /api/bookings/{id}/handoff", "E:?", "");
    rule("POST /api/bookings/{id}/meeting/invite", "E:?", "");
    rule("GET /api/bookings/{id}/handoffs", "E:Y", "");
    same("GET /api/fairs/{id}/orientation", SIGNED_IN_MAYBE);
    same("POST /api/fairs/{id}/orientation/events", SIGNED_IN_MAYBE);
    // text chat (issue 16): the person and the booth's representatives; a caseworker reads for an open case involving
    // the booth (A is admitted to the cascade of the own booth's fair); a group session's chat whoever is in its room;
    // reports: organisers
    same("GET /api/me/chats", "J:Y");
    same("GET /api/me/chats/unread", "J:Y E:Y");
    rule("GET /api/booths/{id}/chat", "J:Y", "J:Y");
    rule("POST /api/booths/{id}/chat/messages", "J:?", "J:?");
    rule("GET /api/booths/{id}/chats", "E:Y", "");
    rule("GET /api/chats/{id}", "J:Y E:Y S:Y", "");
    rule("POST /api/chats/{id}/messages", "J:? E:?", "");
    rule("PUT /api/chats/{id}/block", "J:?", "");
    rule("POST /api/chat-messages/{id}/report", "J:? E:?", "");
    rule("GET /api/bookings/{id}/chat", "J:Y E:Y", "");
    same("GET /api/fairs/{id}/orientation/chat", SIGNED_IN_MAYBE);
    same("GET /api/chat-reports", "O:Y");
    same("POST /api/chat-reports/{id}/handled", "O:?"); // organisers mark a report handled (issue 16)
    // the mail outbox: those who send invitations and run the platform (each sees what is theirs to see)
    same("GET /api/outbox", "U:Y S:Y O:Y");
    // invitations and the legal texts
    same("POST /api/fairs/{id}/invitations", "U:? S:? O:?");
    same("GET /api/me/invitations", "J:Y");
    same("GET /api/consequence-notices", STAFF);
    same("GET /api/legal-bases", STAFF);
    // the person's record: caseworker (read, write), station staff and the municipality (read), organisers (administration)
    rule("GET /api/jobseekers/{id}", "U:Y S:Y O:Y K:Y", "O:Y");
    rule("PUT /api/jobseekers/{id}", "S:? O:?", "O:?");
    same("GET /api/me/profile", "J:Y");
    // the profile and CV: the person's own; a booth's employer representatives read what the person shares, only with a
    // relation (A booked at the own booth); another booth, organisers and other staff nothing; questions are public
    same("GET /api/me/job-profile", "J:Y");
    same("PUT /api/me/job-profile", "J:?");
    same("GET /api/me/cv", "J:?");
    same("POST /api/me/cv", "J:?");
    same("DELETE /api/me/cv", "J:?");
    rule("GET /api/booths/{id}/candidates/{jobseekerId}", "E:Y", "");
    rule("GET /api/booths/{id}/candidates/{jobseekerId}/cv", "E:?", "");
    same("GET /api/booths/{id}/questions", ALL);
    rule("PUT /api/vacancies/{id}/questions", "E:? O:?", "O:?");
    // the caseworker's worklist, the board (every member of staff; what it names is decided per row)
    same("GET /api/worklist", "S:Y");
    same("POST /api/worklist/{itemId}/result", "S:?");
    same("GET /api/fairs/{id}/board", STAFF);
    same("GET /api/fairs/{id}/board.csv", STAFF);
    same("GET /api/audit/verify", STAFF);
    // the cascade: stations by their roles; a case by relation; the dossier and letters only with benefit data
    same("GET /api/fairs/{id}/stations", STAFF);
    same("POST /api/fairs/{id}/cascades", "U:? S:? H:? P:? O:? K:?");
    same("GET /api/stations/{id}/queue", "U:Y O:Y");
    same("POST /api/stations/{id}/next", "U:? O:?");
    rule("GET /api/cascades/{id}", "J:Y U:Y S:Y O:Y K:Y", "O:Y");
    rule("POST /api/cascades/{id}/events", "U:? O:?", "P:? O:?");
    same("POST /api/cascades/{id}/handovers", "U:?");
    same("POST /api/cascades/{id}/hearing", "H:? S:?");
    rule("GET /api/cascades/{id}/dossier", "S:Y K:Y", "");
    rule("GET /api/cascades/{id}/letters", "S:Y K:Y", "");
    same("GET /api/me/cascades", "J:Y");
    same("GET /api/cascade-tasks", "S:Y K:Y");
    // letters and requests for reasons (ids that name nothing here: nobody gets one)
    same("GET /api/me/letters", "J:Y");
    same("GET /api/letters/{id}/pdf", "");
    same("GET /api/me/data-access", "J:Y");
    same("GET /api/me/reasons", "J:Y");
    same("GET /api/reasons", "S:Y K:Y");
    same("GET /api/reasons/{id}", "");
    same("POST /api/reasons/{id}/answers", "J:?");
    same("POST /api/reasons/{id}/evidence", "J:?");
    same("GET /api/reasons/{id}/evidence/{fileId}", "");
    same("POST /api/reasons/{id}/accept", "S:? K:?");
    same("POST /api/reasons/{id}/case", "S:? K:?");
    same("POST /api/reasons/{id}/decision", "S:? K:?");
    same("GET /api/reasons/{id}/dossier", "");
    // people's rights over their data: the person's own export and requests; staff close those of people they may
    // change (caseworker, organisers); a staff member's lost authenticator: another organiser
    same("GET /api/me/data", "J:Y");
    same("GET /api/me/rights-requests", "J:Y");
    same("POST /api/me/rights-requests", "J:?");
    same("GET /api/me/rights-requests/{id}", "");
    same("GET /api/rights-requests", "S:Y O:Y");
    same("POST /api/rights-requests/{id}/close", "S:? O:?");
    same("POST /api/users/{id}/second-factor/reset", "O:?");
    // who stands in for whom, municipalities' areas: organisers
    same("GET /api/caseload-cover", "O:Y");
    same("POST /api/caseworkers/{id}/deputies", "O:?");
    same("DELETE /api/deputies/{id}", "O:?");
    same("PUT /api/caseworkers/{id}/team", "O:?");
    same("PUT /api/municipalities/{id}/area", "O:?");
  }

  static TestApp app;
  static Map<Character, TestClient> as = new LinkedHashMap<>();
  /** Path values by resource kind: {own, other}. */
  static Map<String, long[]> ids = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    app = TestApp.start();
    Fixtures fx = new Fixtures(app);
    CascadeTestData data = new CascadeTestData(app);
    long sfa = fx.accountId("sfa@demo.test");
    long hotel = app.as("employer@demo.test").get("/api/me").json().getLong("employerId");
    long otherEmployer = app.as("employer2@demo.test").get("/api/me").json().getLong("employerId");
    long fair = data.fair("SUPRA_REGIONAL");
    long ownVacancy = data.vacancy(fair, hotel, "Koch");
    long otherVacancy = data.vacancy(fair, otherEmployer, "Kellner");
    long a = data.person(ownVacancy, "BINDING", sfa, "MINIMUM_INCOME");
    long b = data.person(otherVacancy, "BINDING", null, "UNEMPLOYMENT_BENEFIT");
    fx.exec("update jobseeker set region = 'Graz' where account_id = ?", b);
    TestClient sfu = app.as("sfu@demo.test");
    long ownCase = data.admit(sfu, fair, a);
    long regional = data.fair("REGIONAL");
    long c = data.person(data.vacancy(regional, otherEmployer, "Lager"), "VOLUNTARY", null, "UNEMPLOYMENT_BENEFIT");
    long otherCase = data.admit(sfu, regional, c);
    long ownBooth = data.boothOf(ownVacancy);
    long otherBooth = data.boothOf(otherVacancy);
    Instant later = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    long none = 987_654_321L;
    ids.put("jobseekers", new long[] {a, b});
    ids.put("candidates", new long[] {a, b});
    ids.put("bookings", new long[] {bookingOf(a), bookingOf(b)});
    ids.put("booths", new long[] {ownBooth, otherBooth});
    ids.put("waitlist", new long[] {
        app.count("insert into waitlist_entry (booth_id, jobseeker_id) values (" + otherBooth + ", " + a + ") returning id"),
        app.count("insert into waitlist_entry (booth_id, jobseeker_id) values (" + ownBooth + ", " + b + ") returning id")});
    ids.put("slots", new long[] {fx.slots(ownBooth, later, 1, Duration.ofMinutes(20), 1).get(0), fx.slots(otherBooth, later, 1, Duration.ofMinutes(20), 1).get(0)});
    ids.put("employers", new long[] {hotel, otherEmployer});
    ids.put("vacancies", new long[] {ownVacancy, otherVacancy});
    ids.put("fairs", new long[] {fair, fair});
    long offer = data.stations(sfu, fair).getLong("OFFER");
    ids.put("stations", new long[] {offer, offer});
    ids.put("cascades", new long[] {ownCase, otherCase});
    ids.put("caseworkers", new long[] {sfa, sfa});
    ids.put("municipalities", new long[] {fx.accountId("kommune@demo.test"), fx.accountId("kommune@demo.test")});
    ids.put("accountId", new long[] {fx.accountId("employer@demo.test"), fx.accountId("employer2@demo.test")});
    ids.put("none", new long[] {none, none});
    // A's conversation with the own booth, B's with the other booth; a message of each from the person
    TestClient writerA = app.client();
    writerA.signIn(fx.email(a), Fixtures.PASSWORD);
    TestClient writerB = app.client();
    writerB.signIn(fx.email(b), Fixtures.PASSWORD);
    JsonObject chatA = writerA.post("/api/booths/" + ownBooth + "/chat/messages", new JsonObject().put("text", "Matrix A")).json();
    JsonObject chatB = writerB.post("/api/booths/" + otherBooth + "/chat/messages", new JsonObject().put("text", "Matrix B")).json();
    ids.put("chats", new long[] {chatA.getLong("conversation"), chatB.getLong("conversation")});
    ids.put("chat-messages", new long[] {chatA.getLong("id"), chatB.getLong("id")});

    as.put('A', app.client());
    TestClient seeker = app.client();
    seeker.signIn(fx.email(a), Fixtures.PASSWORD);
    as.put('J', seeker);
    as.put('E', app.as("employer@demo.test"));
    as.put('U', sfu);
    as.put('S', app.as("sfa@demo.test"));
    as.put('H', app.as("erhebung@demo.test"));
    as.put('P', app.as("provider@demo.test"));
    as.put('O', app.as("organizer@demo.test"));
    as.put('K', app.as("kommune@demo.test"));
  }

  static long bookingOf(long person) {
    return app.count("select id from booking where jobseeker_id = " + person + " order by id limit 1");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void everyRuleNamesAnOperationOfTheDescriptionAndEveryOperationHasARule() {
    Set<String> described = new TreeSet<>(operations());
    assertEquals(described, new TreeSet<>(RULES.keySet()), "the table and the OpenAPI description list the same operations");
  }

  @Test
  void noRoleGetsA2xxTheRulesDenyOnItsOwnOrAnothersResourceAndTheAllowedReadsSucceed() {
    List<String> problems = new ArrayList<>();
    int sent = 0;
    int denied = 0;
    for (String op : operations()) {
      String[] rule = RULES.get(op);
      if (rule == null || rule[0].equals("SKIP")) continue;
      String method = op.substring(0, op.indexOf(' '));
      for (int which = 0; which < 2; which++) {
        Map<Character, Character> cells = cells(rule[which]);
        String path = path(op.substring(op.indexOf(' ') + 1), which);
        for (char role : ROLES.toCharArray()) {
          Character cell = cells.get(role);
          boolean write = !method.equals("GET");
          if (cell != null && (write || cell == '?')) continue; // allowed writes are not sent; '?' is not judged
          TestClient.Response r = write ? as.get(role).send(method, path, body(op)) : as.get(role).get(path);
          sent++;
          String what = role + " " + method + " " + path + " (" + (which == 0 ? "own" : "other") + ") → " + r.status();
          if (r.status() >= 500) problems.add(what + " " + cut(r.body()));
          boolean ok = r.status() >= 200 && r.status() < 300;
          if (cell == null) {
            denied++;
            if (ok) problems.add("denied by the rules, but " + what + " " + cut(r.body()));
          } else if (!ok) {
            problems.add("allowed by the rules, but " + what + " " + cut(r.body()));
          }
        }
      }
    }
    System.out.println("AuthorisationMatrixTest: " + sent + " requests, " + denied + " of them denied by the rules");
    assertEquals(List.of(), problems);
    assertTrue(denied > 800, "the matrix is not empty: " + denied);
  }

  /** A body that would be accepted where the caller had the right (so that a refusal is about the right, not the body). */
  static JsonObject body(String op) {
    return switch (op) {
      case "PUT /api/jobseekers/{id}" -> new JsonObject().put("region", "Wien");
      case "DELETE /api/bookings/{id}", "DELETE /api/slots/{id}" -> new JsonObject().put("reason", "Die Matrix prüft die Rechte.");
      case "PUT /api/bookings/{id}/outcome" -> new JsonObject().put("outcome", "APPEARED");
      case "PUT /api/booths/{id}/queue" -> new JsonObject().put("open", false);
      case "POST /api/bookings/{id}/handoff", "POST /api/bookings/{id}/meeting/invite" ->
          new JsonObject().put("colleague", ids.get("accountId")[1]);
      case "POST /api/bookings/{id}/sick-note" -> new JsonObject().put("note", "Arztbestätigung");
      case "POST /api/cascades/{id}/events" -> new JsonObject().put("type", "EXCUSE");
      case "PUT /api/caseworkers/{id}/team" -> new JsonObject().put("team", "Matrix");
      case "PUT /api/municipalities/{id}/area" -> new JsonObject().put("regions", new io.vertx.core.json.JsonArray().add("Graz"));
      default -> new JsonObject();
    };
  }

  static Map<Character, Character> cells(String rule) {
    Map<Character, Character> out = new LinkedHashMap<>();
    for (String token : rule.trim().split("\\s+")) {
      if (token.isEmpty()) continue;
      if (token.length() != 3 || token.charAt(1) != ':' || ROLES.indexOf(token.charAt(0)) < 0 || "Y?".indexOf(token.charAt(2)) < 0) {
        throw new IllegalStateException("a cell is role:Y or role:?, not " + token);
      }
      out.put(token.charAt(0), token.charAt(2));
    }
    return out;
  }

  /** The path with the own (0) or other (1) resource's ids; a kind without fixtures gets an id that names nothing. */
  static String path(String template, int which) {
    String[] parts = template.split("/");
    StringBuilder out = new StringBuilder();
    String kind = "none";
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      if (part.startsWith("{")) {
        String k = part.equals("{accountId}") ? "accountId" : ids.containsKey(kind) ? kind : "none";
        out.append('/').append(ids.get(k)[which]);
      } else {
        out.append('/').append(part);
        kind = part;
      }
    }
    return out.toString();
  }

  static List<String> operations() {
    JsonObject paths = app.client().get("/api/openapi.json").json().getJsonObject("paths");
    List<String> out = new ArrayList<>();
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (List.of("get", "post", "put", "delete", "patch").contains(method)) out.add(method.toUpperCase() + " " + path);
      }
    }
    return out;
  }

  static String cut(String s) {
    return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "…" : s;
  }
}
