package at.jobfair.profile;

import at.jobfair.refusal.Reason;
import org.apache.tika.Tika;

/**
 * A CV: a PDF told by its content through Tika's magic-byte detection (never by its name or the type the browser
 * claimed, so an image renamed ".pdf" is refused), within {@code profile.cvMaxBytes}. The name is kept only as a label,
 * cleaned to plain letters, digits, blanks, dashes and underscores, and never used as a path.
 */
public final class CvFile {

  public static final String TYPE = "application/pdf";
  private static final Tika TIKA = new Tika();

  private CvFile() {
  }

  /** Refuses an empty file (400), one over the limit (413) and anything that is not a PDF by its content (415). */
  public static void check(byte[] content, int maxBytes) {
    if (content == null || content.length == 0) throw Reason.CV_MISSING.refuse();
    if (content.length > maxBytes) throw Reason.CV_TOO_LARGE.refuse(maxBytes / 1024);
    if (!TYPE.equals(TIKA.detect(content))) throw Reason.CV_TYPE.refuse();
  }

  /** A label safe in a Content-Disposition header, ending in ".pdf". */
  public static String label(String name) {
    String base = name == null ? "" : name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    int dot = base.lastIndexOf('.');
    if (dot > 0) base = base.substring(0, dot);
    base = java.text.Normalizer.normalize(base, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z0-9 _-]", "").strip();
    if (base.length() > 80) base = base.substring(0, 80);
    if (base.isEmpty()) base = "lebenslauf";
    return base + ".pdf";
  }
}
