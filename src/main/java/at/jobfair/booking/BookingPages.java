package at.jobfair.booking;

import at.jobfair.booking.BookingStore.View;
import at.jobfair.catalog.CatalogService;
import at.jobfair.identity.Account;
import at.jobfair.meeting.JoinWindow;
import at.jobfair.meeting.MeetingService;
import at.jobfair.meeting.MeetingStore;
import at.jobfair.profile.ProfileService;
import at.jobfair.profile.ScreeningPolicy;
import at.jobfair.refusal.Reason;
import at.jobfair.web.Http;
import at.jobfair.web.Messages;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The booking pages: a jobseeker's appointments, the booking forms, and a booth's live schedule for its staff. */
public final class BookingPages {

  private final BookingService bookings;
  private final CatalogService catalog;
  private final Pages pages;
  private final MeetingService meetings;
  private final at.jobfair.legal.Catalogue legal;
  private Waitlists waitlists = Waitlists.NONE;

  /**
   * The waitlist's parts of the booking pages (the waitlist feature sits above booking; the composition root fills
   * this): a person's places and offers for their appointments page, a booth's line for its schedule.
   */
  public interface Waitlists {
    Waitlists NONE = new Waitlists() {
      @Override
      public Future<List<Map<String, Object>>> places(long jobseekerId) {
        return Future.succeededFuture(List.of());
      }

      @Override
      public Future<Map<String, Object>> line(long boothId) {
        return Future.succeededFuture(null);
      }
    };

    Future<List<Map<String, Object>>> places(long jobseekerId);

    Future<Map<String, Object>> line(long boothId);
  }

  /** Shows the waitlist on these pages. */
  public BookingPages waitlists(Waitlists waitlists) {
    this.waitlists = waitlists;
    return this;
  }

  /** The booth's walk-up queue as its staff's panel on the schedule (the queue feature answers; null for none). */
  public interface QueuePanel {
    Future<Map<String, Object>> of(Account user, long boothId);
  }

  private QueuePanel queue = (user, boothId) -> Future.succeededFuture(null);

  /** The schedule shows the booth's walk-up queue through this (set by the composition root). */
  public BookingPages withQueue(QueuePanel queue) {
    this.queue = queue;
    return this;
  }
  private final ProfileService profiles;

  private final at.jobfair.handoff.HandoffService handoffs;

  /** With hand-offs (null: none): who interviews is shown, and the schedule offers handing an appointment to a colleague. */
  public BookingPages(BookingService bookings, CatalogService catalog, Pages pages, MeetingService meetings,
                      at.jobfair.legal.Catalogue legal, ProfileService profiles, at.jobfair.handoff.HandoffService handoffs) {
    this.handoffs = handoffs;
    this.bookings = bookings;
    this.profiles = profiles;
    this.legal = legal;
    this.catalog = catalog;
    this.pages = pages;
    this.meetings = meetings;
  }

  /** The video interview's link within its join window, or when it opens (for a countdown). */
  private void meeting(Map<String, Object> m, View b, java.time.Instant now) {
    if (!b.active()) return;
    JoinWindow.Result w = JoinWindow.open(b.slot().start(), b.slot().end(), meetings.config().joinBefore(), now);
    m.put("meetingOpen", w.state() == JoinWindow.State.OPEN);
    if (w.state() == JoinWindow.State.TOO_EARLY) m.put("meetingOpensAt", w.opensAt());
  }

  /** Booth phone numbers for the phone fallback: only for appointments still ahead or under way. */
  private Future<Map<Long, String>> phones(List<View> list, java.time.Instant now) {
    List<Long> booths = list.stream().filter(b -> b.active() && now.isBefore(b.slot().end())).map(b -> b.booth().id()).distinct().toList();
    return meetings.boothPhones(booths);
  }

