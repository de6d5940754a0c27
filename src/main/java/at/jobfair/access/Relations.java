package at.jobfair.access;

import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.refusal.Reason;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/**
 * Finds how a member of staff stands to a person (the facts {@link StaffAccess} decides on), checks a right, and
 * records every read of staff-only data in the person's access log (who, when, what, why), which the person reads.
 *
 * <p>Each relation's fact is one SQL expression ({@link #fact}), written here only: a single person's relations are
 * these expressions selected side by side, and a list is filtered by the same expressions joined by {@code or} for
 * the relations that grant what the list shows ({@link #may}). Stores never re-derive a relation by hand.
 */
public final class Relations {

  private final Pool pool;
  private final String today;

  /** {@code zone}: where a deputy's dates are days (the configured zone). */
  public Relations(Pool pool, ZoneId zone) {
    this.pool = pool;
    // ZoneId ids are letters, digits and "/_+-:" only, so the literal cannot break out of its quotes.
    this.today = "(now() at time zone '" + zone.getId().replace("'", "") + "')::date";
  }

  /**
   * The SQL fact of one relation, as a boolean expression: {@code person} is an expression for the person's account
   * id, {@code staff} for the staff member's account id, {@code roles} for their roles as a text array (parameters or
   * columns, such as {@code "$1"}).
   */
  public String fact(Relation r, String person, String staff, String roles) {
    return switch (r) {
      case CASEWORKER -> "('SFA' = any(" + roles + ") and exists (select 1 from jobseeker j where j.account_id = " + person
          + " and j.caseworker_id = " + staff + "))";
      case DEPUTY -> "('SFA' = any(" + roles + ") and exists (select 1 from jobseeker j where j.account_id = " + person
          + " and j.caseworker_id <> " + staff + " and " + standsInFor("j.caseworker_id", staff) + "))";
      case STATION -> "exists (select 1 from cascade c join cascade_station st on st.fair_id = c.fair_id and st.roles && " + roles
          + " where c.jobseeker_id = " + person + " and (st.station = c.station or exists (select 1 from cascade_step s"
          + " where s.cascade_id = c.id and st.station in (s.from_station, s.to_station))))";
      case SANCTION_CHECK -> "(('ERHEBUNG' = any(" + roles + ") or 'SFA' = any(" + roles + ")) and exists (select 1 from cascade c"
          + " join cascade_station st on st.fair_id = c.fair_id and st.roles && " + roles + " where c.jobseeker_id = " + person
          + " and st.station = 'SANCTION_CHECK' and (c.station = 'SANCTION_CHECK' or exists (select 1 from cascade_step s"
          + " where s.cascade_id = c.id and 'SANCTION_CHECK' in (s.from_station, s.to_station)))))";
      case MUNICIPALITY -> "('KOMMUNE' = any(" + roles + ") and " + inArea(person, staff)
          + " and (exists (select 1 from jobseeker j where j.account_id = " + person + " and j.benefit_type = 'MINIMUM_INCOME')"
          + " or exists (select 1 from cascade c where c.jobseeker_id = " + person + " and c.minimum_income)))";
      case ADMINISTRATION -> "('ORGANIZER' = any(" + roles + "))";
    };
  }

  /**
   * Whether the staff member ({@code staff}, an SfA) stands in for the caseworker ({@code caseworker}): their deputy
   * today, or in the same team. SQL over two account id expressions.
   */
  public String standsInFor(String caseworker, String staff) {
    return "(exists (select 1 from caseworker_deputy d where d.caseworker_id = " + caseworker + " and d.deputy_id = " + staff
        + " and " + today + " between coalesce(d.valid_from, '-infinity'::date) and coalesce(d.valid_until, 'infinity'::date))"
        + " or exists (select 1 from caseworker_team t join caseworker_team u on u.team = t.team where t.sfa_id = " + caseworker
        + " and u.sfa_id = " + staff + " and u.sfa_id <> t.sfa_id))";
  }

