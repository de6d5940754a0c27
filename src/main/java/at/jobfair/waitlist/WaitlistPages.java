package at.jobfair.waitlist;

import at.jobfair.booking.BookingPages;
import at.jobfair.identity.Account;
import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The waitlist on the pages: the forms (join from the booth page; take, pass on or leave from the appointments or the
 * booth page) and the parts the booking and catalogue pages show (filled into them by the composition root).
 */
public final class WaitlistPages {

  private final WaitlistService waitlist;
  private final BookingPages booking;

  /** {@code booking}: its questions page asks the booth's pre-screening questions before a held seat is taken. */
  public WaitlistPages(WaitlistService waitlist, BookingPages booking) {
    this.waitlist = waitlist;
    this.booking = booking;
  }

  /** Join a full booth's line from its page; back to the page, which shows the place. */
  public Future<?> joinForm(RoutingContext ctx) {
    long boothId = Http.pathId(ctx, "id");
    return waitlist.join(Sessions.user(ctx), boothId)
        .onSuccess(e -> Http.seeOther(ctx, "/booths/" + boothId + "?waitlist=joined#waitlist"))
        .recover(e -> Http.backWithError(ctx, e, "/booths/" + boothId));
  }

  /**
   * Take the held seat: booked, to the appointments page. A booth with pre-screening questions asks them first, on the
   * booking's questions page (the seat stays held meanwhile, until the time it shows).
   */
  public Future<?> acceptForm(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    long id = Http.pathId(ctx, "id");
    String back = back(ctx);
    // No seat held for this person (any more): nothing to ask, taking it refuses and says why.
    return waitlist.mine(user, id).map(WaitlistStore.Entry::offer).otherwise((WaitlistStore.Offer) null).<Void>compose(offer -> {
      if (offer == null || !offer.holdUntil().isAfter(waitlist.now())) {
        return waitlist.accept(user, id, null)
            .onSuccess(b -> Http.seeOther(ctx, "/me/appointments?booked=" + b.id())).<Void>mapEmpty()
            .recover(e -> Http.backWithError(ctx, e, back));
      }
      return booking.screened(ctx, offer.slotId(), true, new BookingPages.ScreeningForm("/waitlist/" + id + "/accept",
              "waitlist.offer.accept", Map.of("holdUntil", offer.holdUntil(), "back", back)),
          answers -> waitlist.accept(user, id, answers), back).mapEmpty();
    });
  }

  /** Pass the held seat on to the next in line. */
  public Future<?> declineForm(RoutingContext ctx) {
    String back = back(ctx);
    return waitlist.decline(Sessions.user(ctx), Http.pathId(ctx, "id"))
        .onSuccess(v -> Http.seeOther(ctx, Http.withNotice(back, "waitlist", "declined")))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  /** Leave the line. */
  public Future<?> leaveForm(RoutingContext ctx) {
    String back = back(ctx);
    return waitlist.leave(Sessions.user(ctx), Http.pathId(ctx, "id"))
        .onSuccess(v -> Http.seeOther(ctx, Http.withNotice(back, "waitlist", "left")))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  /** The person's places and offers for the appointments page, offers first. */
  public Future<List<Map<String, Object>>> places(long jobseekerId) {
    return waitlist.open(jobseekerId).map(list -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (WaitlistStore.Entry e : list) out.add(model(e));
      return out;
    });
  }

  /** The person's place at one booth for its page, or null. */
  public Future<Map<String, Object>> at(long jobseekerId, long boothId) {
    return waitlist.openAt(jobseekerId, boothId).map(e -> e == null ? null : model(e));
  }

  /** The booth's line for its schedule (the page checked the staff). */
  public Future<Map<String, Object>> line(long boothId) {
    return waitlist.lengthFor(boothId).map(l -> {
      Map<String, Object> m = new HashMap<>();
      m.put("waiting", l.waiting());
      m.put("offered", l.offered());
      return m;
    });
  }

  private Map<String, Object> model(WaitlistStore.Entry e) {
    Map<String, Object> m = new HashMap<>();
    m.put("id", e.id());
    m.put("boothId", e.boothId());
    m.put("employerName", e.employerName());
    m.put("fairName", e.fairName());
    m.put("place", e.place());
    m.put("joinedAt", e.joinedAt());
    if (e.offer() != null && e.offer().holdUntil().isAfter(waitlist.now())) {
      m.put("offered", true);
      m.put("start", e.offer().start());
      m.put("end", e.offer().end());
      m.put("holdUntil", e.offer().holdUntil());
    } else if (e.offer() != null) {
      // The hold's time is up; the job passes the seat on within moments.
      m.put("offerEnding", true);
    }
    return m;
  }

  /** Where a form goes back to: the page it names, else the appointments page. */
  private static String back(RoutingContext ctx) {
    String back = Http.localPath(ctx.request().getFormAttribute("back"));
    return back == null || back.isEmpty() || "/".equals(back) ? "/me/appointments" : back;
  }
}