  public Future<?> myAppointments(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    java.time.Instant now = bookings.now();
    Future<BookingStore.Counsellor> counsellor = bookings.counsellor(user.id());
    Future<List<Map<String, Object>>> places = waitlists.places(user.id());
    return bookings.ofJobseeker(user.id()).compose(list -> Future.all(phones(list, now), counsellor, interviewers(list), places).onSuccess(all -> {
      Map<Long, String> phones = all.resultAt(0);
      Map<Long, at.jobfair.handoff.HandoffStore.Colleague> interviewers = all.resultAt(2);
      Map<String, Object> model = notices(ctx);
      model.put("waitlist", places.result());
      model.put("counsellor", BookingStore.Counsellor.model(counsellor.result()));
      String cancelledNow = ctx.request().getParam("cancelled");
      List<Map<String, Object>> upcoming = new ArrayList<>();
      List<Map<String, Object>> cancelled = new ArrayList<>();
      // A move cancels the old booking and makes the new one in one transaction: the same moment (now()) for both.
      Map<java.time.Instant, View> madeAt = new java.util.HashMap<>();
      for (View b : list) madeAt.put(b.history().createdAt(), b);
      for (View b : list) {
        Map<String, Object> m = view(b);
        m.put("changeable", b.active() && BookingPolicy.open(b.slot().start(), java.time.Duration.ofMinutes(b.slot().cutoffMinutes()), now));
        m.put("checkinOpen", b.active() && b.attendance().checkedInAt() == null
            && at.jobfair.attendance.AttendancePolicy.checkinOpen(b.slot().start(), b.slot().end(), now));
        View.CancelledAs by = b.history().cancelledAs();
        m.put("byEmployer", by == View.CancelledAs.EMPLOYER || by == View.CancelledAs.STAFF);
        View movedTo = movedTo(b, madeAt);
        if (movedTo != null) {
          m.put("movedTo", Map.of("start", movedTo.slot().start(), "end", movedTo.slot().end(), "employerName", movedTo.booth().employerName()));
        }
        meeting(m, b, now);
        if (interviewers.containsKey(b.id())) m.put("interviewer", interviewers.get(b.id()).name());
        if (b.active() && now.isBefore(b.slot().end())) m.put("phone", phones.get(b.booth().id()));
        java.time.Instant undoUntil = bookings.undoUntil(b);
        if (undoUntil != null) {
          m.put("undoUntil", undoUntil);
          // Just cancelled: the notice at the top offers the undo where the person looks.
          if (String.valueOf(b.id()).equals(cancelledNow)) {
            model.put("undo", m);
            m.put("undoAbove", true);
          }
        }
        (b.active() ? upcoming : cancelled).add(m);
      }
      model.put("upcoming", upcoming);
      model.put("cancelled", cancelled);
      model.put("userId", user.id());
      pages.render(ctx, "appointments", model);
    }));
  }

  /**
   * Where the questions page posts and what its button says ({@code submitKey}, a text key), and what else the page
   * tells ({@code extra}: {@code moving}, the booking being moved; {@code holdUntil}, until when a waitlist seat is
   * held; {@code back}, where the step's form goes back to).
   */
  public record ScreeningForm(String action, String submitKey, Map<String, Object> extra) {
  }

  /** Books the slot chosen on the booth's page, asking the booth's pre-screening questions first (see {@link #screened}). */
  public Future<?> bookForm(RoutingContext ctx) {
    long slotId = formId(ctx, "slotId");
    String booth = ctx.request().getFormAttribute("boothId");
    String back = "/booths/" + (booth != null && booth.matches("\\d{1,18}") ? booth : "0");
    Account user = Sessions.user(ctx);
    return screened(ctx, slotId, true, new ScreeningForm("/bookings", "booth.book", Map.of()),
        answers -> answers == null ? bookings.book(user, slotId) : bookings.book(user, slotId, answers), back);
  }

