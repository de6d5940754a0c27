package at.jobfair.chat;

import at.jobfair.chat.ChatPolicy.Facts;
import at.jobfair.chat.ChatPolicy.Seat;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The chat's rules, every combination of facts. */
class ChatPolicyTest {

  @Test
  void everyCombinationOfFactsGetsTheSeatTheRulesSay() {
    for (int bits = 0; bits < 16; bits++) {
      boolean person = (bits & 1) != 0;
      boolean booth = (bits & 2) != 0;
      boolean caseworker = (bits & 4) != 0;
      boolean openCase = (bits & 8) != 0;
      Seat expected = person ? Seat.PERSON : booth ? Seat.BOOTH : caseworker && openCase ? Seat.CASE_READER : null;
      assertEquals(expected, ChatPolicy.seat(new Facts(person, booth, caseworker, openCase)), "bits " + bits);
    }
  }

  @Test
  void aCaseworkerWithoutAnOpenCaseAtTheBoothAndAnOpenCaseWithoutTheCaseworkerReadNothing() {
    assertNull(ChatPolicy.seat(new Facts(false, false, true, false)));
    assertNull(ChatPolicy.seat(new Facts(false, false, false, true)));
    assertNull(ChatPolicy.seat(new Facts(false, false, false, false)));
  }

  @Test
  void writingBlockingAndReportingBySeat() {
    for (Seat seat : Seat.values()) {
      for (boolean blocked : new boolean[] {false, true}) {
        Reason expected = seat == Seat.CASE_READER ? Reason.CHAT_READ_ONLY : seat == Seat.BOOTH && blocked ? Reason.CHAT_BLOCKED : null;
        assertEquals(expected, ChatPolicy.mayWrite(seat, blocked), seat + " blocked=" + blocked);
      }
      assertEquals(seat == Seat.PERSON ? null : Reason.CHAT_PERSON_ONLY, ChatPolicy.mayBlock(seat), seat.name());
      for (String side : new String[] {"PERSON", "BOOTH", "MEMBER"}) {
        Reason expected = seat == Seat.CASE_READER ? Reason.CHAT_READ_ONLY
            : seat != Seat.MEMBER && seat.side().equals(side) ? Reason.CHAT_REPORT_OWN : null;
        assertEquals(expected, ChatPolicy.mayReport(seat, side), seat + " reports " + side);
      }
    }
    assertEquals(Reason.CHAT_READ_ONLY, ChatPolicy.mayWrite(null, false));
    assertEquals(Reason.CHAT_READ_ONLY, ChatPolicy.mayReport(null, "BOOTH"));
  }

  @Test
  void aTextIsKeptAsTextWithoutControlsAndWithinItsLength() {
    assertEquals("<b>hi</b> https://x.example", ChatPolicy.text("  <b>hi</b> https://x.example \n", 100));
    assertEquals("a\nb\n\nc", ChatPolicy.text("a\r\nb\r\n\n\n\n\nc", 100));
    assertEquals("abc", ChatPolicy.text("a\u202Eb\u2066\u0000c\uFEFF", 100));
    assertEquals("tab\there", ChatPolicy.text("tab\there", 100));
    assertEquals("😀😀", ChatPolicy.text("😀😀", 2), "characters, not UTF-16 units");
    assertEquals(Reason.CHAT_TEXT_MISSING, assertThrows(Refused.class, () -> ChatPolicy.text(null, 10)).reason());
    assertEquals(Reason.CHAT_TEXT_MISSING, assertThrows(Refused.class, () -> ChatPolicy.text(" \n\u202E ", 10)).reason());
    assertEquals(Reason.CHAT_TEXT_TOO_LONG, assertThrows(Refused.class, () -> ChatPolicy.text("x".repeat(11), 10)).reason());
    assertEquals("x".repeat(10), ChatPolicy.text("x".repeat(10), 10));
  }

  @Test
  void onlyOrganisersHandleReportsAndAnOutcomeIsAShortTrimmedText() {
    assertEquals(null, ChatPolicy.mayHandleReports(true));
    assertEquals(Reason.FORBIDDEN_ROLE, ChatPolicy.mayHandleReports(false));
    assertEquals("Stand verwarnt", ChatPolicy.outcome("  Stand verwarnt \n"));
    assertEquals("x".repeat(ChatPolicy.OUTCOME_MAX), ChatPolicy.outcome("x".repeat(ChatPolicy.OUTCOME_MAX)));
    assertEquals("😀".repeat(ChatPolicy.OUTCOME_MAX), ChatPolicy.outcome("😀".repeat(ChatPolicy.OUTCOME_MAX)), "characters, not UTF-16 units");
    for (String blank : new String[] {null, "", "   ", "\n\t"}) {
      assertEquals(Reason.CHAT_REPORT_OUTCOME_MISSING, assertThrows(Refused.class, () -> ChatPolicy.outcome(blank)).reason());
    }
    Refused tooLong = assertThrows(Refused.class, () -> ChatPolicy.outcome("x".repeat(ChatPolicy.OUTCOME_MAX + 1)));
    assertEquals(Reason.CHAT_REPORT_OUTCOME_TOO_LONG, tooLong.reason());
  }
}
