package at.jobfair.audit;

import at.jobfair.audit.AuditChain.Entry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditChainTest {

  private static List<Entry> chain(int n) {
    List<Entry> out = new ArrayList<>();
    Entry prev = null;
    for (int i = 0; i < n; i++) {
      prev = Entry.of(Instant.parse("2026-10-25T00:30:00Z").plusSeconds(60L * i), i % 3 == 0 ? null : 100L + i, i % 2 == 0 ? "SFU" : "SFA",
          "cascade:" + (i % 4), "OFFER_DECLINED", "AT_STATION", "WAITING", "Grund Nr. " + i + " – „zu weit“").chainedAfter(prev);
      out.add(prev);
    }
    return out;
  }

  @Test
  void aWholeChainVerifies() {
    List<Entry> c = chain(30);
    assertEquals(new AuditChain.Verification(true, 30, null), AuditChain.verify(c));
    assertEquals(AuditChain.GENESIS, c.get(0).prevHash());
    assertEquals(c.get(4).hash(), c.get(5).prevHash());
    assertEquals(new AuditChain.Verification(true, 0, null), AuditChain.verify(List.of()));
  }

  @Test
  void changingAnyFieldOfAnyRecordIsFoundAtThatRecord() {
    List<UnaryOperator<Entry>> changes = List.of(
        e -> new Entry(e.seq(), e.at().plusSeconds(1), e.actorId(), e.actorRole(), e.subject(), e.event(), e.fromState(), e.toState(), e.reasons(), e.prevHash(), e.hash()),
        e -> new Entry(e.seq(), e.at(), e.actorId() == null ? 7L : e.actorId() + 1, e.actorRole(), e.subject(), e.event(), e.fromState(), e.toState(), e.reasons(), e.prevHash(), e.hash()),
        e -> new Entry(e.seq(), e.at(), e.actorId(), "ORGANIZER", e.subject(), e.event(), e.fromState(), e.toState(), e.reasons(), e.prevHash(), e.hash()),
        e -> new Entry(e.seq(), e.at(), e.actorId(), e.actorRole(), "cascade:99", e.event(), e.fromState(), e.toState(), e.reasons(), e.prevHash(), e.hash()),
        e -> new Entry(e.seq(), e.at(), e.actorId(), e.actorRole(), e.subject(), "OFFER_ACCEPTED", e.fromState(), e.toState(), e.reasons(), e.prevHash(), e.hash()),
        e -> new Entry(e.seq(), e.at(), e.actorId(), e.actorRole(), e.subject(), e.event(), "BOOKED", e.toState(), e.reasons(), e.prevHash(), e.hash()),
        e -> new Entry(e.seq(), e.at(), e.actorId(), e.actorRole(), e.subject(), e.event(), e.fromState(), "IMPOSED", e.reasons(), e.prevHash(), e.hash()),
        e -> new Entry(e.seq(), e.at(), e.actorId(), e.actorRole(), e.subject(), e.event(), e.fromState(), e.toState(), e.reasons() + ".", e.prevHash(), e.hash()),
        e -> new Entry(e.seq(), e.at(), e.actorId(), e.actorRole(), e.subject(), e.event(), e.fromState(), e.toState(), null, e.prevHash(), e.hash()),
        e -> new Entry(e.seq() + 1, e.at(), e.actorId(), e.actorRole(), e.subject(), e.event(), e.fromState(), e.toState(), e.reasons(), e.prevHash(), e.hash()),
        e -> new Entry(e.seq(), e.at(), e.actorId(), e.actorRole(), e.subject(), e.event(), e.fromState(), e.toState(), e.reasons(), AuditChain.GENESIS.replace('0', '1'), e.hash()),
        e -> new Entry(e.seq(), e.at(), e.actorId(), e.actorRole(), e.subject(), e.event(), e.fromState(), e.toState(), e.reasons(), e.prevHash(), e.hash().replace('a', 'b').replace('1', '2')));
    int checked = 0;
    for (int i = 0; i < 30; i++) {
      for (UnaryOperator<Entry> change : changes) {
        List<Entry> c = chain(30);
        Entry changed = change.apply(c.get(i));
        if (changed.equals(c.get(i))) continue;
        c.set(i, changed);
        assertEquals(new AuditChain.Verification(false, 30, (long) (i + 1)), AuditChain.verify(c), "record " + (i + 1));
        checked++;
      }
    }
    assertTrue(checked >= 30 * 11, "checked " + checked);
  }

  @Test
  void aRemovedInsertedOrSwappedRecordIsFound() {
    List<Entry> removed = chain(10);
    removed.remove(4);
    assertEquals(5L, AuditChain.verify(removed).firstBad());

    List<Entry> swapped = chain(10);
    Entry third = swapped.get(2);
    swapped.set(2, swapped.get(3));
    swapped.set(3, third);
    assertEquals(3L, AuditChain.verify(swapped).firstBad());

    List<Entry> inserted = chain(10);
    Entry forged = Entry.of(Instant.now(), 1L, "SFA", "cascade:1", "DECIDE", "DECISION_PENDING", "IMPOSED", "nachträglich")
        .chainedAfter(inserted.get(5));
    inserted.add(6, forged);
    assertEquals(8L, AuditChain.verify(inserted).firstBad(), "the record after the forged one no longer links");

    List<Entry> cutOff = chain(10).subList(3, 10);
    assertEquals(1L, AuditChain.verify(cutOff).firstBad(), "the trail must start at record 1: it breaks there");
  }

  @Test
  void fieldBoundariesCannotBeShifted() {
    Entry a = Entry.of(Instant.EPOCH, 1L, "SF", "Acascade:1", "E", "F", "T", "R").chainedAfter(null);
    Entry b = Entry.of(Instant.EPOCH, 1L, "SFA", "cascade:1", "E", "F", "T", "R").chainedAfter(null);
    assertNotEquals(a.hash(), b.hash());
    Entry nullReasons = Entry.of(Instant.EPOCH, 1L, "SFA", "c", "E", "F", "T", null).chainedAfter(null);
    Entry textNull = Entry.of(Instant.EPOCH, 1L, "SFA", "c", "E", "F", "T", "null").chainedAfter(null);
    assertNotEquals(nullReasons.hash(), textNull.hash());
    assertNull(AuditChain.verify(List.of(a)).firstBad());
  }
}
