package at.jobfair.invitation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LinkSignerTest {

  private final LinkSigner signer = new LinkSigner("0123456789abcdef0123456789abcdef".getBytes());

  @Test
  void aSignedPayloadComesBackAndEveryOneCharacterChangeIsRefused() {
    String token = signer.sign("inv:42:7:1796585980");
    assertEquals("inv:42:7:1796585980", signer.verify(token));
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int checked = 0;
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) == '.') continue;
      for (char c : alphabet.toCharArray()) {
        if (c == token.charAt(i)) continue;
        String changed = token.substring(0, i) + c + token.substring(i + 1);
        assertNull(signer.verify(changed), "position " + i + " as " + c);
        checked++;
      }
    }
    assertEquals((token.length() - 1) * 63, checked);
  }

  @Test
  void anotherKeyOrAMalformedTokenIsRefused() {
    String token = signer.sign("inv:1:2:3");
    assertNull(new LinkSigner("another key of thirty-two bytes!".getBytes()).verify(token));
    for (String bad : new String[] {null, "", ".", "abc", "a.b.c", "!!.!!", "x".repeat(401)}) assertNull(signer.verify(bad), bad);
  }
}
