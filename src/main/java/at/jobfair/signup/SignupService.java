package at.jobfair.signup;

import at.jobfair.account.PasswordHasher;
import at.jobfair.audit.AuditChain;
import at.jobfair.audit.AuditLog;
import at.jobfair.fair.FairStore;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.mail.Mail;
import at.jobfair.mail.MailSender;
import at.jobfair.mail.Outbox;
import at.jobfair.mail.Recipients;
import at.jobfair.refusal.Reason;
import at.jobfair.web.JsonFields;
import at.jobfair.web.Messages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Employers who sign up themselves (issue 16, point 6), each step one transaction: a company registers with its first
 * representative (pending, inactive) and confirms the address by a single-use link; an organiser approves or rejects
 * it (one decision, whoever is first); representatives invite colleagues by single-use, expiring links; an approved
 * employer applies to exhibit at a published fair (one application per fair) and the fair's organiser's approval opens
 * its booth. Signing up answers alike whether or not the address has an account (no enumeration): the owner of a
 * known address gets a mail saying so instead. Decisions go into the audit trail; the people concerned get mails.
 */
public final class SignupService {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder TOKEN = Base64.getUrlEncoder().withoutPadding();

  private final Vertx vertx;
  private final Pool pool;
  private final SignupStore store;
  private final FairStore fairs;
  private final PasswordHasher hasher;
  private final Outbox outbox;
  private final MailSender mailSender;
  private final AuditLog audit;
  private final Messages messages;
  private final String publicUrl;
  private final Duration linkValid;
  private final Clock clock;

  public SignupService(Vertx vertx, Pool pool, FairStore fairs, PasswordHasher hasher, Outbox outbox, MailSender mailSender,
                       AuditLog audit, Messages messages, String publicUrl, Duration linkValid, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = new SignupStore();
    this.fairs = fairs;
    this.hasher = hasher;
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.audit = audit;
    this.messages = messages;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.linkValid = linkValid;
    this.clock = clock;
  }

  /** How long a confirmation or invitation link works, in hours (pages and mails say it). */
  public long validHours() {
    return linkValid.toHours();
  }

  // ---- signing up

  /**
   * Takes a company's application for an employer account with its first representative (pending, inactive, without a
   * password until the mailed link is used), or (for an address with another account) only mails its owner and
   * answers alike. An address whose application awaits its confirmation or a decision is refused 409
   * {@code signup_pending}; of applications at once with one address, the unique address keeps one and refuses the
   * others alike. One never confirmed whose link ran out gives way to the new one. Everything or nothing is written.
   */
  public Future<Void> signUp(SignupInput in, String language) {
    return pool.withTransaction(tx -> store.addressState(tx, in.email(), now()).compose(state -> switch (state) {
          case PENDING -> Future.<Void>failedFuture(Reason.SIGNUP_PENDING.refuse());
          case ACCOUNT -> {
            Messages.Lang lang = lang(language);
            yield outbox.enqueue(tx, Mail.text(in.email(), in.name(), messages.get(lang, "mail.signupExists.subject"),
                messages.get(lang, "mail.signupExists.text", in.name(), publicUrl + "/password-reset"), "SIGNUP_EXISTS",
                "signup-exists:" + OffsetDateTime.now(clock).toLocalDate())).<Void>mapEmpty();
          }
          case STALE -> store.deleteStale(tx, in.email()).compose(v -> register(tx, in, language));
          case FREE -> register(tx, in, language);
        }))
        // two applications with one address at once: the second finds it in the unique index once the first is written
        .recover(e -> Future.failedFuture(isUniqueViolation(e) ? Reason.SIGNUP_PENDING.refuse() : e))
        .onSuccess(v -> mailSender.wake())
        .mapEmpty();
  }

  private Future<Void> register(SqlClient tx, SignupInput in, String language) {
    return store.insertSignup(tx, in, language).compose(ids -> {
      String token = newToken();
      return store.insertLink(tx, hash(token), ids[1], SignupStore.LinkPurpose.SIGNUP_CONFIRM, expires())
          .compose(v -> outbox.enqueue(tx, mail(in.email(), in.name(), language, "mail.signupConfirm", "SIGNUP_CONFIRM",
              "signup:" + ids[0], in.name(), in.company(), publicUrl + "/employers/signup/confirm/" + token, validHours())));
    }).mapEmpty();
  }

  /** Checks a link without using it (the page that asks for a tap): refused as used, expired or unknown. */
  public Future<Void> checkLink(String token, SignupStore.LinkPurpose purpose) {
    byte[] hash = token == null || token.length() > 100 ? null : hash(token);
    if (hash == null) return Future.failedFuture(Reason.EMAIL_LINK_INVALID.refuse());
    return store.linkState(pool, hash, purpose, now()).compose(SignupService::linkRefusal);
  }

