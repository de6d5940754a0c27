package at.jobfair.noshow;

import at.jobfair.retention.AgeRule;

import java.time.Duration;

/**
 * Requests for reasons: {@code days} after the request ended (reasons accepted, withdrawn, decided), the person's words
 * are blanked and their files (sick notes, confirmations) deleted; that they answered, when, the steps and the decision
 * stay (V22 allows exactly this change). A request still open, or a suspension not yet lifted, keeps everything.
 */
public final class ReasonsRetention extends AgeRule {

  public ReasonsRetention(int days) {
    super("reasons_request", "ANONYMISED", """
            with due as (
              select r.id from reasons_request r
               where r.anonymised_at is null and r.updated_at < $2
                 and r.state in ('REASONS_ACCEPTED', 'WITHDRAWN', 'NOT_IMPOSED', 'IMPOSED', 'WAIVED', 'RESUMED')
               order by r.id limit $1 for update of r skip locked),
            answers as (
              update reasons_answer a set text = null, anonymised_at = $3 from due
               where a.request_id = due.id and a.anonymised_at is null returning a.request_id),
            files as (
              delete from reasons_evidence e using due where e.request_id = due.id returning e.request_id)
            update reasons_request r set anonymised_at = $3 from due where r.id = due.id
            returning r.id, (select count(*) from answers where answers.request_id = r.id) as answers,
                      (select count(*) from files where files.request_id = r.id) as files""",
        r -> r.getLong("answers") + " answers blanked and " + r.getLong("files") + " files deleted, " + days
            + " days after the request ended",
        Duration.ofDays(days));
  }
}
