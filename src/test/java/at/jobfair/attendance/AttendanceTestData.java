package at.jobfair.attendance;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/** Bookings at any time (also in the past, which the booking API refuses), written straight into the database. */
final class AttendanceTestData {

  private final TestApp app;
  private final Fixtures fx;

  AttendanceTestData(TestApp app) {
    this.app = app;
    this.fx = new Fixtures(app);
  }

  Fixtures fx() {
    return fx;
  }

  private static final java.util.concurrent.atomic.AtomicInteger EMPLOYERS = new java.util.concurrent.atomic.AtomicInteger();

  /** A booth of a new employer at the fair (slots of one booth must not overlap; a person books a booth once). */
  long booth(long fairId) {
    return fx.booth(fairId, fx.employer("Firma " + EMPLOYERS.incrementAndGet()));
  }

  /** A slot of its own at the booth from {@code start} for {@code minutes}, booked by the person. */
  long booking(long boothId, long jobseekerId, Instant start, int minutes, String legalBasis) {
    return fx.booking(boothId, jobseekerId, start, minutes, legalBasis);
  }

  /** A slot that ended {@code minutesAgo} minutes ago, 20 minutes long. */
  long pastBooking(long boothId, long jobseekerId, int minutesAgo, String legalBasis) {
    return booking(boothId, jobseekerId, Instant.now().minus(Duration.ofMinutes(minutesAgo + 20L)), 20, legalBasis);
  }

  void cancel(long bookingId) {
    fx.exec("update booking set status = 'CANCELLED', cancelled_at = now(), cancelled_as = 'JOBSEEKER' where id = ?", bookingId);
  }

  /** Moves a booking (and its slot) back in time, as if the hours had passed. */
  void shiftIntoPast(long bookingId, int minutes) {
    fx.exec("update booking set during = tstzrange(lower(during) - make_interval(mins => ?), upper(during) - make_interval(mins => ?)) where id = ?",
        minutes, minutes, bookingId);
    fx.exec("update slot set starts_at = starts_at - make_interval(mins => ?), ends_at = ends_at - make_interval(mins => ?) "
        + "where id = (select slot_id from booking where id = ?)", minutes, minutes, bookingId);
  }

  String outcome(long bookingId) {
    try (Connection c = app.jdbc(); PreparedStatement p = c.prepareStatement("select outcome from attendance where booking_id = ?")) {
      p.setLong(1, bookingId);
      try (var rs = p.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  void caseworker(long jobseekerId, long caseworkerId) {
    fx.exec("update jobseeker set caseworker_id = ? where account_id = ?", caseworkerId, jobseekerId);
  }

  /** A second SfA account (password {@link Fixtures#PASSWORD}). */
  String otherCaseworker(String prefix) {
    String email = fx.jobseekers(prefix, 1).get(0);
    long id = fx.accountId(email);
    fx.exec("delete from jobseeker where account_id = ?", id);
    fx.exec("update account_role set role = 'SFA' where account_id = ?", id);
    return email;
  }
}
