package at.jobfair.signup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;

/** All SQL of employers who sign up themselves, their colleagues' invitations and their applications to exhibit. */
public final class SignupStore {

  /** A single-use link's purpose, as {@code email_link.purpose} spells it (V40). */
  public enum LinkPurpose { SIGNUP_CONFIRM, COLLEAGUE_INVITE }

  public Future<Boolean> emailTaken(SqlClient tx, String email) {
    return tx.preparedQuery("select 1 from account where email = $1::citext").execute(Tuple.of(email)).map(r -> r.size() > 0);
  }

  /** Where an address stands: no account, an undecided sign-up (with a link still to use, or confirmed), a stale one, or other. */
  public enum AddressState { FREE, PENDING, STALE, ACCOUNT }

  /**
   * Whether an address may apply: PENDING while a sign-up of it awaits a decision (its address confirmed, or its link
   * still working), STALE when it was never confirmed and its link ran out (the applicant may start again), ACCOUNT
   * for any other account. The account's row is locked, so a second application for it waits for this one.
   */
  public Future<AddressState> addressState(SqlClient tx, String email, OffsetDateTime now) {
    return tx.preparedQuery("""
            select s.employer_id is not null as signup, s.decision is null as undecided, s.email_confirmed_at is not null as confirmed,
                   exists (select 1 from email_link l where l.account_id = a.id and l.purpose = 'SIGNUP_CONFIRM'
                            and l.used_at is null and l.expires_at > $2) as link_open
              from account a left join employer_signup s on s.representative_id = a.id
             where a.email = $1::citext for update of a""")
        .execute(Tuple.of(email, now))
        .map(rows -> {
          if (rows.size() == 0) return AddressState.FREE;
          Row r = rows.iterator().next();
          if (!r.getBoolean("signup") || !r.getBoolean("undecided")) return AddressState.ACCOUNT;
          return r.getBoolean("confirmed") || r.getBoolean("link_open") ? AddressState.PENDING : AddressState.STALE;
        });
  }

  /** Removes a sign-up that was never confirmed and whose link ran out: its employer, its account (and what hangs on them). */
  public Future<Void> deleteStale(SqlClient tx, String email) {
    return tx.preparedQuery("""
            delete from account a using employer_signup s
             where s.representative_id = a.id and a.email = $1::citext and s.decision is null and s.email_confirmed_at is null
            returning s.employer_id""")
        .execute(Tuple.of(email))
        .compose(rows -> rows.size() == 0 ? Future.<Void>succeededFuture()
            : tx.preparedQuery("delete from employer where id = $1 and status = 'PENDING'").execute(Tuple.of(rows.iterator().next().getLong(0))).mapEmpty());
  }

  /**
   * The pending employer, its inactive first representative (role EMPLOYER, no password yet: it is set with the
   * confirmation link) and the sign-up; answers {employerId, accountId}.
   */
  public Future<long[]> insertSignup(SqlClient tx, SignupInput in, String language) {
    long[] ids = new long[2];
    return tx.preparedQuery("insert into employer (name, phone, status) values ($1, $2, 'PENDING') returning id")
        .execute(Tuple.of(in.company(), in.phone()))
        .compose(rows -> {
          ids[0] = rows.iterator().next().getLong(0);
          return tx.preparedQuery("""
                  insert into account (email, name, language, employer_id, active)
                  values ($1, $2, $3, $4, false) returning id""")
              .execute(Tuple.of(in.email(), in.name(), language, ids[0]));
        })
        .compose(rows -> {
          ids[1] = rows.iterator().next().getLong(0);
          return tx.preparedQuery("insert into account_role (account_id, role) values ($1, 'EMPLOYER')").execute(Tuple.of(ids[1]));
        })
        .compose(v -> tx.preparedQuery("""
                insert into employer_signup (employer_id, representative_id, address, region, contact_phone)
                values ($1, $2, $3, $4, $5)""")
            .execute(Tuple.of(ids[0], ids[1], in.address(), in.region(), in.phone())))
        .map(ids);
  }

