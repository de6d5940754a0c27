package at.jobfair.booking;

import at.jobfair.booking.BookingStore.View;
import at.jobfair.web.Messages;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;

/** A booking as a calendar entry: stable UID per booking, a higher SEQUENCE and STATUS:CANCELLED once cancelled. */
final class BookingCalendar {

  private BookingCalendar() {
  }

  static String ics(View b, Messages messages, Messages.Lang lang, ZoneId zone, String publicUrl, Instant now) {
    String link = publicUrl + "/me/appointments";
    return Ics.write(new Ics.Event(
        "booking-" + b.id() + "@" + URI.create(publicUrl).getHost(),
        b.icsSequence(),
        !b.active(),
        b.start(), b.end(), now,
        messages.get(lang, "ics.summary", b.employerName()),
        messages.get(lang, "ics.description", b.fairName(), b.employerName(), link),
        messages.get(lang, "ics.location"),
        link,
        messages.get(lang, "app.name"),
        null,
        zone));
  }
}
