package at.jobfair.cascade;

import at.jobfair.retention.AgeRule;

import java.time.Duration;

/**
 * Hearing records: the person's words (statement and per item) are blanked {@code days} after their case was closed;
 * who heard them, when, in which language, the findings and the content's hash stay (V19 allows exactly this change).
 * Open cases keep everything: a decision or an appeal may still rest on it.
 */
public final class HearingRetention extends AgeRule {

  public HearingRetention(int days) {
    super("hearing_record", "ANONYMISED", """
            with due as (
              select r.id from hearing_record r join cascade c on c.id = r.cascade_id
               where r.anonymised_at is null and c.state = 'CLOSED' and c.updated_at < $2
               order by r.id limit $1 for update of r skip locked),
            items as (
              update hearing_item i set words = null, anonymised_at = $3 from due
               where i.record_id = due.id and i.anonymised_at is null returning i.record_id)
            update hearing_record r set statement = null, anonymised_at = $3 from due where r.id = due.id
            returning r.id, (select count(*) from items where items.record_id = r.id) as items""",
        r -> "the person's words (statement and " + r.getLong("items") + " items), " + days + " days after the case was closed",
        Duration.ofDays(days));
  }
}
