package at.jobfair.noshow;

import at.jobfair.refusal.Reason;
import org.apache.tika.Tika;

import java.util.Set;

/**
 * A file a person attaches to their reasons (a sick note, a confirmation): PDF, JPEG or PNG, told by its content
 * through Tika's magic-byte detection (never by its name or the type the browser claimed), within the size limit.
 * The name is kept only as a label, cleaned to letters, digits and a few marks, and never used as a path.
 */
public final class EvidenceFile {

  public static final Set<String> TYPES = Set.of("application/pdf", "image/jpeg", "image/png");
  // Detection by content only: no name is passed, so "sicknote.pdf" holding HTML is HTML.
  private static final Tika TIKA = new Tika();

  private EvidenceFile() {
  }

  /** The media type of the content; a 400 when empty or not one of {@link #TYPES}, a 413 when over {@code maxBytes}. */
  public static String check(byte[] content, int maxBytes) {
    if (content == null || content.length == 0) throw Reason.EVIDENCE_MISSING.refuse();
    if (content.length > maxBytes) throw Reason.EVIDENCE_TOO_LARGE.refuse(maxBytes / 1024);
    String type = TIKA.detect(content);
    if (!TYPES.contains(type)) throw Reason.EVIDENCE_TYPE.refuse();
    return type;
  }

  /**
   * A label for the file: the name's last part in plain ASCII letters, digits, blanks, dashes and underscores (safe in a
   * Content-Disposition header), with the extension of its real type.
   */
  public static String label(String name, String type) {
    String base = name == null ? "" : name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    int dot = base.lastIndexOf('.');
    if (dot > 0) base = base.substring(0, dot);
    base = java.text.Normalizer.normalize(base, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z0-9 _-]", "").strip();
    if (base.length() > 80) base = base.substring(0, 80);
    if (base.isEmpty()) base = "nachweis";
    return base + switch (type) {
      case "application/pdf" -> ".pdf";
      case "image/png" -> ".png";
      default -> ".jpg";
    };
  }
}