  /**
   * Takes a seat by a step that asks the booth's pre-screening questions: booking, moving to another booth, taking a
   * seat the waitlist holds. When the booth asks some, the first post shows them (a page of its own, so it works without
   * JavaScript) and the second, with {@code screening=1}, takes the step with the answers; a required question left
   * empty (or an answer too long) shows the page again with the answers typed so far, and the step wrote nothing.
   * {@code asks} false: the step asks nothing (a move within the booth keeps its answers); {@code take} gets null when
   * no question was shown. Done: the appointments page with the booking.
   */
  public Future<?> screened(RoutingContext ctx, long slotId, boolean asks, ScreeningForm form,
                            java.util.function.Function<io.vertx.core.json.JsonArray, Future<View>> take, String back) {
    boolean answering = "1".equals(ctx.request().getFormAttribute("screening"));
    Future<List<ScreeningPolicy.Question>> asked = asks ? profiles.questionsOfSlot(slotId) : Future.succeededFuture(List.of());
    return asked.compose(questions -> {
      if (!questions.isEmpty() && !answering) {
        return profiles.slot(slotId).onSuccess(slot -> questionsPage(ctx, 200, slot, questions, null, form)).mapEmpty();
      }
      return take.apply(questions.isEmpty() ? null : answers(ctx, questions))
          .onSuccess(b -> Http.seeOther(ctx, "/me/appointments?booked=" + b.id())).mapEmpty()
          .recover(e -> {
            if (e instanceof at.jobfair.refusal.Refused r && (r.reason() == Reason.ANSWER_REQUIRED || r.reason() == Reason.ANSWER_TOO_LONG)) {
              // Asked (again) with the booth's questions as they are now: it may have added one since the page was shown.
              String error = pages.messages().get(Http.lang(ctx), "error." + r.code(), r.args());
              return profiles.questionsOfSlot(slotId).compose(now -> profiles.slot(slotId)
                  .onSuccess(slot -> questionsPage(ctx, 400, slot, now, error, form))).mapEmpty();
            }
            return Http.backWithError(ctx, e, back);
          });
    });
  }

  /** The answers typed into the questions page, as the API takes them. */
  private static io.vertx.core.json.JsonArray answers(RoutingContext ctx, List<ScreeningPolicy.Question> questions) {
    io.vertx.core.json.JsonArray answers = new io.vertx.core.json.JsonArray();
    for (ScreeningPolicy.Question q : questions) {
      String text = ctx.request().getFormAttribute("answer-" + q.id());
      answers.add(new JsonObject().put("questionId", q.id()).put("text", text == null ? "" : text));
    }
    return answers;
  }

  /** The booth's questions before taking a seat, with what was typed (after a refusal) and its error. */
  private void questionsPage(RoutingContext ctx, int status, JsonObject slot, List<ScreeningPolicy.Question> questions, String error,
                             ScreeningForm form) {
    if (slot == null) throw Reason.SLOT_NOT_FOUND.refuse();
    List<Map<String, Object>> list = new ArrayList<>();
    String lastVacancy = null;
    for (ScreeningPolicy.Question q : questions) {
      Map<String, Object> m = new HashMap<>();
      m.put("id", q.id());
      m.put("text", q.text());
      m.put("required", q.required());
      if (!q.vacancy().equals(lastVacancy)) m.put("vacancy", q.vacancy());
      lastVacancy = q.vacancy();
      m.put("typed", ctx.request().getFormAttribute("answer-" + q.id()));
      list.add(m);
    }
    Map<String, Object> model = new HashMap<>(form.extra());
    model.put("slot", slot);
    model.put("questions", list);
    model.put("action", form.action());
    model.put("submit", pages.messages().get(Http.lang(ctx), form.submitKey()));
    if (error != null) model.put("error", error);
    pages.render(ctx, status, "booking-questions", model);
  }

  /**
   * Moves the person's booking to the slot chosen. A slot of another booth asks that booth's pre-screening questions
   * first, as booking does (the same page, its button "move"); within the booth nothing is asked: the answers move along.
   */
  public Future<?> rebookForm(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    long bookingId = Http.pathId(ctx, "id");
    long slotId = formId(ctx, "slotId");
    String booth = ctx.request().getFormAttribute("boothId");
    String back = "/booths/" + (booth != null && booth.matches("\\d{1,18}") ? booth : "0") + "?rebook=" + bookingId;
    // Not the person's booking, or no such slot: nothing to ask, the move itself refuses.
    Future<View> moving = bookings.visible(user, bookingId).otherwise((View) null);
    Future<JsonObject> target = profiles.slot(slotId);
    return Future.all(moving, target).compose(all -> {
      View from = moving.result();
      JsonObject slot = target.result();
      boolean otherBooth = from != null && from.jobseeker().id() == user.id() && slot != null
          && slot.getLong("boothId") != from.booth().id();
      Map<String, Object> extra = otherBooth ? Map.of("moving", view(from)) : Map.of();
      return screened(ctx, slotId, otherBooth, new ScreeningForm("/bookings/" + bookingId + "/rebook", "booth.rebook", extra),
          answers -> bookings.rebook(user, bookingId, slotId, answers), back);
    });
  }

