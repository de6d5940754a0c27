package at.jobfair.cascade;

import at.jobfair.cascade.Event.Type;

import java.time.Instant;

/**
 * One step for the append-only audit trail.
 *
 * @param vacancyId   the vacancy accepted or declined, for the dossier; null for other events
 * @param nextStation the station whose queue the person is now in (WAITING or SENT_BACK), for the immediate hand-off;
 *                    null otherwise
 */
public record Transition(State from, Station fromStation, State to, Station toStation, Type event, String actorRole,
                         String actorId, String vacancyId, String reasons, Instant at,
                         Station nextStation) {
}
