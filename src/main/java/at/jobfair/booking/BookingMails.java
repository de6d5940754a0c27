package at.jobfair.booking;

import at.jobfair.booking.BookingStore.View;
import at.jobfair.mail.Mail;
import at.jobfair.web.Messages.Lang;
import at.jobfair.web.Messages;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;

/** The emails a booking sends: confirmation and cancellation (or, for a move, the two sides of the move), each with the calendar entry, in the person's language. */
public final class BookingMails {

  private final Messages messages;
  private final ZoneId zone;
  private final String publicUrl;
  private final BookingCalendar calendar;

  public BookingMails(Messages messages, ZoneId zone, String publicUrl, BookingCalendar calendar) {
    this.messages = messages;
    this.zone = zone;
    this.publicUrl = publicUrl;
    this.calendar = calendar;
  }

  /** The calendar entry the mails attach, also served on its own. */
  BookingCalendar calendar() {
    return calendar;
  }

  Mail confirmed(View b) {
    return confirmation(b, "booking:" + b.id() + "/confirmed");
  }

  /** The confirmation again after the person undid their cancellation (a new revision of the calendar entry). */
  Mail restored(View b) {
    return confirmation(b, "booking:" + b.id() + "/confirmed/" + b.history().icsSequence());
  }

  private Mail confirmation(View b, String once) {
    Lang lang = lang(b);
    View.Slot s = b.slot();
    String employer = b.booth().employerName();
    String subject = messages.get(lang, "mail.booked.subject", employer, date(b, lang), time(s.start()));
    String text = messages.get(lang, "mail.booked.text", b.jobseeker().name(), employer, date(b, lang), time(s.start()),
        time(s.end()), b.booth().fairName(), publicUrl + "/me/appointments");
    return mail(b, lang, subject, text, "BOOKING_CONFIRMED", once);
  }

  Mail cancelled(View b) {
    Lang lang = lang(b);
    String employer = b.booth().employerName();
    String subject = messages.get(lang, "mail.cancelled.subject", employer, date(b, lang), time(b.slot().start()));
    String who = messages.get(lang, "mail.cancelled.by." + b.history().cancelledAs().db(), employer);
    String reason = b.history().cancelReason() == null ? "" : messages.get(lang, "mail.cancelled.reason", b.history().cancelReason());
    String text = messages.get(lang, "mail.cancelled.text", b.jobseeker().name(), employer, date(b, lang), time(b.slot().start()),
        who, reason, publicUrl + "/booths/" + b.booth().id(), publicUrl + "/me/appointments");
    // A booking cancelled again after an undo has a later calendar revision: its mail is a new one.
    int seq = b.history().icsSequence();
    return mail(b, lang, subject, text, "BOOKING_CANCELLED", "booking:" + b.id() + "/cancelled" + (seq > 1 ? "/" + seq : ""));
  }

  /**
   * The confirmation of a booking that a move made ({@code from} is the one it replaced): says it was moved, from
   * when to when, and carries the new calendar entry.
   */
  Mail moved(View from, View b) {
    Lang lang = lang(b);
    View.Slot s = b.slot();
    String employer = b.booth().employerName();
    String subject = messages.get(lang, "mail.moved.subject", employer, date(b, lang), time(s.start()));
    String text = messages.get(lang, "mail.moved.text", b.jobseeker().name(), from.booth().employerName(), date(from, lang),
        time(from.slot().start()), employer, date(b, lang), time(s.start()), time(s.end()), b.booth().fairName(),
        publicUrl + "/me/appointments");
    return mail(b, lang, subject, text, "BOOKING_CONFIRMED", "booking:" + b.id() + "/confirmed");
  }

  /**
   * The old booking of a move, now cancelled: says where it moved to (never "you cancelled it") and carries the
   * cancelled calendar entry, so that the old time leaves the person's calendar.
   */
  Mail movedAway(View from, View to) {
    Lang lang = lang(from);
    String employer = from.booth().employerName();
    String subject = messages.get(lang, "mail.movedAway.subject", employer, date(from, lang), time(from.slot().start()));
    String text = messages.get(lang, "mail.movedAway.text", from.jobseeker().name(), employer, date(from, lang),
        time(from.slot().start()), date(to, lang), time(to.slot().start()), to.booth().employerName(), publicUrl + "/me/appointments");
    return mail(from, lang, subject, text, "BOOKING_CANCELLED", "booking:" + from.id() + "/cancelled");
  }

  private Mail mail(View b, Lang lang, String subject, String text, String kind, String dedupeKey) {
    byte[] ics = calendar.ics(b, lang, Instant.now()).getBytes(StandardCharsets.UTF_8);
    String method = b.active() ? "REQUEST" : "CANCEL";
    return new Mail(b.jobseeker().email(), b.jobseeker().name(), subject, text, null,
        List.of(new Mail.Attachment("termin-" + b.id() + ".ics", "text/calendar; charset=utf-8; method=" + method, ics)),
        kind, dedupeKey);
  }

  private static Lang lang(View b) {
    Lang lang = Lang.parse(b.jobseeker().language());
    return lang == null ? Lang.DE : lang;
  }

  private String date(View b, Lang lang) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(lang.locale()).withZone(zone).format(b.slot().start());
  }

  private String time(Instant t) {
    return at.jobfair.web.WallClock.clock(t, zone);
  }
}
