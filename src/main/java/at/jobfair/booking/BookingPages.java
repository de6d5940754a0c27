package at.jobfair.booking;

import at.jobfair.booking.BookingStore.View;
import at.jobfair.catalog.CatalogService;
import at.jobfair.identity.Account;
import at.jobfair.meeting.JoinWindow;
import at.jobfair.meeting.MeetingService;
import at.jobfair.meeting.MeetingStore;
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
  private final at.jobfair.handoff.HandoffService handoffs;

  public BookingPages(BookingService bookings, CatalogService catalog, Pages pages, MeetingService meetings,
                      at.jobfair.legal.Catalogue legal) {
    this(bookings, catalog, pages, meetings, legal, null);
  }

  /** With hand-offs: who interviews is shown, and the schedule offers handing an appointment to a colleague. */
  public BookingPages(BookingService bookings, CatalogService catalog, Pages pages, MeetingService meetings,
                      at.jobfair.legal.Catalogue legal, at.jobfair.handoff.HandoffService handoffs) {
    this.handoffs = handoffs;
    this.bookings = bookings;
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
    return bookings.ofJobseeker(user.id()).compose(list -> Future.all(phones(list, now), counsellor, interviewers(list)).onSuccess(all -> {
      Map<Long, String> phones = all.resultAt(0);
      Map<Long, at.jobfair.handoff.HandoffStore.Colleague> interviewers = all.resultAt(2);
      Map<String, Object> model = notices(ctx);
      model.put("counsellor", counsellor(counsellor.result()));
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

  public Future<?> bookForm(RoutingContext ctx) {
    long slotId = formId(ctx, "slotId");
    String booth = ctx.request().getFormAttribute("boothId");
    return bookings.book(Sessions.user(ctx), slotId)
        .onSuccess(b -> Http.seeOther(ctx, "/me/appointments?booked=" + b.id()))
        .recover(e -> Http.backWithError(ctx, e, "/booths/" + (booth != null && booth.matches("\\d{1,18}") ? booth : "0")));
  }

  public Future<?> rebookForm(RoutingContext ctx) {
    long bookingId = Http.pathId(ctx, "id");
    long slotId = formId(ctx, "slotId");
    String booth = ctx.request().getFormAttribute("boothId");
    return bookings.rebook(Sessions.user(ctx), bookingId, slotId)
        .onSuccess(b -> Http.seeOther(ctx, "/me/appointments?booked=" + b.id()))
        .recover(e -> Http.backWithError(ctx, e, "/booths/" + (booth != null && booth.matches("\\d{1,18}") ? booth : "0") + "?rebook=" + bookingId));
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
        BookingStore.BasisRef ref = basis.result();
        if (ref != null && obligation != at.jobfair.legal.Obligation.VOLUNTARY) {
          legal.find(ref.code(), ref.version()).ifPresent(found -> {
            // The notice of legal consequences says what not booking or not coming means, in the law's own words.
            model.put("consequence", found.notice(lang.code()));
            if (!at.jobfair.legal.Basis.BINDING_LANGUAGE.equals(lang.code())) {
              model.put("consequenceDe", found.notice(at.jobfair.legal.Basis.BINDING_LANGUAGE));
            }
          });
        }
        long undoMinutes = bookings.undoWindow().toMinutes();
        if (undoMinutes > 0) model.put("undoMinutes", undoMinutes);
        model.put("counsellor", counsellor(counsellor.result()));
        pages.render(ctx, "appointment-cancel", model);
      });
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
    return bookings.ofJobseeker(jobseekerId).map(list -> {
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

  private static Map<String, Object> counsellor(BookingStore.Counsellor c) {
    if (c == null) return null;
    Map<String, Object> m = new HashMap<>();
    m.put("name", c.name());
    m.put("email", c.email());
    return m;
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
      // Three reads that do not depend on each other, under way together.
      Future<JsonObject> boothRead = catalog.boothForItsStaff(boothId);
      Future<List<View>> bookingsRead = bookings.ofBooth(boothId);
      Future<Map<Long, MeetingStore.RoomState>> roomsRead = meetings.rooms(boothId);
      Future<List<at.jobfair.handoff.HandoffStore.Colleague>> staffRead = handoffs == null ? Future.succeededFuture(List.of()) : handoffs.staff(boothId);
      Future<Map<Long, String>> invitesRead = handoffs == null ? Future.succeededFuture(Map.of()) : handoffs.openInvites(user.id(), boothId);
      return Future.all(List.of(boothRead, bookingsRead, roomsRead, staffRead, invitesRead)).compose(x -> interviewers(bookingsRead.result())).onSuccess(interviewers -> {
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
    if (ctx.request().getParam("booked") != null) model.put("notice", pages.messages().get(lang, "appointments.booked"));
    if (ctx.request().getParam("cancelled") != null) model.put("notice", pages.messages().get(lang, "appointments.cancelledNotice"));
    if (ctx.request().getParam("restored") != null) model.put("notice", pages.messages().get(lang, "appointments.restoredNotice"));
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
