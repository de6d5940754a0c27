package at.jobfair.attendance;

import at.jobfair.retention.AgeRule;

import java.time.Duration;

/**
 * Sick notes: the text is blanked {@code bindingDays} after it was recorded where the appointment was binding or a
 * control appointment (evidence for a possible case), {@code voluntaryDays} after where it was voluntary (it can never
 * count). The note's existence stays: it excused the appointment, and the worklist and the dossier rest on that.
 */
public final class SickNoteRetention extends AgeRule {

  public SickNoteRetention(int bindingDays, int voluntaryDays) {
    super("sick_note", "ANONYMISED", """
            with due as (
              select n.id, k.legal_basis from sick_note n join booking k on k.id = n.booking_id
               where n.anonymised_at is null and n.note is not null
                 and n.recorded_at < case when k.legal_basis = 'VOLUNTARY' then $3::timestamptz else $2::timestamptz end
               order by n.id limit $1 for update of n skip locked)
            update sick_note n set note = null, anonymised_at = $4 from due where n.id = due.id
            returning n.id, due.legal_basis""",
        r -> r.getString("legal_basis") + ", " + ("VOLUNTARY".equals(r.getString("legal_basis")) ? voluntaryDays : bindingDays)
            + " days after it was recorded",
        Duration.ofDays(bindingDays), Duration.ofDays(voluntaryDays));
  }
}
