package at.jobfair.fair;

import at.jobfair.booth.CompanyProfile;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

import static at.jobfair.db.Rows.utc;

/** All SQL of managing fairs: the fair itself, the employers taking part and their booths, new employers. */
public final class FairStore {

  private final Pool pool;

  public FairStore(Pool pool) {
    this.pool = pool;
  }

  /** A participating employer and its booth, for the fair's edit page. */
  public record Participant(long boothId, long employerId, String employerName, String headline, long vacancies, long slots) {
  }

  public record Employer(long id, String name) {
  }

  public Future<List<Fair>> list() {
    return pool.query("select " + Fair.COLUMNS + " from fair f order by f.starts_at desc, f.id desc").execute()
        .map(FairStore::fairs);
  }

  public Future<Fair> find(SqlClient c, long id) {
    return c.preparedQuery("select " + Fair.COLUMNS + " from fair f where f.id = $1").execute(Tuple.of(id)).map(FairStore::first);
  }

  public Future<Fair> find(long id) {
    return find(pool, id);
  }

  /**
   * The fair, locked against changes by others until the transaction ends: new slots are checked against its times
   * under a share lock, which waits for this one.
   */
  public Future<Fair> lock(SqlClient tx, long id) {
    return tx.preparedQuery("select " + Fair.COLUMNS + " from fair f where f.id = $1 for no key update").execute(Tuple.of(id))
        .map(FairStore::first);
  }

  public Future<Fair> insert(SqlClient tx, FairInput in) {
    return tx.preparedQuery("""
            insert into fair as f (name, format, sector, region, description, starts_at, ends_at, orientation_starts_at,
                                   orientation_minutes, booking_cutoff_minutes)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning """ + " " + Fair.COLUMNS)
        .execute(values(in)).map(FairStore::first);
  }

  public Future<Fair> update(SqlClient tx, long id, FairInput in) {
    return tx.preparedQuery("""
            update fair as f set name = $1, format = $2, sector = $3, region = $4, description = $5, starts_at = $6,
                   ends_at = $7, orientation_starts_at = $8, orientation_minutes = $9, booking_cutoff_minutes = $10
             where f.id = $11 returning """ + " " + Fair.COLUMNS)
        .execute(values(in).addLong(id)).map(FairStore::first);
  }

  public Future<Fair> publish(SqlClient tx, long id) {
    return tx.preparedQuery("update fair as f set status = 'PUBLISHED' where f.id = $1 returning " + Fair.COLUMNS)
        .execute(Tuple.of(id)).map(FairStore::first);
  }

  /** How many slots (not removed) of the fair's booths would lie outside these times. */
  public Future<Long> slotsOutside(SqlClient tx, long fairId, FairInput in) {
    return tx.preparedQuery("""
            select count(*) from slot s join booth b on b.id = s.booth_id
             where b.fair_id = $1 and s.removed_at is null and (s.starts_at < $2 or s.ends_at > $3)""")
        .execute(Tuple.of(fairId, utc(in.startsAt()), utc(in.endsAt()))).map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<List<Participant>> participants(long fairId) {
    return pool.preparedQuery("""
            select b.id, e.id as employer_id, e.name, b.headline,
                   (select count(*) from vacancy v where v.booth_id = b.id) as vacancies,
                   (select count(*) from slot s where s.booth_id = b.id and s.removed_at is null) as slots
              from booth b join employer e on e.id = b.employer_id
             where b.fair_id = $1 order by e.name, b.id""")
        .execute(Tuple.of(fairId)).map(rows -> {
          List<Participant> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Participant(r.getLong("id"), r.getLong("employer_id"), r.getString("name"),
              r.getString("headline"), r.getLong("vacancies"), r.getLong("slots"))));
          return out;
        });
  }

  /** Employers not yet taking part in the fair, to choose from. */
  public Future<List<Employer>> employersNotIn(long fairId) {
    return pool.preparedQuery("""
            select e.id, e.name from employer e
             where not exists (select 1 from fair_employer fe where fe.fair_id = $1 and fe.employer_id = e.id)
             order by e.name, e.id""")
        .execute(Tuple.of(fairId)).map(rows -> {
          List<Employer> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Employer(r.getLong("id"), r.getString("name"))));
          return out;
        });
  }

  public Future<Boolean> employerExists(SqlClient tx, long employerId) {
    return tx.preparedQuery("select 1 from employer where id = $1 for share").execute(Tuple.of(employerId))
        .map(rows -> rows.size() > 0);
  }

  public Future<JsonObject> insertEmployer(SqlClient tx, CompanyProfile p) {
    return tx.preparedQuery("""
            insert into employer (name, description, website, phone) values ($1, $2, $3, $4)
            returning id, name, description, website, phone""")
        .execute(Tuple.of(p.name(), p.description(), p.website(), p.phone()))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
              .put("description", r.getString("description")).put("website", r.getString("website"))
              .put("phone", r.getString("phone")).put("logo", null);
        });
  }

  /** Lets the employer take part and opens its booth; null when it already takes part. */
  public Future<JsonObject> addEmployer(SqlClient tx, long fairId, long employerId) {
    return tx.preparedQuery("""
            insert into fair_employer (fair_id, employer_id) values ($1, $2) on conflict do nothing returning fair_id""")
        .execute(Tuple.of(fairId, employerId))
        .compose(inserted -> inserted.size() == 0 ? Future.succeededFuture(null) : tx.preparedQuery("""
                with b as (insert into booth (fair_id, employer_id) values ($1, $2)
                           returning id, fair_id, employer_id, headline, description, phone)
                select b.*, e.name as employer_name from b join employer e on e.id = b.employer_id""")
            .execute(Tuple.of(fairId, employerId))
            .map(rows -> {
              Row r = rows.iterator().next();
              return new JsonObject().put("id", r.getLong("id")).put("fairId", r.getLong("fair_id"))
                  .put("employerId", r.getLong("employer_id")).put("employerName", r.getString("employer_name"))
                  .put("headline", r.getString("headline")).put("description", r.getString("description"))
                  .put("phone", r.getString("phone"));
            }));
  }

  private static Tuple values(FairInput in) {
    return Tuple.tuple().addString(in.name()).addString(in.format()).addString(in.sector()).addString(in.region())
        .addString(in.description()).addOffsetDateTime(utc(in.startsAt())).addOffsetDateTime(utc(in.endsAt()))
        .addOffsetDateTime(utc(in.orientationStartsAt())).addInteger(in.orientationMinutes())
        .addInteger(in.bookingCutoffMinutes());
  }

  private static Fair first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : Fair.of(rows.iterator().next());
  }

  private static List<Fair> fairs(RowSet<Row> rows) {
    List<Fair> out = new ArrayList<>();
    rows.forEach(r -> out.add(Fair.of(r)));
    return out;
  }
}
