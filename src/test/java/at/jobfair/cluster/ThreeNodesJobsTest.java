package at.jobfair.cluster;

import at.jobfair.cascade.CascadeTestData;
import at.jobfair.mail.MailFixtures;
import at.jobfair.support.Fixtures;
import at.jobfair.support.Nodes;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The background jobs with three nodes running each of them every second (or faster): reminders, the no-show check,
 * the outbox sender, the closing of cascades and the waitlist's holds and offers each do their work once, however
 * the nodes race.
 */
class ThreeNodesJobsTest {

  static final GreenMail SMTP = MailFixtures.smtp();

  @RegisterExtension
  static final Nodes NODES = Nodes.of(3, settings());

  static final int PEOPLE = 20;
  static Fixtures fx;

  static Map<String, Object> settings() {
    Map<String, Object> s = new HashMap<>(MailFixtures.sendingTo(SMTP.getSmtp().getPort(), 100));
    s.put("reminders.offsetsMinutes", "1440,60");
    s.put("reminders.pollSeconds", 1);
    s.put("attendance.pollSeconds", 1);
    s.put("attendance.graceMinutes", 15);
    s.put("noshow.pollSeconds", 1);
    s.put("cascade.closePollSeconds", 1);
    s.put("cascade.closeGraceDays", 14);
    s.put("waitlist.pollSeconds", 1);
    return s;
  }

  @BeforeAll
  static void start() {
    fx = new Fixtures(NODES);
  }

  @AfterAll
  static void stopSmtp() {
    SMTP.stop();
  }

  @Test
  void eachDueReminderIsWrittenOnceAndItsMailArrivesOnce() throws Exception {
    long fair = fx.fair("Erinnerungen im Cluster", true, 0);
    List<String> people = fx.jobseekers("remind-cluster", PEOPLE);
    List<Long> bookings = new ArrayList<>();
    Instant start = Instant.now().plus(Duration.ofMinutes(150)).truncatedTo(ChronoUnit.MINUTES);
    for (String p : people) bookings.add(fx.booking(fx.booth(fair, fx.employer("Erinnerung " + p)), fx.accountId(p), start, 30));
    String ids = join(bookings);
    // Booked three days ago, all at once: the day-before reminder of every booking is due at the same moment on every node.
    fx.exec("update booking set created_at = now() - interval '3 days' where id in (" + ids + ")");

    waitUntil("every reminder mailed", () -> people.stream().allMatch(p -> received(p) >= 1));
    quietRounds();
    for (String p : people) assertEquals(1, received(p), "one reminder mail for " + p);
    assertEquals(PEOPLE, NODES.count("select count(*) from booking_reminder where offset_minutes = 1440 and booking_id in (" + ids + ")"));
    assertEquals(PEOPLE, NODES.count("select count(*) from booking_reminder where booking_id in (" + ids + ")"), "one per booking and offset");
    assertEquals(PEOPLE, NODES.count("select count(*) from mail_outbox o join booking_reminder r on r.outbox_id = o.id "
        + "where o.kind = 'BOOKING_REMINDER' and o.status = 'SENT' and o.attempts = 1 and r.booking_id in (" + ids + ")"));
  }

