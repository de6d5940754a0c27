package at.jobfair.waitlist;

import at.jobfair.refusal.Reason;

import java.time.Instant;

/**
 * Who may join a booth's line and take a held seat. Pure: the service reads the facts and asks here; who gets a
 * freed seat, and that nobody else can take it meanwhile, is the database's (V37).
 */
public final class WaitlistPolicy {

  /** Why the person may not join the booth's line, or null when they may (null state: no such booth). */
  public static Reason join(WaitlistStore.BoothState state) {
    if (state == null || !state.visible()) return Reason.BOOTH_NOT_FOUND;
    if (state.bookedThere()) return Reason.ALREADY_BOOKED_AT_BOOTH;
    if (state.seatFree()) return Reason.WAITLIST_SEATS_FREE;
    if (!state.anyOpen()) return Reason.WAITLIST_CLOSED;
    return null;
  }

  /** Why the person may not take the seat of this entry of theirs now, or null when they may. */
  public static Reason accept(WaitlistStore.Entry e, Instant now) {
    if (e.status() != WaitlistStore.Status.OFFERED || e.offer() == null) return Reason.OFFER_ENDED;
    if (!now.isBefore(e.offer().holdUntil())) return Reason.OFFER_ENDED;
    return null;
  }

  private WaitlistPolicy() {
  }
}
