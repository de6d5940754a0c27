package at.jobfair.booking;

import at.jobfair.access.Relations;
import at.jobfair.access.StaffAccess;
import at.jobfair.booking.BookingPolicy.Actor;
import at.jobfair.booking.BookingStore.View;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.mail.MailSender;
import at.jobfair.mail.Outbox;
import at.jobfair.profile.ScreeningPolicy;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Booking, cancelling and rebooking appointment slots. */
public final class BookingService {

  public static final int ALTERNATIVES = 5;
  private final Pool pool;
  private final Relations relations;
  private final BookingStore store;
  private final Clock clock;
  private final Outbox outbox;
  private final MailSender mailSender;
  private final BookingMails mails;
  private final BookingCounts counts;
  private final Duration undo;
  private final List<Duration> reminders;

  public BookingService(Pool pool, BookingStore store, Clock clock, Outbox outbox, MailSender mailSender, BookingMails mails,
                        MeterRegistry metrics, Relations relations, Duration undo, List<Duration> reminders) {
    this.pool = pool;
    this.reminders = List.copyOf(reminders);
    this.undo = undo;
    this.relations = relations;
    this.store = store;
    this.clock = clock;
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.mails = mails;
    this.counts = new BookingCounts(metrics);
  }

  /** The time by the booking rules' clock (pages ask it too, so that a page and a refusal agree). */
  public java.time.Instant now() {
    return clock.instant();
  }

  /** The person's bookings, newest first. */
  public Future<List<View>> ofJobseeker(long jobseekerId) {
    return store.ofJobseeker(jobseekerId);
  }

  /** A person's active bookings at one booth. */
  public Future<List<View>> activeAtBooth(long jobseekerId, long boothId) {
    return store.activeAtBooth(jobseekerId, boothId);
  }

  /** The bookings of a booth (for its staff: the caller checked {@link #staffsBooth}). */
  public Future<List<View>> ofBooth(long boothId) {
    return store.ofBooth(boothId);
  }

  /** A booking's calendar entry (the one its mails attach). */
  public BookingCalendar calendar() {
    return mails.calendar();
  }


  /**
   * A jobseeker books a seat. Its source and legal basis come from their open invitation (see
   * the database's {@code booking_invitation}); without one it is their own initiative (voluntary).
   */
  public Future<View> book(Account jobseeker, long slotId) {
    return book(jobseeker, slotId, null);
  }

  /**
   * As {@link #book(Account, long)}, answering the booth's pre-screening questions ({@code [{"questionId", "text"}]},
   * see profile/ScreeningPolicy): a required one left unanswered refuses the booking (400) before anything is written;
   * the answers are written by the booking statement itself.
   */
  public Future<View> book(Account jobseeker, long slotId, JsonArray answers) {
    return place(pool, jobseeker.id(), slotId, null, answers == null ? new JsonArray() : answers)
        .onSuccess(b -> mailSender.wake())
        .recover(BookingService::backstop)
        // The node's warm-up tries as an account no person has (id 0): its refusals are not people's, so not counted.
        .andThen(decided -> {
          if (jobseeker.id() > 0) counts.count(decided);
        });
  }

  /** Cancels the person's booking and books another slot, both or neither (a move to another booth without answers). */
  public Future<View> rebook(Account jobseeker, long bookingId, long newSlotId) {
    return rebook(jobseeker, bookingId, newSlotId, null);
  }

  /**
   * Cancels the person's booking and books another slot, both or neither. A move within the booth keeps the answers
   * given there and asks nothing; a move to another booth asks that booth's questions as booking does ({@code answers}
   * as for {@link #book(Account, long, JsonArray)}): a required one left unanswered refuses the move and the whole
   * transaction, the old booking's cancellation with it, is rolled back; the answers are written by the booking statement.
   */
  public Future<View> rebook(Account jobseeker, long bookingId, long newSlotId, JsonArray answers) {
    return pool.withTransaction(tx -> store.findForUpdate(tx, bookingId).compose(old -> {
          Reason refusal = old == null ? Reason.BOOKING_NOT_FOUND : BookingPolicy.cancel(Actor.JOBSEEKER, facts(old, jobseeker), null, clock.instant());
          if (refusal != null) return Future.failedFuture(refusal(refusal));
          // A move, not a cancellation: the old booking's mail says where it moved to, the new one's that it was moved.
          return store.cancel(tx, bookingId, jobseeker.id(), "JOBSEEKER", null)
              .compose(v -> store.find(tx, bookingId))
              .compose(from -> place(tx, jobseeker.id(), newSlotId, from, answers == null ? new JsonArray() : answers)
                  .compose(to -> store.copyAnswers(tx, from.id(), to.id()).map(to))
                  .compose(to -> outbox.enqueue(tx, mails.movedAway(from, to)).map(to)));
        }))
        .onSuccess(b -> mailSender.wake())
        .recover(BookingService::backstop)
        .andThen(counts::count);
  }

