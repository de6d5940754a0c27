package at.jobfair.meeting;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The meeting room of an appointment, named so that nobody can guess it: an HMAC-SHA256 of the booking id under a
 * server key, cut to 160 bits and written in lowercase base32. The same booking always gets the same room (so the
 * jobseeker and the booth meet without storing anything), a booking id alone tells nothing about its room, and a new
 * key moves every room. The alphabet (a–z, 2–7 and the prefix's hyphen) is safe in Jitsi room names, MUC addresses and
 * URL paths without escaping.
 */
public final class RoomNames {

  public static final String PREFIX = "jf-";
  /** Bytes of the MAC kept: 160 bits, 32 base32 characters without padding. */
  static final int BYTES = 20;
  /** A key shorter than this could be searched; 256 bits matches the MAC. */
  public static final int MIN_KEY_BYTES = 32;

  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "[a-z2-7]{32}");

  private final SecretKeySpec key;

  public RoomNames(byte[] key) {
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("the room key needs at least " + MIN_KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(Arrays.copyOf(key, key.length), "HmacSHA256");
  }

  /** The room of one booking. */
  public String forBooking(long bookingId) {
    return name("booking:" + bookingId);
  }

  /** The room of a fair's group session (its orientation part): never the name of a booking's room. */
  public String forGroup(long fairId) {
    return name("group:" + fairId);
  }

  /** An opaque, stable id for a person in tokens and signalling under the same key: never a room's name. */
  public String participant(long accountId) {
    return "p-" + base32(mac("participant:" + accountId, 10));
  }

  private String name(String subject) {
    return PREFIX + base32(mac(subject, BYTES));
  }

  /** The first {@code bytes} bytes of the subject's HMAC-SHA256 under the key. */
  private byte[] mac(String subject, int bytes) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return Arrays.copyOf(m.doFinal(subject.getBytes(StandardCharsets.US_ASCII)), bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Whether a string has the shape of a room name (not whether such a booking exists). */
  public static boolean wellFormed(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** RFC 4648 base32 in lowercase, for lengths that are a multiple of 5 bytes (no padding needed). */
  static String base32(byte[] bytes) {
    if (bytes.length % 5 != 0) throw new IllegalArgumentException("length must be a multiple of 5");
    StringBuilder out = new StringBuilder(bytes.length * 8 / 5);
    for (int i = 0; i < bytes.length; i += 5) {
      long group = 0;
      for (int j = 0; j < 5; j++) group = (group << 8) | (bytes[i + j] & 0xff);
      for (int shift = 35; shift >= 0; shift -= 5) out.append(ALPHABET[(int) (group >>> shift) & 31]);
    }
    return out.toString();
  }
}
