package at.jobfair.meeting;

import at.jobfair.attendance.AttendancePolicy;
import at.jobfair.attendance.AttendanceService;
import at.jobfair.booth.CompanyProfile;
import at.jobfair.db.StoredSecret;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.meeting.MeetingAccess.Decision;
import at.jobfair.meeting.MeetingStore.Booking;
import at.jobfair.meeting.MeetingStore.Kind;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The I/O around the pure meeting rules: loads a booking and the person's relation to it, asks {@link MeetingAccess},
 * names the room ({@link RoomNames}), mints a Jitsi token for the caller only, and records joins, admissions and
 * leaves, which feed the check-in ({@link AttendanceService}).
 */
public final class MeetingService {

  private static final Logger LOG = Logger.getLogger(MeetingService.class.getName());
  static final String SECRET_NAME = "meeting.roomKey";

  /** Someone allowed into one booking's room, in the capacity the rules gave. */
  public record Entry(Booking booking, Account user, MeetingAccess.Role role, Decision decision, String room,
                      JoinWindow.Result window) {
    public boolean moderator() {
      return decision.moderator();
    }

    public boolean jobseeker() {
      return role == MeetingAccess.Role.JOBSEEKER;
    }

    public long bookingId() {
      return booking.id();
    }
  }

  private final Pool pool;
  private final MeetingStore store;
  private final MeetingConfig config;
  private final RoomNames rooms;
  private final AttendanceService attendance;
  private final Clock clock;
  private final ZoneId zone;
  private volatile MeetingRelay relay;

  public MeetingService(Pool pool, MeetingStore store, MeetingConfig config, byte[] roomKey, AttendanceService attendance,
                        Clock clock, ZoneId zone) {
    this.pool = pool;
    this.store = store;
    this.config = config;
    this.rooms = new RoomNames(roomKey);
    this.attendance = attendance;
    this.clock = clock;
    this.zone = zone;
  }

  /** The configured room key, or one generated once and kept in the database (the same after a restart). */
  public static Future<byte[]> roomKey(Pool pool, MeetingConfig config) {
    return config.roomKey() != null ? Future.succeededFuture(config.roomKey()) : StoredSecret.load(pool, SECRET_NAME);
  }

  void relay(MeetingRelay relay) {
    this.relay = relay;
  }

  public MeetingConfig config() {
    return config;
  }

  public MeetingStore store() {
    return store;
  }

  /** The booths' phone numbers for a call instead of video, by booth (those that gave one). */
  public Future<java.util.Map<Long, String>> boothPhones(java.util.List<Long> boothIds) {
    return store.boothPhones(pool, boothIds);
  }

  /** The rooms of a booth's bookings as they stand, by booking. */
  public Future<java.util.Map<Long, MeetingStore.RoomState>> rooms(long boothId) {
    return store.rooms(pool, boothId);
  }

  /** A room's log: joins, admissions, leaves (the caller checked who may read it). */
  public Future<java.util.List<java.util.Map<String, Object>>> events(long bookingId) {
    return store.events(pool, bookingId);
  }

  public Pool pool() {
    return pool;
  }

  public Clock clock() {
    return clock;
  }

  public RoomNames rooms() {
    return rooms;
  }

  /** The caller's way into the room, or the refusal the rules give (as a 403/409 with a message from the bundles). */
  public Future<Entry> enter(Account user, long bookingId) {
    return entry(user, bookingId, false);
  }

  /**
   * As {@link #enter}, but a room that has just closed still takes a leave or a failure report from those who were
   * entitled to it.
   */
  public Future<Entry> entry(Account user, long bookingId, boolean evenClosed) {
    return store.booking(pool, bookingId).compose(b -> {
      if (b == null || user == null) return Future.failedFuture(Reason.NOT_YOUR_MEETING.refuse());
      MeetingAccess.Role role;
      if (user.id() == b.jobseeker().id()) role = MeetingAccess.Role.JOBSEEKER;
      else if (user.has(Role.EMPLOYER)) role = MeetingAccess.Role.EMPLOYER;
      else if (user.isStaff()) role = MeetingAccess.Role.STAFF;
      else role = MeetingAccess.Role.JOBSEEKER;
      boolean booked = user.id() == b.jobseeker().id() && user.has(Role.JOBSEEKER);
      boolean staffs = user.worksFor(b.booth().employerId());
      boolean authorised = user.has(Role.ORGANIZER) || (user.has(Role.SFA) && b.jobseeker().caseworkerId() != null && b.jobseeker().caseworkerId() == user.id());
      Instant now = clock.instant();
      JoinWindow.Result window = JoinWindow.open(b.start(), b.end(), config.joinBefore(), now);
      // Leaving or reporting a failure is still taken just after the room has closed: decided as if it were open.
      JoinWindow.Result asked = evenClosed && window.state() == JoinWindow.State.CLOSED
          ? new JoinWindow.Result(JoinWindow.State.OPEN, window.opensAt(), window.closesAt()) : window;
      Decision d = MeetingAccess.decide(new MeetingAccess.Facts(role, booked, staffs, authorised,
          b.active() ? MeetingAccess.BookingStatus.ACTIVE : MeetingAccess.BookingStatus.CANCELLED, asked));
      if (!d.entered()) return Future.failedFuture(refusal(d));
      return Future.succeededFuture(new Entry(b, user, role, d, rooms.forBooking(b.id()), window));
    });
  }