  private static Future<Void> linkRefusal(String state) {
    if (state == null) return Future.succeededFuture();
    return Future.failedFuture(switch (state) {
      case "used" -> Reason.EMAIL_LINK_USED.refuse();
      case "expired" -> Reason.EMAIL_LINK_EXPIRED.refuse();
      default -> Reason.EMAIL_LINK_INVALID.refuse();
    });
  }

  /** Uses a link once (of two uses at once, one), on the caller's transaction: the account it is for. */
  private Future<Long> use(SqlClient tx, String token, SignupStore.LinkPurpose purpose) {
    byte[] hash = token == null || token.length() > 100 ? null : hash(token);
    if (hash == null) return Future.failedFuture(Reason.EMAIL_LINK_INVALID.refuse());
    return store.useLink(tx, hash, purpose, now()).compose(account -> account != null ? Future.succeededFuture(account)
        : store.linkState(tx, hash, purpose, now()).compose(state -> linkRefusal(state == null ? "used" : state)).map(0L));
  }

  /**
   * Confirms the application's address with the mailed link (once, before it expires) and keeps the password the
   * representative chooses there; the account stays inactive until an organiser approves, and only from now on do
   * the organisers see the application.
   */
  public Future<Void> confirm(String token, String password) {
    return checkLink(token, SignupStore.LinkPurpose.SIGNUP_CONFIRM).compose(ok -> {
      if (password == null || password.length() < SignupInput.MIN_PASSWORD || password.length() > 200) {
        return Future.failedFuture(JsonFields.invalid("password", Reason.PASSWORD_TOO_SHORT, SignupInput.MIN_PASSWORD));
      }
      return vertx.executeBlocking(() -> hasher.hash(password), false);
    }).compose(hash -> pool.withTransaction(tx -> use(tx, token, SignupStore.LinkPurpose.SIGNUP_CONFIRM)
        .compose(account -> store.confirmEmail(tx, account, hash).compose(employer -> employer == null
            ? Future.failedFuture(Reason.SIGNUP_DECIDED.refuse())
            : audit.append(tx, AuditChain.Entry.of(clock.instant(), account, Role.EMPLOYER.name(), "employer:" + employer,
                "EMPLOYER_SIGNUP_CONFIRMED", "UNCONFIRMED", "PENDING", "email link"))
                .compose(v -> tellOrganisers(tx, employer))))))
        .onSuccess(v -> mailSender.wake())
        .mapEmpty();
  }

  /** A confirmed application waits for an organiser: each gets a mail (in the same transaction, in their language). */
  private Future<Void> tellOrganisers(SqlClient tx, long employerId) {
    return store.employerName(tx, employerId).compose(company -> Recipients.mailOrganisers(tx, outbox, o ->
        mail(o.email(), o.name(), o.language(), "mail.signupToDecide", "SIGNUP_TO_DECIDE", "signup:" + employerId + "/organiser",
            o.name(), company, publicUrl + "/admin/employer-signups")));
  }

  // ---- the organisers' decision

  public Future<JsonArray> pending() {
    return store.pending(pool);
  }

  /**
   * Approves (activating the employer and its first representative, who gets a mail) or rejects (with a reason, also
   * mailed) a sign-up. Of two organisers deciding at once, one decides; the other is told it is decided already.
   */
  public Future<Void> decide(long employerId, boolean approve, String reason, Account organiser) {
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    if (!approve && why == null) return Future.failedFuture(JsonFields.invalid("reason", Reason.DECISION_REASON_MISSING));
    if (why != null && why.length() > 1000) return Future.failedFuture(JsonFields.invalid("reason", Reason.DECISION_REASON_MISSING));
    return pool.withTransaction(tx -> store.decide(tx, employerId, approve, why, organiser.id()).compose(rep -> {
      if (rep == null) {
        return store.signupState(tx, employerId).compose(state -> Future.failedFuture("unconfirmed".equals(state)
            ? Reason.SIGNUP_UNCONFIRMED.refuse() : "decided".equals(state) ? Reason.SIGNUP_DECIDED.refuse() : Reason.SIGNUP_NOT_FOUND.refuse()));
      }
      String status = approve ? "APPROVED" : "REJECTED";
      return store.setEmployerStatus(tx, employerId, status)
          .compose(v -> approve ? store.activate(tx, rep) : Future.succeededFuture())
          .compose(v -> audit.append(tx, AuditChain.Entry.of(clock.instant(), organiser.id(), Role.ORGANIZER.name(),
              "employer:" + employerId, "EMPLOYER_SIGNUP_DECIDED", "PENDING", status, why)))
          .compose(v -> store.account(tx, rep))
          .compose(acc -> store.employerName(tx, employerId).compose(company -> outbox.enqueue(tx, approve
              ? mail(acc.getString("email"), acc.getString("name"), acc.getString("language"), "mail.signupApproved", "SIGNUP_APPROVED",
                  "signup:" + employerId, acc.getString("name"), company, publicUrl + "/signin")
              : mail(acc.getString("email"), acc.getString("name"), acc.getString("language"), "mail.signupRejected", "SIGNUP_REJECTED",
                  "signup:" + employerId, acc.getString("name"), company, why))))
          .mapEmpty();
    })).onSuccess(v -> mailSender.wake()).mapEmpty();
  }

