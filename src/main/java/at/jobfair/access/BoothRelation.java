package at.jobfair.access;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * The one place that says whether a booth stands in a relation to a person, the condition for its representatives to
 * see anything the person shares with booths (profile/ProfileService). Today: the person booked at the booth and has
 * not cancelled (a booking the booth or staff cancelled, or the person's own, ends the relation; an appointment held
 * keeps it after the fair).
 *
 * <p>Further relations (the person queued at the booth, or wrote to it) are added here as one more {@code or} branch of
 * {@link #FACT}: every reader of shared data asks through {@link #holds}, so nothing else changes.
 */
public final class BoothRelation {

  /** The SQL fact over {@code $1} (the booth) and {@code $2} (the person's account id). */
  public static final String FACT = """
      exists (select 1 from booking k where k.booth_id = $1 and k.jobseeker_id = $2 and k.status = 'ACTIVE')""";

  private BoothRelation() {
  }

  /** Whether the booth has a relation to the person. */
  public static Future<Boolean> holds(SqlClient c, long boothId, long personId) {
    return c.preparedQuery("select " + FACT).execute(Tuple.of(boothId, personId))
        .map(rows -> Boolean.TRUE.equals(rows.iterator().next().getBoolean(0)));
  }
}
