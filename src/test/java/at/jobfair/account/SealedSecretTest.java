package at.jobfair.account;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sealed secret opens only with its key, for what it was sealed for, and unchanged. */
class SealedSecretTest {

  private static byte[] key(int fill) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) fill);
    return k;
  }

  private final SealedSecret sealer = new SealedSecret(key(7));

  @Test
  void aSealedSecretOpensToItselfAndShowsNothingOfIt() {
    String sealed = sealer.seal("JBSWY3DPEHPK3PXP", "account_totp:5");
    assertTrue(sealed.startsWith("v1."));
    assertFalse(sealed.contains("JBSWY3DPEHPK3PXP"));
    assertEquals("JBSWY3DPEHPK3PXP", sealer.open(sealed, "account_totp:5"));
  }

  @Test
  void theSameSecretNeverSealsTheSameTwice() {
    assertNotEquals(sealer.seal("JBSWY3DPEHPK3PXP", "a"), sealer.seal("JBSWY3DPEHPK3PXP", "a"));
  }

  @Test
  void itDoesNotOpenForAnotherAccount() {
    String sealed = sealer.seal("JBSWY3DPEHPK3PXP", "account_totp:5");
    assertThrows(SealedSecret.Broken.class, () -> sealer.open(sealed, "account_totp:6"));
  }

  @Test
  void itDoesNotOpenUnderAnotherKey() {
    String sealed = sealer.seal("JBSWY3DPEHPK3PXP", "account_totp:5");
    assertThrows(SealedSecret.Broken.class, () -> new SealedSecret(key(8)).open(sealed, "account_totp:5"));
  }

  @Test
  void anyChangedByteIsNoticed() {
    String sealed = sealer.seal("JBSWY3DPEHPK3PXP", "c");
    byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(3));
    for (int i = 0; i < raw.length; i++) {
      byte[] changed = raw.clone();
      changed[i] ^= 1;
      String tampered = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
      assertThrows(SealedSecret.Broken.class, () -> sealer.open(tampered, "c"), "byte " + i);
    }
  }

  @Test
  void whatIsNotASealedValueIsRefusedAsSuch() {
    for (String bad : new String[] {null, "", "JBSWY3DPEHPK3PXP", "v1.", "v1.!!!", "v1.AAAA", "v2." + "A".repeat(60)}) {
      assertThrows(SealedSecret.Broken.class, () -> sealer.open(bad, "c"), String.valueOf(bad));
    }
  }

  @Test
  void aKeyMustBe32Bytes() {
    assertThrows(IllegalArgumentException.class, () -> new SealedSecret(new byte[16]));
    assertThrows(IllegalArgumentException.class, () -> new SealedSecret(null));
  }
}