  @Test
  void everyMessageInTheOutboxArrivesExactlyOnceWhileThreeSendersRace() throws Exception {
    // A hundred and twenty messages queued in one statement: due on every node's sender at the same moment.
    fx.exec("insert into mail_outbox (kind, ref, to_address, subject, body_text) "
        + "select 'CLUSTER_TEST', 'cluster:' || g, 'outbox-' || g || '@example.org', 'Cluster ' || g, 'Hallo' from generate_series(1, 120) g");
    String ours = "kind = 'CLUSTER_TEST'";
    waitUntil("all sent", () -> NODES.count("select count(*) from mail_outbox where status = 'SENT' and " + ours) == 120);
    // And whatever else the other tests and the demo queued: once nothing is under way, SMTP has each sent message once.
    waitUntil("the outbox is empty", () -> NODES.count("select count(*) from mail_outbox where status in ('QUEUED', 'SENDING')") == 0);
    quietRounds();
    List<String> ids = new ArrayList<>();
    Map<String, Integer> subjects = new HashMap<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      ids.add(m.getMessageID());
      if (m.getSubject().startsWith("Cluster ")) subjects.merge(m.getSubject(), 1, Integer::sum);
    }
    assertEquals(120, subjects.size(), "every message arrived");
    assertEquals(Set.of(1), new HashSet<>(subjects.values()), "each once");
    assertEquals(ids.size(), new HashSet<>(ids).size(), "no Message-ID twice");
    assertEquals(NODES.count("select count(*) from mail_outbox where status = 'SENT'"), ids.size(), "one delivery per sent message");
    assertEquals(120, NODES.count("select count(*) from mail_outbox where attempts = 1 and " + ours));
    // Proof that the senders raced: more than one node sent them.
    long senders = NODES.count("select count(distinct claimed_by) from mail_outbox where " + ours);
    System.out.println("outbox: 120 messages sent by " + senders + " nodes");
    assertTrue(senders >= 2, senders + " node(s) sent");
  }

  @Test
  void eachDueNoShowIsMarkedOnceAndThePersonAskedForReasonsOnce() throws Exception {
    long fair = fx.fair("Nicht erschienen im Cluster", true, 0);
    List<Long> bookings = new ArrayList<>();
    Instant tomorrow = Instant.now().plus(Duration.ofHours(23)).truncatedTo(ChronoUnit.MINUTES);
    for (String p : fx.jobseekers("noshow-cluster", PEOPLE)) {
      bookings.add(fx.booking(fx.booth(fair, fx.employer("Fernbleiben " + p)), fx.accountId(p), tomorrow, 20, "BINDING"));
    }
    String ids = join(bookings);
    // A day passes for all of them at once: every appointment ended 40 minutes ago, due on every node at the same moment.
    try (Connection c = NODES.jdbc(); var st = c.createStatement()) {
      c.setAutoCommit(false);
      st.execute("update booking set during = tstzrange(lower(during) - interval '1 day', upper(during) - interval '1 day') "
          + "where id in (" + ids + ")");
      st.execute("update slot set starts_at = starts_at - interval '1 day', ends_at = ends_at - interval '1 day' "
          + "where id in (select slot_id from booking where id in (" + ids + "))");
      c.commit();
    }

    waitUntil("every no-show marked", () -> NODES.count("select count(*) from attendance where outcome = 'NO_SHOW' and booking_id in (" + ids + ")") == PEOPLE);
    quietRounds();
    assertEquals(PEOPLE, NODES.count("select count(*) from attendance where outcome = 'NO_SHOW' and outcome_source = 'SYSTEM' "
        + "and booking_id in (" + ids + ")"));
    waitUntil("every person asked", () -> NODES.count("select count(*) from reasons_request where booking_id in (" + ids + ")") == PEOPLE);
    quietRounds();
    String requests = "select id from reasons_request where booking_id in (" + ids + ")";
    assertEquals(PEOPLE, NODES.count("select count(*) from reasons_request where booking_id in (" + ids + ")"), "one request per no-show");
    assertEquals(PEOPLE, NODES.count("select count(*) from reasons_step where event = 'ASK' and request_id in (" + requests + ")"));
    assertEquals(PEOPLE, NODES.count("select count(*) from mail_outbox where kind = 'REASONS_REQUESTED' and ref in (select 'reasons:' || id from reasons_request where booking_id in (" + ids + "))"),
        "one email each");
  }

  @Test
  void eachDueCascadeIsClosedOnceByOneNode() throws Exception {
    CascadeTestData data = new CascadeTestData(NODES, NODES::as);
    long sfa = fx.accountId("sfa@demo.test");
    long fair = data.fair("SUPRA_REGIONAL");
    List<Long> cascades = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      long vacancy = data.vacancy(fair, null, "Koch");
      long person = fx.accountId(fx.jobseekers("close-cluster-" + i, 1).get(0));
      fx.exec("update jobseeker set caseworker_id = ?, benefit_type = 'UNEMPLOYMENT_BENEFIT' where account_id = ?", sfa, person);
      // An appointment that ended five minutes ago: within the no-show grace, so the no-show check leaves it alone.
      data.booking(data.boothOf(vacancy), person, Instant.now().minus(Duration.ofMinutes(25)), "VOLUNTARY");
      cascades.add(data.declineBoth(fair, vacancy, person).getLong("id"));
    }
    String ids = join(cascades);
    assertEquals(6, NODES.count("select count(*) from cascade where state = 'ENDED_NO_SANCTION_CHECK' and id in (" + ids + ")"));
    // Fifteen days pass for all of them at once: past the closing grace of fourteen days on every node at the same moment.
    fx.exec("update cascade set updated_at = now() - interval '15 days' where id in (" + ids + ")");

    waitUntil("every cascade closed", () -> NODES.count("select count(*) from cascade where state = 'CLOSED' and id in (" + ids + ")") == 6);
    quietRounds();
    for (long id : cascades) {
      assertEquals(1, NODES.count("select count(*) from cascade_step where cascade_id = " + id + " and event = 'CLOSE' and actor_role = 'SYSTEM'"));
      assertEquals(1, NODES.count("select count(*) from audit_log where subject = 'cascade:" + id + "' and event = 'CLOSE'"));
    }
  }

  /**
   * Six seats freed at once at a booth with twelve people waiting, held three seconds each: on all three nodes the
   * waitlist job ends each hold once (the seat passes to the next in line), mails each offer once, and when the line
   * is through the seats are free for everyone.
   */
  @Test
  void eachWaitlistHoldEndsOnceAndEachOfferIsMailedOnce() throws Exception {
    long fair = fx.fair("Warteliste im Cluster", true, 0);
    long booth = fx.booth(fair, fx.employer("Warteliste Cluster GmbH"));
    Instant later = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    List<Long> bookings = new ArrayList<>();
    int i = 0;
    for (String p : fx.jobseekers("wl-cluster-holder", 6)) {
      bookings.add(fx.booking(booth, fx.accountId(p), later.plus(Duration.ofMinutes(30L * i++)), 20));
    }
    List<String> line = fx.jobseekers("wl-cluster", 12);
    for (int k = 0; k < line.size(); k++) {
      fx.exec("insert into waitlist_entry (booth_id, jobseeker_id, joined_at) values (?, ?, now() - make_interval(mins => ?))",
          booth, fx.accountId(line.get(k)), 60 - k);
    }
    fx.exec("update waitlist_setting set hold_seconds = 3");
    try {
      fx.exec("update booking set status = 'CANCELLED', cancelled_at = now(), cancelled_as = 'STAFF', cancel_reason = 'Cluster' "
          + "where id in (" + join(bookings) + ")");
      String entries = "select id from waitlist_entry where booth_id = " + booth;
      assertEquals(6, NODES.count("select count(*) from waitlist_entry where status = 'OFFERED' and booth_id = " + booth));
      waitUntil("the line is through", () -> NODES.count("select count(*) from waitlist_entry where status = 'EXPIRED' and booth_id = " + booth) == 12);
      quietRounds();
      assertEquals(0, NODES.count("select coalesce(sum(held), 0) from slot where booth_id = " + booth), "free for everyone");
      assertEquals(12, NODES.count("select count(*) from waitlist_offer_mail where entry_id in (" + entries + ")"), "each offer claimed once");
      assertEquals(12, NODES.count("select count(*) from mail_outbox where kind = 'WAITLIST_OFFER' and split_part(substr(ref, 10), '/', 1)::bigint in ("
          + entries + ")"), "one mail per offer");
      waitUntil("every offer delivered", () -> line.stream().allMatch(p -> offers(p) >= 1));
      quietRounds();
      for (String p : line) assertEquals(1, offers(p), p);
    } finally {
      fx.exec("update waitlist_setting set hold_seconds = 1800");
    }
  }

  static long offers(String to) {
    long n = 0;
    try {
      for (MimeMessage m : SMTP.getReceivedMessages()) {
        if (((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(to) && m.getSubject().startsWith("Ein Termin ist für Sie frei")) n++;
      }
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
    return n;
  }

  /** Three more rounds of every job on every node: anything done twice would have happened by now. */
  static void quietRounds() throws InterruptedException {
    Thread.sleep(3_000);
  }

  static long received(String to) {
    long n = 0;
    try {
      for (MimeMessage m : SMTP.getReceivedMessages()) {
        if (((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(to) && m.getSubject().startsWith("Erinnerung")) n++;
      }
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
    return n;
  }

  static String join(List<Long> ids) {
    return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("gave up waiting: " + what);
      Thread.sleep(100);
    }
  }
}
