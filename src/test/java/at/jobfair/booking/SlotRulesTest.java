package at.jobfair.booking;

import at.jobfair.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Can a seat of this slot be taken now?" is answered by the database's slot_open, slot_free and slot_bookable (V28) for
 * every statement that asks; here each is asked about every kind of slot, and the booking statement's plan is checked to
 * hold the rule inline (the planner did not turn it into a function call per row).
 */
class SlotRulesTest {

  private static String url;

  @BeforeAll
  static void schema() throws SQLException {
    url = TestDatabase.jdbcUrl(TestDatabase.newDatabase());
    try (Connection c = connect(); var st = c.createStatement()) {
      st.execute("insert into employer (name) values ('E')");
      st.execute("""
          insert into fair (name, format, starts_at, ends_at, status, booking_cutoff_minutes)
          values ('public', 'SECTOR', now(), now() + interval '30 days', 'PUBLISHED', 60),
                 ('draft', 'SECTOR', now(), now() + interval '30 days', 'DRAFT', 60)""");
      st.execute("insert into fair_employer select f.id, e.id from fair f, employer e");
      st.execute("insert into booth (fair_id, employer_id) select fair_id, employer_id from fair_employer");
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "postgres", null);
  }

  /** open, free, bookable of a slot of the given fair, starting in {@code minutes}, with those seats. */
  private static String ask(String fair, int minutes, int capacity, int booked, boolean removed) throws SQLException {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try (var st = c.prepareStatement("""
          insert into slot (booth_id, starts_at, ends_at, capacity, booked, removed_at)
          select b.id, now() + make_interval(mins => ?), now() + make_interval(mins => ? + 20), ?, ?, case when ? then now() end
            from booth b join fair f on f.id = b.fair_id where f.name = ? returning id""")) {
        st.setInt(1, minutes);
        st.setInt(2, minutes);
        st.setInt(3, capacity);
        st.setInt(4, booked);
        st.setBoolean(5, removed);
        st.setString(6, fair);
        ResultSet id = st.executeQuery();
        id.next();
        try (var q = c.prepareStatement("""
            select slot_open(s, f), slot_free(s, f), slot_bookable(s, f)
              from slot s join booth b on b.id = s.booth_id join fair f on f.id = b.fair_id where s.id = ?""")) {
          q.setLong(1, id.getLong(1));
          ResultSet r = q.executeQuery();
          r.next();
          return (r.getBoolean(1) ? "open" : "closed") + " " + (r.getBoolean(2) ? "free" : "-") + " " + (r.getBoolean(3) ? "bookable" : "-");
        }
      } finally {
        c.rollback();
      }
    }
  }

  @Test
  void aSeatCanBeTakenOnlyWhenTheSlotIsOpenHasRoomIsNotRemovedAndItsFairIsPublic() throws SQLException {
    assertEquals("open free bookable", ask("public", 120, 2, 1, false));
    assertEquals("open - -", ask("public", 120, 2, 2, false), "full");
    assertEquals("open - -", ask("public", 120, 2, 0, true), "removed");
    assertEquals("closed - -", ask("public", 59, 2, 0, false), "within the cutoff");
    assertEquals("closed - -", ask("public", -30, 2, 0, false), "started");
    assertEquals("open free -", ask("draft", 120, 2, 0, false), "a draft fair's slot has room but nobody books it");
  }

  @Test
  void theBookingStatementHoldsTheRuleInlineNotAsAFunctionCall() throws SQLException {
    try (Connection c = connect(); var st = c.createStatement()) {
      StringBuilder plan = new StringBuilder();
      st.execute("prepare book as " + BookingStore.BOOK);
      // explained, never run: booking 1 of slot 1 for person 1, with its mail (kind, ref, to, name, subject, text, html,
      // attachments, status)
      ResultSet r = st.executeQuery("explain (verbose, costs off) execute book('1', '1', '1', 'OWN_INITIATIVE', null, null,"
          + " 'BOOKING_CONFIRMED', 'booking:1', 'a@example.org', 'A', 'S', 'T', null, '[]', 'KEPT')");
      while (r.next()) plan.append(r.getString(1)).append('\n');
      // a held seat (the waitlist's, V37) is not free: only for the person it is held for
      assertTrue(plan.toString().contains("((s.booked + s.held) < s.capacity)"), "the rule's own condition, inline:\n" + plan);
      assertTrue(plan.toString().contains("waitlist_entry"), "the holder's exception, inline:\n" + plan);
      assertFalse(plan.toString().contains("slot_bookable"), plan.toString());
      assertFalse(plan.toString().contains("slot_free"), plan.toString());
      assertFalse(plan.toString().contains("slot_open"), plan.toString());
    }
  }

  @Test
  void theBookingReadHoldsTheInvitationItComesFromInlineToo() throws SQLException {
    try (Connection c = connect(); var st = c.createStatement()) {
      st.execute("prepare look as " + BookingStore.PREPARE);
      StringBuilder plan = new StringBuilder();
      ResultSet r = st.executeQuery("explain (verbose, costs off) execute look('1', '1', '3')");
      while (r.next()) plan.append(r.getString(1)).append('\n');
      assertTrue(plan.toString().contains("PLACEMENT_PROPOSAL"), "the invitation's rule, inline:\n" + plan);
      assertFalse(plan.toString().contains("booking_invitation"), plan.toString());
      assertFalse(plan.toString().contains("slot_open"), plan.toString());
    }
  }
}