  /** Cancels a booking as the jobseeker (until the cutoff), the booth's employer or an organiser (with a reason). */
  public Future<View> cancel(Account actor, long bookingId, String reason) {
    String cleanReason = reason == null || reason.isBlank() ? null : reason.strip();
    return pool.withTransaction(tx -> store.findForUpdate(tx, bookingId).compose(b -> {
      if (b == null) return Future.failedFuture(Reason.BOOKING_NOT_FOUND.refuse());
      Actor as = actorFor(actor, b);
      Reason refusal = as == null ? Reason.BOOKING_NOT_FOUND : BookingPolicy.cancel(as, facts(b, actor), cleanReason, clock.instant());
      if (refusal != null) return Future.failedFuture(refusal(refusal));
      return cancelIn(tx, bookingId, actor.id(), as.name(), cleanReason);
    })).onSuccess(b -> mailSender.wake());
  }

  /** How long after cancelling the person may undo it (bookings.undoMinutes); zero: never. */
  public Duration undoWindow() {
    return undo;
  }

  /** Until when the person may undo this cancellation of theirs, or null when they may not (any more). */
  public java.time.Instant undoUntil(View b) {
    View.History h = b.history();
    if (b.active() || h.cancelledAs() != View.CancelledAs.JOBSEEKER || h.cancelledAt() == null || undo.isZero()) return null;
    java.time.Instant until = h.cancelledAt().plus(undo);
    return until.isAfter(clock.instant()) ? until : null;
  }

  /**
   * Undoes the person's own cancellation within {@link #undoWindow}: the same booking becomes active again on the same
   * seat, if the seat is still free. The slot's row is locked first, as the booking statement locks it, so that the
   * undoer and someone booking the freed seat at once are served one after the other and exactly one gets it
   * (slot.booked's CHECK stays the last word). An active booking of theirs is answered as it is (a second tap).
   */
  public Future<View> restore(Account jobseeker, long bookingId) {
    return pool.withTransaction(tx -> store.findForUpdate(tx, bookingId).compose(b -> {
          if (b == null || b.jobseeker().id() != jobseeker.id() || !jobseeker.has(Role.JOBSEEKER)) {
            return Future.failedFuture(Reason.BOOKING_NOT_FOUND.refuse());
          }
          if (b.active()) return Future.succeededFuture(b);
          if (undoUntil(b) == null) return Future.failedFuture(Reason.UNDO_CLOSED.refuse());
          return store.lockSlotIfBookable(tx, b.slot().id()).compose(free -> {
            if (!free) return store.prepare(tx, jobseeker.id(), b.slot().id(), ALTERNATIVES, clock.instant())
                .compose(p -> Future.<View>failedFuture(undoTaken(p)));
            return store.restore(tx, bookingId).compose(v -> store.find(tx, bookingId))
                .compose(restored -> outbox.enqueue(tx, mails.restored(restored)).map(restored));
          });
        }))
        .onSuccess(b -> mailSender.wake())
        .recover(BookingService::backstop);
  }

  /** The seat of an undone cancellation is gone (or the slot closed): the booth's free slots instead. */
  private static Refused undoTaken(BookingStore.Prepared p) {
    JsonArray alternatives = new JsonArray();
    if (p != null) p.alternatives().forEach(a -> alternatives.add(new JsonObject().put("slotId", a.slotId())
        .put("start", a.start().toString()).put("end", a.end().toString()).put("free", a.free())));
    return Reason.UNDO_SEAT_TAKEN.refuseWith(new JsonObject().put("alternatives", alternatives));
  }

  /** The counsellor (caseworker) of a jobseeker as the person may see them: name and email; null when none is assigned. */
  public Future<BookingStore.Counsellor> counsellor(long jobseekerId) {
    return store.counsellor(jobseekerId);
  }

