package at.jobfair.invitation;

import at.jobfair.account.AccountStore;
import at.jobfair.account.NewAccount;
import at.jobfair.audit.AuditLog;
import at.jobfair.booking.BookingStore.View;
import at.jobfair.booking.BookingStore;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.invitation.InvitationStore.Criteria;
import at.jobfair.invitation.InvitationStore.Invitation;
import at.jobfair.invitation.InvitationStore.Notice;
import at.jobfair.legal.Basis;
import at.jobfair.legal.Catalogue;
import at.jobfair.mail.MailSender;
import at.jobfair.mail.Outbox;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Placement proposals and control appointments (each on the catalogue's basis for the person's benefit type), mass
 * mailings and public registration (voluntary), personal links and reminder confirmations.
 */
public final class InvitationService {

  /** Registrations accepted from one address within an hour. */
  static final int REGISTRATIONS_PER_HOUR = 20;

  /** A checked personal link: whose it is and where it leads. */
  public record Link(Invitation invitation, Account account, String target) {
  }

  private final Pool pool;
  private final Outbox outbox;
  private final MailSender mailSender;
  private final InvitationMails mails;
  private final LinkSigner signer;
  private final Duration linkGrace;
  private final ZoneId zone;
  private final AccountStore accounts;
  private final BookingStore bookings;
  private final Catalogue legal;
  private final PersonalInvitations personal;

  public InvitationService(Pool pool, Outbox outbox, MailSender mailSender, InvitationMails mails, LinkSigner signer,
                           int linkValidDays, ZoneId zone, Catalogue legal) {
    this.pool = pool;
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.mails = mails;
    this.signer = signer;
    this.linkGrace = Duration.ofDays(linkValidDays);
    this.zone = zone;
    this.accounts = new AccountStore(pool);
    this.bookings = new BookingStore(pool);
    this.legal = legal;
    this.personal = new PersonalInvitations(this, pool, mailSender, legal, new AuditLog(pool));
  }

  public Catalogue legal() {
    return legal;
  }

  public LinkSigner signer() {
    return signer;
  }

  public InvitationMails mails() {
    return mails;
  }

  // ---- personal links

  /** The personal link's token: the invitation, its person and when it stops working, signed. */
  public String invitationToken(Invitation i) {
    Instant deadline = i.booth() == null ? null : i.booth().deadline();
    Instant until = (deadline != null ? deadline : i.fair().ends()).plus(linkGrace);
    return signer.sign("inv:" + i.id() + ":" + i.person().id() + ":" + until.getEpochSecond());
  }

  /** The token of a reminder's "I am coming" link: the booking and its person, valid until the appointment ends. */
  public String confirmToken(View b) {
    return signer.sign("confirm:" + b.id() + ":" + b.jobseeker().id() + ":" + b.slot().end().getEpochSecond());
  }

  /** Checks a personal link without using it. {@code current} is whoever is signed in on this browser, or null. */
  public Future<Link> checkLink(String token, Account current) {
    long[] p;
    try {
      p = payload(token, "inv");
    } catch (Refused e) {
      return Future.failedFuture(e);
    }
    return InvitationStore.find(pool, p[0]).compose(i -> {
      if (i == null || i.person().id() != p[1]) return Future.failedFuture(invalid());
      if (Instant.now().getEpochSecond() > p[2]) return Future.failedFuture(Reason.LINK_EXPIRED.refuse());
      if (current != null && current.id() != i.person().id()) return Future.failedFuture(Reason.LINK_OTHER_PERSON.refuse());
      return InvitationStore.jobseeker(pool, i.person().id(), null).compose(a -> a == null ? Future.failedFuture(invalid())
          : Future.succeededFuture(new Link(i, a, i.booth() != null ? "/booths/" + i.booth().id() : "/fairs/" + i.fair().id())));
    });
  }

  /** Uses a personal link: checks it and records its first use. The caller signs the person in. */
  public Future<Link> useLink(String token, Account current) {
    return checkLink(token, current).compose(link -> InvitationStore.markOpened(pool, link.invitation().id()).map(link));
  }

