package at.jobfair.noshow;

import at.jobfair.support.TestApp;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request job: who is asked for reasons (a no-show or an unbooked proposal under a basis that obliges) and who never
 * is, once each with two nodes racing, the deadline recorded as "no answer" once, and a later excuse withdrawing it.
 * The periodic runs are off (once an hour) so that each run here is the test's own.
 */
class NoShowRequestJobTest {

  static TestApp app;
  static TestApp second;
  static NoShowTestData data;

  @BeforeAll
  static void start() {
    Map<String, Object> quiet = Map.of("attendance.pollSeconds", 3600, "noshow.pollSeconds", 3600, "noshow.reasonsDays", 7);
    app = TestApp.start(quiet);
    second = app.another(quiet);
    data = new NoShowTestData(app);
  }

  @AfterAll
  static void stop() {
    second.close();
    app.close();
  }

  @Test
  void aNoShowUnderABasisThatObligesIsAskedForReasonsOnceByEmailWithTheDeadline() throws Exception {
    String binding = data.person("binding");
    String control = data.person("control");
    String minimum = data.person("minimum");
    data.fx.exec("update jobseeker set benefit_type = 'MINIMUM_INCOME' where account_id = ?", data.id(minimum));
    long bindingBooking = data.noShow(binding, "BINDING", null);
    long controlBooking = data.noShow(control, "CONTROL", "AT_ALVG_49");
    long minimumBooking = data.noShow(minimum, "BINDING", null);

    int asked = data.run();

    long r = data.request(bindingBooking);
    assertTrue(r > 0, "asked: " + asked + " " + data.text("select string_agg(concat_ws(' ', id, booking_id, basis_code, state), ', ') from reasons_request")
        + " / " + bindingBooking + " " + data.text("select concat_ws('/', code, version) from reasons_basis(" + bindingBooking + ", null)"));
    assertEquals("AT_ALVG_10 BINDING CASEWORKER ASKED", data.text("select concat_ws(' ', basis_code, obligation, decider, state) from reasons_request where id = " + r),
        "a record from before the catalogue rests on § 10 AlVG");
    assertEquals("AT_ALVG_49 CONTROL CASEWORKER", data.text("select concat_ws(' ', basis_code, obligation, decider) from reasons_request where booking_id = " + controlBooking));
    assertEquals("AT_MINDESTSICHERUNG BINDING MUNICIPALITY", data.text("select concat_ws(' ', basis_code, obligation, decider) from reasons_request where booking_id = " + minimumBooking),
        "minimum income: the Land's law, decided by the municipality");
    assertEquals(1, app.count("select count(*) from reasons_request where id = " + r
        + " and deadline between now() + interval '7 days' - interval '2 minutes' and now() + interval '7 days'"), "the configured 7 days");
    String mail = data.text("select body_text from mail_outbox where kind = 'REASONS_REQUESTED' and to_address = '" + binding + "'");
    assertTrue(mail.contains("/me/reasons/" + r), mail);
    assertTrue(mail.startsWith("Guten Tag Person binding"), mail);
    assertTrue(mail.contains("nicht als Ablehnung"), mail);
    assertEquals(1, app.count("select count(*) from reasons_step where request_id = " + r + " and event = 'ASK' and actor_role = 'SYSTEM'"));
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'reasons:" + r + "' and event = 'ASK'"));

    data.run();
    assertEquals(3, app.count("select count(*) from reasons_request where booking_id in (" + bindingBooking + "," + controlBooking + "," + minimumBooking + ")"));
    assertEquals(1, app.count("select count(*) from mail_outbox where kind = 'REASONS_REQUESTED' and to_address = '" + binding + "'"), "asked once");
  }

  @Test
  void neverForVoluntaryParticipationAnEmployersNoShowAnOutageOrASickNote() throws Exception {
    long voluntary = data.noShow(data.person("voluntary"), "VOLUNTARY", null);
    long voluntaryWithBasis = data.noShow(data.person("voluntary-basis"), "VOLUNTARY", "AT_VOLUNTARY");
    long employerAbsent = data.pastBooking(data.person("employer-absent"), "BINDING", null);
    data.fx.exec("insert into attendance (booking_id, outcome, outcome_source, outcome_at) values (?, 'EMPLOYER_NO_SHOW', 'EMPLOYER', now())", employerAbsent);
    long sick = data.noShow(data.person("sick"), "BINDING", null);
    data.fx.exec("insert into sick_note (booking_id, jobseeker_id, recorded_by) select id, jobseeker_id, (select id from account where email = 'sfa@demo.test') from booking where id = ?", sick);
    // at a fair of its own: an outage excuses everyone at the fair in its window
    long outage = new NoShowTestData(app).noShow(data.person("outage"), "BINDING", null);
    data.fx.exec("insert into fair_outage (fair_id, during, reason, recorded_by) select b.fair_id, k.during, 'Videodienst ausgefallen', "
        + "(select id from account where email = 'organizer@demo.test') from booking k join booth b on b.id = k.booth_id where k.id = ?", outage);
    long cancelled = data.noShow(data.person("cancelled"), "BINDING", null);
    data.fx.exec("update booking set status = 'CANCELLED', cancelled_at = now(), cancelled_as = 'STAFF' where id = ?", cancelled);
    long settled = data.noShow(data.person("settled"), "BINDING", null);
    data.fx.exec("insert into worklist_item (kind, jobseeker_id, booking_id, result, result_at) select 'NO_SHOW', jobseeker_id, id, 'REASON_ACCEPTED', now() from booking where id = ?", settled);

    data.run();
    for (long b : List.of(voluntary, voluntaryWithBasis, employerAbsent, sick, outage, cancelled, settled)) {
      assertEquals(0, data.request(b), "no request for booking " + b);
    }
  }

