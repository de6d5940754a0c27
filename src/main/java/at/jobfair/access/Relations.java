package at.jobfair.access;

import at.jobfair.account.Account;
import at.jobfair.account.Role;
import at.jobfair.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.EnumSet;
import java.util.Set;

/**
 * Finds how a member of staff stands to a person (the facts {@link StaffAccess} decides on), checks a right, and
 * records every read of staff-only data in the person's access log (who, when, what, why), which the person reads.
 */
public final class Relations {

  private final Pool pool;

  public Relations(Pool pool) {
    this.pool = pool;
  }

  /** The staff member's relations to the person; empty for anyone who is not staff. */
  public Future<Set<Relation>> of(Account staff, long personId) {
    if (!staff.isStaff()) return Future.succeededFuture(EnumSet.noneOf(Relation.class));
    String[] roles = staff.roles().stream().map(Role::name).toArray(String[]::new);
    return pool.preparedQuery("""
            select exists (select 1 from jobseeker j where j.account_id = $2 and j.caseworker_id = $1) as caseworker,
                   exists (select 1 from cascade c join cascade_station st on st.fair_id = c.fair_id and st.roles && $3
                            where c.jobseeker_id = $2
                              and (st.station = c.station
                                   or exists (select 1 from cascade_step s where s.cascade_id = c.id
                                               and st.station in (s.from_station, s.to_station)))) as station,
                   exists (select 1 from cascade c join cascade_station st on st.fair_id = c.fair_id and st.roles && $3
                            where c.jobseeker_id = $2 and st.station = 'SANCTION_CHECK'
                              and (c.station = 'SANCTION_CHECK'
                                   or exists (select 1 from cascade_step s where s.cascade_id = c.id
                                               and 'SANCTION_CHECK' in (s.from_station, s.to_station)))) as sanction_check,
                   exists (select 1 from jobseeker j where j.account_id = $2 and j.benefit_type = 'MINIMUM_INCOME')
                     or exists (select 1 from cascade c where c.jobseeker_id = $2 and c.minimum_income) as minimum_income""")
        .execute(Tuple.of(staff.id(), personId, roles))
        .map(rows -> {
          Row r = rows.iterator().next();
          Set<Relation> out = EnumSet.noneOf(Relation.class);
          if (staff.has(Role.SFA) && r.getBoolean("caseworker")) out.add(Relation.CASEWORKER);
          if (r.getBoolean("station")) out.add(Relation.STATION);
          if ((staff.has(Role.ERHEBUNG) || staff.has(Role.SFA)) && r.getBoolean("sanction_check")) out.add(Relation.SANCTION_CHECK);
          if (staff.has(Role.KOMMUNE) && r.getBoolean("minimum_income")) out.add(Relation.MUNICIPALITY);
          if (staff.has(Role.ORGANIZER)) out.add(Relation.ADMINISTRATION);
          return out;
        });
  }

  /**
   * Passes with the relations when the staff member may do it; otherwise fails as if the person were not there (404),
   * so that nobody learns from a refusal whom the service looks after.
   */
  public Future<Set<Relation>> require(Account staff, long personId, StaffAccess.Data data, StaffAccess.Mode mode) {
    return of(staff, personId).compose(rel -> StaffAccess.may(rel, data, mode) ? Future.succeededFuture(rel)
        : Future.failedFuture(ApiError.notFound("jobseeker_not_found")));
  }

  /** Records that the staff member read the person's staff-only data ({@code what}), and on which relation. */
  public Future<Void> logRead(Account staff, long personId, String what, Set<Relation> relations, StaffAccess.Data data) {
    Relation why = StaffAccess.because(relations, data, StaffAccess.Mode.READ);
    return pool.preparedQuery("insert into data_access (jobseeker_id, staff_id, staff_name, what, why) values ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(personId, staff.id(), staff.name(), what, why == null ? null : why.name())).mapEmpty();
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