  public Future<Void> insertLink(SqlClient tx, byte[] hash, long accountId, LinkPurpose purpose, OffsetDateTime expires) {
    return tx.preparedQuery("insert into email_link (token_hash, account_id, purpose, expires_at) values ($1, $2, $3, $4)")
        .execute(Tuple.of(hash, accountId, purpose.name(), expires)).mapEmpty();
  }

  /** Why a link cannot be used (or null when it can): invalid, used, expired. */
  public Future<String> linkState(SqlClient c, byte[] hash, LinkPurpose purpose, OffsetDateTime now) {
    return c.preparedQuery("select used_at is not null as used, expires_at <= $3 as expired from email_link where token_hash = $1 and purpose = $2")
        .execute(Tuple.of(hash, purpose.name(), now))
        .map(rows -> {
          if (rows.size() == 0) return "invalid";
          Row r = rows.iterator().next();
          return r.getBoolean("used") ? "used" : r.getBoolean("expired") ? "expired" : null;
        });
  }

  /** The one statement that uses a link: the account it is for, or null when it is unknown, used or expired. */
  public Future<Long> useLink(SqlClient tx, byte[] hash, LinkPurpose purpose, OffsetDateTime now) {
    return tx.preparedQuery("""
            update email_link set used_at = now() where token_hash = $1 and purpose = $2 and used_at is null and expires_at > $3
            returning account_id""")
        .execute(Tuple.of(hash, purpose.name(), now))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  /**
   * The address is confirmed and the password the representative chose with the link is kept; the account stays
   * inactive until an organiser approves. Answers the employer, or null when the account has no undecided sign-up.
   */
  public Future<Long> confirmEmail(SqlClient tx, long accountId, String passwordHash) {
    return tx.preparedQuery("""
            update employer_signup set email_confirmed_at = coalesce(email_confirmed_at, now())
             where representative_id = $1 and decision is null returning employer_id""")
        .execute(Tuple.of(accountId))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture((Long) null)
            : tx.preparedQuery("update account set password_hash = $2 where id = $1").execute(Tuple.of(accountId, passwordHash))
                .map(rows.iterator().next().getLong(0)));
  }