  @Test
  void twoNodesAskingAtOnceAskEveryPersonOnce() throws Exception {
    List<Long> bookings = new ArrayList<>();
    for (int i = 0; i < 12; i++) bookings.add(data.noShow(data.person("race"), "BINDING", null));
    String ids = bookings.stream().map(String::valueOf).collect(Collectors.joining(","));
    NoShowService a = app.app().services().cases().noShows();
    NoShowService b = second.app().services().cases().noShows();
    for (int round = 0; round < 3; round++) Future.all(a.run(), b.run(), a.ask(), b.ask()).await(60, TimeUnit.SECONDS);
    assertEquals(12, app.count("select count(*) from reasons_request where booking_id in (" + ids + ")"));
    String requests = "select id from reasons_request where booking_id in (" + ids + ")";
    assertEquals(12, app.count("select count(*) from reasons_step where event = 'ASK' and request_id in (" + requests + ")"));
    assertEquals(12, app.count("select count(*) from mail_outbox where kind = 'REASONS_REQUESTED' and ref in (select 'reasons:' || id from reasons_request where booking_id in (" + ids + "))"));
    assertEquals(12, app.count("select count(*) from audit_log where event = 'ASK' and subject in (select 'reasons:' || id from reasons_request where booking_id in (" + ids + "))"));
  }

  @Test
  void aMissedDeadlineIsRecordedOnceAsNoAnswerNeverAsARefusal() throws Exception {
    long booking = data.noShow(data.person("silent"), "BINDING", null);
    data.run();
    long r = data.request(booking);
    data.deadlinePassed(r);
    NoShowService a = app.app().services().cases().noShows();
    NoShowService b = second.app().services().cases().noShows();
    for (int round = 0; round < 2; round++) Future.all(a.recordNoAnswers(), b.recordNoAnswers()).await(30, TimeUnit.SECONDS);
    assertEquals("NO_ANSWER", data.state(r));
    assertEquals(1, app.count("select count(*) from reasons_request where id = " + r + " and no_answer_at is not null and outcome is null"));
    assertEquals(1, app.count("select count(*) from reasons_step where request_id = " + r + " and event = 'NO_ANSWER'"));
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'reasons:" + r + "' and event = 'NO_ANSWER' and to_state = 'NO_ANSWER'"));
    String page = app.as("sfa@demo.test").get("/staff/reasons/" + r).body();
    assertTrue(page.contains("Keine Antwort innerhalb der Frist."), page);
  }

  @Test
  void anUnbookedBindingProposalIsAskedForOnce() throws Exception {
    String email = data.person("proposal");
    long invitation = data.overdueProposal(email);
    data.run();
    data.run();
    assertEquals(1, app.count("select count(*) from reasons_request where invitation_id = " + invitation + " and kind = 'OVERDUE_PROPOSAL'"));
    String mail = data.text("select body_text from mail_outbox where kind = 'REASONS_REQUESTED' and to_address = '" + email + "'");
    assertTrue(mail.contains("Vermittlungsvorschlag Koch / Köchin"), mail);
  }

  @Test
  void aSickNoteRecordedAfterTheRequestWithdrawsItOnce() throws Exception {
    String email = data.person("late-sick");
    long booking = data.noShow(email, "BINDING", null);
    data.run();
    long r = data.request(booking);
    assertEquals(201, app.as("sfa@demo.test").post("/api/bookings/" + booking + "/sick-note",
        new io.vertx.core.json.JsonObject().put("note", "Arztbestätigung nachgereicht")).status());
    data.run();
    data.run();
    assertEquals("WITHDRAWN", data.state(r));
    assertEquals(1, app.count("select count(*) from reasons_step where request_id = " + r + " and event = 'WITHDRAW'"));
    assertEquals(409, app.as(email).post("/api/reasons/" + r + "/answers", new io.vertx.core.json.JsonObject().put("text", "Ich war krank")).status());
  }
}
