package at.jobfair.account;

import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.refusal.Reason;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.otp.Authenticator;
import io.vertx.ext.auth.otp.OtpCredentials;
import io.vertx.ext.auth.otp.OtpKey;
import io.vertx.ext.auth.otp.OtpKeyGenerator;
import io.vertx.ext.auth.otp.totp.TotpAuth;
import io.vertx.ext.auth.otp.totp.TotpAuthOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/**
 * A second factor for staff whose roles decide or read benefit data ({@code auth.secondFactorRoles}): a time-based
 * one-time code (TOTP, RFC 6238, 30 s, six digits) from an authenticator app, checked by Vert.x's OTP provider. A person
 * of such a role signs in with the password and then the code; one without an authenticator yet sets one up right there
 * (the app reads a QR code) and confirms it with a first code. Each accepted code's time step is kept and only a later
 * step is accepted next: a code seen over a shoulder or in a log cannot be used again. Secrets are kept sealed
 * ({@link SealedSecret}, for the account), never in plain text; an organiser resets a lost authenticator
 * ({@link AuthenticatorReset}).
 */
public final class SecondFactor {

  /** Where a person stands after the password: nothing more to do, a code to give, or an authenticator to set up. */
  public enum Step { NONE, CODE, ENROL }

  static final long PERIOD_SECONDS = 30;
  private static final String ISSUER = "Jobboerse";

  private final Pool pool;
  private final Set<Role> roles;
  private final Clock clock;
  private final SealedSecret sealer;
  /** Vert.x's TOTP check, reading an account's secret (the identifier is the account id) from the table. */
  private final TotpAuth totp;

  public SecondFactor(Pool pool, Set<Role> roles, Clock clock, SealedSecret sealer) {
    this.pool = pool;
    this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    this.clock = clock;
    this.sealer = sealer;
    this.totp = TotpAuth.create(new TotpAuthOptions().setPasswordLength(6).setPeriod(PERIOD_SECONDS))
        .authenticatorFetcher(id -> pool.preparedQuery("select sealed from account_totp where account_id = $1 and sealed is not null")
            .execute(Tuple.of(Long.parseLong(id))).compose(rows -> rows.size() == 0
                ? Future.failedFuture("no authenticator")
                : Future.succeededFuture(new Authenticator().setIdentifier(id)
                    .setKey(sealer.open(rows.iterator().next().getString("sealed"), context(Long.parseLong(id))))
                    .setAlgorithm("SHA1").setPeriod(PERIOD_SECONDS))))
        // replays are refused by the time step kept in the table (verify), not by the provider's counter
        .authenticatorUpdater(a -> Future.succeededFuture());
  }

  /** Whether any of the account's roles asks for a second factor. */
  public boolean required(Account account) {
    return account.roles().stream().anyMatch(roles::contains);
  }

