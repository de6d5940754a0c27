package at.jobfair.account;

import at.jobfair.identity.Account;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Signing in, creating accounts and importing jobseekers. */
public final class AccountService {

  /** How many accounts the organisers' list shows at most, on the page and through the API alike. */
  static final int LIST_LIMIT = 500;

  private final Vertx vertx;
  private final Pool pool;
  private final AccountStore store;
  private final PasswordHasher hasher;
  private final int maxFailures;
  private final int windowMinutes;
  /** The benefit types an import file may name: the configured jurisdiction's (its legal catalogue's). */
  private final List<String> benefitTypes;

  public AccountService(Vertx vertx, Pool pool, AccountStore store, PasswordHasher hasher, int maxFailures, int windowMinutes,
                        List<String> benefitTypes) {
    this.benefitTypes = List.copyOf(benefitTypes);
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.hasher = hasher;
    this.maxFailures = maxFailures;
    this.windowMinutes = windowMinutes;
  }

  /** Accounts for the organisers' list (the first {@code limit}). */
  public Future<List<Account>> list(int limit) {
    return store.list(limit);
  }

  /** Every employer, by name (for choosing a representative's). */
  public Future<List<AccountStore.Employer>> employers() {
    return store.employers();
  }

  /**
   * The account for these credentials. Refused alike for an unknown email, a wrong password, an account without a
   * password or a deactivated one; after too many failures for one email (or from one address) within the window,
   * refused with 429 before the password is even checked.
   */
  public Future<Account> signIn(String email, String password, String ip) {
    if (email == null || password == null || email.isBlank() || email.length() > 254 || password.length() > 200) {
      return Future.failedFuture(Reason.BAD_CREDENTIALS.refuse());
    }
    String normalized = email.trim().toLowerCase(Locale.ROOT);
    return store.recentFailures(normalized, ip, windowMinutes)
        .compose(failures -> {
          if (failures[0] >= maxFailures || failures[1] >= maxFailures * 20) {
            return Future.failedFuture(Reason.TOO_MANY_ATTEMPTS.refuseWith(new JsonObject().put("retryAfterSeconds", windowMinutes * 60), windowMinutes));
          }
          return store.findForSignIn(normalized);
        })
        .compose(found -> vertx.executeBlocking(() -> hasher.verify(password, found == null ? null : found.passwordHash()), false)
            .compose(matches -> {
              if (matches && found.active()) return store.clearFailures(normalized).map(found.account());
              // the right password of a company's representative whose sign-up awaits a decision: say so (signup/)
              if (matches) return store.employerStatus(found.account().id()).compose(status -> "PENDING".equals(status)
                  ? Future.failedFuture(Reason.EMPLOYER_PENDING.refuse())
                  : "REJECTED".equals(status) ? Future.failedFuture(Reason.EMPLOYER_REJECTED.refuse())
                  : store.recordFailure(normalized, ip).compose(v -> Future.failedFuture(Reason.BAD_CREDENTIALS.refuse())));
              return store.recordFailure(normalized, ip).compose(v -> Future.failedFuture(Reason.BAD_CREDENTIALS.refuse()));
            }));
  }

  /** Creates an account; the email must be new, an employer representative's employer must exist. */
  public Future<Account> create(NewAccount a, Account actor) {
    return vertx.executeBlocking(() -> a.password() == null ? null : hasher.hash(a.password()), false)
        .compose(hash -> pool.withTransaction(tx -> {
          Future<Boolean> employerOk = a.employerId() == null ? Future.succeededFuture(true) : store.employerExists(tx, a.employerId());
          return employerOk.compose(ok -> {
            if (!ok) return Future.failedFuture(Reason.EMPLOYER_UNKNOWN.refuse());
            return store.insert(tx, a, hash, actor == null ? null : actor.id());
          });
        }))
        .recover(e -> Future.failedFuture(isUniqueViolation(e) ? Reason.EMAIL_TAKEN.refuse(a.email()) : e))
        .map(id -> new Account(id, a.email(), a.name(), a.language(), a.employerId(), Set.copyOf(a.roles())));
  }

  /** Imports every row of the file or none: any problem, including an email that already exists, refuses the file. */
  public Future<Integer> importJobseekers(String csv, Account actor) {
    List<JobseekerCsv.Row> rows;
    try {
      rows = JobseekerCsv.parse(csv, benefitTypes);
    } catch (JobseekerCsv.Invalid e) {
      return Future.failedFuture(e);
    }
    return pool.withTransaction(tx -> store.existingEmails(tx, rows.stream().map(JobseekerCsv.Row::email).toList())
        .compose(existing -> {
          List<JobseekerCsv.Problem> problems = new ArrayList<>();
          for (JobseekerCsv.Row r : rows) {
            if (existing.contains(r.email().toLowerCase(Locale.ROOT))) problems.add(new JobseekerCsv.Problem(r.line(), "csv_email_exists", r.email()));
          }
          if (!problems.isEmpty()) return Future.failedFuture(new JobseekerCsv.Invalid(problems));
          return store.insertJobseekers(tx, rows, actor.id());
        }))
        .recover(e -> Future.failedFuture(isUniqueViolation(e) ? Reason.IMPORT_CONFLICT.refuse() : e));
  }

  static boolean isUniqueViolation(Throwable e) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState());
  }
}
