package at.jobfair.cascade;

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
 * Hearing records: the person's words (statement and per item) are blanked {@code days} after their case was closed;
 * who heard them, when, in which language, the findings and the content's hash stay (V19 allows exactly this change).
 * Open cases keep everything: a decision or an appeal may still rest on it.
 */
public final class HearingRetention implements RetentionRule {

  private final int days;

  public HearingRetention(int days) {
    this.days = days;
  }

  @Override
  public String kind() {
    return "hearing_record";
  }

  @Override
  public Future<List<Removed>> apply(SqlClient tx, Instant now, int limit) {
    return tx.preparedQuery("""
            with due as (
              select r.id from hearing_record r join cascade c on c.id = r.cascade_id
               where r.anonymised_at is null and c.state = 'CLOSED' and c.updated_at < $1
               order by r.id limit $2 for update of r skip locked),
            items as (
              update hearing_item i set words = null, anonymised_at = $3 from due
               where i.record_id = due.id and i.anonymised_at is null returning i.record_id)
            update hearing_record r set statement = null, anonymised_at = $3 from due where r.id = due.id
            returning r.id, (select count(*) from items where items.record_id = r.id) as items""")
        .execute(Tuple.of(utc(now.minus(Duration.ofDays(days))), limit, utc(now)))
        .map(rows -> {
          List<Removed> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Removed(r.getLong("id"), "ANONYMISED",
                "the person's words (statement and " + r.getLong("items") + " items), " + days + " days after the case was closed"));
          }
          out.sort(java.util.Comparator.comparingLong(Removed::id));
          return out;
        });
  }
}
