package at.jobfair.invitation;

import at.jobfair.db.StoredSecret;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Signs and checks personal links (HMAC-SHA256). The key is generated once and kept in the database (table
 * {@code app_secret}), so links in emails keep working across restarts and on every instance.
 */
public final class LinkSigner {

  static final String SECRET_NAME = "personal_links";
  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DEC = Base64.getUrlDecoder();
  private final byte[] key;

  LinkSigner(byte[] key) {
    this.key = key.clone();
  }

  /** The stored key, created by whichever instance comes first. */
  public static Future<LinkSigner> load(Pool pool) {
    return StoredSecret.load(pool, SECRET_NAME).map(LinkSigner::new);
  }

  /** A URL-safe token carrying the payload and its signature. */
  public String sign(String payload) {
    byte[] p = payload.getBytes(StandardCharsets.UTF_8);
    return ENC.encodeToString(p) + "." + ENC.encodeToString(mac(p));
  }

  /** The payload of a token signed with this key, or null for anything else (tampered, malformed). */
  public String verify(String token) {
    if (token == null || token.length() > 400) return null;
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) return null;
    try {
      byte[] p = DEC.decode(token.substring(0, dot));
      byte[] sig = DEC.decode(token.substring(dot + 1));
      // Only the one canonical spelling counts: base64's last character may carry unused bits.
      if (!ENC.encodeToString(p).equals(token.substring(0, dot)) || !ENC.encodeToString(sig).equals(token.substring(dot + 1))) return null;
      if (!MessageDigest.isEqual(mac(p), sig)) return null;
      return new String(p, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
