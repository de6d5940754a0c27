package at.jobfair.booth;

import at.jobfair.refusal.Reason;
import io.vertx.core.buffer.Buffer;

/** A company logo: PNG, JPEG or WebP, told by its first bytes (whatever the upload claims), at most 512 KB. */
public final class LogoImage {

  public static final int MAX_BYTES = 512 * 1024;
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private LogoImage() {
  }

  /** The image's media type; a 400 when it is empty or not one of the three, a 413 when it is too large. */
  public static String check(Buffer bytes) {
    if (bytes == null || bytes.length() == 0) throw Reason.LOGO_MISSING.refuse();
    if (bytes.length() > MAX_BYTES) throw Reason.LOGO_TOO_LARGE.refuse(MAX_BYTES / 1024);
    String type = sniff(bytes.getBytes(0, Math.min(bytes.length(), 16)));
    if (type == null) throw Reason.LOGO_TYPE.refuse();
    return type;
  }

  /** image/png, image/jpeg or image/webp by the file's signature, else null. */
  static String sniff(byte[] head) {
    if (startsWith(head, PNG)) return "image/png";
    if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) return "image/jpeg";
    if (head.length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
        && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') return "image/webp";
    return null;
  }

  private static boolean startsWith(byte[] head, byte[] prefix) {
    if (head.length < prefix.length) return false;
    for (int i = 0; i < prefix.length; i++) if (head[i] != prefix[i]) return false;
    return true;
  }
}