  /** A refusal as an answer a person understands; "too early" says when the room opens. */
  Refused refusal(Decision d) {
    if (d.refusal() != Reason.TOO_EARLY) return d.refusal().refuse();
    return Reason.TOO_EARLY.refuseWith(new JsonObject().put("opensAt", d.opensAt().toString()),
        at.jobfair.web.WallClock.clock(d.opensAt(), zone));
  }

  /** What the caller needs to open the room: provider, room and (Jitsi) the caller's own token. */
  public JsonObject describe(Entry e) {
    Booking b = e.booking();
    JsonObject out = new JsonObject()
        .put("provider", config.provider().code())
        .put("room", e.room())
        .put("bookingId", b.id())
        .put("role", e.role().name())
        .put("moderator", e.moderator())
        .put("displayName", displayName(e))
        .put("start", b.start().toString())
        .put("end", b.end().toString())
        .put("opensAt", e.window().opensAt().toString())
        .put("closesAt", e.window().closesAt().toString())
        .put("employer", b.booth().employerName())
        .put("autoAdmit", b.room().autoAdmit())
        .put("admitted", b.room().admittedAt() != null)
        .put("phone", b.booth().phone())
        .put("callbackOffered", b.booth().callbackOffered()).put("callbackRequested", b.room().callbackPhone() != null);
    return connection(out, e.room(), () -> JitsiTokens.Participant.of(e.decision(), e.role(), participantId(e.user().id()),
        displayName(e), e.role() == MeetingAccess.Role.JOBSEEKER ? null : e.user().email()), b.end(), "/meetings/" + b.id() + "/signal");
  }

  /**
   * Adds how to reach a room: with Jitsi its domain, room and the caller's own token (valid until {@code tokenUntil});
   * built in, the ICE servers and the room's signalling address.
   */
  JsonObject connection(JsonObject out, String room, Supplier<JitsiTokens.Participant> who, Instant tokenUntil, String signal) {
    if (config.provider() == MeetingConfig.Provider.JITSI) {
      return out.put("domain", config.jitsiDomain()).put("roomName", config.jitsiRoom(room))
          .put("jwt", config.jitsi().mint(room, who.get(), clock.instant(), tokenUntil));
    }
    return out.put("iceServers", config.iceServers().copy()).put("signal", signal);
  }

  /** The name shown to the other side: employer staff with their company. */
  static String displayName(Entry e) {
    return e.role() == MeetingAccess.Role.EMPLOYER ? e.user().name() + " (" + e.booking().booth().employerName() + ")" : e.user().name();
  }

  /** An opaque, stable id for a person in tokens and signalling: says nothing about the account number. */
  String participantId(long accountId) {
    return rooms.participant(accountId);
  }

  /** Someone entered the room: recorded; the booked jobseeker counts as checked in (the same as "Ich bin da"). */
  public Future<Void> joined(Entry e, String provider) {
    // The check-in first: whoever sees the JOIN in the log also finds the check-in.
    Future<Void> checkin = !e.jobseeker() ? Future.succeededFuture()
        : attendance.checkin(e.user(), e.bookingId()).<Void>mapEmpty().recover(ex -> {
          LOG.log(Level.FINE, "check-in from the room refused", ex);
          return Future.succeededFuture();
        });
    return checkin.compose(v -> store.event(pool, e.bookingId(), e.user().id(), e.role().name(), Kind.JOIN, provider, null));
  }

  /**
   * With Jitsi the lobby is Jitsi's own (booth staff admit there): a jobseeker who reports being in the conference has
   * passed it, so the admission is recorded then (once).
   */
  public Future<Void> joinedJitsi(Entry e) {
    Future<Void> joined = joined(e, "JITSI");
    if (!e.jobseeker()) return joined;
    return joined.compose(v -> recordAdmission(e.bookingId(), null, "JITSI", "jitsi lobby")).mapEmpty();
  }

  public Future<Void> left(Entry e, String provider) {
    return store.event(pool, e.bookingId(), e.user().id(), e.role().name(), Kind.LEAVE, provider, null);
  }

  /**
   * A page reports that the meeting service failed (no connection, script not loaded): recorded, and enough different
   * people failing at one fair soon make a detected outage window (AttendanceService#meetingFailed).
   */
  public Future<Void> failed(Entry e, String provider, String detail) {
    String d = detail == null ? null : detail.strip();
    String recorded = d != null && d.length() > 500 ? d.substring(0, 500) : d;
    return pool.withTransaction(tx -> store.event(tx, e.bookingId(), e.user().id(), e.role().name(), Kind.FAILURE, provider, recorded)
        .compose(v -> attendance.meetingFailed(tx, e.booking().booth().fairId())).mapEmpty());
  }