  /**
   * The confirmation before a jobseeker cancels (a page, so it works without JavaScript): what is cancelled, and for an
   * appointment with an obligation what cancelling it means (the legal basis's own text where the catalogue has it).
   */
  public Future<?> cancelPage(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    long id = Http.pathId(ctx, "id");
    Messages.Lang lang = Http.lang(ctx);
    return bookings.visible(user, id).compose(b -> {
      if (b.jobseeker().id() != user.id()) return Future.failedFuture(Reason.BOOKING_NOT_FOUND.refuse());
      Future<BookingStore.BasisRef> basis = bookings.basis(id);
      Future<BookingStore.Counsellor> counsellor = bookings.counsellor(user.id());
      return Future.all(basis, counsellor).onSuccess(all -> {
        Map<String, Object> model = new HashMap<>();
        Map<String, Object> m = view(b);
        model.put("booking", m);
        model.put("active", b.active());
        model.put("changeable", b.active() && BookingPolicy.open(b.slot().start(),
            java.time.Duration.ofMinutes(b.slot().cutoffMinutes()), bookings.now()));
        at.jobfair.legal.Obligation obligation = b.origin().legalBasis();
        model.put("binding", obligation == at.jobfair.legal.Obligation.BINDING);
        model.put("control", obligation == at.jobfair.legal.Obligation.CONTROL);
        // The notice of legal consequences says what not booking or not coming means, in the law's own words.
        consequence(model, obligation, basis.result(), lang);
        long undoMinutes = bookings.undoWindow().toMinutes();
        if (undoMinutes > 0) model.put("undoMinutes", undoMinutes);
        model.put("counsellor", BookingStore.Counsellor.model(counsellor.result()));
        pages.render(ctx, "appointment-cancel", model);
      });
    });
  }

  /**
   * A booking's confirmation to keep or print, with what happens next: who, what, when, where, the legal basis and what
   * cancelling means, a reference, and the steps that suit the fair's format and the obligation. Only for the person
   * who holds the booking (anybody else learns nothing: 404).
   */
  public Future<?> confirmationPage(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    long id = Http.pathId(ctx, "id");
    Messages.Lang lang = Http.lang(ctx);
    return bookings.visible(user, id).compose(b -> {
      if (b.jobseeker().id() != user.id()) return Future.failedFuture(Reason.BOOKING_NOT_FOUND.refuse());
      Future<BookingStore.BasisRef> basis = bookings.basis(id);
      Future<BookingStore.Counsellor> counsellor = bookings.counsellor(user.id());
      Future<BookingStore.Setting> setting = bookings.setting(id);
      return Future.all(basis, counsellor, setting).onSuccess(all -> {
        java.time.Instant now = bookings.now();
        Map<String, Object> model = new HashMap<>();
        model.put("booking", view(b));
        model.put("active", b.active());
        model.put("over", !now.isBefore(b.slot().end()));
        model.put("reference", reference(b));
        BookingStore.Setting where = setting.result();
        boolean online = where == null || "E_JOBMEETING".equals(where.format());
        model.put("online", online);
        if (where != null) {
          model.put("format", where.format());
          model.put("region", where.region());
          model.put("vacancy", where.vacancyTitle());
        }
        String meetingUrl = bookings.calendar().publicUrl() + "/meetings/" + b.id();
        model.put("meetingUrl", meetingUrl);
        at.jobfair.legal.Obligation obligation = b.origin().legalBasis();
        model.put("binding", obligation == at.jobfair.legal.Obligation.BINDING);
        model.put("control", obligation == at.jobfair.legal.Obligation.CONTROL);
        consequence(model, obligation, basis.result(), lang);
        java.time.Instant changeableUntil = b.slot().start().minus(java.time.Duration.ofMinutes(b.slot().cutoffMinutes()));
        boolean changeable = b.active() && now.isBefore(changeableUntil);
        model.put("changeable", changeable);
        model.put("changeableUntil", changeableUntil);
        model.put("counsellor", BookingStore.Counsellor.model(counsellor.result()));
        model.put("issuedAt", now);
        if (b.active() && now.isBefore(b.slot().end())) {
          model.put("steps", steps(b, online, obligation, changeable, changeableUntil, counsellor.result() != null, lang, now));
        }
        pages.render(ctx, "appointment-confirmation", model);
      });
    });
  }

