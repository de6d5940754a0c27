package at.jobfair.booking;

import at.jobfair.booking.BookingStore.View;
import at.jobfair.web.Messages;
import io.vertx.ext.mail.mailencoder.EmailAddress;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * A booking as a calendar entry: stable UID per booking, a higher SEQUENCE and STATUS:CANCELLED once cancelled; sent
 * by the service's mailbox (the organiser), to the person, with a reminder half an hour before.
 */
public final class BookingCalendar {

  /** How long before the start the person's calendar reminds them. */
  static final Duration REMINDER = Duration.ofMinutes(30);

  private final Messages messages;
  private final String publicUrl;
  private final Ics.Party organizer;

  /** {@code from}: the service's sender address as configured ({@code mail.from}, "Name &lt;address&gt;" or an address). */
  public BookingCalendar(Messages messages, String publicUrl, String from) {
    this.messages = messages;
    this.publicUrl = publicUrl;
    EmailAddress sender = new EmailAddress(from);
    this.organizer = new Ics.Party(sender.getName().isBlank() ? null : sender.getName(), sender.getEmail());
  }

  /** The service's public address ({@code http.publicUrl}), for links printed in full. */
  public String publicUrl() {
    return publicUrl;
  }

  String ics(View b, Messages.Lang lang, Instant now) {
    String link = publicUrl + "/me/appointments";
    return Ics.write(new Ics.Event(
        new Ics.Revision("booking-" + b.id() + "@" + URI.create(publicUrl).getHost(), b.history().icsSequence(), !b.active(), now),
        b.slot().start(), b.slot().end(),
        new Ics.Text(messages.get(lang, "ics.summary", b.booth().employerName()),
            messages.get(lang, "ics.description", b.booth().fairName(), b.booth().employerName(), link),
            messages.get(lang, "ics.location"),
            link),
        organizer,
        new Ics.Party(b.jobseeker().name(), b.jobseeker().email()),
        REMINDER));
  }
}