  /** Booth staff let the waiting jobseeker in. True when this call admitted; false when someone had already. */
  public Future<Boolean> admit(Account user, long bookingId) {
    return moderator(user, bookingId).compose(e -> recordAdmission(bookingId, user.id(), provider(), null));
  }

  /**
   * A walk-up meeting (the queue's "next"): the member of staff who called the person has let them in already, in the
   * caller's transaction; recorded as an ADMIT by them, so the room's evidence reads as for a booked interview.
   */
  public Future<Void> admitWalkUp(io.vertx.sqlclient.SqlClient tx, long bookingId, long by) {
    return store.admit(tx, bookingId, by)
        .compose(won -> store.event(tx, bookingId, by, "EMPLOYER", Kind.ADMIT, provider(), "walk-up queue"));
  }

  /** The jobseeker is let in at the start by itself (the booth chose so); true when this call admitted. */
  Future<Boolean> admitAtStart(long bookingId) {
    return recordAdmission(bookingId, null, provider(), "automatic");
  }

  /**
   * Lets the jobseeker in, once however many try at the same moment: true when this call did it (the admission and
   * its ADMIT record by the booth, or by nobody when automatic, in one transaction; then the built-in room is told).
   */
  private Future<Boolean> recordAdmission(long bookingId, Long by, String provider, String detail) {
    return pool.withTransaction(tx -> store.admit(tx, bookingId, by)
            .compose(won -> won ? store.event(tx, bookingId, by, "EMPLOYER", Kind.ADMIT, provider, detail).map(true)
                : Future.succeededFuture(false)))
        .onSuccess(won -> {
          if (won && relay != null) relay.admitted(bookingId);
        });
  }

  /** Booth staff choose whether the jobseeker is let in at the start without waiting for them. */
  public Future<Boolean> autoAdmit(Account user, long bookingId, boolean on) {
    return moderator(user, bookingId).compose(e -> store.autoAdmit(pool, bookingId, on).compose(v -> {
      boolean started = !clock.instant().isBefore(e.booking().start());
      Future<Boolean> waiting = on && started && relay != null ? relay.waiting(bookingId) : Future.succeededFuture(false);
      return waiting.compose(w -> {
        if (w) return admitAtStart(bookingId).map(on);
        if (relay != null) relay.lobbyChanged(bookingId);
        return Future.succeededFuture(on);
      });
    }));
  }

  /**
   * The booked jobseeker asks the booth to call them (video does not work for them): the number goes to this booth
   * for this appointment only, and CALLBACK goes into the log.
   */
  public Future<Void> requestCallback(Account user, long bookingId, String phone) {
    String p = phone == null ? "" : phone.strip();
    if (!CompanyProfile.phoneNumber(p)) return Future.failedFuture(Reason.MEETING_PHONE_INVALID.refuse());
    return enter(user, bookingId).compose(e -> {
      if (!e.jobseeker()) return Future.failedFuture(Reason.MEETING_CALLBACK_JOBSEEKER_ONLY.refuse());
      if (!e.booking().booth().callbackOffered()) return Future.failedFuture(Reason.MEETING_CALLBACK_NOT_OFFERED.refuse());
      return pool.withTransaction(tx -> store.callback(tx, bookingId, p)
          .compose(v -> store.event(tx, bookingId, user.id(), "JOBSEEKER", Kind.CALLBACK, "PHONE", null)));
    });
  }

  /** Booth staff confirm that the appointment took place by phone: an APPEARED outcome, and PHONE in the log. */
  public Future<Void> confirmPhone(Account user, long bookingId) {
    return store.booking(pool, bookingId).compose(b -> {
      boolean staffs = b != null && user.worksFor(b.booth().employerId());
      if (!staffs) return Future.failedFuture(Reason.NOT_YOUR_MEETING.refuse());
      if (b.booth().phone() == null && b.room().callbackPhone() == null) return Future.failedFuture(Reason.MEETING_NO_PHONE.refuse());
      return attendance.outcome(user, bookingId, AttendancePolicy.Outcome.APPEARED, null, null)
          .compose(v -> pool.withTransaction(tx -> store.phoneConfirmed(tx, bookingId, user.id())
              .compose(first -> first ? store.event(tx, bookingId, user.id(), "EMPLOYER", Kind.PHONE, "PHONE", null)
                  : Future.<Void>succeededFuture())));
    });
  }

  private Future<Entry> moderator(Account user, long bookingId) {
    return enter(user, bookingId).compose(e -> e.moderator() ? Future.succeededFuture(e)
        : Future.failedFuture(Reason.MEETING_MODERATOR_ONLY.refuse()));
  }

  public String provider() {
    return config.provider() == MeetingConfig.Provider.JITSI ? "JITSI" : "BUILTIN";
  }
}
