package at.jobfair.chat;

import at.jobfair.refusal.Reason;

/**
 * The chat's rules, pure: who reads and writes a conversation in which capacity, what a message may be, who may block
 * and report. Deny by default.
 *
 * <ul>
 *   <li>A person's conversation with a booth: the person and the booth's employer representatives read and write it.
 *   Nobody else writes. Of the staff, only the person's caseworker (or whoever stands in for them) reads it, and only
 *   while the person has an open case that involves that booth: a request for reasons after a no-show at that booth,
 *   or an open interview cascade at the booth's fair after booking there. Such a read is logged (audit chain and the
 *   person's access log). Organisers read only what a person reported to them.</li>
 *   <li>A group session's conversation: whoever may be in the session's room now reads and writes it.</li>
 *   <li>Only the person blocks the booth (or lifts it); a blocked booth's message is refused. Either side reports a
 *   message of the other side; a report goes with the message's text to the fair's organisers.</li>
 *   <li>The organisers (every one of them: they run every fair) read open reports and mark one handled, once, with a
 *   short outcome note.</li>
 * </ul>
 */
public final class ChatPolicy {

  /** The capacity in which someone sees a conversation. */
  public enum Seat {
    /** The person of a booth conversation. */
    PERSON,
    /** An employer representative of the booth. */
    BOOTH,
    /** Someone in the group session's room. */
    MEMBER,
    /** A caseworker reading for an open case involving the booth: read-only, logged. */
    CASE_READER;

    /** The side a message written in this seat is recorded as; null: this seat does not write. */
    public String side() {
      return switch (this) {
        case PERSON -> "PERSON";
        case BOOTH -> "BOOTH";
        case MEMBER -> "MEMBER";
        case CASE_READER -> null;
      };
    }

    public boolean writes() {
      return side() != null;
    }
  }

  /**
   * What is known about a reader and a booth conversation.
   *
   * @param thePerson        the reader is the conversation's person (a jobseeker)
   * @param representsBooth  the reader is an employer representative of the booth's employer
   * @param caseworker       the reader is the person's caseworker or stands in for them (an SfA)
   * @param openCaseAtBooth  the person has an open no-show or cascade case involving this booth
   */
  public record Facts(boolean thePerson, boolean representsBooth, boolean caseworker, boolean openCaseAtBooth) {
  }

  /** The seat a reader has at a booth conversation, or null: not theirs to read (answered as not found). */
  public static Seat seat(Facts f) {
    if (f.thePerson()) return Seat.PERSON;
    if (f.representsBooth()) return Seat.BOOTH;
    if (f.caseworker() && f.openCaseAtBooth()) return Seat.CASE_READER;
    return null;
  }

  /** Why a message may not be written now, or null: it may. */
  public static Reason mayWrite(Seat seat, boolean blocked) {
    if (seat == null || !seat.writes()) return Reason.CHAT_READ_ONLY;
    if (seat == Seat.BOOTH && blocked) return Reason.CHAT_BLOCKED;
    return null;
  }

  /** Only the person blocks (or unblocks) the booth. */
  public static Reason mayBlock(Seat seat) {
    return seat == Seat.PERSON ? null : Reason.CHAT_PERSON_ONLY;
  }

  /** A writing side reports a message of someone else (not their own side's). */
  public static Reason mayReport(Seat seat, String messageSide) {
    if (seat == null || !seat.writes()) return Reason.CHAT_READ_ONLY;
    if (seat != Seat.MEMBER && seat.side().equals(messageSide)) return Reason.CHAT_REPORT_OWN;
    return null;
  }

  /**
   * A message's text as it is kept: line breaks as {@code \n}, other control characters (and bidirectional overrides,
   * which can disguise a text) removed, trimmed. Null or blank: refused; longer than {@code maxLength} characters
   * (code points): refused. Nothing is interpreted: pages show the text as text, links included.
   */
  public static String text(String raw, int maxLength) {
    if (raw == null) throw Reason.CHAT_TEXT_MISSING.refuse();
    StringBuilder out = new StringBuilder(raw.length());
    String s = raw.replace("\r\n", "\n").replace('\r', '\n');
    s.codePoints().forEach(cp -> {
      if (cp == '\n' || cp == '\t' || !(Character.isISOControl(cp) || isBidiControl(cp) || cp == 0xFEFF)) out.appendCodePoint(cp);
    });
    String text = out.toString().strip().replaceAll("\n{3,}", "\n\n");
    if (text.isEmpty()) throw Reason.CHAT_TEXT_MISSING.refuse();
    if (text.codePointCount(0, text.length()) > maxLength) throw Reason.CHAT_TEXT_TOO_LONG.refuse(String.valueOf(maxLength));
    return text;
  }

  /** How long an organiser's outcome note on a report may be (characters). */
  public static final int OUTCOME_MAX = 500;

  /** Only organisers read reports and mark them handled. */
  public static Reason mayHandleReports(boolean organiser) {
    return organiser ? null : Reason.FORBIDDEN_ROLE;
  }

  /** The outcome note of a handled report as it is kept: trimmed, required, at most {@link #OUTCOME_MAX} characters. */
  public static String outcome(String raw) {
    String s = raw == null ? "" : raw.strip();
    if (s.isEmpty()) throw Reason.CHAT_REPORT_OUTCOME_MISSING.refuse();
    if (s.codePointCount(0, s.length()) > OUTCOME_MAX) throw Reason.CHAT_REPORT_OUTCOME_TOO_LONG.refuse(String.valueOf(OUTCOME_MAX));
    return s;
  }

  static boolean isBidiControl(int cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
  }

  private ChatPolicy() {
  }
}
