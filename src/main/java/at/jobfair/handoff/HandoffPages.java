package at.jobfair.handoff;

import at.jobfair.refusal.Reason;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The forms of the schedule and the room page: hand an appointment to a colleague ({@code POST /bookings/{id}/handoff})
 * and ask a colleague into the call ({@code POST /bookings/{id}/meeting/invite}); both go back where they came from.
 * The page of who met the person ({@code GET /bookings/{id}/handoffs}), linked from the schedule, shows the booth's
 * own employer what the API's evidence holds.
 */
public final class HandoffPages {

  private final HandoffService handoffs;
  private final Pages pages;

  public HandoffPages(HandoffService handoffs, Pages pages) {
    this.handoffs = handoffs;
    this.pages = pages;
  }

  /** {@code GET /bookings/{id}/handoffs}: staff in the call, hand-offs and invitations, times in the configured zone. */
  public Future<?> evidencePage(RoutingContext ctx) {
    return handoffs.withBooking(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(ev -> {
      HandoffStore.Locked b = ev.booking();
      Map<String, Object> booking = new HashMap<>();
      booking.put("id", b.id());
      booking.put("boothId", b.boothId());
      booking.put("employer", b.employerName());
      booking.put("fair", b.fairName());
      booking.put("jobseeker", b.jobseekerName());
      booking.put("interviewer", b.interviewerName());
      booking.put("start", b.start().toString());
      booking.put("end", b.end().toString());
      booking.put("active", b.active());
      Map<String, Object> model = new HashMap<>();
      model.put("booking", booking);
      ev.items().forEach((k, list) -> model.put(k, texts(list)));
      pages.render(ctx, "handoff-evidence", model);
    });
  }

  /** Times as ISO text (the page's {@code time} and {@code day} helpers read them in the configured zone). */
  private static List<Map<String, Object>> texts(List<Map<String, Object>> rows) {
    return rows.stream().map(r -> {
      Map<String, Object> m = new HashMap<>();
      r.forEach((k, v) -> m.put(k, v instanceof Instant t ? t.toString() : v));
      return m;
    }).toList();
  }

  public Future<?> handOffForm(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    String back = Http.localPath(ctx.request().getFormAttribute("back"));
    return colleague(ctx)
        .compose(c -> handoffs.handOff(Sessions.user(ctx), id, c))
        .onSuccess(h -> Http.seeOther(ctx, Http.withNotice(back, "handedOff", String.valueOf(id)) + "#booking-" + id))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  public Future<?> inviteForm(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    String back = "/meetings/" + id;
    return colleague(ctx)
        .compose(c -> handoffs.invite(Sessions.user(ctx), id, c))
        .onSuccess(i -> Http.seeOther(ctx, back + "?invited=" + i.inviteeId()))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  private static Future<Long> colleague(RoutingContext ctx) {
    String v = ctx.request().getFormAttribute("colleague");
    if (v == null || !v.strip().matches("\\d{1,18}")) return Future.failedFuture(Reason.HANDOFF_COLLEAGUE_REQUIRED.refuse());
    return Future.succeededFuture(Long.parseLong(v.strip()));
  }
}
