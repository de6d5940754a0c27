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
 * The booking statement queues its confirmation through the mail feature's {@code outbox_enqueue} (V30), not through
 * a copy of the outbox's columns: run here as the application runs it, a seat taken writes the booking and its mail,
 * a seat refused writes neither, and a mail already queued is not queued twice.
 */
class BookingConfirmationStatementTest {

  private static String url;

  @BeforeAll
  static void schema() throws SQLException {
    url = TestDatabase.jdbcUrl(TestDatabase.newDatabase());
    try (Connection c = connect(); var st = c.createStatement()) {
      st.execute("insert into employer (name) values ('E')");
      st.execute("""
          insert into fair (name, format, starts_at, ends_at, status, booking_cutoff_minutes)
          values ('public', 'SECTOR', now(), now() + interval '30 days', 'PUBLISHED', 0)""");
      st.execute("insert into fair_employer select f.id, e.id from fair f, employer e");
      st.execute("insert into booth (fair_id, employer_id) select fair_id, employer_id from fair_employer");
      st.execute("""
          insert into slot (booth_id, starts_at, ends_at, capacity)
          select b.id, now() + interval '1 day' + i * interval '1 hour', now() + interval '1 day' + i * interval '1 hour'
                 + interval '20 minutes', 1 from booth b, generate_series(0, 1) i""");
      st.execute("insert into account (email, name) values ('a@example.org', 'A'), ('b@example.org', 'B'), ('c@example.org', 'C')");
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "postgres", null);
  }

  @Test
  void aSeatTakenWritesTheBookingAndItsMailARefusedOneWritesNeither() throws SQLException {
    try (Connection c = connect(); var st = c.createStatement()) {
      st.execute("prepare book as " + BookingStore.BOOK);
      long first = slot(c, 0);

      assertTrue(book(c, "a", first), "the seat is free");
      assertEquals(1, count(c, "select count(*) from booking where slot_id = " + first));
      assertEquals(1, count(c, "select count(*) from mail_outbox where to_address = 'a@example.org' and status = 'KEPT'"
          + " and subject = 'S' and attachments = '[]'"), "its confirmation, queued as the statement was told");

      assertFalse(book(c, "b", first), "the seat is taken");
      assertEquals(1, count(c, "select count(*) from booking where slot_id = " + first));
      assertEquals(0, count(c, "select count(*) from mail_outbox where to_address = 'b@example.org'"), "no mail for a refusal");
    }
  }

  @Test
  void aMailAlreadyQueuedIsNotQueuedAgainButTheSeatIsTaken() throws SQLException {
    try (Connection c = connect(); var st = c.createStatement()) {
      st.execute("prepare book as " + BookingStore.BOOK);
      long second = slot(c, 1);
      st.execute("""
          insert into mail_outbox (kind, ref, to_address, subject, body_text)
          values ('BOOKING_CONFIRMED', 'same-ref', 'C@example.org', 'earlier', 'earlier')""");

      assertTrue(book(c, "c", second, "same-ref"));
      assertEquals(1, count(c, "select count(*) from booking where slot_id = " + second));
      assertEquals(1, count(c, "select count(*) from mail_outbox where ref = 'same-ref'"), "the same mail once (any case of address)");
    }
  }

  private static boolean book(Connection c, String who, long slot) throws SQLException {
    return book(c, who, slot, "booking:" + who + "/" + slot);
  }

  /** The booking statement with its confirmation, as BookingService passes them; true when a seat was taken. */
  private static boolean book(Connection c, String who, long slot, String ref) throws SQLException {
    long person = count(c, "select id from account where email = '" + who + "@example.org'");
    long id = count(c, "select nextval(pg_get_serial_sequence('booking', 'id'))");
    try (var st = c.createStatement(); ResultSet r = st.executeQuery("execute book(" + id + ", " + slot + ", " + person
        + ", 'OWN_INITIATIVE', 'VOLUNTARY', null, 'BOOKING_CONFIRMED', '" + ref + "', '" + who + "@example.org', '" + who
        + "', 'S', 'T', null, '[]', 'KEPT')")) {
      return r.next();
    }
  }

  private static long slot(Connection c, int index) throws SQLException {
    return count(c, "select id from slot order by starts_at offset " + index + " limit 1");
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (var st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