  /** The legal basis (code, version) a booking was made under, or null (voluntary, or from before the catalogue). */
  /** The fair's format and region and the invitation's vacancy of a booking (its printable confirmation). */
  public Future<BookingStore.Setting> setting(long bookingId) {
    return store.setting(bookingId);
  }

  /** How long before an appointment its reminders go out ({@code reminders.offsetsMinutes}), largest first. */
  public List<Duration> reminders() {
    return reminders;
  }

  public Future<BookingStore.BasisRef> basis(long bookingId) {
    return store.basis(bookingId);
  }

  /**
   * Removes a slot from a booth's schedule. Its bookings are cancelled with the reason given (required when
   * there are any), in the same transaction.
   */
  public Future<List<View>> removeSlot(Account actor, long slotId, String reason) {
    String cleanReason = reason == null || reason.isBlank() ? null : reason.strip();
    return pool.withTransaction(tx -> store.slotBooth(tx, slotId)
        .compose(boothId -> boothId == null ? Future.<Long>failedFuture(Reason.SLOT_NOT_FOUND.refuse()) : store.boothEmployer(tx, boothId))
        .compose(employerId -> {
          boolean organiser = actor.has(Role.ORGANIZER);
          if (!organiser && !actor.worksFor(employerId)) {
            return Future.failedFuture(Reason.SLOT_NOT_FOUND.refuse());
          }
          return store.activeOfSlotForUpdate(tx, slotId).compose(active -> {
            if (!active.isEmpty() && !BookingPolicy.reasonGiven(cleanReason)) return Future.failedFuture(refusal(Reason.REASON_REQUIRED));
            Future<Void> chain = Future.succeededFuture();
            for (View b : active) {
              chain = chain.compose(v -> cancelIn(tx, b.id(), actor.id(), organiser ? "STAFF" : "EMPLOYER", cleanReason).mapEmpty());
            }
            return chain.compose(v -> store.removeSlot(tx, slotId)).compose(removed -> removed
                ? Future.succeededFuture(active) : Future.failedFuture(Reason.SLOT_NOT_FOUND.refuse()));
          });
        })).onSuccess(list -> mailSender.wake());
  }

  /**
   * A booking as its reader may see it: the person, the booth's representatives, the staff who run fairs and booths
   * (organisers, SfU), and other staff who may read the person's record (Relations: the caseworker or their deputy, a
   * station or the sanction check the person was at, the municipality of a minimum-income recipient); for anyone else
   * (a training provider or an SfA without a relation) there is none.
   */
  public Future<View> visible(Account actor, long bookingId) {
    return store.find(pool, bookingId).compose(b -> {
      if (b == null) return Future.failedFuture(Reason.BOOKING_NOT_FOUND.refuse());
      if (actorFor(actor, b) != null || actor.has(Role.ORGANIZER) || actor.has(Role.SFU)) return Future.succeededFuture(b);
      return relations.of(actor, b.jobseeker().id()).compose(rel -> StaffAccess.may(rel, StaffAccess.Data.RECORD, StaffAccess.Mode.READ)
          ? Future.succeededFuture(b) : Future.failedFuture(Reason.BOOKING_NOT_FOUND.refuse()));
    });
  }

  /**
   * Whether the account may see a booth's bookings with names (its schedule, and the live {@code booth-staff} topic):
   * its employer's representatives, organisers and the SfU who look after employers; no other staff.
   */
  public Future<Boolean> staffsBooth(Account actor, long boothId) {
    if (actor.has(Role.ORGANIZER) || actor.has(Role.SFU)) return store.boothEmployer(pool, boothId).map(e -> e != null);
    if (!actor.has(Role.EMPLOYER)) return Future.succeededFuture(false);
    return store.boothEmployer(pool, boothId).map(e -> e != null && actor.worksFor(e));
  }

  /**
   * A walk-up appointment with the booth from now, in the caller's transaction (the walk-up queue's "next"): a
   * booking like any other, so the meeting room, its lobby and evidence, the check-in and the schedule all apply.
   */
  public Future<Long> walkUp(SqlClient tx, long boothId, long jobseekerId, int minutes) {
    return store.walkUp(tx, boothId, jobseekerId, minutes);
  }

  /** The whole booking of a seat inside the caller's transaction (a {@link BookingRehearsal}, which rolls it back). */
  Future<View> placeIn(SqlClient tx, long jobseekerId, long slotId) {
    return place(tx, jobseekerId, slotId, null, null);
  }

