package at.jobfair.noshow;

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
 * Requests for reasons: {@code days} after the request ended (reasons accepted, withdrawn, decided), the person's words
 * are blanked and their files (sick notes, confirmations) deleted; that they answered, when, the steps and the decision
 * stay (V22 allows exactly this change). A request still open, or a suspension not yet lifted, keeps everything.
 */
public final class ReasonsRetention implements RetentionRule {

  private final int days;

  public ReasonsRetention(int days) {
    this.days = days;
  }

  @Override
  public String kind() {
    return "reasons_request";
  }

  @Override
  public Future<List<Removed>> apply(SqlClient tx, Instant now, int limit) {
    return tx.preparedQuery("""
            with due as (
              select r.id from reasons_request r
               where r.anonymised_at is null and r.updated_at < $1
                 and r.state in ('REASONS_ACCEPTED', 'WITHDRAWN', 'NOT_IMPOSED', 'IMPOSED', 'WAIVED', 'RESUMED')
               order by r.id limit $2 for update of r skip locked),
            answers as (
              update reasons_answer a set text = null, anonymised_at = $3 from due
               where a.request_id = due.id and a.anonymised_at is null returning a.request_id),
            files as (
              delete from reasons_evidence e using due where e.request_id = due.id returning e.request_id)
            update reasons_request r set anonymised_at = $3 from due where r.id = due.id
            returning r.id, (select count(*) from answers where answers.request_id = r.id) as answers,
                      (select count(*) from files where files.request_id = r.id) as files""")
        .execute(Tuple.of(utc(now.minus(Duration.ofDays(days))), limit, utc(now)))
        .map(rows -> {
          List<Removed> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Removed(r.getLong("id"), "ANONYMISED", r.getLong("answers") + " answers blanked and " + r.getLong("files")
                + " files deleted, " + days + " days after the request ended"));
          }
          out.sort(java.util.Comparator.comparingLong(Removed::id));
          return out;
        });
  }
}
