package at.jobfair.invitation;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invitations: legal basis carried into bookings, personal links, staff-only access, mailings, registration, overdue view. */
class InvitationApiTest {

  static TestApp app;
  static Fixtures fx;
  static long fair;
  static long booth;
  static long otherBooth;
  static long vacancy;
  static List<Long> slots;
  static List<Long> otherSlots;
  static final Instant START = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
  static final Pattern LINK = Pattern.compile("/invitations/link/([A-Za-z0-9_.-]+)");

  @BeforeAll
  static void start() {
    app = TestApp.start();
    fx = new Fixtures(app);
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    long gasthof = app.client().signedIn("employer2@demo.test").get("/api/me").json().getLong("employerId");
    fair = fx.fair("Einladungsbörse", true, 0);
    booth = fx.booth(fair, hotel);
    otherBooth = fx.booth(fair, gasthof);
    fx.exec("insert into vacancy (booth_id, title) values (?, 'Koch/Köchin')", booth);
    vacancy = app.count("select max(id) from vacancy where booth_id = " + booth);
    slots = fx.slots(booth, START, 10, Duration.ofMinutes(30), 10);
    otherSlots = fx.slots(otherBooth, START.plus(Duration.ofDays(1)), 10, Duration.ofMinutes(30), 10);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static TestClient staff() {
    return app.client().signedIn("sfu@demo.test");
  }

  /** A jobseeker receiving unemployment benefit: a placement proposal to them rests on § 10 AlVG. */
  static String person(String prefix) {
    String email = fx.jobseekers(prefix, 1).get(0);
    fx.exec("update jobseeker set benefit_type = 'UNEMPLOYMENT_BENEFIT' where account_id = ?", fx.accountId(email));
    return email;
  }

  static TestClient signedIn(String email) {
    TestClient c = app.client();
    assertEquals(200, c.signIn(email, Fixtures.PASSWORD).status());
    return c;
  }

  static JsonObject propose(String email, Instant deadline) {
    var r = staff().post("/api/fairs/" + fair + "/invitations", new JsonObject().put("type", "PLACEMENT_PROPOSAL")
        .put("jobseekerEmail", email).put("vacancyId", vacancy).put("deadline", deadline.toString()));
    assertEquals(201, r.status(), r.body());
    return r.json();
  }

  static String token(String email) {
    String text = text("select body_text from mail_outbox where kind = 'INVITATION' and to_address = '" + email + "' order by id desc limit 1");
    Matcher m = LINK.matcher(text);
    assertTrue(m.find(), text);
    return m.group(1);
  }

  static String text(String sql) {
    try (var c = app.jdbc(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonObject book(TestClient c, long slot) {
    var r = c.post("/api/slots/" + slot + "/bookings", "");
    assertEquals(201, r.status(), r.body());
    return r.json();
  }

  @Test
  void aPlacementProposalMakesTheBookingAtItsBoothBindingAndOnlyThere() {
    String email = person("binding");
    long invitation = propose(email, Instant.now().plus(Duration.ofDays(1))).getLong("id");
    TestClient c = signedIn(email);
    JsonObject atBooth = book(c, slots.get(0));
    assertEquals("PLACEMENT_PROPOSAL", atBooth.getString("source"));
    assertEquals("BINDING", atBooth.getString("legalBasis"));
    assertEquals(invitation, atBooth.getLong("invitationId"));
    JsonObject elsewhere = book(c, otherSlots.get(0));
    assertEquals("OWN_INITIATIVE", elsewhere.getString("source"));
    assertEquals("VOLUNTARY", elsewhere.getString("legalBasis"));
    assertNull(elsewhere.getValue("invitationId"));
    assertEquals("BINDING", text("select legal_basis from booking where id = " + atBooth.getLong("id")));

    // rebooking keeps the basis and the invitation
    var r = c.post("/api/bookings/" + atBooth.getLong("id") + "/rebook", new JsonObject().put("slotId", slots.get(1)));
    assertEquals(201, r.status(), r.body());
    assertEquals("BINDING", r.json().getString("legalBasis"));
    assertEquals(invitation, r.json().getLong("invitationId"));
  }

  @Test
  void aProposalPastItsDeadlineNoLongerBinds() {
    String email = person("late");
    long invitation = propose(email, Instant.now().plus(Duration.ofDays(1))).getLong("id");
    fx.exec("update invitation set deadline = now() - interval '1 minute' where id = ?", invitation);
    JsonObject b = book(signedIn(email), slots.get(2));
    assertEquals("OWN_INITIATIVE", b.getString("source"));
    assertEquals("VOLUNTARY", b.getString("legalBasis"));
  }

  @Test
  void aMassMailingMakesBookingsVoluntaryAndItsPreviewCountsExactlyTheMatches() {
    List<String> tirol = fx.jobseekers("tirol", 3);
    String wien = person("wien");
    for (int i = 0; i < 3; i++) {
      fx.exec("update jobseeker set region = 'Tirol', target_group = 'mailtest', languages = ?::text[] where account_id = ?",
          i == 0 ? "{de,en}" : "{de}", fx.accountId(tirol.get(i)));
    }
    fx.exec("update jobseeker set region = 'Wien', target_group = 'mailtest', languages = '{en}' where account_id = ?", fx.accountId(wien));
    String url = "/api/fairs/" + fair + "/invitations";
    TestClient s = app.client().signedIn("sfa@demo.test");
    JsonObject tirolOnly = new JsonObject().put("region", "tirol").put("targetGroup", "mailtest");
    var preview = s.post(url, new JsonObject().put("type", "MASS_MAILING").put("criteria", tirolOnly).put("preview", true));
    assertEquals(200, preview.status(), preview.body());
    assertEquals(3, preview.json().getInteger("count"));
    var english = s.post(url, new JsonObject().put("type", "MASS_MAILING").put("preview", true)
        .put("criteria", new JsonObject().put("targetGroup", "mailtest").put("languages", new JsonArray().add("en"))));
    assertEquals(2, english.json().getInteger("count"), english.body());
    assertEquals(0, app.count("select count(*) from invitation where kind = 'MASS_MAILING' and jobseeker_id = " + fx.accountId(wien)),
        "a preview writes nothing");

    var sent = s.post(url, new JsonObject().put("type", "MASS_MAILING").put("criteria", tirolOnly));
    assertEquals(201, sent.status(), sent.body());
    assertEquals(3, sent.json().getInteger("count"));
    var again = s.post(url, new JsonObject().put("type", "MASS_MAILING").put("criteria", tirolOnly));
    assertEquals(0, again.json().getInteger("count"), "nobody is mailed twice");
    for (String email : tirol) {
      assertEquals(1, app.count("select count(*) from mail_outbox where kind = 'INVITATION' and to_address = '" + email + "'"), email);
    }
    assertEquals(0, app.count("select count(*) from mail_outbox where to_address = '" + wien + "'"));
    JsonObject after = s.post(url, new JsonObject().put("type", "MASS_MAILING").put("preview", true).put("criteria", tirolOnly)).json();
    assertEquals(3, after.getInteger("alreadyInvited"));
    assertEquals(0, after.getInteger("newRecipients"));

    JsonObject b = book(signedIn(tirol.get(0)), slots.get(3));
    assertEquals("MASS_MAILING", b.getString("source"));
    assertEquals("VOLUNTARY", b.getString("legalBasis"));
    assertEquals(app.count("select id from invitation where kind = 'MASS_MAILING' and jobseeker_id = " + fx.accountId(tirol.get(0))),
        b.getLong("invitationId"));
  }

  @Test
  void aBookingWithoutAnInvitationIsOwnInitiative() {
    JsonObject b = book(signedIn(person("own")), slots.get(4));
    assertEquals("OWN_INITIATIVE", b.getString("source"));
    assertEquals("VOLUNTARY", b.getString("legalBasis"));
    assertNull(b.getValue("invitationId"));
  }

  @Test
  void thePersonalLinkSignsInItsPersonOnceAndRecordsTheFirstOpening() {
    String email = person("link");
    long invitation = propose(email, Instant.now().plus(Duration.ofDays(1))).getLong("id");
    String token = token(email);
    TestClient c = app.client();
    var page = c.get("/invitations/link/" + token);
    assertEquals(200, page.status(), page.body());
    assertTrue(page.body().contains("Person link 0"), page.body());
    assertEquals(401, c.get("/api/me").status(), "looking at the link signs nobody in");
    assertNull(text("select first_opened_at from invitation where id = " + invitation), "nor counts as opening");

    var used = c.postRaw("/invitations/link/" + token, "application/x-www-form-urlencoded", "");
    assertEquals(303, used.status(), used.body());
    assertEquals("/booths/" + booth, used.header("Location"));
    assertEquals(email, c.get("/api/me").json().getString("email"));
    String opened = text("select first_opened_at::text from invitation where id = " + invitation);
    assertNotNull(opened);

    var again = c.postRaw("/invitations/link/" + token, "application/x-www-form-urlencoded", "");
    assertEquals(303, again.status());
    assertEquals(opened, text("select first_opened_at::text from invitation where id = " + invitation), "the first opening stays");

    JsonArray mine = c.get("/api/me/invitations").array();
    assertEquals(1, mine.size());
    assertEquals("BINDING", mine.getJsonObject(0).getString("legalBasis"));
    assertEquals("AT_ALVG_10", mine.getJsonObject(0).getJsonObject("basis").getString("code"));
    assertEquals(1, mine.getJsonObject(0).getJsonObject("basis").getInteger("version"));
    assertEquals("de", mine.getJsonObject(0).getJsonObject("basis").getString("noticeLanguage"));
    assertNotNull(mine.getJsonObject(0).getString("firstOpenedAt"));
    var myPage = c.get("/me/invitations");
    assertEquals(200, myPage.status());
    assertTrue(myPage.body().contains("Rechtsfolgenbelehrung"), myPage.body());
    assertTrue(myPage.body().contains("/booths/" + booth));
  }

  @Test
  void aTamperedExpiredOrForeignLinkSignsNobodyIn() {
    String email = person("victim");
    long owner = fx.accountId(email);
    long invitation = propose(email, Instant.now().plus(Duration.ofDays(1))).getLong("id");
    String token = token(email);
    String other = person("intruder");
    long otherId = fx.accountId(other);
    LinkSigner signer = app.app().services().fair().invitations().signer();
    long future = Instant.now().plus(Duration.ofDays(5)).getEpochSecond();

    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    String expired = signer.sign("inv:" + invitation + ":" + owner + ":" + (Instant.now().getEpochSecond() - 60));
    String foreign = signer.sign("inv:" + invitation + ":" + otherId + ":" + future);
    String otherInvitation = signer.sign("inv:" + (invitation + 100000) + ":" + owner + ":" + future);

    for (String[] bad : new String[][] {{tampered, "403", "ungültig"}, {expired, "410", "abgelaufen"}, {foreign, "403", "ungültig"},
        {otherInvitation, "403", "ungültig"}, {"garbage", "403", "ungültig"}}) {
      TestClient c = app.client();
      var page = c.get("/invitations/link/" + bad[0]);
      assertEquals(Integer.parseInt(bad[1]), page.status(), bad[0]);
      assertTrue(page.body().contains(bad[2]), page.body());
      c.get("/signin"); // a session with a CSRF token, so that the refusal below is the link's
      var used = c.postRaw("/invitations/link/" + bad[0], "application/x-www-form-urlencoded", "");
      assertEquals(Integer.parseInt(bad[1]), used.status(), used.body());
      assertEquals(401, c.get("/api/me").status());
    }
    assertNull(text("select first_opened_at from invitation where id = " + invitation));

    // someone else signed in on this browser: the link is refused and they stay who they are
    TestClient intruder = signedIn(other);
    var used = intruder.postRaw("/invitations/link/" + token, "application/x-www-form-urlencoded", "");
    assertEquals(403, used.status());
    assertTrue(used.body().contains("anderen Person"), used.body());
    assertEquals(other, intruder.get("/api/me").json().getString("email"));
  }

  @Test
  void onlyStaffMaySendInvitations() {
    JsonObject body = new JsonObject().put("type", "MASS_MAILING").put("criteria", new JsonObject().put("region", "Wien")).put("preview", true);
    String url = "/api/fairs/" + fair + "/invitations";
    assertEquals(403, app.client().signedIn("seeker@demo.test").post(url, body).status());
    assertEquals(403, app.client().signedIn("employer@demo.test").post(url, body).status());
    assertEquals(403, app.client().signedIn("provider@demo.test").post(url, body).status());
    assertEquals(403, app.client().signedIn("seeker@demo.test").get("/fairs/" + fair + "/invitations").status());
    assertEquals(200, app.client().signedIn("sfa@demo.test").post(url, body).status());
    assertEquals(200, app.client().signedIn("organizer@demo.test").post(url, body).status());
    assertEquals(200, staff().post(url, body).status());
    var page = staff().get("/fairs/" + fair + "/invitations");
    assertEquals(200, page.status());
    assertTrue(page.body().contains("Koch/Köchin"), page.body());
  }

  @Test
  void publicRegistrationCreatesAnAccountSignsItInAndItsBookingIsPublicLink() {
    TestClient c = app.client();
    var r = c.postWithoutCsrf("/api/fairs/" + fair + "/registrations", new JsonObject().put("name", "Lena Neu")
        .put("email", "lena.neu@example.org").put("phone", "+43 660 1234567").put("language", "en"));
    assertEquals(201, r.status(), r.body());
    assertEquals(List.of("JOBSEEKER"), r.json().getJsonArray("roles").getList());
    assertEquals("lena.neu@example.org", c.get("/api/me").json().getString("email"));
    assertNull(text("select password_hash from account where email = 'lena.neu@example.org'"));
    assertEquals("+43 660 1234567", text("select phone from jobseeker j join account a on a.id = j.account_id where a.email = 'lena.neu@example.org'"));
    JsonObject b = book(c, slots.get(5));
    assertEquals("PUBLIC_LINK", b.getString("source"));
    assertEquals("VOLUNTARY", b.getString("legalBasis"));
    assertEquals("AT_VOLUNTARY/1", text("select i.basis_code || '/' || i.basis_version from invitation i join account a on a.id = i.jobseeker_id "
        + "where a.email = 'lena.neu@example.org'"), "a public link rests on the voluntary basis");
    assertEquals("AT_VOLUNTARY/1", text("select basis_code || '/' || basis_version from booking where id = " + b.getLong("id")), "and its booking too");
    assertTrue(text("select body_text from mail_outbox where to_address = 'lena.neu@example.org'").contains("/invitations/link/"));

    // the same address again: no second account, a clear answer and a sign-in link by email
    var again = app.client().postWithoutCsrf("/api/fairs/" + fair + "/registrations", new JsonObject().put("name", "Lena Zwei")
        .put("email", "LENA.NEU@example.org"));
    assertEquals(409, again.status(), again.body());
    assertEquals("register_email_exists", again.json().getString("error"));
    assertEquals(1, app.count("select count(*) from account where email = 'lena.neu@example.org'"));
    assertEquals(1, app.count("select count(*) from mail_outbox where kind = 'SIGN_IN_LINK' and to_address = 'lena.neu@example.org'"));

    // a staff address gets no link that would sign it in
    var staffAddress = app.client().postWithoutCsrf("/api/fairs/" + fair + "/registrations", new JsonObject().put("name", "X")
        .put("email", "organizer@demo.test"));
    assertEquals(409, staffAddress.status());
    assertEquals(0, app.count("select count(*) from mail_outbox where to_address = 'organizer@demo.test' and kind = 'SIGN_IN_LINK'"));

    // the page form (CSRF-protected) works too
    TestClient browser = app.client();
    var form = browser.get("/fairs/" + fair + "/register");
    assertEquals(200, form.status());
    var posted = browser.postRaw("/fairs/" + fair + "/register", "application/x-www-form-urlencoded",
        "name=Omar+Form&email=omar.form%40example.org&language=de");
    assertEquals(303, posted.status(), posted.body());
    assertEquals("omar.form@example.org", browser.get("/api/me").json().getString("email"));
  }

  @Test
  void theOverdueViewListsAnUnbookedBindingProposalAfterItsDeadlineOnly() {
    String unbooked = person("overdue");
    String booked = person("ontime");
    String cancelled = person("cancelled");
    long unbookedId = propose(unbooked, Instant.now().plus(Duration.ofDays(1))).getLong("id");
    long bookedId = propose(booked, Instant.now().plus(Duration.ofDays(1))).getLong("id");
    long cancelledId = propose(cancelled, Instant.now().plus(Duration.ofDays(1))).getLong("id");
    book(signedIn(booked), slots.get(6));
    TestClient c = signedIn(cancelled);
    long k = book(c, slots.get(7)).getLong("id");
    assertEquals(200, c.delete("/api/bookings/" + k).status());
    assertEquals(0, app.count("select count(*) from overdue_binding_proposal where invitation_id in (" + unbookedId + "," + bookedId + ")"),
        "nothing before the deadline");

    fx.exec("update invitation set deadline = now() - interval '1 minute' where id in (?, ?, ?)", unbookedId, bookedId, cancelledId);
    List<Long> overdue = new ArrayList<>();
    try (var conn = app.jdbc(); var st = conn.createStatement();
         var rs = st.executeQuery("select invitation_id, jobseeker_id, fair_id, booth_id, vacancy_id, notice_version from overdue_binding_proposal "
             + "where invitation_id in (" + unbookedId + "," + bookedId + "," + cancelledId + ") order by invitation_id")) {
      while (rs.next()) {
        overdue.add(rs.getLong(1));
        if (rs.getLong(1) == unbookedId) {
          assertEquals(fx.accountId(unbooked), rs.getLong(2));
          assertEquals(fair, rs.getLong(3));
          assertEquals(booth, rs.getLong(4));
          assertEquals(vacancy, rs.getLong(5));
          assertNull(rs.getObject(6), "the notice is the catalogue basis's, not a staff-edited version");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    assertEquals(List.of(unbookedId, cancelledId), overdue, "a booking the person cancelled does not count; a held one does");
  }

  @Test
  void anOverdueProposalBecomesOneRequestForReasonsThatReachesOnlyThePersonsCaseworker() throws Exception {
    String overdue = person("worklist-overdue");
    long invitationId = propose(overdue, Instant.now().plus(Duration.ofDays(1))).getLong("id");
    fx.exec("update invitation set deadline = now() - interval '1 minute' where id = ?", invitationId);
    fx.exec("update jobseeker set caseworker_id = (select id from account where email = 'sfa@demo.test') where account_id = ?",
        fx.accountId(overdue));

    for (int i = 0; i < 2; i++) app.app().services().cases().noShows().run().await(30, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(1, app.count("select count(*) from reasons_request where invitation_id = " + invitationId), "asked once, however often the job runs");
    assertEquals(1, app.count("select count(*) from mail_outbox where kind = 'REASONS_REQUESTED' and to_address = '" + overdue + "'"));
    long request = app.count("select id from reasons_request where invitation_id = " + invitationId);
    fx.exec("update reasons_request set asked_at = now() - interval '8 days', deadline = now() - interval '1 minute' where id = ?", request);
    app.app().services().cases().noShows().run().await(30, java.util.concurrent.TimeUnit.SECONDS);

    TestClient caseworker = app.client().signedIn("sfa@demo.test");
    JsonObject item = caseworker.get("/api/worklist").json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(o -> "REASONS".equals(o.getString("kind")) && o.getLong("request") == request)
        .findFirst().orElseThrow(() -> new AssertionError("the overdue proposal is on the worklist"));
    assertEquals("NO_ANSWER", item.getString("state"));
    // The dossier names the notice the proposal carried and whether it was delivered.
    JsonObject dossier = caseworker.get("/api/reasons/" + request + "/dossier").json();
    assertEquals(invitationId, dossier.getJsonObject("invitation").getLong("id"));
    assertNotNull(dossier.getJsonObject("invitation").getJsonObject("notice"));
    assertTrue(dossier.getBoolean("noAnswerWithinDeadline"));
    assertEquals("AT_ALVG_10/1", dossier.getJsonObject("invitation").getJsonObject("notice").getString("basis"),
        "a proposal under the catalogue names its basis and version");

    String otherCaseworker = "sfa-other@example.org";
    app.client().signedIn("organizer@demo.test").post("/api/users", new JsonObject().put("email", otherCaseworker).put("name", "Andere SfA")
        .put("password", "Passwort-123").put("roles", new io.vertx.core.json.JsonArray().add("SFA")));
    TestClient other = app.client();
    other.signIn(otherCaseworker, "Passwort-123");
    assertTrue(other.get("/api/worklist").json().getJsonArray("items").stream()
        .noneMatch(o -> "REASONS".equals(((JsonObject) o).getString("kind"))), "not someone else's caseworker");
    assertEquals(404, other.get("/api/reasons/" + request).status());
  }

  @Test
  void staffReadingTheOutboxCannotUseSomeonesPersonalLink() {
    String email = person("outbox-reader");
    propose(email, Instant.now().plus(Duration.ofDays(1)));
    String token = token(email);
    long message = app.count("select max(id) from mail_outbox where to_address = '" + email + "' and kind = 'INVITATION'");
    // staff who read the outbox see a person's mail through their relation (here: the caseworker) or as organisers
    fx.exec("update jobseeker set caseworker_id = ? where account_id = ?", fx.accountId("sfa@demo.test"), fx.accountId(email));
    assertEquals(404, app.client().signedIn("sfu@demo.test").get("/admin/outbox/" + message).status(), "no relation, no mail");
    for (String staff : List.of("organizer@demo.test", "sfa@demo.test")) {
      String page = app.client().signedIn(staff).get("/admin/outbox/" + message).body();
      assertTrue(page.contains("/invitations/link/[persönlicher Link verborgen]"), page);
      assertFalse(page.contains(token), staff + " must not see the token");
      assertFalse(page.contains(token.substring(0, token.indexOf('.'))), "not even its first half");
    }
    assertTrue(text("select body_text from mail_outbox where id = " + message).contains(token), "the email itself keeps it");
  }

  @Test
  void theStaffEditedNoticeIsReadOnlyAndNewProposalsCarryTheCatalogueBasisInstead() {
    String url = "/api/consequence-notices";
    JsonObject notice = new JsonObject().put("textDe", "Neue Belehrung, Fassung zwei.").put("textEn", "New notice, version two.");
    assertEquals(200, staff().get(url).status(), "still readable for the records made before the catalogue");
    var r = app.client().signedIn("organizer@demo.test").post(url, notice);
    assertTrue(r.status() == 404 || r.status() == 405, "nobody edits notices any more: " + r.status());
    assertEquals(0, app.count("select count(*) from consequence_notice where version > 1"));
    String email = person("notice");
    JsonObject p = propose(email, Instant.now().plus(Duration.ofDays(1)));
    assertNull(p.getInteger("noticeVersion"));
    assertEquals("AT_ALVG_10", p.getJsonObject("basis").getString("code"));
    assertEquals(1, p.getJsonObject("basis").getInteger("version"));
  }

  @Test
  void aProposalIsRefusedClearlyForAnUnknownPersonVacancyOrAPastDeadline() {
    String url = "/api/fairs/" + fair + "/invitations";
    String email = person("refused");
    JsonObject base = new JsonObject().put("type", "PLACEMENT_PROPOSAL").put("jobseekerEmail", email).put("vacancyId", vacancy)
        .put("deadline", Instant.now().plus(Duration.ofDays(1)).toString());
    assertEquals("invitation_jobseeker_unknown", staff().post(url, base.copy().put("jobseekerEmail", "employer@demo.test")).json().getString("error"));
    assertEquals("invitation_vacancy_unknown", staff().post(url, base.copy().put("vacancyId", 999999)).json().getString("error"));
    assertEquals("invitation_deadline", staff().post(url, base.copy().put("deadline", "2020-01-01T10:00")).json().getString("error"));
    assertEquals(0, app.count("select count(*) from invitation where jobseeker_id = " + fx.accountId(email)));
  }

  @Test
  void staffSendAProposalAndCountAMailingThroughThePageForms() {
    String email = person("form");
    fx.exec("update jobseeker set target_group = 'formgroup' where account_id = ?", fx.accountId(email));
    TestClient c = staff();
    assertEquals(200, c.get("/fairs/" + fair + "/invitations").status());
    String deadline = java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/Vienna")).plusDays(2).withNano(0).toString();
    var sent = c.postRaw("/fairs/" + fair + "/invitations/proposal", "application/x-www-form-urlencoded",
        "jobseekerEmail=" + email.replace("@", "%40") + "&vacancyId=" + vacancy + "&deadline=" + deadline);
    assertEquals(200, sent.status(), sent.body());
    assertTrue(sent.body().contains("Der Vermittlungsvorschlag an " + email + " ist verschickt."), sent.body());
    assertEquals(1, app.count("select count(*) from invitation where kind = 'PLACEMENT_PROPOSAL' and jobseeker_id = " + fx.accountId(email)));

    var preview = c.postRaw("/fairs/" + fair + "/invitations/mailing", "application/x-www-form-urlencoded", "targetGroup=formgroup&preview=1");
    assertEquals(200, preview.status(), preview.body());
    assertTrue(preview.body().contains("1 Personen passen, davon 1 noch nicht eingeladen."), preview.body());
    assertEquals(0, app.count("select count(*) from invitation where kind = 'MASS_MAILING' and jobseeker_id = " + fx.accountId(email)));

    var refused = c.postRaw("/fairs/" + fair + "/invitations/mailing", "application/x-www-form-urlencoded", "send=1");
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("mindestens eine Angabe"), refused.body());
  }
}
