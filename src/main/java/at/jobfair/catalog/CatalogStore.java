package at.jobfair.catalog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * What jobseekers browse: published fairs, their booths, vacancies and slots. Staff also see drafts. Answers are
 * JSON objects, which the API sends as they are and the pages render.
 */
public final class CatalogStore {

  /** Filters for booths: a vacancy's region, and how much German it needs. */
  public record BoothFilter(String region, String german, String query) {
    public static BoothFilter of(String region, String german, String query) {
      return new BoothFilter(blankToNull(region), blankToNull(german), blankToNull(query));
    }
  }

  private final Pool pool;

  public CatalogStore(Pool pool) {
    this.pool = pool;
  }

  public Future<JsonArray> fairs(boolean includeDrafts, String sector, String region) {
    return pool.preparedQuery("""
            select f.*, (select count(*) from booth b where b.fair_id = f.id) as booths
              from fair f
             where ($1 or f.status = 'PUBLISHED')
               and ($2::text is null or f.sector ilike '%' || $2 || '%')
               and ($3::text is null or f.region ilike '%' || $3 || '%')
             order by f.starts_at desc, f.id""")
        .execute(Tuple.of(includeDrafts, blankToNull(sector), blankToNull(region)))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(fair(r)));
          return out;
        });
  }

  public Future<JsonObject> fair(long id, boolean includeDrafts) {
    return pool.preparedQuery("select f.*, (select count(*) from booth b where b.fair_id = f.id) as booths from fair f "
            + "where f.id = $1 and ($2 or f.status = 'PUBLISHED')")
        .execute(Tuple.of(id, includeDrafts))
        .map(rows -> rows.size() == 0 ? null : fair(rows.iterator().next()));
  }

  /** The booths of a fair with their vacancies (those matching the filter) and their number of free slots. */
  public Future<JsonArray> booths(long fairId, BoothFilter filter) {
    return pool.preparedQuery("""
            select b.id, b.headline, b.description, b.lang, e.id as employer_id, e.name as employer_name,
                   e.description as employer_description, e.logo is not null as has_logo,
                   coalesce((select json_object_agg(t.lang, json_build_object('headline', t.headline, 'description', t.description,
                       'companyDescription', t.company_description)) from booth_translation t where t.booth_id = b.id), '{}') as translations,
                   coalesce((select json_agg(json_build_object('id', v.id, 'title', v.title, 'region', v.region,
                       'workplace', v.workplace, 'german', v.german, 'housing', v.housing, 'hoursPerWeek', v.hours_per_week,
                       'lang', v.lang, 'translations', coalesce((select json_object_agg(t.lang, json_build_object('title', t.title,
                       'description', t.description, 'pay', t.pay, 'workplace', t.workplace, 'region', t.region))
                       from vacancy_translation t where t.vacancy_id = v.id), '{}'))
                       order by v.id) from vacancy v where v.booth_id = b.id and """ + VACANCY_MATCH + "), '[]') as vacancies,"
            + """
                   (select count(*) from slot s join fair f on f.id = b.fair_id
                     where s.booth_id = b.id and slot_free(s, f)) as free_slots
              from booth b join employer e on e.id = b.employer_id
             where b.fair_id = $1
               and ($2::text is null and $3::text is null and $4::text is null
                    or exists (select 1 from vacancy v where v.booth_id = b.id and """ + VACANCY_MATCH + "))"
            + " order by e.name, b.id")
        .execute(Tuple.of(fairId, filter.region(), filter.german(), filter.query()))
        .map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject().put("id", r.getLong("id")).put("headline", r.getString("headline"))
                .put("description", r.getString("description")).put("lang", r.getString("lang"))
                .put("translations", new JsonObject(r.getValue("translations").toString()))
                .put("employer", employer(r))
                .put("vacancies", new JsonArray(r.getValue("vacancies").toString()))
                .put("freeSlots", r.getLong("free_slots")));
          }
          return out;
        });
  }

  private static final String VACANCY_MATCH = """
      ($2::text is null or v.region ilike '%' || $2 || '%')
      and ($3::text is null or ($3 = 'not_required' and v.german in ('NOT_REQUIRED', 'ENGLISH_POSSIBLE'))
                            or ($3 = 'english' and v.german = 'ENGLISH_POSSIBLE'))
      and ($4::text is null or v.title ilike '%' || $4 || '%' or v.description ilike '%' || $4 || '%'
           or exists (select 1 from vacancy_translation t where t.vacancy_id = v.id
                       and (t.title ilike '%' || $4 || '%' or t.description ilike '%' || $4 || '%')))""";

  /** One booth: company, vacancies, and every slot not removed, with its free seats and whether it is still open. */
  public Future<JsonObject> booth(long id, boolean includeDrafts) {
    return pool.preparedQuery("""
            select b.id, b.headline, b.description, b.phone, b.lang, b.fair_id, f.name as fair_name, f.status as fair_status,
                   f.booking_cutoff_minutes, e.id as employer_id, e.name as employer_name,
                   e.description as employer_description, e.website, e.logo is not null as has_logo,
                   coalesce((select json_object_agg(t.lang, json_build_object('headline', t.headline, 'description', t.description,
                       'companyDescription', t.company_description)) from booth_translation t where t.booth_id = b.id), '{}') as translations,
                   coalesce((select json_agg(json_build_object('id', v.id, 'title', v.title, 'description', v.description,
                       'hoursPerWeek', v.hours_per_week, 'pay', v.pay, 'workplace', v.workplace, 'region', v.region,
                       'startDate', v.start_date, 'german', v.german, 'housing', v.housing,
                       'lang', v.lang, 'translations', coalesce((select json_object_agg(t.lang, json_build_object('title', t.title,
                       'description', t.description, 'pay', t.pay, 'workplace', t.workplace, 'region', t.region))
                       from vacancy_translation t where t.vacancy_id = v.id), '{}')) order by v.id)
                     from vacancy v where v.booth_id = b.id), '[]') as vacancies,
                   coalesce((select json_agg(json_build_object('id', s.id, 'start', s.starts_at, 'end', s.ends_at,
                       'capacity', s.capacity, 'free', s.capacity - s.booked - s.held,
                       'open', slot_open(s, f)) order by s.starts_at, s.id)
                     from slot s where s.booth_id = b.id and s.removed_at is null), '[]') as slots
              from booth b join employer e on e.id = b.employer_id join fair f on f.id = b.fair_id
             where b.id = $1 and ($2 or f.status = 'PUBLISHED')""")
        .execute(Tuple.of(id, includeDrafts))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          JsonArray slots = new JsonArray(r.getValue("slots").toString());
          slots.forEach(o -> {
            JsonObject s = (JsonObject) o;
            s.put("start", OffsetDateTime.parse(s.getString("start")).toInstant().toString());
            s.put("end", OffsetDateTime.parse(s.getString("end")).toInstant().toString());
          });
          return new JsonObject().put("id", r.getLong("id")).put("headline", r.getString("headline"))
              .put("description", r.getString("description")).put("phone", r.getString("phone")).put("lang", r.getString("lang"))
              .put("translations", new JsonObject(r.getValue("translations").toString()))
              .put("fair", new JsonObject().put("id", r.getLong("fair_id")).put("name", r.getString("fair_name"))
                  .put("status", r.getString("fair_status")).put("bookingCutoffMinutes", r.getInteger("booking_cutoff_minutes")))
              .put("employer", employer(r).put("website", r.getString("website")))
              .put("vacancies", new JsonArray(r.getValue("vacancies").toString()))
              .put("slots", slots);
        });
  }

  /** The booths of one employer, newest fair first (for its representatives' start page). */
  public Future<JsonArray> boothsOfEmployer(long employerId) {
    return pool.preparedQuery("""
            select b.id, f.id as fair_id, f.name as fair_name, f.starts_at, f.status
              from booth b join fair f on f.id = b.fair_id where b.employer_id = $1 order by f.starts_at desc, b.id""")
        .execute(Tuple.of(employerId))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("fairId", r.getLong("fair_id"))
              .put("fairName", r.getString("fair_name")).put("start", r.getOffsetDateTime("starts_at").toInstant().toString())
              .put("status", r.getString("status"))));
          return out;
        });
  }

  private static JsonObject employer(Row r) {
    long id = r.getLong("employer_id");
    return new JsonObject().put("id", id).put("name", r.getString("employer_name"))
        .put("description", r.getString("employer_description"))
        .put("logo", r.getBoolean("has_logo") ? "/api/employers/" + id + "/logo" : null);
  }

  private static JsonObject fair(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name")).put("format", r.getString("format"))
        .put("sector", r.getString("sector")).put("region", r.getString("region")).put("description", r.getString("description"))
        .put("start", r.getOffsetDateTime("starts_at").toInstant().toString())
        .put("end", r.getOffsetDateTime("ends_at").toInstant().toString())
        .put("orientation", r.getOffsetDateTime("orientation_starts_at") == null ? null : new JsonObject()
            .put("start", r.getOffsetDateTime("orientation_starts_at").toInstant().toString())
            .put("minutes", r.getInteger("orientation_minutes")))
        .put("status", r.getString("status")).put("bookingCutoffMinutes", r.getInteger("booking_cutoff_minutes"))
        .put("booths", r.getLong("booths"));
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT).equals("any") ? null : s.strip();
  }
}