  long[] payload(String token, String purpose) {
    String payload = signer.verify(token);
    if (payload == null) throw invalid();
    String[] parts = payload.split(":");
    if (parts.length != 4 || !parts[0].equals(purpose)) throw invalid();
    try {
      return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3])};
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  private static Refused invalid() {
    return Reason.LINK_INVALID.refuse();
  }

  // ---- placement proposals and control appointments (see PersonalInvitations)

  public Future<JsonObject> propose(Account actor, long fairId, JsonObject body) {
    return personal.propose(actor, fairId, body);
  }

  public Future<JsonObject> control(Account actor, long fairId, JsonObject body) {
    return personal.control(actor, fairId, body);
  }

  /** The voluntary basis of a mass mailing or a public link (it applies to everyone, also without a benefit). */
  private Basis voluntary(String kind) {
    return legal.resolve(kind, Catalogue.NO_BENEFIT, Instant.now()).orElse(null);
  }

  /** Queues the invitation's email in the transaction and keeps the outbox id with the invitation. */
  Future<Invitation> send(SqlClient tx, long invitationId) {
    return InvitationStore.find(tx, invitationId).compose(i -> outbox.enqueue(tx, mails.invitation(i, invitationToken(i)))
        .compose(outboxId -> InvitationStore.setOutbox(tx, i.id(), outboxId)).map(i));
  }

  OffsetDateTime deadline(Object raw) {
    if (!(raw instanceof String s) || s.isBlank()) throw Reason.INVITATION_DEADLINE.refuse();
    try {
      return OffsetDateTime.parse(s.strip());
    } catch (DateTimeException e) {
      try {
        return LocalDateTime.parse(s.strip()).atZone(zone).toOffsetDateTime();
      } catch (DateTimeException e2) {
        throw Reason.INVITATION_DEADLINE.refuse();
      }
    }
  }

  static Future<Void> publishedFair(SqlClient tx, long fairId) {
    return InvitationStore.fairStatus(tx, fairId).compose(status -> {
      if (status == null) return Future.failedFuture(Reason.FAIR_NOT_FOUND.refuse());
      if (!"PUBLISHED".equals(status)) return Future.failedFuture(Reason.INVITATION_FAIR_NOT_PUBLISHED.refuse());
      return Future.succeededFuture();
    });
  }

  static JsonObject json(Invitation i) {
    JsonObject o = new JsonObject().put("id", i.id()).put("kind", i.kind().db()).put("legalBasis", i.legalBasis().name())
        .put("jobseekerId", i.person().id()).put("fairId", i.fair().id());
    if (i.booth() != null) {
      o.put("boothId", i.booth().id()).put("vacancyTitle", i.booth().vacancyTitle()).put("deadline", i.booth().deadline().toString())
          .put("noticeVersion", i.notice() == null ? null : i.notice().version());
    }
    if (i.basis() != null) {
      o.put("basis", new JsonObject().put("code", i.basis().code()).put("version", i.basis().version())
          .put("noticeLanguage", i.basis().noticeLanguage()));
    }
    return o;
  }

  // ---- mass mailings

  /** Reads {@code {"region","languages":[...],"targetGroup"}}; at least one is required. */
  public static Criteria criteria(Object raw) {
    if (!(raw instanceof JsonObject c)) throw Reason.INVITATION_CRITERIA_MISSING.refuse();
    String region = clean(c.getValue("region"));
    String group = clean(c.getValue("targetGroup"));
    List<String> languages = null;
    Object langs = c.getValue("languages");
    if (langs instanceof JsonArray a && !a.isEmpty()) {
      languages = new ArrayList<>();
      for (Object l : a) {
        if (!(l instanceof String s) || s.isBlank() || s.length() > 20) throw Reason.INVITATION_CRITERIA_INVALID.refuse();
        languages.add(s.strip().toLowerCase(Locale.ROOT));
      }
    } else if (langs != null && !(langs instanceof JsonArray)) {
      throw Reason.INVITATION_CRITERIA_INVALID.refuse();
    }
    if (region == null && group == null && languages == null) throw Reason.INVITATION_CRITERIA_MISSING.refuse();
    return new Criteria(region, languages, group);
  }

  private static String clean(Object v) {
    if (v == null) return null;
    if (!(v instanceof String s) || s.length() > 100) throw Reason.INVITATION_CRITERIA_INVALID.refuse();
    return s.isBlank() ? null : s.strip();
  }

  /** How many people the mailing reaches, and how many of them were already told about the fair. */
  public Future<JsonObject> previewMailing(long fairId, Criteria criteria) {
    return InvitationStore.fairStatus(pool, fairId).compose(status -> status == null
            ? Future.failedFuture(Reason.FAIR_NOT_FOUND.refuse()) : InvitationStore.previewMailing(pool, fairId, criteria))
        .map(c -> new JsonObject().put("preview", true).put("count", c[0]).put("alreadyInvited", c[1]).put("newRecipients", c[0] - c[1]));
  }

  /**
   * Sends a mass mailing: the mailing, one invitation per matching person not yet told about the fair and their
   * emails are written in one transaction, so a crash leaves all or nothing, and sending again mails nobody twice.
   */
  public Future<JsonObject> sendMailing(Account actor, long fairId, Criteria criteria) {
    return pool.withTransaction(tx -> publishedFair(tx, fairId)
        .compose(v -> InvitationStore.insertMailing(tx, fairId, criteria, actor.id()))
        .compose(mailingId -> InvitationStore.insertMailingInvitations(tx, fairId, mailingId, criteria, actor.id(), voluntary("MASS_MAILING"))
            .compose(added -> InvitationStore.ofMailing(tx, mailingId))
            .compose(list -> {
              Future<Void> chain = Future.succeededFuture();
              for (Invitation i : list) {
                chain = chain.compose(v -> outbox.enqueue(tx, mails.invitation(i, invitationToken(i)))
                    .compose(outboxId -> InvitationStore.setOutbox(tx, i.id(), outboxId)));
              }
              return chain.map(v -> new JsonObject().put("preview", false).put("mailingId", mailingId).put("count", list.size()));
            })))
        .onSuccess(v -> mailSender.wake());
  }

  // ---- public registration

  /** What a registration did: a new account to sign in, or an existing email (a link was mailed if it is a jobseeker's). */
  public record Registration(Account account, boolean existing) {
  }

  public Future<Registration> register(long fairId, JsonObject body, String ip) {
    String phone = body.getValue("phone") instanceof String p && !p.isBlank() ? p.strip() : null;
    if (phone != null && !phone.matches("[0-9 +\\-/()]{3,40}")) throw Reason.REGISTER_PHONE.refuse();
    Object language = body.getValue("language");
    NewAccount a = new NewAccount(body.getValue("email") instanceof String e ? e : null, body.getValue("name") instanceof String n ? n : null,
        null, EnumSet.of(Role.JOBSEEKER), null, language instanceof String l ? l : null);
    return pool.withTransaction(tx -> InvitationStore.fairStatus(tx, fairId).compose(status -> {
          if (!"PUBLISHED".equals(status)) return Future.failedFuture(Reason.FAIR_NOT_FOUND.refuse());
          return InvitationStore.registrationsFrom(tx, ip);
        }).compose(count -> {
          if (count >= REGISTRATIONS_PER_HOUR) return Future.failedFuture(Reason.REGISTER_TOO_MANY.refuse());
          return tx.preparedQuery("select id from account where email = $1::citext").execute(Tuple.of(a.email()));
        }).compose(rows -> {
          if (rows.size() > 0) {
            long existingId = rows.iterator().next().getLong("id");
            return InvitationStore.jobseeker(tx, existingId, null).compose(person -> person == null ? Future.succeededFuture()
                    : InvitationStore.publicInvitation(tx, existingId, fairId, null, voluntary("PUBLIC_LINK")).compose(id -> InvitationStore.find(tx, id))
                        .compose(i -> outbox.enqueue(tx, mails.signInLink(i, invitationToken(i)))).mapEmpty())
                .map(v -> new Registration(null, true));
          }
          return accounts.insert(tx, a, null, null)
              .compose(id -> InvitationStore.saveProfile(tx, id, phone).map(id))
              .compose(id -> InvitationStore.publicInvitation(tx, id, fairId, ip, voluntary("PUBLIC_LINK")))
              .compose(invitationId -> send(tx, invitationId))
              .map(i -> new Registration(new Account(i.person().id(), a.email(), a.name(), a.language(), null, EnumSet.of(Role.JOBSEEKER)),
                  false));
        }))
        .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Future.succeededFuture(new Registration(null, true)) : Future.failedFuture(e))
        .onSuccess(r -> mailSender.wake());
  }

  // ---- the jobseeker's invitations, notices

  public Future<List<JsonObject>> mine(long jobseekerId) {
    return InvitationStore.ofJobseeker(pool, jobseekerId);
  }

  /** The person's counsellor (name and email), for texts that ask them to get in touch; null when none is assigned. */
  public Future<BookingStore.Counsellor> counsellor(long jobseekerId) {
    return bookings.counsellor(jobseekerId);
  }

  /** The consequence notices from before the catalogue (read-only: new invitations carry a catalogue basis). */
  public Future<List<Notice>> notices() {
    return InvitationStore.notices(pool);
  }

  // ---- what the invitation pages show of a fair

  /** The fair's id, name and status, or null when there is none. */
  Future<JsonObject> fair(long fairId) {
    return InvitationStore.fair(pool, fairId);
  }

  /** The fair's vacancies with their employer and booth, to propose one. */
  Future<List<JsonObject>> vacancies(long fairId) {
    return InvitationStore.vacancies(pool, fairId);
  }

  /** The fair's booths with their employer's name, for a control appointment. */
  Future<List<JsonObject>> booths(long fairId) {
    return InvitationStore.booths(pool, fairId);
  }

  // ---- reminder confirmation ("Ich komme")

  /** The booking a confirmation link is for, checked. */
  public Future<View> checkConfirm(String token) {
    long[] p;
    try {
      p = payload(token, "confirm");
    } catch (Refused e) {
      return Future.failedFuture(e);
    }
    if (Instant.now().getEpochSecond() > p[2]) return Future.failedFuture(Reason.LINK_EXPIRED.refuse());
    return bookings.find(pool, p[0]).compose(b -> b == null || b.jobseeker().id() != p[1]
        ? Future.failedFuture(invalid()) : Future.succeededFuture(b));
  }

  /** Records that the person will come; answers the booking, or refuses when it was cancelled meanwhile. */
  public Future<View> confirm(String token) {
    return checkConfirm(token).compose(b -> pool.preparedQuery(
            "update booking set confirmed_at = coalesce(confirmed_at, now()) where id = $1 and jobseeker_id = $2 and status = 'ACTIVE'")
        .execute(Tuple.of(b.id(), b.jobseeker().id()))
        .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture(b) : Future.failedFuture(Reason.REMINDER_BOOKING_CANCELLED.refuse())));
  }
}
