package at.jobfair.jobseeker;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** The SQL of the jobseeker record ({@code jobseeker}, with the person's and the caseworker's account names). */
public final class JobseekerStore {

  /** The record as stored. */
  public record Record(long id, String name, String email, String region, List<String> languages, Long caseworkerId,
                       String caseworkerName, String benefitType) {
  }

  private final Pool pool;

  public JobseekerStore(Pool pool) {
    this.pool = pool;
  }

  /** The record of a jobseeker, or null when there is no such jobseeker. */
  public Future<Record> find(long id) {
    return pool.preparedQuery("""
            select a.id, a.name, a.email::text as email, j.region, j.languages, j.caseworker_id, c.name as caseworker_name, j.benefit_type
              from account a join jobseeker j on j.account_id = a.id left join account c on c.id = j.caseworker_id
             where a.id = $1""")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : record(rows.iterator().next()));
  }

  /**
   * Writes the fields; false when the caseworker named is not an active SfA caseworker (checked in the same statement,
   * so an account losing the role meanwhile cannot become one).
   */
  public Future<Boolean> update(long id, String region, List<String> languages, Long caseworker, String benefit) {
    return pool.preparedQuery("""
            update jobseeker j set region = $2, languages = $3, benefit_type = $5,
                   caseworker_id = (select a.id from account a join account_role r on r.account_id = a.id and r.role = 'SFA'
                                     where a.id = $4 and a.active)
             where j.account_id = $1 and ($4::bigint is null or exists (
                   select 1 from account a join account_role r on r.account_id = a.id and r.role = 'SFA' where a.id = $4 and a.active))""")
        .execute(Tuple.of(id, region, languages.toArray(new String[0]), caseworker, benefit))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The active SfA caseworkers ({@code id}, {@code name}), by name. */
  public Future<List<JsonObject>> caseworkers() {
    return pool.query("""
            select a.id, a.name from account a join account_role r on r.account_id = a.id and r.role = 'SFA'
             where a.active order by a.name, a.id""").execute().map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      for (Row r : rows) out.add(new JsonObject().put("id", r.getLong(0)).put("name", r.getString(1)));
      return out;
    });
  }

  private static Record record(Row r) {
    String[] langs = r.getArrayOfStrings("languages");
    return new Record(r.getLong("id"), r.getString("name"), r.getString("email"), r.getString("region"),
        langs == null ? List.of() : List.of(langs), r.getLong("caseworker_id"), r.getString("caseworker_name"), r.getString("benefit_type"));
  }
}
