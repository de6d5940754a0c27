package at.jobfair.booking;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableAction;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The iCalendar (RFC 5545, with the RFC 5546 method) invitation or cancellation for one booked appointment, built with
 * ical4j. Pure: no I/O, no clock.
 *
 * <p>Start and end are written in UTC ({@code …Z}): every calendar shows them in its own zone, the same instant on
 * both sides of a daylight-saving change, the repeated hour of the October change included, and no VTIMEZONE is needed.
 * A request names its organiser (the service's mailbox) and the person as attendee who has accepted (they booked it),
 * without asking for a reply, and carries a reminder before the start.
 *
 * <p>ical4j folds lines by characters; RFC 5545 counts octets (a line SHOULD NOT exceed 75) and a fold must not split a
 * character. So the calendar is taken unfolded from ical4j and folded here by UTF-8 octets, never inside a character.
 */
public final class Ics {

  public static final String PRODID = "-//at.jobfair//Virtual Job Fair//DE";
  /** RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
  static final int MAX_LINE_OCTETS = 75;
  private static final String CRLF = "\r\n";

  private Ics() {
  }

  /** Someone named in the calendar: a name for people (may be null) and the address their client knows them by. */
  public record Party(String name, String email) {
    public Party {
      Objects.requireNonNull(email, "email");
      checkEmail(email);
    }
  }

  /**
   * Which revision of which appointment this is.
   *
   * @param uid       stable across updates and the cancellation, e.g. {@code booking-42@jobfair}
   * @param sequence  revision, {@code >= 0}; a cancellation or change must pass a higher one
   * @param cancelled {@code true} writes METHOD:CANCEL and STATUS:CANCELLED
   * @param stamp     DTSTAMP, when this revision was created
   */
  public record Revision(String uid, int sequence, boolean cancelled, Instant stamp) {
    public Revision {
      Objects.requireNonNull(uid, "uid");
      Objects.requireNonNull(stamp, "stamp");
      if (uid.isBlank()) throw new IllegalArgumentException("uid is blank");
      if (sequence < 0) throw new IllegalArgumentException("sequence < 0: " + sequence);
    }
  }

  /** What a calendar shows of it: a summary, and a description, location and url (absolute) that may each be null. */
  public record Text(String summary, String description, String location, String url) {
    public Text {
      Objects.requireNonNull(summary, "summary");
      if (url != null) checkUri(url);
    }
  }

  /**
   * One appointment.
   *
   * @param organizer   who sends it; a request without one is refused by strict clients (RFC 5546)
   * @param attendee    the person, may be null
   * @param reminder    how long before the start the calendar reminds the person; null for none
   */
  public record Event(Revision revision, Instant start, Instant end, Text text, Party organizer, Party attendee,
                      Duration reminder) {

    public Event {
      Objects.requireNonNull(revision, "revision");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(organizer, "organizer");
      if (!end.isAfter(start)) throw new IllegalArgumentException("end " + end + " is not after start " + start);
      if (reminder != null && (reminder.isNegative() || reminder.isZero())) {
        throw new IllegalArgumentException("reminder must be before the start: " + reminder);
      }
    }
  }

  /** The complete VCALENDAR for {@code e}: CRLF line ends, folded at 75 octets. */
  public static String write(Event e) {
    Objects.requireNonNull(e, "event");
    Revision r = e.revision();
    Text t = e.text();
    VEvent event = new VEvent(e.start(), e.end(), text(t.summary()));
    event.add(new Uid(text(r.uid())));
    event.add(new Sequence(r.sequence()));
    // the event came with a stamp of the clock; this revision's is the one given
    event.replace(new DtStamp(r.stamp()));
    if (t.description() != null) event.add(new Description(text(t.description())));
    if (t.location() != null) event.add(new Location(text(t.location())));
    if (t.url() != null) event.add(new Url(URI.create(t.url())));
    event.add(new Organizer(named(e.organizer()), mailto(e.organizer())));
    if (e.attendee() != null) {
      List<Parameter> accepted = new ArrayList<>(named(e.attendee()).getAll());
      accepted.addAll(List.of(Role.REQ_PARTICIPANT, PartStat.ACCEPTED, Rsvp.FALSE));
      event.add(new Attendee(new ParameterList(accepted), mailto(e.attendee())));
    }
    event.add(r.cancelled() ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
    if (e.reminder() != null && !r.cancelled()) {
      VAlarm alarm = new VAlarm(e.reminder().negated());
      alarm.add(ImmutableAction.DISPLAY);
      alarm.add(new Description(text(t.summary())));
      event.add(alarm);
    }
    Calendar calendar = new Calendar();
    calendar.add(new ProdId(PRODID));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    calendar.add(r.cancelled() ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
    calendar.add(event);
    return fold(calendar.toString());
  }

  private static ParameterList named(Party p) {
    return p.name() == null || p.name().isBlank() ? new ParameterList() : new ParameterList(List.of(new Cn(text(p.name()))));
  }

  /** Text as a calendar takes it: every line break one LF (ical4j writes it as \n), no other control characters. */
  private static String text(String s) {
    return s.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[\\x00-\\x08\\x0b-\\x1f\\x7f]", "");
  }

  private static URI mailto(Party p) {
    return URI.create("mailto:" + p.email());
  }

  /** Folds each content line at {@link #MAX_LINE_OCTETS} UTF-8 octets (a continuation starts with a space). */
  static String fold(String unfolded) {
    StringBuilder out = new StringBuilder(unfolded.length() + 64);
    for (String line : unfolded.split("\r\n|\n")) {
      if (line.isEmpty()) continue;
      int octets = 0;
      for (int i = 0; i < line.length(); ) {
        int cp = line.codePointAt(i);
        int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
        if (octets + size > MAX_LINE_OCTETS) {
          out.append(CRLF).append(' ');
          octets = 1;
        }
        out.appendCodePoint(cp);
        octets += size;
        i += Character.charCount(cp);
      }
      out.append(CRLF);
    }
    return out.toString();
  }

  private static void checkUri(String url) {
    if (url.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new IllegalArgumentException("url contains whitespace or control characters");
    }
    try {
      if (!new URI(url).isAbsolute()) throw new IllegalArgumentException("url is not absolute: " + url);
    } catch (URISyntaxException ex) {
      throw new IllegalArgumentException("url is not a URI: " + url, ex);
    }
  }

  private static void checkEmail(String email) {
    int at = email.indexOf('@');
    if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1 || email.chars().anyMatch(c -> c <= ' ' || c == 0x7f)
        || email.chars().anyMatch(c -> "\"<>()[]\\,;:".indexOf(c) >= 0)) {
      throw new IllegalArgumentException("not a plain e-mail address: " + email);
    }
  }
}