  /** Whether the staff member is an SfA standing in for the caseworker now (see {@link #standsInFor}). */
  public Future<Boolean> standsIn(io.vertx.sqlclient.SqlClient c, Long caseworker, Account staff) {
    if (caseworker == null || !staff.has(Role.SFA) || caseworker == staff.id()) return Future.succeededFuture(false);
    return c.preparedQuery("select " + standsInFor("$1::bigint", "$2::bigint")).execute(Tuple.of(caseworker, staff.id()))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Whether the person lives in the municipality's area (a region of {@code municipality_area}). */
  public static String inArea(String person, String municipality) {
    return "exists (select 1 from jobseeker j join municipality_area m on m.region = j.region and m.account_id = " + municipality
        + " where j.account_id = " + person + ")";
  }

  /** Whether the person lives in the municipality's area (see {@link #inArea}), asked on the caller's connection. */
  public Future<Boolean> livesInAreaOf(io.vertx.sqlclient.SqlClient c, long person, long municipality) {
    return c.preparedQuery("select " + inArea("$1::bigint", "$2::bigint")).execute(Tuple.of(person, municipality))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** A list filter: the staff member may do {@code mode} on the person's {@code data} (any relation granting it). */
  public String may(StaffAccess.Data data, StaffAccess.Mode mode, String person, String staff, String roles) {
    StringBuilder sql = new StringBuilder("(false");
    for (Relation r : Relation.values()) {
      if (StaffAccess.grants(r, data, mode)) sql.append(" or ").append(fact(r, person, staff, roles));
    }
    return sql.append(')').toString();
  }

  /** The people an SfA looks after: their own caseload and those they stand in for (as deputy or in their team). */
  public String caseload(String person, String sfa) {
    String roles = "array['SFA']::text[]";
    return "(" + fact(Relation.CASEWORKER, person, sfa, roles) + " or " + fact(Relation.DEPUTY, person, sfa, roles) + ")";
  }

  /** The staff member's roles as the text array the SQL facts take. */
  public static String[] roles(Account staff) {
    return staff.roles().stream().map(Role::name).toArray(String[]::new);
  }

  /** The staff member's relations to the person; empty for anyone who is not staff. */
  public Future<Set<Relation>> of(Account staff, long personId) {
    if (!staff.isStaff()) return Future.succeededFuture(EnumSet.noneOf(Relation.class));
    StringBuilder sql = new StringBuilder("select ");
    Relation[] all = Relation.values();
    for (int i = 0; i < all.length; i++) sql.append(i == 0 ? "" : ", ").append(fact(all[i], "$2", "$1", "$3"));
    return pool.preparedQuery(sql.toString()).execute(Tuple.of(staff.id(), personId, roles(staff)))
        .map(rows -> {
          Row r = rows.iterator().next();
          Set<Relation> out = EnumSet.noneOf(Relation.class);
          for (int i = 0; i < all.length; i++) if (Boolean.TRUE.equals(r.getBoolean(i))) out.add(all[i]);
          return out;
        });
  }

  /**
   * Passes with the relations when the staff member may do it; otherwise fails as if the person were not there (404),
   * so that nobody learns from a refusal whom the service looks after.
   */
  public Future<Set<Relation>> require(Account staff, long personId, StaffAccess.Data data, StaffAccess.Mode mode) {
    return of(staff, personId).compose(rel -> StaffAccess.may(rel, data, mode) ? Future.succeededFuture(rel)
        : Future.failedFuture(Reason.JOBSEEKER_NOT_FOUND.refuse()));
  }

  /** Records that the staff member read the person's staff-only data ({@code what}), and on which relation. */
  public Future<Void> logRead(Account staff, long personId, String what, Set<Relation> relations, StaffAccess.Data data) {
    Relation why = StaffAccess.because(relations, data, StaffAccess.Mode.READ);
    return pool.preparedQuery("insert into data_access (jobseeker_id, staff_id, staff_name, what, why) values ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(personId, staff.id(), staff.name(), what, why == null ? null : why.name())).mapEmpty();
  }

  /**
   * Records one read of several people's staff-only data ({@code what}, such as a list), each with the relation that
   * allowed it. {@code people}: the person ids shown.
   */
  public Future<Void> logReads(Account staff, java.util.Collection<Long> people, String what, StaffAccess.Data data) {
    if (people.isEmpty()) return Future.succeededFuture();
    Future<Void> all = Future.succeededFuture();
    for (long person : new java.util.TreeSet<>(people)) {
      all = all.compose(v -> of(staff, person).compose(rel -> logRead(staff, person, what, rel, data)));
    }
    return all;
  }

  /** Who read the person's staff-only data, newest first: for the person themselves. */
  public Future<JsonArray> readsOf(long personId) {
    return pool.preparedQuery("""
            select staff_name, what, why, at from data_access where jobseeker_id = $1 order by at desc, id desc limit 500""")
        .execute(Tuple.of(personId)).map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject().put("by", r.getString("staff_name")).put("what", r.getString("what"))
                .put("why", r.getString("why")).put("at", r.getOffsetDateTime("at").toInstant().toString()));
          }
          return out;
        });
  }
}