  /** What the person must do after a correct password. */
  public Future<Step> next(Account account) {
    if (!required(account)) return Future.succeededFuture(Step.NONE);
    return pool.preparedQuery("select confirmed_at is not null as confirmed from account_totp where account_id = $1")
        .execute(Tuple.of(account.id()))
        .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean("confirmed") ? Step.CODE : Step.ENROL);
  }

  /**
   * A new authenticator for an account that has no confirmed one (a confirmed one is never replaced here: that takes an
   * organiser). Answers the secret, the otpauth address and the QR code (SVG) for the app.
   */
  public Future<JsonObject> enrol(Account account) {
    OtpKey key = OtpKeyGenerator.create().generate();
    String secret = key.getKey();
    return pool.preparedQuery("""
            insert into account_totp (account_id, sealed) values ($1, $2)
            on conflict (account_id) do update set sealed = excluded.sealed, secret = null, created_at = now(), last_step = 0
             where account_totp.confirmed_at is null""")
        .execute(Tuple.of(account.id(), sealer.seal(secret, context(account.id()))))
        .compose(rows -> {
          if (rows.rowCount() == 0) return Future.failedFuture(Reason.SECOND_FACTOR_EXISTS.refuse());
          String uri = totp.generateUri(key, ISSUER, account.email());
          return Future.succeededFuture(new JsonObject().put("secret", secret).put("uri", uri).put("qrSvg", qrSvg(uri)));
        });
  }

  /**
   * Checks a code: for an authenticator being set up, the first code confirms it; otherwise the code must come from a
   * time step after the last accepted one. Fails with 401 {@code second_factor_invalid} (wrong, or used already).
   */
  public Future<Void> verify(Account account, String code) {
    if (code == null || !code.strip().matches("\\d{6}")) return Future.failedFuture(Reason.SECOND_FACTOR_INVALID.refuse());
    long step = clock.instant().getEpochSecond() / PERIOD_SECONDS;
    return totp.authenticate(new OtpCredentials(String.valueOf(account.id()), code.strip()))
        .recover(e -> Future.failedFuture(Reason.SECOND_FACTOR_INVALID.refuse()))
        // once per time step, decided by the row: two requests with the same code at once, one wins
        .compose(user -> pool.preparedQuery("""
                update account_totp set last_step = $2, confirmed_at = coalesce(confirmed_at, now())
                 where account_id = $1 and last_step < $2""").execute(Tuple.of(account.id(), step)))
        .compose(updated -> updated.rowCount() == 1 ? Future.<Void>succeededFuture()
            : Future.failedFuture(Reason.SECOND_FACTOR_INVALID.refuse()));
  }

  /** What a secret is sealed for: its account, so that it opens for no other. */
  private static String context(long accountId) {
    return "account_totp:" + accountId;
  }

  /**
   * Seals the secrets still kept in plain text (written before they were sealed), each in its own statement that only
   * applies if the row still holds that secret: several nodes starting at once seal each row once. Answers how many.
   */
  public Future<Integer> sealPlainSecrets() {
    return pool.query("select account_id, secret from account_totp where secret is not null").execute().compose(rows -> {
      Future<Integer> done = Future.succeededFuture(0);
      for (var r : rows) {
        long id = r.getLong("account_id");
        String secret = r.getString("secret");
        done = done.compose(n -> pool.preparedQuery("update account_totp set sealed = $2, secret = null where account_id = $1 and secret = $3")
            .execute(Tuple.of(id, sealer.seal(secret, context(id)), secret)).map(u -> n + u.rowCount()));
      }
      return done;
    });
  }

  /** The accounts that have an authenticator (set up or being set up): those an organiser may reset. */
  public Future<Set<Long>> withAuthenticator() {
    return pool.query("select account_id from account_totp").execute().map(rows -> {
      Set<Long> out = new java.util.HashSet<>();
      rows.forEach(r -> out.add(r.getLong(0)));
      return out;
    });
  }

  /** Removes the account's authenticator in the caller's transaction; answers whether it had one. */
  Future<Boolean> remove(io.vertx.sqlclient.SqlClient tx, long accountId) {
    return tx.preparedQuery("delete from account_totp where account_id = $1").execute(Tuple.of(accountId)).map(r -> r.rowCount() == 1);
  }

  /** The otpauth address as a QR code in SVG, one square per module, for the authenticator app's camera. */
  static String qrSvg(String uri) {
    try {
      BitMatrix m = new QRCodeWriter().encode(uri, BarcodeFormat.QR_CODE, 0, 0);
      int quiet = 0; // the matrix carries the four-module quiet zone already
      int size = m.getWidth() + 2 * quiet;
      StringBuilder path = new StringBuilder();
      for (int y = 0; y < m.getHeight(); y++) {
        for (int x = 0; x < m.getWidth(); x++) {
          if (m.get(x, y)) path.append('M').append(x + quiet).append(' ').append(y + quiet).append("h1v1h-1z");
        }
      }
      return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\" shape-rendering=\"crispEdges\">"
          + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    } catch (WriterException e) {
      throw new IllegalStateException(e);
    }
  }
}
