package at.jobfair.handoff;

import at.jobfair.audit.AuditChain;
import at.jobfair.audit.AuditLog;
import at.jobfair.handoff.HandoffStore.Colleague;
import at.jobfair.handoff.HandoffStore.Locked;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.mail.Mail;
import at.jobfair.mail.MailSender;
import at.jobfair.mail.Outbox;
import at.jobfair.meeting.MeetingService;
import at.jobfair.refusal.Reason;
import at.jobfair.web.Messages;
import at.jobfair.web.Messages.Lang;
import at.jobfair.web.WallClock;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Map;

/**
 * Passing an appointment to a colleague of the booth, and asking a colleague into a running call: each in one
 * transaction (the booking locked, the rule asked, the change written, the evidence and the audit record kept, the
 * person's email queued). The person's page hears of a hand-off live through the booking's own announcement (V3).
 */
public final class HandoffService {

  /** A hand-off made: who has the appointment now, and when it changed. */
  public record Handed(long bookingId, Long fromId, long toId, String toName, Instant at) {
  }

  /** A colleague asked into the call. */
  public record Invited(long bookingId, long inviteeId, String inviteeName, Instant at) {
  }

  private final Pool pool;
  private final HandoffStore store;
  private final MeetingService meetings;
  private final Outbox outbox;
  private final MailSender mailSender;
  private final AuditLog audit;
  private final Messages messages;
  private final ZoneId zone;
  private final String publicUrl;
  private final Clock clock;

