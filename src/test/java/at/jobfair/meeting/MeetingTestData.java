package at.jobfair.meeting;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Bookings at any time (the booking API only books the future), written straight into the database. */
final class MeetingTestData {

  private static final AtomicInteger SEQ = new AtomicInteger();
  private final TestApp app;
  final Fixtures fx;
  final long fair;
  final long hotel;

  MeetingTestData(TestApp app) {
    this.app = app;
    this.fx = new Fixtures(app);
    this.hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    this.fair = fx.fair("Meeting-Börse", true, 0);
  }

  /** A booth of Hotel Alpenblick (employer@demo.test) at a fair of its own, so that its slots never overlap others'. */
  long hotelBooth() {
    long f = fx.fair("Meeting-Börse " + SEQ.incrementAndGet(), true, 0);
    return fx.booth(f, hotel);
  }

  /** A slot of its own at the booth from {@code start} for {@code minutes}, booked by the person. */
  long booking(long boothId, long jobseekerId, Instant start, int minutes) {
    return fx.booking(boothId, jobseekerId, start, minutes);
  }

  /** A booking at a new Hotel Alpenblick booth that started {@code minutesAgo} minutes ago and lasts 30 minutes. */
  long running(long jobseekerId, int minutesAgo) {
    return booking(hotelBooth(), jobseekerId, Instant.now().minus(Duration.ofMinutes(minutesAgo)), 30);
  }

  long jobseeker(String prefix) {
    return fx.accountId(fx.jobseekers(prefix + SEQ.incrementAndGet(), 1).get(0));
  }

  String email(long accountId) {
    return fx.email(accountId);
  }
}