  /**
   * Books a seat: reads and renders everything first, then books and queues the confirmation in one statement,
   * so that the slot is locked only while that statement runs. A refusal is explained from the same read, in the
   * same transaction when there is one. A booking being moved ({@code moved}) keeps its source, legal basis and
   * invitation, and its confirmation says it was moved. {@code answers}: the person's answers to the booth's questions,
   * checked against the questions the same read found; not asked for a move within the same booth (it keeps the
   * answers given there) nor with {@code null} (the warm-up's rehearsal). A move to another booth is asked them.
   */
  private Future<View> place(SqlClient c, long jobseekerId, long slotId, View moved, JsonArray answers) {
    return store.prepare(c, jobseekerId, slotId, ALTERNATIVES, clock.instant()).compose(p -> {
      if (p == null) return Future.failedFuture(Reason.SLOT_NOT_FOUND.refuse());
      if (!BookingPolicy.bookable(p.facts())) return Future.failedFuture(refusal(p));
      boolean withinBooth = moved != null && moved.booth().id() == p.booking().booth().id();
      List<ScreeningPolicy.Answer> given = answers == null || withinBooth ? List.of() : ScreeningPolicy.answers(p.questions(), answers);
      View b = moved == null ? p.booking() : p.booking().withOrigin(moved.origin());
      return store.book(c, b, outbox.row(moved == null ? mails.confirmed(b) : mails.moved(moved, b)), given).compose(booked -> booked != null ? Future.succeededFuture(booked)
          // Someone was quicker between the read and the statement: read again to say what happened.
          : store.prepare(c, jobseekerId, slotId, ALTERNATIVES, clock.instant())
              .compose(again -> Future.failedFuture(again == null ? Reason.SLOT_NOT_FOUND.refuse() : refusal(again))));
    });
  }

  /** The answer for a refused booking; a taken seat names the free slots left at the booth. */
  private static Refused refusal(BookingStore.Prepared p) {
    Reason reason = BookingPolicy.refusal(p.facts());
    if (reason != Reason.SLOT_TAKEN) return reason.refuse();
    JsonArray alternatives = new JsonArray();
    p.alternatives().forEach(a -> alternatives.add(new JsonObject().put("slotId", a.slotId()).put("start", a.start().toString())
        .put("end", a.end().toString()).put("free", a.free())));
    return Reason.SLOT_TAKEN.refuseWith(new JsonObject().put("alternatives", alternatives));
  }

  /** Cancels inside the caller's transaction and queues the cancellation mail (with the updated calendar entry). */
  private Future<View> cancelIn(SqlClient tx, long bookingId, long actorId, String actorRole, String reason) {
    return store.cancel(tx, bookingId, actorId, actorRole, reason)
        .compose(v -> store.find(tx, bookingId))
        .compose(b -> outbox.enqueue(tx, mails.cancelled(b)).map(b));
  }

  /** The constraint errors, should anything get past the booking statement: the schema's last word, explained. */
  private static <T> Future<T> backstop(Throwable e) {
    if (e instanceof PgException pg) {
      switch (pg.getSqlState()) {
        case "23514": return Future.failedFuture(Reason.SLOT_TAKEN.refuseWith(new JsonObject().put("alternatives", new JsonArray())));
        case "23P01": return Future.failedFuture(Reason.OVERLAPPING_BOOKING.refuse());
        case "23505": return Future.failedFuture(Reason.ALREADY_BOOKED_AT_BOOTH.refuse());
        default: break;
      }
    }
    return Future.failedFuture(e);
  }

  private static Actor actorFor(Account actor, View b) {
    if (actor.has(Role.JOBSEEKER) && actor.id() == b.jobseeker().id()) return Actor.JOBSEEKER;
    if (actor.worksFor(b.booth().employerId())) return Actor.EMPLOYER;
    if (actor.has(Role.ORGANIZER)) return Actor.STAFF;
    return null;
  }

  private static BookingPolicy.Facts facts(View b, Account actor) {
    return new BookingPolicy.Facts(b.status(), actor.id() == b.jobseeker().id(),
        actor.worksFor(b.booth().employerId()), b.slot().start(), Duration.ofMinutes(b.slot().cutoffMinutes()));
  }

  /** A refusal of the booking rules; "a reason is required" names the shortest reason taken. */
  private static Refused refusal(Reason reason) {
    return reason == Reason.REASON_REQUIRED ? reason.refuse(BookingPolicy.MIN_REASON) : reason.refuse();
  }
}