  /** The booking's reference as people read it out on the phone: the fair and the booking number. */
  static String reference(View b) {
    return String.format(java.util.Locale.ROOT, "%d-%05d", b.booth().fairId(), b.id());
  }

  /**
   * The numbered "what happens next" of an appointment still ahead: the reminders still to come, the device check and
   * joining (online) or coming and checking in (on site), what an obligation asks, and what follows the interview.
   */
  private List<Map<String, Object>> steps(View b, boolean online, at.jobfair.legal.Obligation obligation, boolean changeable,
                                          java.time.Instant changeableUntil, boolean hasCounsellor, Messages.Lang lang,
                                          java.time.Instant now) {
    Messages t = pages.messages();
    // Full addresses: a printed page shows them (app.css) and a person may type them in on another device.
    String site = bookings.calendar().publicUrl();
    List<Map<String, Object>> steps = new ArrayList<>();
    List<String> reminders = new ArrayList<>();
    for (java.time.Duration before : bookings.reminders()) {
      java.time.Instant due = b.slot().start().minus(before);
      // The reminder job sends an offset only to bookings made before it fell due, and only once it is due.
      if (due.isAfter(now) && !b.history().createdAt().isAfter(due)) reminders.add(before(before, lang));
    }
    if (!reminders.isEmpty()) steps.add(step(t.get(lang, "confirmation.step.reminder", and(reminders, lang)), null, null));
    if (online) {
      steps.add(step(t.get(lang, "confirmation.step.deviceCheck"), site + "/me/device-check", t.get(lang, "deviceCheck.link")));
      long joinBefore = meetings.config().joinBefore().toMinutes();
      steps.add(step(t.get(lang, "confirmation.step.join", joinBefore, Math.min(5, joinBefore), t.get(lang, "meeting.join")),
          site + "/me/appointments", t.get(lang, "nav.appointments")));
    } else {
      steps.add(step(t.get(lang, "confirmation.step.come"), site + "/fairs/" + b.booth().fairId(), b.booth().fairName()));
      steps.add(step(t.get(lang, "confirmation.step.checkin", at.jobfair.attendance.AttendancePolicy.CHECKIN_EARLY.toMinutes(),
          t.get(lang, "attendance.checkin")), site + "/me/appointments", t.get(lang, "nav.appointments")));
    }
    boolean obliged = obligation != at.jobfair.legal.Obligation.VOLUNTARY;
    if (obliged) {
      steps.add(step(changeable ? t.get(lang, "confirmation.step.bindingCancel", pages.dateTime(changeableUntil, lang))
          : t.get(lang, "confirmation.step.bindingCome"), null, null));
      steps.add(step(t.get(lang, "confirmation.step.ill"), null, null));
    } else if (changeable) {
      steps.add(step(t.get(lang, "confirmation.step.voluntaryCancel", pages.dateTime(changeableUntil, lang)), null, null));
    }
    steps.add(step(t.get(lang, hasCounsellor ? "confirmation.step.afterCounsellor" : "confirmation.step.after"), null, null));
    return steps;
  }

  private static Map<String, Object> step(String text, String href, String link) {
    Map<String, Object> m = new HashMap<>();
    m.put("text", text);
    if (href != null) {
      m.put("href", href);
      m.put("link", link);
    }
    return m;
  }

  /** "1 day", "2 hours", "30 minutes" (before the appointment), in the page's language. */
  private String before(java.time.Duration d, Messages.Lang lang) {
    long minutes = d.toMinutes();
    if (minutes % 1440 == 0) return pages.messages().get(lang, "confirmation.before.days", minutes / 1440);
    if (minutes % 60 == 0) return pages.messages().get(lang, "confirmation.before.hours", minutes / 60);
    return pages.messages().get(lang, "confirmation.before.minutes", minutes);
  }

