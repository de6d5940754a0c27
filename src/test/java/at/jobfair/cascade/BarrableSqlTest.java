package at.jobfair.cascade;

import at.jobfair.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The query that finds the cases a late sanction bar ends is derived from the machine's rule: PostgreSQL, asked about
 * every state at every station (and at none), answers exactly as {@link CascadeMachine#barrable} does.
 */
class BarrableSqlTest {

  @Test
  void theDatabaseAndTheMachineAgreeOnEveryStateAndStation() throws Exception {
    List<String> rows = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (State state : State.values()) {
      List<Station> stations = new ArrayList<>(List.of(Station.values()));
      stations.add(null);
      for (Station st : stations) {
        rows.add("('" + state.name() + "', " + (st == null ? "null" : "'" + st.name() + "'") + ")");
        expected.add(state + "/" + st + "=" + CascadeMachine.barrable(state, st));
      }
    }
    List<String> answered = new ArrayList<>();
    try (var c = DriverManager.getConnection(TestDatabase.jdbcUrl(TestDatabase.newDatabase()), "postgres", null);
         var st = c.createStatement();
         var r = st.executeQuery("select state, station, " + CascadeStore.BARRABLE + " from (values "
             + String.join(", ", rows) + ") as t(state, station)")) {
      while (r.next()) answered.add(r.getString(1) + "/" + r.getString(2) + "=" + r.getBoolean(3));
    }
    assertEquals(expected, answered);
    // three states at the sanction check, two wherever they stand
    assertEquals(3 + 2 * (Station.values().length + 1), expected.stream().filter(e -> e.endsWith("=true")).count());
  }
}
