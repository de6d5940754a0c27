package at.jobfair.account;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher(19456, 2);

  @Test
  void verifiesTheRightPasswordOnly() {
    String hash = hasher.hash("Geheim-123");
    assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
    assertTrue(hasher.verify("Geheim-123", hash));
    assertFalse(hasher.verify("geheim-123", hash));
    assertFalse(hasher.verify("", hash));
  }

  @Test
  void saltsEveryHash() {
    assertNotEquals(hasher.hash("same"), hasher.hash("same"));
  }

  @Test
  void oldHashesStillVerifyAfterTheCostChanges() {
    String cheap = new PasswordHasher(1024, 1).hash("pw");
    assertTrue(hasher.verify("pw", cheap));
  }

  @Test
  void accountsWithoutPasswordOrWithForeignHashesNeverMatch() {
    assertFalse(hasher.verify("anything", null));
    assertFalse(hasher.verify("pw", "$2a$10$abcdefghijklmnopqrstuv"));
  }
}
