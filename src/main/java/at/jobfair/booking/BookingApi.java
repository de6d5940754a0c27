package at.jobfair.booking;

import at.jobfair.booking.BookingStore.View;
import at.jobfair.identity.Account;
import at.jobfair.refusal.Reason;
import at.jobfair.web.Http;
import at.jobfair.web.Messages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;

/** The booking API: book, list, cancel, rebook, calendar files, a booth's bookings, removing slots. */
public final class BookingApi {

  private final BookingService bookings;
  private final BookingCalendar calendar;

  public BookingApi(BookingService bookings, BookingCalendar calendar) {
    this.bookings = bookings;
    this.calendar = calendar;
  }

  public Future<?> book(RoutingContext ctx) {
    long slotId = Http.pathId(ctx, "id");
    return bookings.book(Sessions.user(ctx), slotId, Http.optionalBody(ctx).getJsonArray("answers"))
        .onSuccess(b -> Http.created(ctx, json(b, false)));
  }

  public Future<?> mine(RoutingContext ctx) {
    return bookings.ofJobseeker(Sessions.user(ctx).id()).onSuccess(list -> Http.ok(ctx, array(list, false)));
  }

  public Future<?> one(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    return bookings.visible(user, Http.pathId(ctx, "id")).onSuccess(b -> Http.ok(ctx, json(b, user.id() != b.jobseeker().id())));
  }

  /** DELETE with an optional body {@code {"reason": "..."}}: required for employers and staff. */
  public Future<?> cancel(RoutingContext ctx) {
    String reason = Http.optionalBody(ctx).getString("reason");
    Account user = Sessions.user(ctx);
    return bookings.cancel(user, Http.pathId(ctx, "id"), reason)
        .onSuccess(b -> Http.ok(ctx, json(b, user.id() != b.jobseeker().id())));
  }

  public Future<?> rebook(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    // Moving to another booth answers its questions as booking does (the same "answers"; within the booth none).
    return bookings.rebook(Sessions.user(ctx), Http.pathId(ctx, "id"), body.getNumber("slotId").longValue(), body.getJsonArray("answers"))
        .onSuccess(b -> Http.created(ctx, json(b, false)));
  }

  /** Undoes the caller's own cancellation while the undo window lasts. */
  public Future<?> restore(RoutingContext ctx) {
    return bookings.restore(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(b -> Http.ok(ctx, json(b, false)));
  }

  public Future<?> ics(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    return bookings.visible(user, Http.pathId(ctx, "id")).onSuccess(b -> ctx.response()
        .putHeader("Content-Type", "text/calendar; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"termin-" + b.id() + ".ics\"")
        .putHeader("Cache-Control", "no-store")
        .end(calendar.ics(b, Messages.Lang.parse(user.language()) == null ? Messages.Lang.DE : Messages.Lang.parse(user.language()),
            Instant.now())));
  }

  public Future<?> ofBooth(RoutingContext ctx) {
    long boothId = Http.pathId(ctx, "id");
    return bookings.staffsBooth(Sessions.user(ctx), boothId).compose(ok -> {
      if (!ok) return Future.failedFuture(Reason.BOOTH_NOT_FOUND.refuse());
      return bookings.ofBooth(boothId).onSuccess(list -> Http.ok(ctx, array(list, true)));
    });
  }

  /** DELETE a slot with {@code {"reason"}}; its bookings are cancelled with that reason. */
  public Future<?> removeSlot(RoutingContext ctx) {
    String reason = Http.optionalBody(ctx).getString("reason");
    return bookings.removeSlot(Sessions.user(ctx), Http.pathId(ctx, "id"), reason)
        .onSuccess(cancelled -> Http.ok(ctx, new JsonObject().put("removed", true).put("cancelledBookings", cancelled.size())));
  }

  /** A booking as JSON; the jobseeker's name only for the booth's staff. */
  public static JsonObject json(View b, boolean withPerson) {
    View.History h = b.history();
    JsonObject o = new JsonObject().put("id", b.id()).put("status", b.status().db()).put("source", b.origin().source().db())
        .put("legalBasis", b.origin().legalBasis().name()).put("invitationId", b.origin().invitationId())
        .put("confirmedAt", h.confirmedAt() == null ? null : h.confirmedAt().toString()).put("slotId", b.slot().id())
        .put("start", b.slot().start().toString()).put("end", b.slot().end().toString())
        .put("boothId", b.booth().id()).put("employer", new JsonObject().put("id", b.booth().employerId()).put("name", b.booth().employerName()))
        .put("fair", new JsonObject().put("id", b.booth().fairId()).put("name", b.booth().fairName()))
        .put("createdAt", h.createdAt().toString())
        .put("cancelledAt", h.cancelledAt() == null ? null : h.cancelledAt().toString())
        .put("cancelledBy", name(h.cancelledAs())).put("cancelReason", h.cancelReason())
        .put("ics", "/api/bookings/" + b.id() + "/ics")
        .put("checkedInAt", b.attendance().checkedInAt() == null ? null : b.attendance().checkedInAt().toString());
    if (withPerson) {
      o.put("jobseeker", new JsonObject().put("id", b.jobseeker().id()).put("name", b.jobseeker().name()));
      // The employer's statement, for the booth's staff (never excuses: those are staff-only).
      o.put("outcome", name(b.attendance().outcome())).put("nextStep", name(b.attendance().nextStep()))
          .put("outcomeNote", b.attendance().note());
    }
    return o;
  }

  /** A typed value as the contract spells it (its constant's name), or null. */
  static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  private static JsonArray array(java.util.List<View> list, boolean withPerson) {
    JsonArray out = new JsonArray();
    list.forEach(b -> out.add(json(b, withPerson)));
    return out;
  }
}
