package at.jobfair.noshow;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** No-shows, proposals and people for the no-show path, written straight into the database of a real application. */
final class NoShowTestData {

  private static final AtomicInteger N = new AtomicInteger();
  final TestApp app;
  final Fixtures fx;
  final long fair;

  NoShowTestData(TestApp app) {
    this.app = app;
    this.fx = new Fixtures(app);
    this.fair = fx.fair("Anhörungsbörse " + N.incrementAndGet(), true, 0);
  }

  /** A new jobseeker (password {@link Fixtures#PASSWORD}) whose caseworker is sfa@demo.test; answers the email. */
  String person(String prefix) {
    String email = fx.jobseekers(prefix + "-" + N.incrementAndGet(), 1).get(0);
    fx.exec("update jobseeker set caseworker_id = (select id from account where email = 'sfa@demo.test') where account_id = ?", fx.accountId(email));
    return email;
  }

  long id(String email) {
    return fx.accountId(email);
  }

  /** A booking at a booth of its own that ended an hour ago; {@code basisCode} null: a record from before the catalogue. */
  long pastBooking(String email, String legalBasis, String basisCode) {
    long booth = fx.booth(fair, fx.employer("Firma " + N.incrementAndGet()));
    long booking = fx.booking(booth, id(email), Instant.now().minus(Duration.ofMinutes(80)), 20, legalBasis);
    if (basisCode != null) fx.exec("update booking set basis_code = ?, basis_version = 1 where id = ?", basisCode, booking);
    return booking;
  }

  /** The same, marked as a no-show by the platform. */
  long noShow(String email, String legalBasis, String basisCode) {
    long booking = pastBooking(email, legalBasis, basisCode);
    fx.exec("insert into attendance (booking_id, outcome, outcome_source, outcome_at) values (?, 'NO_SHOW', 'SYSTEM', now())", booking);
    return booking;
  }

  /** A binding placement proposal whose deadline passed an hour ago without a booking. */
  long overdueProposal(String email) {
    long booth = fx.booth(fair, fx.employer("Firma " + N.incrementAndGet()));
    return app.insert("""
            insert into invitation (kind, legal_basis, jobseeker_id, fair_id, booth_id, vacancy_title, deadline, basis_code, basis_version, notice_language)
            values ('PLACEMENT_PROPOSAL', 'BINDING', ?, ?, ?, 'Koch / Köchin', ?, 'AT_ALVG_10', 1, 'de') returning id""",
        id(email), fair, booth, Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
  }

  /** One run of the request job on this node. */
  int run() throws Exception {
    return app.app().services().cases().noShows().run().await(30, TimeUnit.SECONDS);
  }

  long request(long bookingId) {
    return app.count("select coalesce(max(id), 0) from reasons_request where booking_id = " + bookingId);
  }

  String state(long requestId) {
    return text("select state from reasons_request where id = " + requestId);
  }

  /** A query that answers one text. */
  String text(String sql) {
    try (var c = app.jdbc(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** As if the deadline had passed. */
  void deadlinePassed(long requestId) {
    fx.exec("update reasons_request set asked_at = now() - interval '8 days', deadline = now() - interval '1 minute' where id = ?", requestId);
  }
}
