package at.jobfair.privacy;

import at.jobfair.access.Relations;
import at.jobfair.access.StaffAccess;
import at.jobfair.audit.AuditChain;
import at.jobfair.audit.AuditLog;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.refusal.Reason;
import at.jobfair.web.JsonFields;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Requests for a correction (GDPR art. 16) and for erasure (art. 17): the person asks, staff close them as done or
 * refused with a reply the person reads. Every step is an audit record that carries the request's id and the hash of
 * any text, never the text (it lives in {@code rights_request}, where erasure can blank it).
 */
public final class RightsRequests {

  public enum Kind { CORRECTION, ERASURE }

  public static final int MAX_TEXT = 2000;

  private final Pool pool;
  private final AuditLog audit;
  private final Relations relations;
  private final int erasureDays;
  /** Ends an erased person's sessions on every node (the store tells the others to drop their copies). */
  private final Function<String, Future<Void>> endSession;

  public RightsRequests(Pool pool, AuditLog audit, Relations relations, int erasureDays, Function<String, Future<Void>> endSession) {
    this.pool = pool;
    this.audit = audit;
    this.relations = relations;
    this.erasureDays = erasureDays;
    this.endSession = endSession;
  }

  /** The person asks; a second open request of the same kind is refused (409), by the database's unique index. */
  public Future<JsonObject> ask(Account person, Kind kind, String text) {
    // a refusal of the text fails the future, so a page form can send the person back with it
    return Future.succeededFuture().compose(x -> asked(person, kind, text));
  }

