package at.jobfair.queue;

import at.jobfair.retention.AgeRule;

import java.time.Duration;

/**
 * Finished queue places (left, called, passed over) are removed {@code days} after they ended
 * ({@code queue.retentionDays}); a waiting place is never due (the database refuses to remove one, V42). The walk-up
 * booking a call made is a booking like any other and stays with the bookings.
 */
public final class QueueRetention extends AgeRule {

  public QueueRetention(int days) {
    super("queue_place", "DELETED", """
            with due as (
              select q.id from queue_place q where q.status <> 'WAITING' and q.ended_at < $2
               order by q.id limit $1 for update skip locked)
            delete from queue_place q using due where q.id = due.id returning q.id, q.status""",
        r -> r.getString("status") + ", " + days + " days after it ended", Duration.ofDays(days));
  }
}
