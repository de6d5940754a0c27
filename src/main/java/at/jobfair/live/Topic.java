package at.jobfair.live;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live topics, defined once: the hub spells the topics of a change with them, the socket parses and checks a
 * subscription with them, and the pages name them through the {@code liveTopic} helper ({@code data-live="{{liveTopic
 * 'booth-staff' booth.id}}"}), which refuses a name that is not here. The page script only echoes what the page names.
 */
public enum Topic {
  /** A fair's seat counts: public. */
  FAIR("fair"),
  /** A booth's seat counts: public. */
  BOOTH("booth"),
  /** A booth's bookings, attendance and rooms: its staff. */
  BOOTH_STAFF("booth-staff"),
  /** A fair's board: staff (without the person's id). */
  FAIR_STAFF("fair-staff"),
  /** One person's own bookings and cases: that person. */
  USER("user"),
  /** A cascade station's queue: its staff and organisers. */
  STATION("station"),
  /** One chat conversation's new messages (ids only): those who write in it (see the chat feature). */
  CHAT("chat"),
  /** One person's chat unread count changed: that person. */
  CHATS("chats"),
  /** The chat inboxes of an employer's booths changed: its representatives. */
  CHAT_EMPLOYER("chat-employer"),
  /** A booth's walk-up queue: open or paused, its length and waiting tickets (no names): public. */
  QUEUE("queue"),
  /**
   * What organisers handle (chat reports, employer sign-ups, applications to exhibit; ids only): organisers. Id 0 hears
   * all of it (the reports and sign-ups pages), a fair's id what concerns that fair (its admin page).
   */
  ORGANISERS("organisers");

  private static final Pattern FORM = Pattern.compile("([a-z-]+):(\\d{1,18})");

  private final String prefix;

  Topic(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** This topic about one thing: {@code booth-staff:7}. */
  public String of(Object id) {
    return prefix + ":" + id;
  }

  /** The topic of this name; an unknown name is a programming error (a page or the hub misspelled it). */
  public static Topic named(String prefix) {
    for (Topic t : values()) if (t.prefix.equals(prefix)) return t;
    throw new IllegalArgumentException("no live topic named '" + prefix + "'");
  }

  /** A topic and the id it is about. */
  public record Ref(Topic topic, long id) {
  }

  /** A subscription as a page sends it, or empty when it names no topic of ours. */
  public static Optional<Ref> parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches()) return Optional.empty();
    for (Topic t : values()) if (t.prefix.equals(m.group(1))) return Optional.of(new Ref(t, Long.parseLong(m.group(2))));
    return Optional.empty();
  }
}