  public HandoffService(Pool pool, HandoffStore store, MeetingService meetings, Outbox outbox, MailSender mailSender,
                        AuditLog audit, Messages messages, ZoneId zone, String publicUrl, Clock clock) {
    this.pool = pool;
    this.store = store;
    this.meetings = meetings;
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.audit = audit;
    this.messages = messages;
    this.zone = zone;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  /**
   * The booth's staff move the appointment to a colleague's schedule: the colleague interviews from now on. Two
   * hand-offs of one employer at once run one after the other (see {@link HandoffStore#serialise}); two bookings of the
   * same time handed to one colleague get one through (the database's exclusion constraint), the other a 409.
   */
  public Future<Handed> handOff(Account actor, long bookingId, Long colleagueId) {
    if (colleagueId == null) return Future.failedFuture(Reason.HANDOFF_COLLEAGUE_REQUIRED.refuse());
    return pool.withTransaction(tx -> store.serialise(tx, bookingId).compose(v -> store.lock(tx, bookingId, colleagueId)).compose(b -> {
      Reason no = b == null ? Reason.BOOKING_NOT_FOUND : HandoffPolicy.handOff(facts(actor, b, colleagueId), clock.instant());
      if (no != null) return Future.failedFuture(no.refuse());
      return store.interviewer(tx, bookingId, colleagueId)
          .recover(HandoffService::constraint)
          .compose(v -> store.recordHandoff(tx, bookingId, b.interviewerId(), colleagueId, actor.id()))
          .compose(at -> outbox.enqueue(tx, mail(b, at)).map(at))
          .compose(at -> audit.append(tx, AuditChain.Entry.of(at, actor.id(), Role.EMPLOYER.name(), "booking:" + bookingId,
                  "HANDOFF", b.interviewerId() == null ? "team" : "interviewer:" + b.interviewerId(), "interviewer:" + colleagueId, null))
              .map(e -> new Handed(bookingId, b.interviewerId(), colleagueId, b.colleagueName(), at)));
    })).onSuccess(h -> mailSender.wake());
  }

  /**
   * A member of the booth's staff in the room asks a colleague of the booth in: recorded (evidence and audit) and
   * announced live; the colleague enters as the host does (the meeting rules let the booth's staff in as moderators).
   */
  public Future<Invited> invite(Account actor, long bookingId, Long colleagueId) {
    if (colleagueId == null) return Future.failedFuture(Reason.HANDOFF_COLLEAGUE_REQUIRED.refuse());
    // The room must be open to the one who asks (outsiders learn nothing; too early or closed says so).
    return meetings.enter(actor, bookingId).compose(entry -> {
      if (!entry.moderator()) return Future.failedFuture(Reason.MEETING_MODERATOR_ONLY.refuse());
      return pool.withTransaction(tx -> store.lock(tx, bookingId, colleagueId).compose(b -> {
        Reason no = b == null ? Reason.BOOKING_NOT_FOUND : HandoffPolicy.invite(facts(actor, b, colleagueId), actor.id());
        if (no != null) return Future.failedFuture(no.refuse());
        return store.recordInvite(tx, bookingId, colleagueId, actor.id())
            .compose(at -> audit.append(tx, AuditChain.Entry.of(at, actor.id(), Role.EMPLOYER.name(), "booking:" + bookingId,
                    "MEETING_INVITE", null, "invitee:" + colleagueId, null))
                .map(e -> new Invited(bookingId, colleagueId, b.colleagueName(), at)));
      }));
    });
  }

  /** The evidence of who met the person, for the booth's own employer (others: not found). */
  public Future<Map<String, List<Map<String, Object>>>> evidence(Account actor, long bookingId) {
    return withBooking(actor, bookingId).map(Evidence::items);
  }

  /** The evidence and the appointment it is about (for its page). */
  public record Evidence(Locked booking, Map<String, List<Map<String, Object>>> items) {
  }

  /** The evidence with its appointment, for the booth's own employer (others: not found, as for the API). */
  public Future<Evidence> withBooking(Account actor, long bookingId) {
    return pool.withTransaction(tx -> store.lock(tx, bookingId, -1).compose(b -> {
      if (b == null || !actor.worksFor(b.employerId())) return Future.failedFuture(Reason.BOOKING_NOT_FOUND.refuse());
      return store.evidence(tx, bookingId).map(items -> new Evidence(b, items));
    }));
  }

  /** The booth's staff (the colleagues one may hand to or ask in). */
  public Future<List<Colleague>> staff(long boothId) {
    return store.staff(pool, boothId);
  }

  /** Who interviews, by booking. */
  public Future<Map<Long, Colleague>> interviewers(List<Long> bookingIds) {
    return store.interviewers(pool, bookingIds);
  }

  /** The calls at this booth this person was asked into, by booking, with who asked. */
  public Future<Map<Long, String>> openInvites(long accountId, long boothId) {
    return store.openInvites(pool, accountId, boothId);
  }

  private static HandoffPolicy.Facts facts(Account actor, Locked b, long colleagueId) {
    return new HandoffPolicy.Facts(actor.worksFor(b.employerId()), b.colleagueName() != null, b.active(), b.end(),
        b.interviewerId(), colleagueId);
  }

  /** What the database refuses: the colleague is busy at that time, or does not staff the booth (any more). */
  private static Future<Void> constraint(Throwable e) {
    if (e instanceof PgException pg && "23P01".equals(pg.getSqlState())) return Future.failedFuture(Reason.HANDOFF_COLLEAGUE_BUSY.refuse());
    if (e instanceof PgException pg && "23514".equals(pg.getSqlState())) return Future.failedFuture(Reason.HANDOFF_NOT_STAFF.refuse());
    return Future.failedFuture(e);
  }

  /** The person's email, in their language: who meets them now. */
  private Mail mail(Locked b, Instant at) {
    Lang lang = Lang.parse(b.jobseekerLanguage());
    if (lang == null) lang = Lang.DE;
    String date = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(lang.locale()).withZone(zone).format(b.start());
    String time = WallClock.clock(b.start(), zone);
    String subject = messages.get(lang, "mail.handoff.subject", b.employerName(), date, time);
    String text = messages.get(lang, "mail.handoff.text", b.jobseekerName(), b.employerName(), date, time,
        b.colleagueName(), b.fairName(), publicUrl + "/me/appointments");
    return new Mail(b.jobseekerEmail(), b.jobseekerName(), subject, text, null, List.of(), "BOOKING_HANDED_OFF",
        "booking:" + b.id() + "/handoff/" + (at.getEpochSecond() * 1_000_000 + at.getNano() / 1000));
  }

  public Instant now() {
    return clock.instant();
  }
}
