package at.jobfair.account;

import at.jobfair.audit.AuditChain;
import at.jobfair.audit.AuditLog;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.mail.Mail;
import at.jobfair.mail.MailSender;
import at.jobfair.mail.Outbox;
import at.jobfair.refusal.Reason;
import at.jobfair.web.Http;
import at.jobfair.web.Messages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Ways in by email, for people who have only an email address and a phone: a link that signs a jobseeker in once (the
 * only way in for the many imported without a password), and a link to set a new password (for every account).
 *
 * <p>A link carries 32 random bytes; only their SHA-256 is kept ({@code email_link}, V31). It works once: the one
 * statement that uses it sets {@code used_at} where it is still null, so of two clicks at once exactly one gets the
 * account. It works for {@code auth.emailLinkMinutes}. Asking for a link answers the same whether or not the address has
 * an account (no enumeration): a mail goes out only when there is one to send it to. The asks are counted per address
 * ({@code auth.emailLinksPerHour}, known addresses and unknown alike), and the routes per client address
 * ({@code limits.signInsPerMinute}).
 *
 * <p>Sign-in links are for accounts that are only a jobseeker's: no staff role, so no second factor is bypassed. A new
 * password voids every other link of the account, goes into the audit log, and the person still passes a second factor
 * where their role asks for one (the caller decides by {@link SecondFactor#next}).
 */
public final class EmailLinks {

  /** What a link is for. */
  public enum Purpose { SIGN_IN, PASSWORD_RESET }

  /** A link that was used: whose account, and where they were going (a local path). */
  public record Used(Account account, String next) {
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder TOKEN = Base64.getUrlEncoder().withoutPadding();

  private final Vertx vertx;
  private final Pool pool;
  private final PasswordHasher hasher;
  private final Outbox outbox;
  private final MailSender mailSender;
  private final AuditLog audit;
  private final Messages messages;
  private final String publicUrl;
  private final Duration valid;
  private final int perHour;
  private final Clock clock;
  /** Ends a session on every node (the store tells the others to drop their copies). */
  private final Function<String, Future<Void>> endSession;

  public EmailLinks(Vertx vertx, Pool pool, PasswordHasher hasher, Outbox outbox, MailSender mailSender, AuditLog audit,
                    Messages messages, String publicUrl, Duration valid, int perHour, Clock clock,
                    Function<String, Future<Void>> endSession) {
    this.endSession = endSession;
    this.vertx = vertx;
    this.pool = pool;
    this.hasher = hasher;
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.audit = audit;
    this.messages = messages;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.valid = valid;
    this.perHour = perHour;
    this.clock = clock;
  }

  /** How long a link works, in minutes (the pages and mails say it). */
  public long validMinutes() {
    return valid.toMinutes();
  }

  /**
   * Asks for a link to {@code email}: answers alike whether or not there is an account for it (400 only for what is no
   * address at all, 429 after {@code perHour} asks for the address within an hour). The mail goes out when the address
   * belongs to an active account the purpose is for: a jobseeker's only for signing in, any for a new password.
   */
  public Future<Void> request(String email, Purpose purpose, String next) {
    if (email == null || email.isBlank() || email.strip().length() > 254 || !NewAccount.EMAIL.matcher(email.strip()).matches()) {
      return Future.failedFuture(Reason.EMAIL_INVALID.refuse());
    }
    String normalized = email.strip().toLowerCase(Locale.ROOT);
    byte[] emailHash = sha256(normalized.getBytes(StandardCharsets.UTF_8));
    // where to go after signing in: a local path the row can hold (a longer one than any page of ours: the start page)
    String path = next == null ? null : Http.localPath(next).length() > 2000 ? "/" : Http.localPath(next);
    boolean[] sent = new boolean[1];
    return pool.withTransaction(tx -> tx.preparedQuery("select 1 from pg_advisory_xact_lock($1)")
            // one ask per address at a time, so that the count below cannot be outrun by asks at once
            .execute(Tuple.of(ByteBuffer.wrap(emailHash).getLong()))
            .compose(v -> tx.preparedQuery("""
                    select count(*) as n, extract(epoch from min(at) + interval '1 hour' - now()) as wait
                      from email_link_request where email_hash = $1 and at > now() - interval '1 hour'""")
                .execute(Tuple.of(emailHash)))
            .compose(rows -> {
              Row r = rows.iterator().next();
              if (r.getLong("n") >= perHour) {
                long seconds = Math.max(1, (long) Math.ceil(r.getDouble("wait")));
                return Future.failedFuture(Reason.EMAIL_LINKS_TOO_MANY.refuseWith(new JsonObject().put("retryAfterSeconds", seconds),
                    (seconds + 59) / 60));
              }
              return tx.preparedQuery("""
                      with old as (delete from email_link_request where at < now() - interval '1 day')
                      insert into email_link_request (email_hash) values ($1)""").execute(Tuple.of(emailHash));
            })
            .compose(v -> AccountStore.byEmail(tx, normalized))
            .compose(found -> {
              if (found == null || !found.active() || !eligible(found.account(), purpose)) return Future.succeededFuture();
              sent[0] = true;
              return issue(tx, found.account(), purpose, path);
            }))
        .onSuccess(v -> {
          if (sent[0]) mailSender.wake();
        })
        .mapEmpty();
  }

  /** Sign-in links only for accounts that are a jobseeker's and nothing else: staff sign in with password (and code). */
  static boolean eligible(Account account, Purpose purpose) {
    return purpose == Purpose.PASSWORD_RESET || account.roles().equals(Set.of(Role.JOBSEEKER));
  }

  private Future<Void> issue(SqlClient tx, Account account, Purpose purpose, String next) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String token = TOKEN.encodeToString(random);
    byte[] hash = hash(token);
    OffsetDateTime expires = OffsetDateTime.ofInstant(clock.instant().plus(valid), java.time.ZoneOffset.UTC);
    return tx.preparedQuery("insert into email_link (token_hash, account_id, purpose, next_path, expires_at) values ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(hash, account.id(), purpose.name(), next, expires))
        .compose(v -> outbox.enqueue(tx, mail(account, purpose, token, hash)))
        .mapEmpty();
  }

  private Mail mail(Account account, Purpose purpose, String token, byte[] hash) {
    Messages.Lang lang = Messages.Lang.parse(account.language());
    if (lang == null) lang = Messages.Lang.DE;
    String key = purpose == Purpose.SIGN_IN ? "mail.signInLink" : "mail.passwordReset";
    String link = publicUrl + (purpose == Purpose.SIGN_IN ? "/signin/link/" : "/password-reset/") + token;
    return Mail.text(account.email(), account.name(), messages.get(lang, key + ".subject"),
        messages.get(lang, key + ".text", account.name(), link, valid.toMinutes()), purpose == Purpose.SIGN_IN ? "SIGN_IN_ONCE" : "PASSWORD_RESET",
        "email_link:" + HexFormat.of().formatHex(hash, 0, 8));
  }

  /**
   * Checks a link without using it (for the page that asks to go on): refused 404 {@code email_link_invalid} when
   * there is no such link for this purpose, 410 {@code email_link_used} or {@code email_link_expired}.
   */
  public Future<Void> check(String token, Purpose purpose) {
    return check(pool, token, purpose);
  }

  /** The check on the caller's connection (inside a transaction: never a second connection while holding one). */
  private Future<Void> check(SqlClient c, String token, Purpose purpose) {
    byte[] hash = token == null || token.length() > 100 ? null : hash(token);
    if (hash == null) return Future.failedFuture(Reason.EMAIL_LINK_INVALID.refuse());
    return c.preparedQuery("""
            select l.used_at is not null as used, l.expires_at <= $3 as expired, a.active
              from email_link l join account a on a.id = l.account_id where l.token_hash = $1 and l.purpose = $2""")
        .execute(Tuple.of(hash, purpose.name(), now()))
        .compose(rows -> {
          if (rows.size() == 0) return Future.failedFuture(Reason.EMAIL_LINK_INVALID.refuse());
          Row r = rows.iterator().next();
          if (r.getBoolean("used")) return Future.failedFuture(Reason.EMAIL_LINK_USED.refuse());
          if (r.getBoolean("expired")) return Future.failedFuture(Reason.EMAIL_LINK_EXPIRED.refuse());
          if (!r.getBoolean("active")) return Future.failedFuture(Reason.EMAIL_LINK_INVALID.refuse());
          return Future.succeededFuture();
        });
  }

  /** Uses a sign-in link: once, before it expires; answers the account to sign in and where to go then. */
  public Future<Used> signIn(String token) {
    return pool.withTransaction(tx -> use(tx, token, Purpose.SIGN_IN));
  }

  /**
   * Sets a new password with a reset link: the link is used, every other link of the account is void, the account's
   * sessions end everywhere (whoever knew the old password is out), failed sign-ins of the address are forgiven, and
   * the change is in the audit log. Answers the account (the caller signs it in, or asks for its second factor first).
   */
  public Future<Used> resetPassword(String token, String password) {
    return check(token, Purpose.PASSWORD_RESET).compose(ok -> {
      if (password == null || password.length() < NewAccount.MIN_PASSWORD || password.length() > 200) {
        return Future.failedFuture(Reason.PASSWORD_TOO_SHORT.refuse(NewAccount.MIN_PASSWORD));
      }
      return vertx.executeBlocking(() -> hasher.hash(password), false);
    }).compose(passwordHash -> {
      List<String> ended = new ArrayList<>();
      return pool.withTransaction(tx -> use(tx, token, Purpose.PASSWORD_RESET).compose(used -> setPassword(tx, used, passwordHash, ended)))
          .compose(used -> {
            Future<Void> chain = Future.succeededFuture();
            for (String session : ended) chain = chain.compose(v -> endSession.apply(session).recover(e -> Future.succeededFuture()));
            return chain.map(used);
          });
    });
  }

  /** The new password and what goes with it, in the link's transaction; the sessions it ended are added to {@code ended}. */
  private Future<Used> setPassword(SqlClient tx, Used used, String passwordHash, List<String> ended) {
    long id = used.account().id();
    return tx.preparedQuery("update account set password_hash = $2 where id = $1").execute(Tuple.of(id, passwordHash))
        // sessions keep the account (signed in, or waiting for its code) in their data, as Erasure finds them
        .compose(v -> tx.preparedQuery("delete from http_session where position(convert_to($1, 'UTF8') in data) > 0 returning id")
            .execute(Tuple.of("\"id\":" + id + ",")))
        .compose(rows -> {
          rows.forEach(r -> ended.add(r.getString(0)));
          return tx.preparedQuery("update email_link set used_at = now() where account_id = $1 and used_at is null").execute(Tuple.of(id));
        })
        .compose(v -> tx.preparedQuery("delete from sign_in_failure where email = $1::citext").execute(Tuple.of(used.account().email())))
        .compose(v -> audit.append(tx, AuditChain.Entry.of(clock.instant(), id, actorRole(used.account()), "account:" + id,
            "PASSWORD_RESET", null, "PASSWORD_SET", "email link")))
        .map(used);
  }

  /** The one statement that uses a link; when it finds none to use, the reason why. */
  private Future<Used> use(SqlClient tx, String token, Purpose purpose) {
    byte[] hash = token == null || token.length() > 100 ? null : hash(token);
    if (hash == null) return Future.failedFuture(Reason.EMAIL_LINK_INVALID.refuse());
    return tx.preparedQuery("""
            update email_link set used_at = now()
             where token_hash = $1 and purpose = $2 and used_at is null and expires_at > $3
            returning account_id, next_path""")
        .execute(Tuple.of(hash, purpose.name(), now()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return check(tx, token, purpose).compose(v -> Future.failedFuture(Reason.EMAIL_LINK_USED.refuse()));
          }
          Row r = rows.iterator().next();
          String next = r.getString("next_path");
          return AccountStore.byId(tx, r.getLong("account_id")).compose(found -> {
            if (found == null || !found.active() || !eligible(found.account(), purpose)) {
              return Future.failedFuture(Reason.EMAIL_LINK_INVALID.refuse());
            }
            return Future.succeededFuture(new Used(found.account(), Http.localPath(next)));
          });
        });
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
  }

  private static String actorRole(Account account) {
    return account.roles().stream().sorted().findFirst().map(Role::name).orElse("NONE");
  }

  static byte[] hash(String token) {
    return sha256(token.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
