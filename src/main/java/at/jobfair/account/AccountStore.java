package at.jobfair.account;

import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** All SQL on accounts, roles, jobseeker profiles and failed sign-ins. */
public final class AccountStore {

  private static final String SELECT = """
      select a.id, a.email::text as email, a.name, a.language, a.employer_id, a.password_hash, a.active,
             coalesce(array_agg(r.role order by r.role) filter (where r.role is not null), '{}') as roles
        from account a left join account_role r on r.account_id = a.id
      """;

  private final Pool pool;

  public AccountStore(Pool pool) {
    this.pool = pool;
  }

  /** An account with its password hash, for signing in. */
  public record Credentials(Account account, String passwordHash, boolean active) {
  }

  public record Employer(long id, String name) {
  }

  /** The language the person reads: their mails and reminders follow it. */
  public Future<Void> setLanguage(long accountId, String code) {
    return pool.preparedQuery("update account set language = $1 where id = $2").execute(Tuple.of(code, accountId)).mapEmpty();
  }

  public Future<Credentials> findForSignIn(String email) {
    return pool.preparedQuery(SELECT + " where a.email = $1 group by a.id").execute(Tuple.of(email))
        .map(rows -> rows.size() == 0 ? null : credentials(rows.iterator().next()));
  }

  /** An account by its address, on the caller's connection (for the links mailed to sign in or to set a password). */
  static Future<Credentials> byEmail(SqlClient c, String email) {
    return c.preparedQuery(SELECT + " where a.email = $1::citext group by a.id").execute(Tuple.of(email))
        .map(rows -> rows.size() == 0 ? null : credentials(rows.iterator().next()));
  }

  /** An account by its id, on the caller's connection. */
  static Future<Credentials> byId(SqlClient c, long id) {
    return c.preparedQuery(SELECT + " where a.id = $1 group by a.id").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : credentials(rows.iterator().next()));
  }

  public Future<List<Account>> list(int limit) {
    return pool.preparedQuery(SELECT + " group by a.id order by a.id limit $1").execute(Tuple.of(limit))
        .map(rows -> {
          List<Account> out = new ArrayList<>();
          rows.forEach(r -> out.add(credentials(r).account()));
          return out;
        });
  }

  public Future<List<Employer>> employers() {
    return pool.query("select id, name from employer order by name").execute().map(rows -> {
      List<Employer> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Employer(r.getLong("id"), r.getString("name"))));
      return out;
    });
  }

  /** Inserts an account with its roles (and a jobseeker profile for jobseekers) on the given connection. */
  public Future<Long> insert(SqlClient tx, NewAccount a, String passwordHash, Long createdBy) {
    return tx.preparedQuery("""
            insert into account (email, name, password_hash, language, employer_id, created_by)
            values ($1, $2, $3, $4, $5, $6) returning id""")
        .execute(Tuple.of(a.email(), a.name(), passwordHash, a.language(), a.employerId(), createdBy))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(id -> {
          List<Tuple> roles = a.roles().stream().map(r -> Tuple.of(id, r.name())).toList();
          return tx.preparedQuery("insert into account_role (account_id, role) values ($1, $2)").executeBatch(roles)
              .compose(v -> a.roles().contains(Role.JOBSEEKER)
                  ? tx.preparedQuery("insert into jobseeker (account_id) values ($1)").execute(Tuple.of(id)).map(id)
                  : Future.succeededFuture(id));
        });
  }

  /** Inserts imported jobseekers (no password: they come in through their invitation link). */
  public Future<Integer> insertJobseekers(SqlClient tx, List<JobseekerCsv.Row> rows, long createdBy) {
    List<Tuple> batch = rows.stream().map(r -> Tuple.of(r.email(), r.name(), r.language(), createdBy, r.phone(), r.region(),
        r.languages().toArray(new String[0]), r.benefit())).toList();
    return tx.preparedQuery("""
            with a as (insert into account (email, name, language, created_by) values ($1, $2, $3, $4) returning id),
                 r as (insert into account_role (account_id, role) select id, 'JOBSEEKER' from a)
            insert into jobseeker (account_id, phone, region, languages, benefit_type) select id, $5, $6, $7, $8 from a""")
        .executeBatch(batch).map(rows.size());
  }

  /** Which of these emails already have an account (case-insensitive). */
  public Future<Set<String>> existingEmails(SqlClient tx, List<String> emails) {
    return tx.preparedQuery("select lower(email::text) from account where email = any($1::citext[])")
        .execute(Tuple.of(emails.toArray(new String[0])))
        .map(rows -> {
          Set<String> out = new java.util.HashSet<>();
          rows.forEach(r -> out.add(r.getString(0)));
          return out;
        });
  }

  public Future<Boolean> employerExists(SqlClient tx, long employerId) {
    return tx.preparedQuery("select 1 from employer where id = $1").execute(Tuple.of(employerId)).map(rows -> rows.size() > 0);
  }

  /** Failed sign-ins within the window: for this email, and from this address. */
  public Future<int[]> recentFailures(String email, String ip, int windowMinutes) {
    return pool.preparedQuery("""
            select count(*) filter (where email = $1), count(*) filter (where ip = $2)
              from sign_in_failure where at > now() - make_interval(mins => $3) and (email = $1 or ip = $2)""")
        .execute(Tuple.of(email, ip, windowMinutes))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new int[] {r.getLong(0).intValue(), r.getLong(1).intValue()};
        });
  }

  public Future<Void> recordFailure(String email, String ip) {
    return pool.preparedQuery("""
            with old as (delete from sign_in_failure where at < now() - interval '1 day')
            insert into sign_in_failure (email, ip) values ($1, $2)""")
        .execute(Tuple.of(email, ip)).mapEmpty();
  }

  /**
   * Whether an inactive account's employer signed up itself and awaits an organiser's decision ("PENDING") or was
   * turned down ("REJECTED"); null otherwise (told only to whoever gave the account's right password).
   */
  public Future<String> employerStatus(long accountId) {
    return pool.preparedQuery("select e.status from account a join employer e on e.id = a.employer_id where a.id = $1")
        .execute(Tuple.of(accountId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("status"));
  }

  public Future<Void> clearFailures(String email) {
    return pool.preparedQuery("delete from sign_in_failure where email = $1").execute(Tuple.of(email)).mapEmpty();
  }

  private static Credentials credentials(Row r) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String code : r.getArrayOfStrings("roles")) roles.add(Role.valueOf(code));
    Account account = new Account(r.getLong("id"), r.getString("email"), r.getString("name"), r.getString("language"),
        r.getLong("employer_id"), roles);
    return new Credentials(account, r.getString("password_hash"), r.getBoolean("active"));
  }
}
