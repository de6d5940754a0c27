package at.jobfair.site;

import at.jobfair.db.Rows;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The staff start page: each staff member's stations and the boards of today's fairs, their worklist and decisions,
 * one click from {@code /}. It links only to pages the person's roles may open; the role sets below are those of the
 * routes (AppRouter), and StaffStartTest asks the router whether each link answers for each role.
 */
public final class StaffStart {

  /** The staff's desks, each with the roles whose route lets them in (see AppRouter). */
  public record Desk(String path, String key, Set<Role> roles) {
  }

  static final List<Desk> DESKS = List.of(
      new Desk("/staff/worklist", "nav.worklist", EnumSet.of(Role.SFA)),
      new Desk("/staff/decisions", "cascade.tasks.nav", EnumSet.of(Role.SFA, Role.KOMMUNE)),
      new Desk("/staff/reasons", "reasons.staff.nav", EnumSet.of(Role.SFA, Role.KOMMUNE)),
      new Desk("/admin/fairs", "fairs.nav", EnumSet.of(Role.ORGANIZER)));
  /** Who opens a fair's invitation page (AppRouter's {@code invites}). */
  static final Set<Role> INVITES = EnumSet.of(Role.SFU, Role.SFA, Role.ORGANIZER);

  private final Pool pool;
  private final Clock clock;
  private final ZoneId zone;

  public StaffStart(Pool pool, Clock clock, ZoneId zone) {
    this.pool = pool;
    this.clock = clock;
    this.zone = zone;
  }

  /**
   * The model of the staff part (JSON, which the pages walk as maps and lists) of the start page: {@code desks} (links), {@code fairs} (published fairs running now
   * or starting later today, each with its board, stations overview, invitations where the role sends them, and the
   * stations the person's roles staff, every station for organisers).
   */
  public Future<JsonObject> of(Account user) {
    JsonObject m = new JsonObject();
    JsonArray desks = new JsonArray();
    for (Desk d : DESKS) {
      if (user.roles().stream().anyMatch(d.roles()::contains)) desks.add(new JsonObject().put("path", d.path()).put("key", d.key()));
    }
    m.put("desks", desks);
    boolean invites = user.roles().stream().anyMatch(INVITES::contains);
    // The stations whose playbook names one of the person's staff roles; organisers watch every queue (CascadeService#queue).
    String[] roles = (user.has(Role.ORGANIZER) ? EnumSet.allOf(Role.class).stream() : user.roles().stream().filter(Role.STAFF::contains))
        .map(Role::name).toArray(String[]::new);
    var tomorrow = LocalDate.now(clock.withZone(zone)).plusDays(1).atStartOfDay(zone).toInstant();
    return pool.preparedQuery("""
            select f.id, f.name, f.starts_at, f.ends_at from fair f
             where f.status = 'PUBLISHED' and f.ends_at > $1 and f.starts_at < $2
             order by f.starts_at, f.id limit 20""")
        .execute(Tuple.of(Rows.utc(clock.instant()), Rows.utc(tomorrow)))
        .compose(rows -> {
          Map<Long, JsonObject> fairs = new LinkedHashMap<>();
          for (Row r : rows) {
            fairs.put(r.getLong("id"), new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
                .put("start", Rows.instant(r, "starts_at").toString()).put("end", Rows.instant(r, "ends_at").toString())
                .put("invites", invites).put("stations", new JsonArray()));
          }
          if (fairs.isEmpty()) return Future.succeededFuture(fairs);
          return pool.preparedQuery("""
                  select s.id, s.fair_id, s.station, s.place from cascade_station s
                   where s.fair_id = any($1) and s.roles && $2 order by s.fair_id, s.position""")
              .execute(Tuple.tuple().addArrayOfLong(fairs.keySet().toArray(Long[]::new)).addArrayOfString(roles))
              .map(st -> {
                for (Row r : st) {
                  fairs.get(r.getLong("fair_id")).getJsonArray("stations").add(new JsonObject().put("id", r.getLong("id"))
                      .put("station", r.getString("station")).put("place", r.getString("place")));
                }
                return fairs;
              });
        })
        .map(fairs -> {
          m.put("fairs", new JsonArray(new ArrayList<>(fairs.values())));
          return m;
        });
  }
}
