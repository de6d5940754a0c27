package at.jobfair.booking;

import at.jobfair.refusal.Refused;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;

/**
 * What the booking service decided, counted: bookings made (booked or moved by a rebooking) and refusals by their
 * code ({@code slot_taken}, {@code booking_closed}, …). Failures that are not refusals (the database away) are not
 * decisions and are not counted here; the HTTP metrics show them as 5xx.
 */
final class BookingCounts {

  private final MeterRegistry registry;
  private final Counter made;

  BookingCounts(MeterRegistry registry) {
    this.registry = registry;
    this.made = Counter.builder("jobfair.bookings.made").description("Bookings made on this node (new and rebooked)").register(registry);
  }

  void count(AsyncResult<?> decided) {
    if (decided.succeeded()) {
      made.increment();
    } else if (decided.cause() instanceof Refused refusal && !refusal.kind().failure()) {
      Counter.builder("jobfair.booking.refusals").description("Booking attempts refused on this node, by refusal code")
          .tag("reason", refusal.code()).register(registry).increment();
    }
  }
}
