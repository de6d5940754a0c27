package at.jobfair.support;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Plain JDBC into an application's database, for writing test data and checking what was (not) written: one in-JVM
 * {@link TestApp} or a cluster of application processes ({@link Nodes}) alike.
 */
public interface TestSql {

  /** A new connection as the database owner. */
  Connection jdbc() throws SQLException;

  /** Runs a query that answers one number. */
  default long count(String sql) {
    try (Connection c = jdbc(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a statement with parameters that answers one number (an {@code insert ... returning id}), as the owner. */
  default long insert(String sql, Object... args) {
    try (Connection c = jdbc(); var p = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
      try (var rs = p.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
