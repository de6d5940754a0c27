package at.jobfair.access;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SQL of who stands in for whom (deputies, teams) and of the municipalities' areas (tables of V26). */
final class CoverStore {

  private CoverStore() {
  }

  /** Whether the account is an active one with the role. */
  static Future<Boolean> hasRole(SqlClient c, long accountId, String role) {
    return c.preparedQuery("select exists (select 1 from account a join account_role r on r.account_id = a.id and r.role = $2 where a.id = $1 and a.active)")
        .execute(Tuple.of(accountId, role)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  static Future<Long> addDeputy(SqlClient c, long caseworker, long deputy, LocalDate from, LocalDate until, long by) {
    return c.preparedQuery("""
            insert into caseworker_deputy (caseworker_id, deputy_id, valid_from, valid_until, created_by)
            values ($1, $2, $3, $4, $5) returning id""")
        .execute(Tuple.of(caseworker, deputy, from, until, by)).map(rows -> rows.iterator().next().getLong(0));
  }

  /** The removed entry's caseworker, or null when there was none. */
  static Future<Long> removeDeputy(SqlClient c, long id) {
    return c.preparedQuery("delete from caseworker_deputy where id = $1 returning caseworker_id").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  static Future<Void> setTeam(SqlClient c, long sfa, String team) {
    return team == null
        ? c.preparedQuery("delete from caseworker_team where sfa_id = $1").execute(Tuple.of(sfa)).mapEmpty()
        : c.preparedQuery("insert into caseworker_team (sfa_id, team) values ($1, $2) on conflict (sfa_id) do update set team = excluded.team")
            .execute(Tuple.of(sfa, team)).mapEmpty();
  }

  static Future<Void> setArea(SqlClient c, long municipality, List<String> regions) {
    return c.preparedQuery("delete from municipality_area where account_id = $1").execute(Tuple.of(municipality))
        .compose(v -> regions.isEmpty() ? Future.<Void>succeededFuture()
            : c.preparedQuery("insert into municipality_area (account_id, region) select $1, unnest($2::text[])")
                .execute(Tuple.tuple().addLong(municipality).addArrayOfString(regions.toArray(new String[0]))).mapEmpty());
  }

  /** Everything, for the organisers' page and API; with the SfA and municipality accounts to choose from. */
  static Future<JsonObject> overview(SqlClient c) {
    JsonObject out = new JsonObject();
    return c.query("""
            select d.id, d.caseworker_id, cw.name as caseworker_name, d.deputy_id, dp.name as deputy_name, d.valid_from, d.valid_until
              from caseworker_deputy d join account cw on cw.id = d.caseworker_id join account dp on dp.id = d.deputy_id
             order by cw.name, d.valid_from nulls first, d.id""").execute()
        .map(rows -> {
          JsonArray deputies = new JsonArray();
          for (Row r : rows) {
            deputies.add(new JsonObject().put("id", r.getLong("id"))
                .put("caseworker", person(r.getLong("caseworker_id"), r.getString("caseworker_name")))
                .put("deputy", person(r.getLong("deputy_id"), r.getString("deputy_name")))
                .put("from", str(r.getLocalDate("valid_from"))).put("until", str(r.getLocalDate("valid_until"))));
          }
          return out.put("deputies", deputies);
        })
        .compose(o -> c.query("""
                select a.id, a.name, t.team from account a join account_role r on r.account_id = a.id and r.role = 'SFA'
                  left join caseworker_team t on t.sfa_id = a.id where a.active order by a.name, a.id""").execute())
        .map(rows -> {
          JsonArray caseworkers = new JsonArray();
          for (Row r : rows) caseworkers.add(person(r.getLong("id"), r.getString("name")).put("team", r.getString("team")));
          return out.put("caseworkers", caseworkers);
        })
        .compose(o -> c.query("""
                select a.id, a.name, coalesce(array_agg(m.region order by m.region) filter (where m.region is not null), '{}') as regions
                  from account a join account_role r on r.account_id = a.id and r.role = 'KOMMUNE'
                  left join municipality_area m on m.account_id = a.id where a.active group by a.id, a.name order by a.name, a.id""").execute())
        .map(rows -> {
          Map<Long, JsonObject> municipalities = new LinkedHashMap<>();
          for (Row r : rows) {
            municipalities.put(r.getLong("id"), person(r.getLong("id"), r.getString("name"))
                .put("regions", new JsonArray(List.of(r.getArrayOfStrings("regions")))));
          }
          return out.put("municipalities", new JsonArray(List.copyOf(municipalities.values())));
        });
  }

  private static JsonObject person(long id, String name) {
    return new JsonObject().put("id", id).put("name", name);
  }

  private static String str(LocalDate d) {
    return d == null ? null : d.toString();
  }
}
