package at.jobfair.booking;

import at.jobfair.support.TestApp;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The warm-up's booking rehearsal takes the real booking path and leaves nothing behind. */
class BookingRehearsalTest {

  @Test
  void aRehearsalBooksTwentySeatsAndRefusesTheRestThenRollsEverythingBack() throws Exception {
    try (TestApp t = TestApp.start()) {
      String everything = "select (select count(*) from employer) + (select count(*) from fair) + (select count(*) from slot)"
          + " + (select count(*) from account) + (select count(*) from booking) + (select count(*) from mail_outbox)";
      long before = t.count(everything);
      int booked = new BookingRehearsal(t.app().pool(), t.app().services().fair().bookings()).run().await(60, TimeUnit.SECONDS);
      assertEquals(20, booked);
      assertEquals(before, t.count(everything));
    }
  }
}