  private Future<JsonObject> asked(Account person, Kind kind, String text) {
    String clean = plain(text, "text", Reason.RIGHTS_TEXT_INVALID, kind == Kind.CORRECTION);
    Instant now = Instant.now();
    return pool.withTransaction(tx -> audit.append(tx, AuditChain.Entry.of(now, person.id(), Role.JOBSEEKER.name(),
            "account:" + person.id(), "ASK_" + kind.name(), null, "OPEN", clean == null ? null : "text sha256 " + sha256(clean)))
        .compose(entry -> tx.preparedQuery("""
                insert into rights_request (kind, jobseeker_id, text, due_at, audit_seq, created_at)
                values ($1, $2, $3, case when $1::text = 'ERASURE' then $5::timestamptz + make_interval(days => $4::int) end, $6, $5::timestamptz)
                returning id""")
            .execute(Tuple.of(kind.name(), person.id(), clean, erasureDays, java.time.OffsetDateTime.ofInstant(entry.at(), java.time.ZoneOffset.UTC), entry.seq())))
        .compose(rows -> one(tx, rows.iterator().next().getLong(0))))
        .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Future.failedFuture(Reason.RIGHTS_REQUEST_OPEN.refuse()) : Future.failedFuture(e));
  }

  /** The person's own requests, newest first. */
  public Future<JsonArray> mine(long personId) {
    return list(pool, "where r.jobseeker_id = $1 order by r.id desc", Tuple.of(personId));
  }

  /** One of the person's own requests; someone else's is not there (404). */
  public Future<JsonObject> mineOne(long personId, long id) {
    return one(pool, id).compose(r -> r.getLong("jobseekerId") == personId ? Future.succeededFuture(r)
        : Future.failedFuture(Reason.RIGHTS_REQUEST_NOT_FOUND.refuse()));
  }

  /**
   * The open requests this member of staff may close: corrections of people whose record they may change (the
   * caseworker, organisers), erasures for organisers; the oldest due first, overdue ones marked.
   */
  public Future<JsonArray> open(Account staff) {
    return list(pool, "where r.state = 'OPEN' order by r.due_at nulls last, r.id", Tuple.tuple()).compose(all -> {
      List<JsonObject> mayClose = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (Object o : all) {
        JsonObject r = (JsonObject) o;
        chain = chain.compose(v -> mayClose(staff, r).map(ok -> {
          if (ok) mayClose.add(r);
          return null;
        }));
      }
      return chain.map(v -> new JsonArray(new ArrayList<>(mayClose)));
    });
  }

  private Future<Boolean> mayClose(Account staff, JsonObject r) {
    if (Kind.ERASURE.name().equals(r.getString("kind"))) return Future.succeededFuture(staff.has(Role.ORGANIZER));
    return relations.of(staff, r.getLong("jobseekerId"))
        .map(rel -> StaffAccess.may(rel, StaffAccess.Data.RECORD, StaffAccess.Mode.WRITE));
  }

  /**
   * Closes a request: {@code done} carries an erasure out (or says a correction was made), else it is refused with the
   * reply. Exactly one of two staff closing at once succeeds: the conditional update finds the request open once.
   */
  public Future<JsonObject> close(Account staff, long id, boolean done, String reply) {
    return Future.succeededFuture().compose(x -> closed(staff, id, done, reply));
  }

  private Future<JsonObject> closed(Account staff, long id, boolean done, String reply) {
    String clean = plain(reply, "reply", Reason.RIGHTS_REPLY_INVALID, !done);
    if (!done && clean.length() < 3) throw JsonFields.invalid("reply", Reason.RIGHTS_REPLY_INVALID);
    List<String> ended = new ArrayList<>();
    return one(pool, id).compose(r -> mayClose(staff, r).compose(ok -> {
      // Not the staff member's to close: as if it were not there.
      if (!ok) return Future.failedFuture(Reason.RIGHTS_REQUEST_NOT_FOUND.refuse());
      long person = r.getLong("jobseekerId");
      boolean erase = done && Kind.ERASURE.name().equals(r.getString("kind"));
      String role = staff.has(Role.ORGANIZER) ? Role.ORGANIZER.name() : Role.SFA.name();
      return pool.withTransaction(tx -> tx.preparedQuery("""
              update rights_request set state = $2, reply = $3, closed_by = $4, closed_at = now()
               where id = $1 and state = 'OPEN' returning id""")
          .execute(Tuple.of(id, done ? "DONE" : "REFUSED", clean, staff.id()))
          .compose(rows -> {
            if (rows.rowCount() == 0) return Future.failedFuture(Reason.RIGHTS_REQUEST_CLOSED.refuse());
            if (!erase) return Future.succeededFuture("");
            return Erasure.openCase(tx, person).compose(open -> open ? Future.failedFuture(Reason.ERASURE_OPEN_CASE.refuse())
                : Erasure.run(tx, person).map(res -> {
                  ended.addAll(res.sessionIds());
                  return "; " + res.summary();
                }));
          })
          .compose(summary -> audit.append(tx, AuditChain.Entry.of(Instant.now(), staff.id(), role, "rights:" + id,
              erase ? "ERASE" : done ? "DONE" : "REFUSE", "OPEN", done ? "DONE" : "REFUSED",
              "account " + person + (clean == null ? "" : "; reply sha256 " + sha256(clean)) + summary)))
          .compose(v -> one(tx, id)));
    })).compose(json -> endSessions(ended).map(json));
  }

  private Future<Void> endSessions(List<String> ids) {
    Future<Void> chain = Future.succeededFuture();
    for (String s : ids) chain = chain.compose(v -> endSession.apply(s).recover(e -> Future.succeededFuture()));
    return chain;
  }

  private static Future<JsonObject> one(SqlClient c, long id) {
    return list(c, "where r.id = $1", Tuple.of(id)).compose(a -> a.isEmpty()
        ? Future.failedFuture(Reason.RIGHTS_REQUEST_NOT_FOUND.refuse()) : Future.succeededFuture(a.getJsonObject(0)));
  }

  private static Future<JsonArray> list(SqlClient c, String where, Tuple args) {
    return c.preparedQuery("""
            select r.id, r.kind, r.jobseeker_id, a.name, a.email::text as email, r.text, r.state, r.due_at, r.due_at < now() as overdue,
                   r.reply, r.created_at, r.closed_at
              from rights_request r join account a on a.id = r.jobseeker_id """ + " " + where)
        .execute(args).map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind"))
                .put("jobseekerId", r.getLong("jobseeker_id")).put("name", r.getString("name")).put("email", r.getString("email"))
                .put("text", r.getString("text")).put("state", r.getString("state"))
                .put("dueAt", instant(r, "due_at")).put("overdue", Boolean.TRUE.equals(r.getBoolean("overdue")) && "OPEN".equals(r.getString("state")))
                .put("reply", r.getString("reply")).put("createdAt", instant(r, "created_at")).put("closedAt", instant(r, "closed_at")));
          }
          return out;
        });
  }

  private static String instant(Row r, String col) {
    var t = r.getOffsetDateTime(col);
    return t == null ? null : t.toInstant().toString();
  }

  /** Plain text: stripped, at most {@link #MAX_TEXT} characters, no control characters but line breaks and tabs. */
  static String plain(String text, String field, Reason invalid, boolean required) {
    String t = text == null ? null : text.strip();
    if (t == null || t.isEmpty()) {
      if (required) throw JsonFields.invalid(field, invalid, MAX_TEXT);
      return null;
    }
    if (t.length() > MAX_TEXT || t.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t')) {
      throw JsonFields.invalid(field, invalid, MAX_TEXT);
    }
    return t;
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