  /** Sign-ups whose address is confirmed and that are still undecided, oldest first (unconfirmed ones are nobody's business yet). */
  public Future<JsonArray> pending(SqlClient c) {
    return c.query("""
            select s.employer_id, e.name as company, s.address, s.region, s.contact_phone, s.created_at, s.email_confirmed_at,
                   a.name as representative, a.email::text as email
              from employer_signup s join employer e on e.id = s.employer_id join account a on a.id = s.representative_id
             where s.decision is null and s.email_confirmed_at is not null order by s.email_confirmed_at, s.employer_id""")
        .execute()
        .map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject().put("employerId", r.getLong("employer_id")).put("company", r.getString("company"))
                .put("address", r.getString("address")).put("region", r.getString("region"))
                .put("phone", r.getString("contact_phone")).put("representative", r.getString("representative"))
                .put("email", r.getString("email")).put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
                .put("emailConfirmed", r.getValue("email_confirmed_at") != null));
          }
          return out;
        });
  }

  /**
   * The one statement that decides a sign-up: only an undecided one whose address was confirmed; answers the first
   * representative's account id, or null when there is nothing (any more) to decide.
   */
  public Future<Long> decide(SqlClient tx, long employerId, boolean approve, String reason, long organiser) {
    return tx.preparedQuery("""
            update employer_signup set decision = $2, decided_at = now(), decided_by = $3, reason = $4
             where employer_id = $1 and decision is null and email_confirmed_at is not null returning representative_id""")
        .execute(Tuple.of(employerId, approve ? "APPROVED" : "REJECTED", organiser, reason))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  /** Why a sign-up cannot be decided: "none", "decided", "unconfirmed". */
  public Future<String> signupState(SqlClient c, long employerId) {
    return c.preparedQuery("select decision, email_confirmed_at from employer_signup where employer_id = $1").execute(Tuple.of(employerId))
        .map(rows -> {
          if (rows.size() == 0) return "none";
          Row r = rows.iterator().next();
          return r.getString("decision") != null ? "decided" : r.getValue("email_confirmed_at") == null ? "unconfirmed" : null;
        });
  }

  public Future<Void> setEmployerStatus(SqlClient tx, long employerId, String status) {
    return tx.preparedQuery("update employer set status = $2 where id = $1").execute(Tuple.of(employerId, status)).mapEmpty();
  }

  public Future<Void> activate(SqlClient tx, long accountId) {
    return tx.preparedQuery("update account set active = true where id = $1").execute(Tuple.of(accountId)).mapEmpty();
  }

  /** An account's address, name and language: {email, name, language, employerId}. */
  public Future<JsonObject> account(SqlClient c, long accountId) {
    return c.preparedQuery("select email::text as email, name, language, employer_id from account where id = $1").execute(Tuple.of(accountId))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new JsonObject().put("email", r.getString("email")).put("name", r.getString("name"))
              .put("language", r.getString("language")).put("employerId", r.getLong("employer_id"));
        });
  }

  public Future<String> employerName(SqlClient c, long employerId) {
    return c.preparedQuery("select name from employer where id = $1").execute(Tuple.of(employerId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  public Future<String> employerStatus(SqlClient c, long employerId) {
    return c.preparedQuery("select status from employer where id = $1").execute(Tuple.of(employerId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  /** A colleague's account: inactive, without password, a representative of the employer. */
  public Future<Long> insertColleague(SqlClient tx, long employerId, String name, String email, String language, long invitedBy) {
    return tx.preparedQuery("""
            insert into account (email, name, language, employer_id, active, created_by) values ($1, $2, $3, $4, false, $5) returning id""")
        .execute(Tuple.of(email, name, language, employerId, invitedBy))
        .compose(rows -> {
          long id = rows.iterator().next().getLong(0);
          return tx.preparedQuery("insert into account_role (account_id, role) values ($1, 'EMPLOYER')").execute(Tuple.of(id)).map(id);
        });
  }

  public Future<Void> setPasswordAndActivate(SqlClient tx, long accountId, String passwordHash) {
    return tx.preparedQuery("update account set password_hash = $2, active = true where id = $1").execute(Tuple.of(accountId, passwordHash)).mapEmpty();
  }

  /** The fair's status ("DRAFT", "PUBLISHED") and whether the employer takes part already; null for no such fair. */
  public Future<String[]> fairFor(SqlClient c, long fairId, long employerId) {
    return c.preparedQuery("""
            select f.status, f.name, exists (select 1 from fair_employer fe where fe.fair_id = f.id and fe.employer_id = $2) as inside
              from fair f where f.id = $1""")
        .execute(Tuple.of(fairId, employerId))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new String[] {r.getString("status"), r.getString("name"), String.valueOf(r.getBoolean("inside"))};
        });
  }

  /** One application per employer and fair: null when there is one already. */
  public Future<JsonObject> insertApplication(SqlClient tx, long fairId, long employerId, long appliedBy) {
    return tx.preparedQuery("""
            insert into exhibitor_application (fair_id, employer_id, applied_by) values ($1, $2, $3)
            on conflict (fair_id, employer_id) do nothing returning id, status, created_at""")
        .execute(Tuple.of(fairId, employerId, appliedBy))
        .map(rows -> rows.size() == 0 ? null : application(rows.iterator().next(), fairId, employerId));
  }

  private static JsonObject application(Row r, long fairId, long employerId) {
    return new JsonObject().put("id", r.getLong("id")).put("fairId", fairId).put("employerId", employerId)
        .put("status", r.getString("status")).put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
  }

  /** A fair's applications (every status), oldest first, with the employer's name. */
  public Future<JsonArray> applicationsOf(SqlClient c, long fairId) {
    return c.preparedQuery("""
            select x.id, x.fair_id, x.employer_id, x.status, x.created_at, x.reason, e.name as employer_name
              from exhibitor_application x join employer e on e.id = x.employer_id where x.fair_id = $1 order by x.created_at, x.id""")
        .execute(Tuple.of(fairId)).map(SignupStore::applications);
  }

  /** An employer's applications with the fair's name. */
  public Future<JsonArray> applicationsBy(SqlClient c, long employerId) {
    return c.preparedQuery("""
            select x.id, x.fair_id, x.employer_id, x.status, x.created_at, x.reason, f.name as fair_name,
                   (select b.id from booth b where b.fair_id = x.fair_id and b.employer_id = x.employer_id) as booth_id
              from exhibitor_application x join fair f on f.id = x.fair_id where x.employer_id = $1 order by x.created_at desc, x.id desc""")
        .execute(Tuple.of(employerId)).map(SignupStore::applications);
  }

  private static JsonArray applications(RowSet<Row> rows) {
    JsonArray out = new JsonArray();
    for (Row r : rows) {
      JsonObject j = application(r, r.getLong("fair_id"), r.getLong("employer_id")).put("reason", r.getString("reason"));
      if (r.getColumnIndex("employer_name") >= 0) j.put("employerName", r.getString("employer_name"));
      if (r.getColumnIndex("fair_name") >= 0) j.put("fairName", r.getString("fair_name")).put("boothId", r.getLong("booth_id"));
      out.add(j);
    }
    return out;
  }

  /** Published fairs the employer neither takes part in nor applied to, soonest first. */
  public Future<JsonArray> openFairs(SqlClient c, long employerId) {
    return c.preparedQuery("""
            select f.id, f.name, f.starts_at from fair f
             where f.status = 'PUBLISHED' and f.ends_at > now()
               and not exists (select 1 from fair_employer fe where fe.fair_id = f.id and fe.employer_id = $1)
               and not exists (select 1 from exhibitor_application x where x.fair_id = f.id and x.employer_id = $1)
             order by f.starts_at, f.id""")
        .execute(Tuple.of(employerId))
        .map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) out.add(new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
              .put("startsAt", r.getOffsetDateTime("starts_at").toInstant().toString()));
          return out;
        });
  }

  /** The one statement that decides an application of this fair: answers its employer, or null when none is pending. */
  public Future<Long> decideApplication(SqlClient tx, long fairId, long applicationId, boolean approve, String reason, long organiser) {
    return tx.preparedQuery("""
            update exhibitor_application set status = $3, decided_at = now(), decided_by = $4, reason = $5
             where id = $1 and fair_id = $2 and status = 'PENDING' returning employer_id""")
        .execute(Tuple.of(applicationId, fairId, approve ? "APPROVED" : "REJECTED", organiser, reason))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  public Future<Boolean> applicationExists(SqlClient c, long fairId, long applicationId) {
    return c.preparedQuery("select 1 from exhibitor_application where id = $1 and fair_id = $2").execute(Tuple.of(applicationId, fairId))
        .map(rows -> rows.size() > 0);
  }

  /** The employer's representatives who may sign in, for the mail about a decision. */
  public Future<JsonArray> representatives(SqlClient c, long employerId) {
    return c.preparedQuery("""
            select a.email::text as email, a.name, a.language from account a join account_role r on r.account_id = a.id and r.role = 'EMPLOYER'
             where a.employer_id = $1 and a.active order by a.id""")
        .execute(Tuple.of(employerId))
        .map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) out.add(new JsonObject().put("email", r.getString("email")).put("name", r.getString("name"))
              .put("language", r.getString("language")));
          return out;
        });
  }
}
