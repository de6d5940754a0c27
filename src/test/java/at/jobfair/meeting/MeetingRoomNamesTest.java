package at.jobfair.meeting;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeetingRoomNamesTest {

  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

  @Test
  void theSameBookingAlwaysGetsTheSameRoom() {
    RoomNames a = new RoomNames(KEY), b = new RoomNames(KEY.clone());
    for (long id = 1; id <= 100; id++) assertEquals(a.forBooking(id), b.forBooking(id));
  }

  @Test
  void tenThousandBookingsGetTenThousandRoomsOfTheSafeShape() {
    RoomNames names = new RoomNames(KEY);
    Set<String> seen = new HashSet<>();
    for (long id = 1; id <= 10_000; id++) {
      String room = names.forBooking(id);
      assertTrue(room.matches("jf-[a-z2-7]{32}"), room);
      assertTrue(RoomNames.wellFormed(room), room);
      assertTrue(seen.add(room), "duplicate " + room);
    }
    assertEquals(10_000, seen.size());
  }

  @Test
  void aGroupSessionNeverSharesABookingsRoom() {
    RoomNames names = new RoomNames(KEY);
    Set<String> bookings = new HashSet<>();
    for (long id = 1; id <= 1000; id++) bookings.add(names.forBooking(id));
    for (long id = 1; id <= 1000; id++) {
      assertTrue(RoomNames.wellFormed(names.forGroup(id)));
      assertTrue(!bookings.contains(names.forGroup(id)));
    }
    assertEquals(names.forGroup(7), new RoomNames(KEY.clone()).forGroup(7));
  }

  @Test
  void atLeast128BitsOfName() {
    // 32 base32 characters carry 160 bits.
    assertTrue((new RoomNames(KEY).forBooking(1).length() - RoomNames.PREFIX.length()) * 5 >= 128);
  }

  @Test
  void anotherKeyGivesUnrelatedRooms() {
    RoomNames a = new RoomNames(KEY), b = new RoomNames(OTHER_KEY);
    Set<String> fromA = new HashSet<>();
    for (long id = 1; id <= 1000; id++) fromA.add(a.forBooking(id));
    for (long id = 1; id <= 1000; id++) {
      String room = b.forBooking(id);
      assertFalse(fromA.contains(room), "room " + room + " exists under both keys");
    }
    // Not even the first characters follow the key: about 1/32 agree at the first position.
    int samePosition = 0;
    for (long id = 1; id <= 1000; id++) if (a.forBooking(id).charAt(3) == b.forBooking(id).charAt(3)) samePosition++;
    assertTrue(samePosition < 80, "first characters agree " + samePosition + " times");
  }

  @Test
  void theIdIsNotVisibleInTheName() {
    RoomNames names = new RoomNames(KEY);
    assertFalse(names.forBooking(12345).contains("12345"));
    assertNotEquals(names.forBooking(-1), names.forBooking(1));
    assertNotEquals(names.forBooking(Long.MAX_VALUE), names.forBooking(Long.MIN_VALUE));
  }

  @Test
  void aShortOrMissingKeyIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RoomNames(null));
    assertThrows(IllegalArgumentException.class, () -> new RoomNames(new byte[31]));
  }

  @Test
  void theKeyIsCopied() {
    byte[] key = KEY.clone();
    RoomNames names = new RoomNames(key);
    String before = names.forBooking(7);
    key[0] ^= 1;
    assertEquals(before, names.forBooking(7));
  }

  @Test
  void base32FollowsRfc4648() {
    // RFC 4648 test vectors, lowercase.
    assertEquals("mzxw6ytb", RoomNames.base32("fooba".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("mzxw6ytboi", RoomNames.base32("foobar\0\0\0\0".getBytes(StandardCharsets.US_ASCII)).substring(0, 10));
  }

  @Test
  void wellFormedRejectsOtherShapes() {
    assertFalse(RoomNames.wellFormed(null));
    assertFalse(RoomNames.wellFormed("jf-"));
    assertFalse(RoomNames.wellFormed("jf-" + "A".repeat(32)));
    assertFalse(RoomNames.wellFormed("jf-" + "a".repeat(31) + "1"));
    assertFalse(RoomNames.wellFormed("xx-" + "a".repeat(32)));
    assertFalse(RoomNames.wellFormed("jf-" + "a".repeat(33)));
  }
}
