package at.jobfair.support;

import at.jobfair.account.PasswordHasher;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test data written straight into the app's database, for situations the demo does not have. */
public final class Fixtures {

  public static final String PASSWORD = "Passwort-123";
  private static final String HASH = new PasswordHasher(1024, 1).hash(PASSWORD);

  private final TestSql app;

  public Fixtures(TestSql app) {
    this.app = app;
  }

  public long employer(String name) {
    return insert("insert into employer (name) values (?) returning id", name);
  }

  public long fair(String name, boolean published, int cutoffMinutes) {
    return insert("insert into fair (name, format, starts_at, ends_at, status, booking_cutoff_minutes) "
            + "values (?, 'E_JOBMEETING', now() - interval '1 day', now() + interval '30 days', ?, ?) returning id",
        name, published ? "PUBLISHED" : "DRAFT", cutoffMinutes);
  }

  public long booth(long fairId, long employerId) {
    exec("insert into fair_employer (fair_id, employer_id) values (?, ?)", fairId, employerId);
    return insert("insert into booth (fair_id, employer_id, headline) values (?, ?, 'Test') returning id", fairId, employerId);
  }

  /** Consecutive slots of the given length, starting at {@code start}. */
  public List<Long> slots(long boothId, Instant start, int count, Duration length, int capacity) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant s = start.plus(length.multipliedBy(i));
      ids.add(insert("insert into slot (booth_id, starts_at, ends_at, capacity) values (?, ?, ?, ?) returning id",
          boothId, Timestamp.from(s), Timestamp.from(s.plus(length)), capacity));
    }
    return ids;
  }

  /**
   * A slot of its own at the booth from {@code start} for {@code minutes}, booked by the person, at any time (the
   * booking API only books the future); source and legal basis as the schema defaults them.
   */
  public long booking(long boothId, long jobseekerId, Instant start, int minutes) {
    long slot = slots(boothId, start, 1, Duration.ofMinutes(minutes), 1).get(0);
    return insert("insert into booking (slot_id, booth_id, jobseeker_id, during) values (?, ?, ?, tstzrange(?, ?)) returning id",
        slot, boothId, jobseekerId, Timestamp.from(start), Timestamp.from(start.plus(Duration.ofMinutes(minutes))));
  }

  /**
   * The same with a legal basis: a BINDING booking comes from a placement proposal, a CONTROL one from a control
   * appointment, a VOLUNTARY one from the person.
   */
  public long booking(long boothId, long jobseekerId, Instant start, int minutes, String legalBasis) {
    long slot = slots(boothId, start, 1, Duration.ofMinutes(minutes), 1).get(0);
    return insert("insert into booking (slot_id, booth_id, jobseeker_id, during, source, legal_basis) "
            + "values (?, ?, ?, tstzrange(?, ?), ?, ?) returning id",
        slot, boothId, jobseekerId, Timestamp.from(start), Timestamp.from(start.plus(Duration.ofMinutes(minutes))),
        "BINDING".equals(legalBasis) ? "PLACEMENT_PROPOSAL" : "CONTROL".equals(legalBasis) ? "CONTROL_APPOINTMENT" : "OWN_INITIATIVE",
        legalBasis);
  }

  /** Jobseeker accounts {@code prefix-i@example.org} with the password {@link #PASSWORD}. */
  public List<String> jobseekers(String prefix, int count) {
    List<String> emails = new ArrayList<>();
    try (Connection c = app.jdbc()) {
      c.setAutoCommit(false);
      try (PreparedStatement a = c.prepareStatement("insert into account (email, name, password_hash) values (?, ?, ?) returning id")) {
        for (int i = 0; i < count; i++) {
          String email = prefix + "-" + i + "@example.org";
          a.setString(1, email);
          a.setString(2, "Person " + prefix + " " + i);
          a.setString(3, HASH);
          try (var rs = a.executeQuery()) {
            rs.next();
            long id = rs.getLong(1);
            try (var st = c.createStatement()) {
              st.execute("insert into account_role values (" + id + ", 'JOBSEEKER')");
              // Vienna, the demo municipality's area: a minimum-income recipient among them relates to it
              st.execute("insert into jobseeker (account_id, region) values (" + id + ", 'Wien')");
            }
          }
          emails.add(email);
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return emails;
  }

  public long accountId(String email) {
    return app.count("select id from account where email = '" + email.replace("'", "''") + "'");
  }

  public String email(long accountId) {
    try (Connection c = app.jdbc(); PreparedStatement p = c.prepareStatement("select email from account where id = ?")) {
      p.setLong(1, accountId);
      try (var rs = p.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public void exec(String sql, Object... args) {
    try (Connection c = app.jdbc(); PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
      p.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long insert(String sql, Object... args) {
    return app.insert(sql, args);
  }
}
