package at.jobfair.config;

import java.time.Duration;

/**
 * Bookings ({@code bookings.*}).
 *
 * @param undo how long after cancelling an appointment the person may undo it (and get the same seat back, if it is
 *             still free); zero: no undo
 */
public record BookingsConfig(Duration undo) {

  static BookingsConfig from(Config c) {
    return new BookingsConfig(Duration.ofMinutes(c.integer("bookings.undoMinutes", 0, 24 * 60)));
  }
}
