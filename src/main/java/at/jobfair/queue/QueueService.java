package at.jobfair.queue;

import at.jobfair.audit.AuditChain;
import at.jobfair.audit.AuditLog;
import at.jobfair.booking.BookingService;
import at.jobfair.booth.BoothAccess;
import at.jobfair.identity.Account;
import at.jobfair.meeting.MeetingService;
import at.jobfair.queue.QueueStore.Booth;
import at.jobfair.queue.QueueStore.Place;
import at.jobfair.refusal.Reason;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The walk-up queue's steps, each one transaction: take a place, leave, say "still here", open or pause, and "next"
 * (the first waiting person is taken, a walk-up appointment is made with its meeting room and they are let in). Who
 * may act is decided here (booth staff by relation: {@link BoothAccess}, {@link BookingService#staffsBooth}); the
 * rules are {@link QueuePolicy}'s; the database keeps the races right ({@link QueueStore}).
 */
public final class QueueService {

  /** How often "next" tries again when the person it took booked something at that moment (the booking refused it). */
  private static final int NEXT_ATTEMPTS = 3;

  /** What "next" did: whom it took, and the walk-up appointment whose room both sides go to. */
  public record Called(long placeId, long bookingId, long accountId, String name) {
    public String room() {
      return "/meetings/" + bookingId;
    }
  }

  private final Pool pool;
  private final QueueStore store;
  private final QueueConfig config;
  private final BookingService bookings;
  private final MeetingService meetings;
  private final AuditLog audit;
  private final Clock clock;

  public QueueService(Pool pool, QueueStore store, QueueConfig config, BookingService bookings, MeetingService meetings,
                      AuditLog audit, Clock clock) {
    this.pool = pool;
    this.store = store;
    this.config = config;
    this.bookings = bookings;
    this.meetings = meetings;
    this.audit = audit;
    this.clock = clock;
  }

  public QueueConfig config() {
    return config;
  }

  private boolean running(Booth b) {
    return QueuePolicy.running(b.fairStart(), b.fairEnd(), clock.instant());
  }

  private Future<Booth> booth(long boothId) {
    return store.booth(pool, boothId).map(b -> {
      if (b == null) throw Reason.BOOTH_NOT_FOUND.refuse();
      return b;
    });
  }

  /**
   * A booth's queue as anyone may see it (no names): open, how many wait, the limit, the pace, whether the fair runs;
   * for a signed-in jobseeker also whether they may join and their own place here.
   */
  public Future<JsonObject> state(Account user, long boothId) {
    return booth(boothId).compose(b -> {
      JsonObject out = describe(b);
      if (user == null || !user.has(at.jobfair.identity.Role.JOBSEEKER)) return Future.succeededFuture(out);
      return Future.all(store.bookedHere(pool, boothId, user.id()), mine(user)).map(all -> {
        boolean booked = all.resultAt(0);
        JsonObject mine = all.resultAt(1);
        Reason why = QueuePolicy.join(new QueuePolicy.JoinFacts(running(b), b.open(), b.waiting(), maxLength(b), booked));
        JsonObject place = mine.getJsonObject("place");
        boolean here = place != null && place.getLong("boothId") == boothId && "WAITING".equals(place.getString("status"));
        out.put("bookedHere", booked).put("mayJoin", why == null && (place == null || !"WAITING".equals(place.getString("status"))));
        if (why != null) out.put("refusal", why.code());
        if (place != null && "WAITING".equals(place.getString("status"))) out.put("waitingElsewhere", !here);
        if (here) out.put("place", place);
        return out;
      });
    });
  }

  private JsonObject describe(Booth b) {
    Integer max = maxLength(b);
    return new JsonObject().put("boothId", b.id()).put("fairId", b.fairId()).put("employerId", b.employerId()).put("employer", b.employerName())
        .put("fairRunning", running(b)).put("open", b.open()).put("waiting", b.waiting())
        .put("maxLength", max).put("ownMaxLength", b.maxLength()).put("full", max != null && b.waiting() >= max)
        .put("paceSeconds", b.paceSeconds()).put("defaultSeconds", config.defaultPerPerson().toSeconds());
  }

  private Integer maxLength(Booth b) {
    return QueuePolicy.maxLength(b.maxLength(), config.maxLength());
  }

  /**
   * The person takes a place in the booth's queue: while the fair runs and the queue is open, one waiting place per
   * person and fair, never past the limit (the booth's lock orders the joins; the unique index the person's places).
   */
  public Future<JsonObject> join(Account user, long boothId) {
    return pool.withTransaction(tx -> store.lockedBooth(tx, boothId).compose(b -> {
      if (b == null) return Future.failedFuture(Reason.BOOTH_NOT_FOUND.refuse());
      return store.bookedHere(tx, boothId, user.id()).compose(booked -> {
        Reason why = QueuePolicy.join(new QueuePolicy.JoinFacts(running(b), b.open(), b.waiting(), maxLength(b), booked));
        if (why != null) return Future.failedFuture(why.refuse());
        // Under the booth's lock the new ticket is the highest: the person is last, behind everyone waiting.
        return store.join(tx, boothId, user.id()).map(p -> p == null ? null : place(p,
            new Booth(b.id(), b.fairId(), b.employerId(), b.employerName(), b.fairStart(), b.fairEnd(), b.open(), b.maxLength(),
                b.paceSeconds(), b.waiting() + 1), b.waiting() + 1));
      });
    })).compose(p -> p == null ? Future.failedFuture(Reason.QUEUE_ALREADY_WAITING.refuse()) : Future.succeededFuture(p));
  }

  /**
   * The person's place: the waiting one with its position and estimated wait, else the last one they held (called:
   * with its room; passed over: why); {@code place} is null when they never queued.
   */
  public Future<JsonObject> mine(Account user) {
    return store.current(pool, user.id()).compose(p -> {
      if (p == null) return Future.succeededFuture(new JsonObject().putNull("place"));
      if (!p.waiting()) return Future.succeededFuture(new JsonObject().put("place", place(p, null, 0)));
      return Future.all(store.booth(pool, p.boothId()), store.tickets(pool, p.boothId())).map(all -> {
        Booth b = all.resultAt(0);
        List<Integer> tickets = all.resultAt(1);
        return new JsonObject().put("place", place(p, b, QueuePolicy.position(tickets, p.ticket())));
      });
    });
  }

  private JsonObject place(Place p, Booth b, int position) {
    JsonObject out = new JsonObject().put("id", p.id()).put("boothId", p.boothId()).put("fairId", p.fairId())
        .put("employer", p.employerName()).put("ticket", p.ticket()).put("status", p.status())
        .put("joinedAt", p.joinedAt().toString());
    if (p.passedWhy() != null) out.put("passedWhy", p.passedWhy());
    if (p.endedAt() != null) out.put("endedAt", p.endedAt().toString());
    if ("CALLED".equals(p.status()) && p.bookingId() != null) out.put("bookingId", p.bookingId()).put("room", "/meetings/" + p.bookingId());
    if (b != null) {
      Duration wait = QueuePolicy.estimate(position, b.paceSeconds(), config.defaultPerPerson());
      out.put("position", position).put("waiting", b.waiting()).put("open", b.open())
          .put("paceSeconds", b.paceSeconds()).put("defaultSeconds", config.defaultPerPerson().toSeconds())
          .put("estimateSeconds", wait.toSeconds()).put("estimateMinutes", QueuePolicy.minutes(wait))
          .put("hereEverySeconds", hereEvery().toSeconds());
    }
    return out;
  }

  /** How often a waiting page says "still here": three times within the absence limit. */
  public Duration hereEvery() {
    return config.absentAfter().dividedBy(3);
  }

  /** The person leaves their waiting place (recorded as LEFT). */
  public Future<Void> leave(Account user) {
    return store.leave(pool, user.id()).compose(left -> left ? Future.<Void>succeededFuture()
        : Future.failedFuture(Reason.QUEUE_NOT_WAITING.refuse()));
  }

  /** The person's page says they are still there (a silent page is passed over after {@code queue.absentAfterSeconds}). */
  public Future<Void> here(Account user) {
    return store.here(pool, user.id()).compose(waiting -> waiting ? Future.<Void>succeededFuture()
        : Future.failedFuture(Reason.QUEUE_NOT_WAITING.refuse()));
  }

  /** Booth staff (its employer's representatives, organisers) open or pause the queue and set its own maximum length. */
  public Future<JsonObject> settings(Account user, long boothId, boolean open, Integer maxLength) {
    if (maxLength != null && (maxLength < 1 || maxLength > 1000)) return Future.failedFuture(Reason.QUEUE_MAX_LENGTH_INVALID.refuse());
    return booth(boothId).compose(b -> {
      BoothAccess.check(user, b.employerId());
      Reason why = QueuePolicy.open(running(b), open);
      if (why != null) return Future.failedFuture(why.refuse());
      Instant now = clock.instant();
      return pool.withTransaction(tx -> store.settings(tx, boothId, open, maxLength, user.id())
          .compose(v -> audit.append(tx, AuditChain.Entry.of(now, user.id(), role(user), "booth-queue:" + boothId,
              open ? "QUEUE_OPEN" : "QUEUE_PAUSE", b.open() ? "OPEN" : "PAUSED", open ? "OPEN" : "PAUSED",
              maxLength == null ? null : "maxLength=" + maxLength))));
    }).compose(v -> booth(boothId)).map(this::describe);
  }

  /** The waiting with their names, for the booth's staff (its employer's representatives, organisers, SfU). */
  public Future<List<QueueStore.Waiting>> waitingList(Account user, long boothId) {
    return bookings.staffsBooth(user, boothId).compose(ok -> {
      if (!ok) return Future.failedFuture(Reason.BOOTH_NOT_FOUND.refuse());
      return store.waitingList(pool, boothId);
    });
  }

  /** The queues of a fair's booths (the board: open, waiting, limit). */
  public Future<List<JsonObject>> ofFair(long fairId) {
    return store.ofFair(pool, fairId).map(list -> list.stream().map(this::describe).toList());
  }

  /**
   * "Next": in one transaction the first waiting person who is there is taken (FOR UPDATE SKIP LOCKED: two staff at
   * once get two people), a walk-up appointment from now is made for them, they are let into its room by the caller,
   * the place becomes CALLED and the pace moves. After the commit the person's page hears it and goes to the room;
   * the caller goes there too. Only the booth's employer's representatives call (they run the room).
   */
  public Future<Called> next(Account user, long boothId) {
    return booth(boothId).compose(b -> {
      if (!user.worksFor(b.employerId())) return Future.failedFuture(Reason.QUEUE_STAFF_ONLY.refuse());
      Reason why = QueuePolicy.next(running(b));
      if (why != null) return Future.failedFuture(why.refuse());
      return attempt(user, b, 1);
    });
  }

  private Future<Called> attempt(Account user, Booth b, int attempt) {
    int absent = (int) config.absentAfter().toSeconds();
    int minutes = (int) config.meeting().toMinutes();
    return pool.withTransaction(tx -> store.first(tx, b.id(), absent, minutes).compose(taken -> {
      if (taken == null) return Future.failedFuture(Reason.QUEUE_NOBODY_WAITING.refuse());
      return bookings.walkUp(tx, b.id(), taken.accountId(), minutes)
          .compose(bookingId -> meetings.admitWalkUp(tx, bookingId, user.id())
              .compose(v -> store.pace(tx, b.id()))
              .compose(row -> store.paced(tx, b.id(), pace(row)))
              .compose(v -> store.called(tx, taken.placeId(), bookingId, user.id()))
              .compose(v -> audit.append(tx, AuditChain.Entry.of(clock.instant(), user.id(), role(user),
                  "queue-place:" + taken.placeId(), "QUEUE_CALLED", "WAITING", "CALLED", "booking=" + bookingId)))
              .map(v -> new Called(taken.placeId(), bookingId, taken.accountId(), taken.name())));
    })).recover(e -> {
      // The person booked something that overlaps at this very moment: the booking refused; take the next one.
      boolean busy = e instanceof PgException pg && ("23P01".equals(pg.getSqlState()) || "23505".equals(pg.getSqlState()));
      return busy && attempt < NEXT_ATTEMPTS ? attempt(user, b, attempt + 1) : Future.failedFuture(e);
    });
  }

  private static Integer pace(Row row) {
    if (row == null) return null;
    Instant last = row.getOffsetDateTime("last_next_at") == null ? null : row.getOffsetDateTime("last_next_at").toInstant();
    return QueuePolicy.pace(row.getInteger("pace_seconds"), last, row.getOffsetDateTime("now").toInstant());
  }

  /**
   * Passes over the waiting whose page has been silent for {@code queue.absentAfterSeconds} and the called who did not
   * enter the room within it (their walk-up appointment is cancelled); any number of nodes may run it at once.
   */
  public Future<Integer> sweep() {
    int absent = (int) config.absentAfter().toSeconds();
    return store.passAbsent(pool, null, absent).compose(a -> store.passUnanswered(pool, absent).map(u -> a + u));
  }

  private static String role(Account user) {
    return user.has(at.jobfair.identity.Role.EMPLOYER) ? "EMPLOYER" : user.has(at.jobfair.identity.Role.ORGANIZER) ? "ORGANIZER" : "STAFF";
  }

  /** The board's list as JSON. */
  public static JsonArray array(List<JsonObject> list) {
    return new JsonArray(list);
  }
}