  // ---- colleagues

  /** Invites a colleague to represent the representative's own (approved) employer: a new inactive account and a link. */
  public Future<Void> invite(Account rep, String name, String email) {
    Long employerId = rep.employerId();
    if (!rep.has(Role.EMPLOYER) || employerId == null) return Future.failedFuture(Reason.FORBIDDEN.refuse());
    String n = name == null ? null : name.strip();
    if (n == null || n.isEmpty() || n.length() > 200) return Future.failedFuture(JsonFields.invalid("name", Reason.NAME_INVALID));
    String e = email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    if (e == null || e.length() > 254 || !SignupInput.EMAIL.matcher(e).matches()) {
      return Future.failedFuture(JsonFields.invalid("email", Reason.EMAIL_INVALID));
    }
    return pool.withTransaction(tx -> store.employerStatus(tx, employerId).compose(status -> {
      if (!"APPROVED".equals(status)) return Future.failedFuture(Reason.EMPLOYER_PENDING.refuse());
      return store.emailTaken(tx, e);
    }).compose(taken -> {
      if (taken) return Future.failedFuture(Reason.EMAIL_TAKEN.refuse(e));
      return store.insertColleague(tx, employerId, n, e, rep.language(), rep.id());
    }).compose(id -> {
      String token = newToken();
      return store.insertLink(tx, hash(token), id, SignupStore.LinkPurpose.COLLEAGUE_INVITE, expires())
          .compose(v -> store.employerName(tx, employerId))
          .compose(company -> outbox.enqueue(tx, mail(e, n, rep.language(), "mail.colleagueInvite", "COLLEAGUE_INVITE",
              "colleague:" + id, n, company, rep.name(), publicUrl + "/employers/invitation/" + token, validHours())))
          .compose(v -> audit.append(tx, AuditChain.Entry.of(clock.instant(), rep.id(), Role.EMPLOYER.name(), "account:" + id,
              "COLLEAGUE_INVITED", null, "INVITED", "employer:" + employerId)));
    }))
        .recover(err -> Future.failedFuture(isUniqueViolation(err) ? Reason.EMAIL_TAKEN.refuse(e) : err))
        .onSuccess(v -> mailSender.wake()).mapEmpty();
  }

  /** The invited colleague sets a password with the link (once, before it expires) and may sign in from then on. */
  public Future<Void> acceptInvitation(String token, String password) {
    return checkLink(token, SignupStore.LinkPurpose.COLLEAGUE_INVITE).compose(ok -> {
      if (password == null || password.length() < SignupInput.MIN_PASSWORD || password.length() > 200) {
        return Future.failedFuture(JsonFields.invalid("password", Reason.PASSWORD_TOO_SHORT, SignupInput.MIN_PASSWORD));
      }
      return vertx.executeBlocking(() -> hasher.hash(password), false);
    }).compose(hash -> pool.withTransaction(tx -> use(tx, token, SignupStore.LinkPurpose.COLLEAGUE_INVITE)
        .compose(account -> store.setPasswordAndActivate(tx, account, hash)
            .compose(v -> audit.append(tx, AuditChain.Entry.of(clock.instant(), account, Role.EMPLOYER.name(), "account:" + account,
                "COLLEAGUE_JOINED", "INVITED", "ACTIVE", "email link"))))))
        .mapEmpty();
  }

  // ---- exhibiting at a fair