  /** "a, b and c" in the page's language. */
  private String and(List<String> parts, Messages.Lang lang) {
    if (parts.size() == 1) return parts.get(0);
    String and = " " + pages.messages().get(lang, "confirmation.and") + " ";
    return String.join(", ", parts.subList(0, parts.size() - 1)) + and + parts.get(parts.size() - 1);
  }

  /**
   * What an obligation's legal basis says about not coming, in the law's own words (and in German as the binding
   * text when the page is in another language); nothing for a voluntary appointment.
   */
  private void consequence(Map<String, Object> model, at.jobfair.legal.Obligation obligation, BookingStore.BasisRef ref,
                           Messages.Lang lang) {
    if (ref == null || obligation == at.jobfair.legal.Obligation.VOLUNTARY) return;
    legal.find(ref.code(), ref.version()).ifPresent(found -> {
      model.put("consequence", found.notice(lang.code()));
      if (!at.jobfair.legal.Basis.BINDING_LANGUAGE.equals(lang.code())) {
        model.put("consequenceDe", found.notice(at.jobfair.legal.Basis.BINDING_LANGUAGE));
      }
    });
  }

  /** Undo of one's own cancellation; a seat taken meanwhile sends the person to the booth's free times, saying so. */
  public Future<?> restoreForm(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    long id = Http.pathId(ctx, "id");
    return bookings.restore(user, id)
        .onSuccess(b -> Http.seeOther(ctx, "/me/appointments?restored=" + b.id()))
        .recover(e -> {
          if (e instanceof at.jobfair.refusal.Refused r && r.reason() == Reason.UNDO_SEAT_TAKEN) {
            return bookings.visible(user, id).compose(b -> Http.backWithError(ctx, e, "/booths/" + b.booth().id()));
          }
          return Http.backWithError(ctx, e, "/me/appointments");
        });
  }

  /** The person's next active appointment that has not ended yet (for the start page); null when there is none. */
  public Future<Map<String, Object>> next(long jobseekerId) {
    java.time.Instant now = bookings.now();
    return bookings.ofJobseeker(jobseekerId).map(list -> list.stream()
        .filter(b -> b.active() && now.isBefore(b.slot().end()))
        .min(java.util.Comparator.comparing((View b) -> b.slot().start()))
        .map(b -> {
          Map<String, Object> m = view(b);
          meeting(m, b, now);
          return m;
        }).orElse(null));
  }

  /** The person's active booking at a booth that has not ended yet, for the booth page; null when there is none. */
  public Future<Map<String, Object>> ownAt(long jobseekerId, long boothId) {
    java.time.Instant now = bookings.now();
    // Only the person's active bookings at this booth are read (not all of theirs): the booth page asks on every view.
    return bookings.activeAtBooth(jobseekerId, boothId).map(list -> {
      for (View b : list) {
        if (!b.active() || b.booth().id() != boothId || !now.isBefore(b.slot().end())) continue;
        Map<String, Object> m = view(b);
        m.put("changeable", BookingPolicy.open(b.slot().start(), java.time.Duration.ofMinutes(b.slot().cutoffMinutes()), now));
        meeting(m, b, now);
        return m;
      }
      return null;
    });
  }

