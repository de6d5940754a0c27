package at.jobfair.account;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets kept sealed in the database (AES-256-GCM under a server key): a copy of the database alone, a backup or a
 * dump, does not give away the authenticators of staff. Each sealed value names what it belongs to ({@code context},
 * e.g. the account): opened for anything else it fails, so a sealed value copied into another person's row is useless.
 * Text form: {@code v1.} and the nonce followed by the ciphertext with its tag, in Base64 (URL alphabet, no padding).
 */
public final class SealedSecret {

  private static final String PREFIX = "v1.";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  /** {@code key}: 32 bytes, the same on every node. */
  public SealedSecret(byte[] key) {
    if (key == null || key.length != 32) throw new IllegalArgumentException("the sealing key must be 32 bytes");
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /** The secret sealed for {@code context}; a new nonce each time, so the same secret never seals the same twice. */
  public String seal(String secret, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, context).doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
    }
  }

  /** The secret, or {@link Broken} when the value was changed, sealed for another context or under another key. */
  public String open(String sealed, String context) {
    if (sealed == null || !sealed.startsWith(PREFIX)) throw new Broken("not a sealed value");
    byte[] in;
    try {
      in = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new Broken("not a sealed value");
    }
    if (in.length <= NONCE_BYTES) throw new Broken("not a sealed value");
    byte[] nonce = java.util.Arrays.copyOf(in, NONCE_BYTES);
    try {
      byte[] plain = cipher(Cipher.DECRYPT_MODE, nonce, context).doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new Broken("changed, sealed for something else, or under another key");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
    return c;
  }

  /** A sealed value that does not open. */
  public static final class Broken extends RuntimeException {
    Broken(String why) {
      super(why);
    }
  }
}