  /** An approved employer's representative applies to exhibit at a published fair: one application per fair. */
  public Future<JsonObject> apply(Account rep, long fairId) {
    Long employerId = rep.employerId();
    if (!rep.has(Role.EMPLOYER) || employerId == null) return Future.failedFuture(Reason.FORBIDDEN.refuse());
    return pool.withTransaction(tx -> store.employerStatus(tx, employerId).compose(status -> {
      if (!"APPROVED".equals(status)) return Future.failedFuture(Reason.EMPLOYER_PENDING.refuse());
      return store.fairFor(tx, fairId, employerId);
    }).compose(fair -> {
      if (fair == null) return Future.failedFuture(Reason.FAIR_NOT_FOUND.refuse());
      if (!"PUBLISHED".equals(fair[0])) return Future.failedFuture(Reason.APPLICATION_FAIR_CLOSED.refuse());
      if (Boolean.parseBoolean(fair[2])) return Future.failedFuture(Reason.FAIR_EMPLOYER_EXISTS.refuse());
      return store.insertApplication(tx, fairId, employerId, rep.id());
    }).compose(app -> app == null ? Future.failedFuture(Reason.APPLICATION_EXISTS.refuse()) : Future.succeededFuture(app)))
        .recover(e -> Future.failedFuture(isUniqueViolation(e) ? Reason.APPLICATION_EXISTS.refuse() : e));
  }

  public Future<JsonArray> applicationsOf(long fairId) {
    return store.applicationsOf(pool, fairId);
  }

  public Future<JsonArray> applicationsBy(long employerId) {
    return store.applicationsBy(pool, employerId);
  }

  public Future<JsonArray> openFairs(long employerId) {
    return store.openFairs(pool, employerId);
  }

  /**
   * The fair's organiser approves (opening the employer's booth at the fair, answered) or rejects (with a reason) an
   * application; one decision, whoever is first. The representatives get a mail; the decision is audited.
   */
  public Future<JsonObject> decideApplication(long fairId, long applicationId, boolean approve, String reason, Account organiser) {
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    if (!approve && why == null) return Future.failedFuture(JsonFields.invalid("reason", Reason.DECISION_REASON_MISSING));
    if (why != null && why.length() > 1000) return Future.failedFuture(JsonFields.invalid("reason", Reason.DECISION_REASON_MISSING));
    return pool.withTransaction(tx -> store.decideApplication(tx, fairId, applicationId, approve, why, organiser.id()).compose(employerId -> {
      if (employerId == null) {
        return store.applicationExists(tx, fairId, applicationId).compose(exists -> Future.failedFuture(exists
            ? Reason.APPLICATION_DECIDED.refuse() : Reason.APPLICATION_NOT_FOUND.refuse()));
      }
      String status = approve ? "APPROVED" : "REJECTED";
      Future<JsonObject> booth = approve ? fairs.addEmployer(tx, fairId, employerId) : Future.succeededFuture(null);
      return booth.compose(b -> audit.append(tx, AuditChain.Entry.of(clock.instant(), organiser.id(), Role.ORGANIZER.name(),
              "fair:" + fairId + "/employer:" + employerId, "EXHIBITOR_APPLICATION_DECIDED", "PENDING", status, why))
          .compose(v -> store.employerName(tx, employerId))
          .compose(company -> store.fairFor(tx, fairId, employerId).compose(fair -> store.representatives(tx, employerId).compose(reps -> {
            Future<Long> chain = Future.succeededFuture();
            for (Object o : reps) {
              JsonObject r = (JsonObject) o;
              chain = chain.compose(x -> outbox.enqueue(tx, mail(r.getString("email"), r.getString("name"), r.getString("language"),
                  approve ? "mail.applicationApproved" : "mail.applicationRejected", approve ? "EXHIBITOR_APPROVED" : "EXHIBITOR_REJECTED",
                  "application:" + applicationId, r.getString("name"), fair[1], approve ? publicUrl + "/employer" : why)));
            }
            return chain;
          })))
          .map(v -> new JsonObject().put("id", applicationId).put("status", status).put("boothId", b == null ? null : b.getLong("id"))));
    })).onSuccess(v -> mailSender.wake());
  }

  // ---- helpers

  private Mail mail(String to, String name, String language, String key, String kind, String ref, Object... args) {
    Messages.Lang lang = lang(language);
    return Mail.text(to, name, messages.get(lang, key + ".subject"), messages.get(lang, key + ".text", args), kind, ref);
  }

  private static Messages.Lang lang(String code) {
    Messages.Lang lang = Messages.Lang.parse(code);
    return lang == null ? Messages.Lang.DE : lang;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private OffsetDateTime expires() {
    return OffsetDateTime.ofInstant(clock.instant().plus(linkValid), ZoneOffset.UTC);
  }

  private static String newToken() {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    return TOKEN.encodeToString(random);
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String shortHash(String token) {
    return HexFormat.of().formatHex(hash(token), 0, 8);
  }

  private static boolean isUniqueViolation(Throwable e) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState());
  }
}
