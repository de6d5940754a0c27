package at.jobfair.attendance;

import at.jobfair.retention.RetentionRule;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static at.jobfair.db.Rows.utc;

/**
 * Sick notes: the text is blanked {@code bindingDays} after it was recorded where the appointment was binding or a
 * control appointment (evidence for a possible case), {@code voluntaryDays} after where it was voluntary (it can never
 * count). The note's existence stays: it excused the appointment, and the worklist and the dossier rest on that.
 */
public final class SickNoteRetention implements RetentionRule {

  private final int bindingDays;
  private final int voluntaryDays;

  public SickNoteRetention(int bindingDays, int voluntaryDays) {
    this.bindingDays = bindingDays;
    this.voluntaryDays = voluntaryDays;
  }

  @Override
  public String kind() {
    return "sick_note";
  }

  @Override
  public Future<List<Removed>> apply(SqlClient tx, Instant now, int limit) {
    return tx.preparedQuery("""
            with due as (
              select n.id, k.legal_basis from sick_note n join booking k on k.id = n.booking_id
               where n.anonymised_at is null and n.note is not null
                 and n.recorded_at < case when k.legal_basis = 'VOLUNTARY' then $2::timestamptz else $1::timestamptz end
               order by n.id limit $3 for update of n skip locked)
            update sick_note n set note = null, anonymised_at = $4 from due where n.id = due.id
            returning n.id, due.legal_basis""")
        .execute(Tuple.of(utc(now.minus(Duration.ofDays(bindingDays))), utc(now.minus(Duration.ofDays(voluntaryDays))), limit, utc(now)))
        .map(rows -> {
          List<Removed> out = new ArrayList<>();
          for (Row r : rows) {
            String basis = r.getString("legal_basis");
            int days = "VOLUNTARY".equals(basis) ? voluntaryDays : bindingDays;
            out.add(new Removed(r.getLong("id"), "ANONYMISED", basis + ", " + days + " days after it was recorded"));
          }
          out.sort(java.util.Comparator.comparingLong(Removed::id));
          return out;
        });
  }
}
