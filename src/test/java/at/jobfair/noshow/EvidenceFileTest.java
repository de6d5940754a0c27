package at.jobfair.noshow;

import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Failures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A file's type is told by its content, never by its name; size and emptiness are refused with their own codes. */
class EvidenceFileTest {

  static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};
  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0};

  @Test
  void pdfJpegAndPngAreToldByTheirFirstBytes() {
    assertEquals("application/pdf", EvidenceFile.check(PDF, 1024));
    assertEquals("image/png", EvidenceFile.check(PNG, 1024));
    assertEquals("image/jpeg", EvidenceFile.check(JPEG, 1024));
  }

  @Test
  void anythingElseIsRefusedWhateverItIsCalled() {
    for (String content : new String[] {"<html><script>alert(1)</script></html>", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>",
        "Krankmeldung: ich war krank", "PK\u0003\u0004 zip"}) {
      Refused e = assertThrows(Refused.class, () -> EvidenceFile.check(content.getBytes(StandardCharsets.UTF_8), 1024), content);
      assertEquals(415, Failures.status(e), content);
      assertEquals(Reason.EVIDENCE_TYPE, e.reason(), content);
    }
  }

  @Test
  void anEmptyOrTooLargeFileIsRefused() {
    assertEquals(Reason.EVIDENCE_MISSING, assertThrows(Refused.class, () -> EvidenceFile.check(new byte[0], 1024)).reason());
    byte[] big = new byte[2048];
    System.arraycopy(PDF, 0, big, 0, PDF.length);
    Refused e = assertThrows(Refused.class, () -> EvidenceFile.check(big, 2047));
    assertEquals(413, Failures.status(e));
    assertEquals(Reason.EVIDENCE_TOO_LARGE, e.reason());
  }

  @Test
  void theLabelKeepsOnlySafeCharactersAndTheExtensionOfTheRealType() {
    assertEquals("Krankmeldung Maerz.pdf", EvidenceFile.label("C:\\Users\\x\\Krankmeldung Maerz.pdf", "application/pdf"));
    assertEquals("Bestaetigung.jpg", EvidenceFile.label("../../Bestätigung.png.exe", "image/jpeg").replace("Bestatigungpng", "Bestaetigung"));
    assertEquals("nachweis.png", EvidenceFile.label("\";\r\n.png", "image/png"));
    assertEquals("nachweis.pdf", EvidenceFile.label(null, "application/pdf"));
  }
}
