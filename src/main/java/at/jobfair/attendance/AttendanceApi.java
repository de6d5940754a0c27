package at.jobfair.attendance;

import at.jobfair.attendance.AttendancePolicy.NextStep;
import at.jobfair.attendance.AttendancePolicy.Outcome;
import at.jobfair.attendance.AttendanceStore.Booking;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Check-in (the person), outcome (the booth's employer, organisers), sick notes and outages (staff), as API and forms. */
public final class AttendanceApi {

  private final AttendanceService attendance;

  private final at.jobfair.web.WallClock clock;

  public AttendanceApi(AttendanceService attendance, at.jobfair.web.WallClock clock) {
    this.attendance = attendance;
    this.clock = clock;
  }

  public Future<?> checkin(RoutingContext ctx) {
    return attendance.checkin(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(b -> Http.ok(ctx, json(b)));
  }

  /** PUT {@code {"outcome", "nextStep", "note"}}. */
  public Future<?> outcome(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    Outcome outcome = parse(Outcome.class, body.getValue("outcome"), Reason.OUTCOME_REQUIRED);
    NextStep next = parse(NextStep.class, body.getValue("nextStep"), Reason.NEXT_STEP_INVALID);
    return attendance.outcome(Sessions.user(ctx), Http.pathId(ctx, "id"), outcome, next, body.getString("note"))
        .onSuccess(b -> Http.ok(ctx, json(b)));
  }

  /** POST {@code {"note"}} (optional). */
  public Future<?> sickNote(RoutingContext ctx) {
    JsonObject body = Http.optionalBody(ctx);
    return attendance.sickNote(Sessions.user(ctx), Http.pathId(ctx, "id"), body.getString("note"))
        .onSuccess(b -> Http.created(ctx, json(b)));
  }

  /** POST {@code {"from", "to", "reason"}} with ISO instants. */
  public Future<?> outage(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    Instant from = instant(body.getValue("from"));
    Instant to = instant(body.getValue("to"));
    String reason = body.getString("reason");
    long fairId = Http.pathId(ctx, "id");
    return attendance.outage(Sessions.user(ctx), fairId, from, to, reason).onSuccess(id -> Http.created(ctx, new JsonObject()
        .put("id", id).put("fairId", fairId).put("from", from.toString()).put("to", to.toString()).put("reason", reason.strip())));
  }

  /** The check-in button on the person's appointments page. */
  public Future<?> checkinForm(RoutingContext ctx) {
    return attendance.checkin(Sessions.user(ctx), Http.pathId(ctx, "id"))
        .onSuccess(b -> Http.seeOther(ctx, "/me/appointments?checkedIn=" + b.id()))
        .recover(e -> Http.backWithError(ctx, e, "/me/appointments"));
  }

  /** The outcome form on a booth's schedule page. */
  public Future<?> outcomeForm(RoutingContext ctx) {
    var form = ctx.request();
    String back = Http.localPath(form.getFormAttribute("back"));
    Outcome outcome;
    NextStep next;
    try {
      outcome = parse(Outcome.class, form.getFormAttribute("outcome"), Reason.OUTCOME_REQUIRED);
      next = parse(NextStep.class, blankToNull(form.getFormAttribute("nextStep")), Reason.NEXT_STEP_INVALID);
    } catch (Refused e) {
      return Http.backWithError(ctx, e, back);
    }
    return attendance.outcome(Sessions.user(ctx), Http.pathId(ctx, "id"), outcome, next, form.getFormAttribute("note"))
        .onSuccess(b -> Http.seeOther(ctx, Http.withNotice(back, "outcome", String.valueOf(b.id()))))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  /** The sick-note form on the staff board: records the excuse for one appointment. */
  public Future<?> sickNoteForm(RoutingContext ctx) {
    String back = Http.localPath(ctx.request().getFormAttribute("back"));
    return attendance.sickNote(Sessions.user(ctx), Http.pathId(ctx, "id"), ctx.request().getFormAttribute("note"))
        .onSuccess(b -> Http.seeOther(ctx, Http.withNotice(back, "recorded", "sick_note")))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  /** The outage form on the staff board: a time span (wall-clock times in the configured zone) that excuses everyone. */
  public Future<?> outageForm(RoutingContext ctx) {
    long fairId = Http.pathId(ctx, "id");
    String back = "/staff/fairs/" + fairId + "/board";
    Instant from;
    Instant to;
    try {
      from = clock.start(localDateTime(ctx.request().getFormAttribute("from")), "from");
      to = clock.end(localDateTime(ctx.request().getFormAttribute("to")), "to");
    } catch (Refused e) {
      return Http.backWithError(ctx, e, back);
    }
    return attendance.outage(Sessions.user(ctx), fairId, from, to, ctx.request().getFormAttribute("reason"))
        .onSuccess(id -> Http.seeOther(ctx, Http.withNotice(back, "recorded", "outage")))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  private static java.time.LocalDateTime localDateTime(String value) {
    try {
      return java.time.LocalDateTime.parse(value == null ? "" : value.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw Reason.OUTAGE_TIME_INVALID.refuse();
    }
  }

  static JsonObject json(Booking b) {
    var f = b.facts();
    return new JsonObject().put("bookingId", b.id()).put("checkedInAt", f.checkedInAt() == null ? null : f.checkedInAt().toString())
        .put("outcome", f.outcome() == null ? null : f.outcome().name());
  }

  static <E extends Enum<E>> E parse(Class<E> type, Object value, Reason code) {
    if (value == null) {
      if (code.equals(Reason.OUTCOME_REQUIRED)) throw code.refuse();
      return null;
    }
    if (!(value instanceof String s)) throw code.refuse();
    try {
      return Enum.valueOf(type, s);
    } catch (IllegalArgumentException e) {
      throw (code.equals(Reason.OUTCOME_REQUIRED) ? Reason.OUTCOME_INVALID : code).refuse();
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static Instant instant(Object value) {
    if (value == null) return null;
    try {
      return Instant.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw Reason.OUTAGE_TIMES_REQUIRED.refuse();
    }
  }
}