  public Future<?> cancelForm(RoutingContext ctx) {
    String back = Http.localPath(ctx.request().getFormAttribute("back"));
    return bookings.cancel(Sessions.user(ctx), Http.pathId(ctx, "id"), ctx.request().getFormAttribute("reason"))
        .onSuccess(b -> Http.seeOther(ctx, Http.withNotice(back, "cancelled", String.valueOf(b.id()))))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  /** A booth's slots with who booked them, for the employer's representatives and staff; refreshed live. */
  public Future<?> schedule(RoutingContext ctx) {
    long boothId = Http.pathId(ctx, "id");
    Account user = Sessions.user(ctx);
    return bookings.staffsBooth(user, boothId).compose(ok -> {
      if (!ok) return Future.failedFuture(Reason.BOOTH_NOT_FOUND.refuse());
      // Reads that do not depend on each other, under way together.
      Future<JsonObject> boothRead = catalog.boothForItsStaff(boothId);
      Future<List<View>> bookingsRead = bookings.ofBooth(boothId);
      Future<Map<Long, MeetingStore.RoomState>> roomsRead = meetings.rooms(boothId);
      Future<Map<String, Object>> lineRead = waitlists.line(boothId);
      Future<Map<String, Object>> queueRead = queue.of(user, boothId);
      Future<Map<Long, List<JsonObject>>> answersRead = profiles.answersOfBooth(boothId);
      // The candidates' shared profiles are for the booth's employer representatives (ProfileService#forBooth).
      boolean candidates = user.has(at.jobfair.identity.Role.EMPLOYER);
      Future<List<at.jobfair.handoff.HandoffStore.Colleague>> staffRead = handoffs == null ? Future.succeededFuture(List.of()) : handoffs.staff(boothId);
      Future<Map<Long, String>> invitesRead = handoffs == null ? Future.succeededFuture(Map.of()) : handoffs.openInvites(user.id(), boothId);
      return Future.all(List.of(boothRead, bookingsRead, roomsRead, lineRead, queueRead, answersRead, staffRead, invitesRead))
          .compose(x -> interviewers(bookingsRead.result())).onSuccess(interviewers -> {
        List<at.jobfair.handoff.HandoffStore.Colleague> staff = staffRead.result();
        Map<Long, String> invites = invitesRead.result();
        List<Map<String, Object>> invitations = new ArrayList<>();
        JsonObject booth = boothRead.result();
        List<View> list = bookingsRead.result();
        Map<Long, MeetingStore.RoomState> rooms = roomsRead.result();
        java.time.Instant now = bookings.now();
        String phone = booth.getString("phone");
        Map<Long, List<Map<String, Object>>> bySlot = new LinkedHashMap<>();
        List<Map<String, Object>> cancelled = new ArrayList<>();
        Map<java.time.Instant, View> madeAt = new HashMap<>();
        for (View b : list) madeAt.put(b.history().createdAt(), b);
        for (View b : list) {
          Map<String, Object> v = view(b);
          View movedTo = movedTo(b, madeAt);
          if (movedTo != null) v.put("movedTo", movedTo.slot().start());
          List<JsonObject> answers = answersRead.result().get(b.id());
          if (answers != null) v.put("answers", answers.stream().map(JsonObject::getMap).toList());
          if (candidates) v.put("candidate", "/booths/" + boothId + "/candidates/" + b.jobseeker().id());
          if (b.active()) {
            meeting(v, b, now);
            at.jobfair.handoff.HandoffStore.Colleague current = interviewers.get(b.id());
            if (current != null) v.put("interviewer", current.name());
            if (now.isBefore(b.slot().end())) {
              List<Map<String, Object>> others = new ArrayList<>();
              for (var c : staff) if (current == null || c.id() != current.id()) others.add(Map.of("id", c.id(), "name", c.name()));
              if (!others.isEmpty()) v.put("colleagues", others);
            }
            if (invites.containsKey(b.id()) && now.isBefore(b.slot().end())) {
              v.put("invitedBy", invites.get(b.id()));
              invitations.add(v);
            }
            MeetingStore.RoomState room = rooms.get(b.id());
            if (room != null) v.put("room", room);
            boolean byPhone = (phone != null && !phone.isBlank()) || (room != null && room.callbackPhone() != null);
            v.put("phoneFallback", byPhone && (room == null || room.phoneConfirmedAt() == null));
            bySlot.computeIfAbsent(b.slot().id(), k -> new ArrayList<>()).add(v);
          } else {
            cancelled.add(v);
          }
        }
        List<Map<String, Object>> slots = new ArrayList<>();
        booth.getJsonArray("slots").forEach(o -> {
          JsonObject s = (JsonObject) o;
          Map<String, Object> m = new HashMap<>(s.getMap());
          m.put("bookings", bySlot.getOrDefault(s.getLong("id"), List.of()));
          m.put("booked", s.getInteger("capacity") - s.getInteger("free"));
          slots.add(m);
        });
        Map<String, Object> model = notices(ctx);
        model.put("booth", booth);
        model.put("slots", slots);
        model.put("cancelled", cancelled);
        model.put("waitlist", lineRead.result());
        if (queueRead.result() != null) model.put("queue", queueRead.result());
        model.put("invitations", invitations);
        pages.render(ctx, "schedule", model);
      });
    });
  }

  /** Who interviews, by booking (none without hand-offs). */
  private Future<Map<Long, at.jobfair.handoff.HandoffStore.Colleague>> interviewers(List<View> list) {
    if (handoffs == null) return Future.succeededFuture(Map.of());
    return handoffs.interviewers(list.stream().filter(View::active).map(View::id).toList());
  }

  /**
   * The booking a cancelled one was moved to, if it was: a move cancels the old booking and makes the new one in one
   * transaction, so the old one's cancellation and the new one's creation carry the same moment (the transaction's
   * {@code now()}), for the same person.
   */
  private static View movedTo(View b, Map<java.time.Instant, View> madeAt) {
    if (b.active() || b.history().cancelledAs() != View.CancelledAs.JOBSEEKER || b.history().cancelledAt() == null) return null;
    View to = madeAt.get(b.history().cancelledAt());
    return to != null && to.id() != b.id() && to.jobseeker().id() == b.jobseeker().id() ? to : null;
  }

  private Map<String, Object> notices(RoutingContext ctx) {
    Map<String, Object> model = new HashMap<>();
    Messages.Lang lang = Http.lang(ctx);
    String error = pages.errorInAddress(ctx, BookingPolicy.MIN_REASON);
    if (error != null) model.put("error", error);
    String booked = ctx.request().getParam("booked");
    if (booked != null) {
      model.put("notice", pages.messages().get(lang, "appointments.booked"));
      // Straight after booking: the confirmation to keep, with what happens next.
      if (booked.matches("\\d{1,18}")) model.put("bookedId", booked);
    }
    if (ctx.request().getParam("cancelled") != null) model.put("notice", pages.messages().get(lang, "appointments.cancelledNotice"));
    if (ctx.request().getParam("restored") != null) model.put("notice", pages.messages().get(lang, "appointments.restoredNotice"));
    String waitlist = ctx.request().getParam("waitlist");
    if (waitlist != null && java.util.Set.of("joined", "left", "declined").contains(waitlist)) {
      model.put("notice", pages.messages().get(lang, "waitlist.notice." + waitlist));
    }
    if (ctx.request().getParam("checkedIn") != null) model.put("notice", pages.messages().get(lang, "attendance.checkedInNotice"));
    if (ctx.request().getParam("outcome") != null) model.put("notice", pages.messages().get(lang, "attendance.outcomeSaved"));
    if (ctx.request().getParam("handedOff") != null) model.put("notice", pages.messages().get(lang, "handoff.done"));
    return model;
  }

  private Map<String, Object> view(View b) {
    Map<String, Object> m = new HashMap<>();
    m.put("id", b.id());
    m.put("status", b.status().db());
    m.put("start", b.slot().start());
    m.put("end", b.slot().end());
    m.put("employerName", b.booth().employerName());
    m.put("fairName", b.booth().fairName());
    m.put("fairId", b.booth().fairId());
    m.put("boothId", b.booth().id());
    m.put("slotId", b.slot().id());
    m.put("cancelReason", b.history().cancelReason());
    m.put("cancelledAs", BookingApi.name(b.history().cancelledAs()));
    m.put("cancelledAt", b.history().cancelledAt());
    m.put("jobseekerName", b.jobseeker().name());
    m.put("legalBasis", b.origin().legalBasis().name());
    m.put("checkedInAt", b.attendance().checkedInAt());
    m.put("outcome", BookingApi.name(b.attendance().outcome()));
    m.put("nextStep", BookingApi.name(b.attendance().nextStep()));
    m.put("outcomeNote", b.attendance().note());
    m.put("started", !bookings.now().isBefore(b.slot().start()));
    return m;
  }


  private static long formId(RoutingContext ctx, String name) {
    String v = ctx.request().getFormAttribute(name);
    if (v == null || !v.matches("\\d{1,18}")) throw Reason.SLOT_REQUIRED.refuse();
    return Long.parseLong(v);
  }

}
