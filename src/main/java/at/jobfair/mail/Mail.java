package at.jobfair.mail;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One email to put into the {@link Outbox}.
 *
 * @param to        the recipient's address
 * @param toName    the recipient's name for the To header, or null
 * @param subject   one line
 * @param text      the plain-text body (always present: staff read this one)
 * @param html      an HTML alternative, or null
 * @param attachments files to attach, e.g. the appointment's .ics; may be empty
 * @param kind      what sort of message this is, in capitals: {@code BOOKING_CONFIRMED}
 * @param dedupeKey what the message is about, with a version if the same thing may be mailed again:
 *                  {@code booking:42}, {@code booking:42/2}. Enqueuing the same kind, dedupe key and recipient
 *                  again (a retried request) adds nothing. Stored and shown as the message's {@code ref}.
 */
public record Mail(String to, String toName, String subject, String text, String html, List<Attachment> attachments,
                   String kind, String dedupeKey) {

  static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\",;]+@[^@\\s<>\",;]+");
  private static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]");
  private static final Pattern CONTENT_TYPE = Pattern.compile(
      "[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;\\s*[A-Za-z0-9_.-]+=(\"[^\"\\\\\\x00-\\x1f]*\"|[^\\s;\"\\x00-\\x1f]+))*");

  /** A file attached to the message. The bytes are copied in and out, so a Mail cannot change after enqueue. */
  public record Attachment(String filename, String contentType, byte[] bytes) {
    public Attachment {
      require(filename != null && !filename.isBlank() && filename.length() <= 200 && !CONTROL.matcher(filename).find()
          && filename.chars().noneMatch(c -> c == '"' || c == '\\' || c == '/'), "attachment filename", filename);
      require(contentType != null && CONTENT_TYPE.matcher(contentType).matches(), "attachment contentType", contentType);
      Objects.requireNonNull(bytes, "attachment bytes");
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Attachment a && a.filename.equals(filename) && a.contentType.equals(contentType)
          && Arrays.equals(a.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return Objects.hash(filename, contentType, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
      return "Attachment[" + filename + ", " + contentType + ", " + bytes.length + " bytes]";
    }
  }

  public Mail {
    require(to != null && to.length() <= 254 && ADDRESS.matcher(to).matches(), "to", to);
    require(toName == null || toName.length() <= 200 && !CONTROL.matcher(toName).find(), "toName", toName);
    require(subject != null && subject.length() <= 998 && !CONTROL.matcher(subject).find(), "subject", subject);
    require(text != null, "text", null);
    require(kind != null && KIND.matcher(kind).matches(), "kind", kind);
    require(dedupeKey != null && !dedupeKey.isBlank() && dedupeKey.length() <= 200, "dedupeKey", dedupeKey);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    if (toName != null && toName.isBlank()) toName = null;
  }

  /** A plain-text message without attachments. */
  public static Mail text(String to, String toName, String subject, String text, String kind, String dedupeKey) {
    return new Mail(to, toName, subject, text, null, List.of(), kind, dedupeKey);
  }

  private static void require(boolean ok, String field, Object value) {
    if (!ok) throw new IllegalArgumentException("invalid mail " + field + ": " + value);
  }
}
