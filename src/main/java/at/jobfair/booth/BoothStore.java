package at.jobfair.booth;

import at.jobfair.web.WallClock;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static at.jobfair.db.Rows.instant;
import static at.jobfair.db.Rows.utc;

/**
 * All SQL of running a booth: the booth and its company profile, the logo, vacancies, booth staff and the booth's
 * slots. Never writes {@code slot.booked}: bookings keep it.
 */
public final class BoothStore {

  private final Pool pool;

  public BoothStore(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  /** What the manage page shows at the top: the booth, its fair and its employer, each a part of its own. */
  public record BoothView(Booth booth, Fair fair, Employer employer) {
  }

  /** The booth's own profile, as its form edits it; {@code lang}: the language its texts are written in. */
  public record Booth(long id, String headline, String description, String phone, boolean offersCallback, String lang) {
  }

  /** The booth's texts in another language ({@link Translations}): its headline, description and the company's description. */
  public record BoothTranslation(long boothId, String lang, String headline, String description, String companyDescription) {
    public JsonObject toJson() {
      return new JsonObject().put("boothId", boothId).put("lang", lang).put("headline", headline)
          .put("description", description).put("companyDescription", companyDescription);
    }
  }

  /** A vacancy's texts in another language. */
  public record VacancyTranslation(long vacancyId, String lang, String title, String description, String pay, String workplace,
                                   String region) {
    public JsonObject toJson() {
      return new JsonObject().put("vacancyId", vacancyId).put("lang", lang).put("title", title).put("description", description)
          .put("pay", pay).put("workplace", workplace).put("region", region);
    }
  }

  /** The fair the booth stands at, with its times. */
  public record Fair(long id, String name, Instant startsAt, Instant endsAt) {
  }

  /** The employer behind the booth, as its company form edits it; the logo's version is a digest, null without one. */
  public record Employer(long id, String name, String description, String website, String phone, String logoVersion) {
    public boolean hasLogo() {
      return logoVersion != null;
    }
  }

  /** The booth's employer and its fair's times, locked for adding slots. */
  public record SlotWindow(long employerId, Instant fairStartsAt, Instant fairEndsAt) {
  }

  public record Owner(long boothId, long employerId) {
  }

  /** An account, as far as deciding whether it may staff a booth goes. */
  public record Colleague(long id, String name, String email, Long employerId, boolean employerRole, boolean active) {
  }

  public record Logo(Buffer bytes, String type, String etag) {
  }

  public record StoredSlot(long id, long boothId, Instant startsAt, Instant endsAt, int capacity, int booked) {
    public JsonObject toJson(WallClock clock) {
      return new JsonObject().put("id", id).put("boothId", boothId).put("start", clock.local(startsAt))
          .put("end", clock.local(endsAt)).put("startsAt", startsAt.toString()).put("endsAt", endsAt.toString())
          .put("capacity", capacity).put("booked", booked);
    }
  }

  public record Vacancy(long id, long boothId, String title, String description, BigDecimal hoursPerWeek, String pay,
                        String workplace, String region, LocalDate startDate, String german, boolean housing, String lang) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("boothId", boothId).put("title", title).put("description", description)
          .put("hoursPerWeek", hoursPerWeek == null ? null : hours(hoursPerWeek)).put("pay", pay).put("workplace", workplace)
          .put("region", region).put("startDate", startDate == null ? null : startDate.toString()).put("german", german)
          .put("housing", housing).put("lang", lang);
    }

    /** The number of hours as people write it: 40, 38.5. */
    public String hoursText() {
      return hoursPerWeek == null ? "" : hoursPerWeek.stripTrailingZeros().toPlainString();
    }

    private static Number hours(BigDecimal h) {
      BigDecimal s = h.stripTrailingZeros();
      return s.scale() <= 0 ? (Number) s.intValueExact() : (Number) s.doubleValue();
    }
  }

  // --- ownership lookups (see BoothAccess) ---

  public Future<Long> boothEmployer(SqlClient c, long boothId) {
    return c.preparedQuery("select employer_id from booth where id = $1").execute(Tuple.of(boothId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  public Future<Owner> vacancyOwner(SqlClient c, long vacancyId) {
    return c.preparedQuery("select b.id, b.employer_id from vacancy v join booth b on b.id = v.booth_id where v.id = $1")
        .execute(Tuple.of(vacancyId))
        .map(rows -> rows.size() == 0 ? null : new Owner(rows.iterator().next().getLong(0), rows.iterator().next().getLong(1)));
  }

  public Future<Boolean> employerExists(SqlClient c, long employerId) {
    return c.preparedQuery("select 1 from employer where id = $1").execute(Tuple.of(employerId)).map(rows -> rows.size() > 0);
  }

  // --- booth and company ---

  public Future<BoothView> view(long boothId) {
    return pool.preparedQuery("""
            select b.id, b.headline, b.description, b.phone, b.offers_callback, b.lang, f.id as fair_id, f.name as fair_name, f.starts_at, f.ends_at,
                   e.id as employer_id, e.name as employer_name, e.description as employer_description, e.website,
                   e.phone as employer_phone, case when e.logo is null then null else md5(e.logo) end as logo_version
              from booth b join fair f on f.id = b.fair_id join employer e on e.id = b.employer_id
             where b.id = $1""")
        .execute(Tuple.of(boothId))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new BoothView(
              new Booth(r.getLong("id"), r.getString("headline"), r.getString("description"), r.getString("phone"),
                  r.getBoolean("offers_callback"), r.getString("lang")),
              new Fair(r.getLong("fair_id"), r.getString("fair_name"), instant(r, "starts_at"), instant(r, "ends_at")),
              new Employer(r.getLong("employer_id"), r.getString("employer_name"), r.getString("employer_description"),
                  r.getString("website"), r.getString("employer_phone"), r.getString("logo_version")));
        });
  }

  public Future<JsonObject> updateBooth(SqlClient tx, long boothId, BoothProfile p) {
    return tx.preparedQuery("""
            update booth set headline = $2, description = $3, phone = $4, offers_callback = $5, lang = coalesce($6, lang) where id = $1
            returning id, fair_id, employer_id, headline, description, phone, offers_callback, lang""")
        .execute(Tuple.of(boothId, p.headline(), p.description(), p.phone(), p.callback(), p.lang()))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new JsonObject().put("id", r.getLong("id")).put("fairId", r.getLong("fair_id"))
              .put("employerId", r.getLong("employer_id")).put("headline", r.getString("headline"))
              .put("description", r.getString("description")).put("phone", r.getString("phone"))
              .put("callback", r.getBoolean("offers_callback")).put("lang", r.getString("lang"));
        });
  }

  public Future<JsonObject> updateEmployer(SqlClient tx, long employerId, CompanyProfile p) {
    return tx.preparedQuery("""
            update employer set name = $2, description = $3, website = $4, phone = $5 where id = $1
            returning id, name, description, website, phone, logo is not null as has_logo""")
        .execute(Tuple.of(employerId, p.name(), p.description(), p.website(), p.phone()))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
              .put("description", r.getString("description")).put("website", r.getString("website"))
              .put("phone", r.getString("phone"))
              .put("logo", r.getBoolean("has_logo") ? "/api/employers/" + employerId + "/logo" : null);
        });
  }

  public Future<Void> setLogo(SqlClient tx, long employerId, Buffer bytes, String type) {
    return tx.preparedQuery("update employer set logo = $2, logo_type = $3 where id = $1")
        .execute(Tuple.of(employerId, bytes, type)).mapEmpty();
  }

  public Future<Logo> logo(long employerId) {
    return pool.preparedQuery("select logo, logo_type, md5(logo) from employer where id = $1 and logo is not null")
        .execute(Tuple.of(employerId))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new Logo(r.getBuffer(0), r.getString(1), r.getString(2));
        });
  }

  // --- vacancies ---

  private static final String VACANCY = """
      id, booth_id, title, description, hours_per_week, pay, workplace, region, start_date, german, housing, lang""";

  public Future<List<Vacancy>> vacancies(long boothId) {
    return pool.preparedQuery("select " + VACANCY + " from vacancy where booth_id = $1 order by id").execute(Tuple.of(boothId))
        .map(BoothStore::vacancies);
  }

  public Future<Vacancy> insertVacancy(SqlClient tx, long boothId, VacancyInput v) {
    return tx.preparedQuery("""
            insert into vacancy (booth_id, title, description, hours_per_week, pay, workplace, region, start_date, german, housing, lang)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11, 'de')) returning """ + " " + VACANCY)
        .execute(vacancyValues(boothId, v)).map(rows -> vacancies(rows).get(0));
  }

  public Future<Vacancy> updateVacancy(SqlClient tx, long vacancyId, VacancyInput v) {
    return tx.preparedQuery("""
            update vacancy set title = $2, description = $3, hours_per_week = $4, pay = $5, workplace = $6, region = $7,
                   start_date = $8, german = $9, housing = $10, lang = coalesce($11, lang)
             where id = $1 returning """ + " " + VACANCY)
        .execute(vacancyValues(vacancyId, v)).map(rows -> vacancies(rows).get(0));
  }

  public Future<Void> deleteVacancy(SqlClient tx, long vacancyId) {
    return tx.preparedQuery("delete from vacancy where id = $1").execute(Tuple.of(vacancyId)).mapEmpty();
  }

  // --- translations (see Translations) ---

  /** The language a booth's texts are written in, or null when there is no such booth. */
  public Future<String> boothLanguage(SqlClient c, long boothId) {
    return c.preparedQuery("select lang from booth where id = $1").execute(Tuple.of(boothId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  /** The language a vacancy's texts are written in, or null when there is no such vacancy. */
  public Future<String> vacancyLanguage(SqlClient c, long vacancyId) {
    return c.preparedQuery("select lang from vacancy where id = $1").execute(Tuple.of(vacancyId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  /** Whether the booth (or the vacancy, {@code vacancy}) has a translation into this language. */
  public Future<Boolean> translated(SqlClient c, boolean vacancy, long id, String lang) {
    String sql = vacancy ? "select 1 from vacancy_translation where vacancy_id = $1 and lang = $2"
        : "select 1 from booth_translation where booth_id = $1 and lang = $2";
    return c.preparedQuery(sql).execute(Tuple.of(id, lang)).map(rows -> rows.size() > 0);
  }

  /** Adds the booth's translation into its language, or replaces every text of the one there is. */
  public Future<BoothTranslation> putBoothTranslation(SqlClient tx, long boothId, TranslationInput.Booth t) {
    return tx.preparedQuery("""
            insert into booth_translation (booth_id, lang, headline, description, company_description) values ($1, $2, $3, $4, $5)
            on conflict (booth_id, lang) do update
               set headline = excluded.headline, description = excluded.description, company_description = excluded.company_description
            returning booth_id, lang, headline, description, company_description""")
        .execute(Tuple.of(boothId, t.lang(), t.headline(), t.description(), t.companyDescription()))
        .map(rows -> boothTranslations(rows).get(0));
  }

  /** Removes the booth's translation into a language; false when there was none. */
  public Future<Boolean> deleteBoothTranslation(SqlClient tx, long boothId, String lang) {
    return tx.preparedQuery("delete from booth_translation where booth_id = $1 and lang = $2").execute(Tuple.of(boothId, lang))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The booth's translations, by language code. */
  public Future<List<BoothTranslation>> boothTranslations(long boothId) {
    return pool.preparedQuery("""
            select booth_id, lang, headline, description, company_description from booth_translation where booth_id = $1 order by lang""")
        .execute(Tuple.of(boothId)).map(BoothStore::boothTranslations);
  }

  public Future<VacancyTranslation> putVacancyTranslation(SqlClient tx, long vacancyId, TranslationInput.Vacancy t) {
    return tx.preparedQuery("""
            insert into vacancy_translation (vacancy_id, lang, title, description, pay, workplace, region) values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (vacancy_id, lang) do update
               set title = excluded.title, description = excluded.description, pay = excluded.pay,
                   workplace = excluded.workplace, region = excluded.region
            returning vacancy_id, lang, title, description, pay, workplace, region""")
        .execute(Tuple.of(vacancyId, t.lang(), t.title(), t.description(), t.pay(), t.workplace(), t.region()))
        .map(rows -> vacancyTranslations(rows).get(0));
  }

  public Future<Boolean> deleteVacancyTranslation(SqlClient tx, long vacancyId, String lang) {
    return tx.preparedQuery("delete from vacancy_translation where vacancy_id = $1 and lang = $2").execute(Tuple.of(vacancyId, lang))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The translations of every vacancy of the booth, by vacancy and language. */
  public Future<List<VacancyTranslation>> vacancyTranslations(long boothId) {
    return pool.preparedQuery("""
            select t.vacancy_id, t.lang, t.title, t.description, t.pay, t.workplace, t.region
              from vacancy_translation t join vacancy v on v.id = t.vacancy_id where v.booth_id = $1 order by t.vacancy_id, t.lang""")
        .execute(Tuple.of(boothId)).map(BoothStore::vacancyTranslations);
  }

  // --- staff ---

  /** The booth's staff. */
  public Future<List<Colleague>> staff(long boothId) {
    return pool.preparedQuery("""
            select a.id, a.name, a.email::text as email, a.employer_id, true as employer_role, a.active
              from booth_staff s join account a on a.id = s.account_id where s.booth_id = $1 order by a.name, a.id""")
        .execute(Tuple.of(boothId)).map(BoothStore::colleagues);
  }

  /** Active employer representatives of the booth's employer who do not staff it yet. */
  public Future<List<Colleague>> colleaguesNotStaffing(long boothId) {
    return pool.preparedQuery("""
            select a.id, a.name, a.email::text as email, a.employer_id, true as employer_role, a.active
              from booth b join account a on a.employer_id = b.employer_id
             where b.id = $1 and a.active
               and exists (select 1 from account_role r where r.account_id = a.id and r.role = 'EMPLOYER')
               and not exists (select 1 from booth_staff s where s.booth_id = b.id and s.account_id = a.id)
             order by a.name, a.id""")
        .execute(Tuple.of(boothId)).map(BoothStore::colleagues);
  }

  public Future<Colleague> account(SqlClient tx, long accountId) {
    return tx.preparedQuery("""
            select a.id, a.name, a.email::text as email, a.employer_id, a.active,
                   exists (select 1 from account_role r where r.account_id = a.id and r.role = 'EMPLOYER') as employer_role
              from account a where a.id = $1 for share""")
        .execute(Tuple.of(accountId)).map(rows -> rows.size() == 0 ? null : colleagues(rows).get(0));
  }

  /** Adds a person to the booth's staff; false when they already are. */
  public Future<Boolean> insertStaff(SqlClient tx, long boothId, long accountId) {
    return tx.preparedQuery("insert into booth_staff (booth_id, account_id) values ($1, $2) on conflict do nothing")
        .execute(Tuple.of(boothId, accountId)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Boolean> deleteStaff(SqlClient tx, long boothId, long accountId) {
    return tx.preparedQuery("delete from booth_staff where booth_id = $1 and account_id = $2")
        .execute(Tuple.of(boothId, accountId)).map(rows -> rows.rowCount() == 1);
  }

  // --- slots ---

  /** The booth's slots that are not removed, in time order. */
  public Future<List<StoredSlot>> slots(long boothId) {
    return pool.preparedQuery("""
            select id, booth_id, starts_at, ends_at, capacity, booked from slot
             where booth_id = $1 and removed_at is null order by starts_at, id""")
        .execute(Tuple.of(boothId)).map(BoothStore::slots);
  }

  /**
   * The booth's employer and its fair's times, with the booth locked so that two schedules for one booth are
   * checked one after the other, and the fair share-locked so that its times cannot change meanwhile.
   */
  public Future<SlotWindow> lockForSlots(SqlClient tx, long boothId) {
    return tx.preparedQuery("""
            select b.employer_id, f.starts_at, f.ends_at from booth b join fair f on f.id = b.fair_id
             where b.id = $1 for no key update of b for share of f""")
        .execute(Tuple.of(boothId))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new SlotWindow(r.getLong(0), instant(r, "starts_at"), instant(r, "ends_at"));
        });
  }

  /** The start of the earliest slot of the booth (not removed) that overlaps any of these spans, or null. */
  public Future<Instant> firstOverlap(SqlClient tx, long boothId, List<SlotSchedule.Slot> spans) {
    return tx.preparedQuery("""
            select min(s.starts_at) from slot s, unnest($2::timestamptz[], $3::timestamptz[]) as n(starts_at, ends_at)
             where s.booth_id = $1 and s.removed_at is null and not s.walk_up and s.starts_at < n.ends_at and s.ends_at > n.starts_at""")
        .execute(Tuple.of(boothId, starts(spans), ends(spans)))
        .map(rows -> instant(rows.iterator().next(), "min"));
  }

  public Future<List<StoredSlot>> insertSlots(SqlClient tx, long boothId, List<SlotSchedule.Slot> slots) {
    Integer[] capacities = slots.stream().map(SlotSchedule.Slot::capacity).toArray(Integer[]::new);
    return tx.preparedQuery("""
            insert into slot (booth_id, starts_at, ends_at, capacity)
            select $1, n.starts_at, n.ends_at, n.capacity
              from unnest($2::timestamptz[], $3::timestamptz[], $4::int[]) as n(starts_at, ends_at, capacity)
            returning id, booth_id, starts_at, ends_at, capacity, booked""")
        .execute(Tuple.of(boothId, starts(slots), ends(slots), capacities))
        .map(rows -> {
          List<StoredSlot> out = new ArrayList<>(slots(rows));
          out.sort(java.util.Comparator.comparing(StoredSlot::startsAt));
          return out;
        });
  }

  // --- mapping ---

  private static OffsetDateTime[] starts(List<SlotSchedule.Slot> slots) {
    return slots.stream().map(s -> utc(s.start())).toArray(OffsetDateTime[]::new);
  }

  private static OffsetDateTime[] ends(List<SlotSchedule.Slot> slots) {
    return slots.stream().map(s -> utc(s.end())).toArray(OffsetDateTime[]::new);
  }

  private static Tuple vacancyValues(long id, VacancyInput v) {
    return Tuple.tuple().addLong(id).addString(v.title()).addString(v.description())
        .addValue(v.hoursPerWeek() == null ? null : Numeric.create(v.hoursPerWeek())).addString(v.pay())
        .addString(v.workplace()).addString(v.region()).addLocalDate(v.startDate()).addString(v.german())
        .addBoolean(v.housing()).addString(v.lang());
  }

  private static List<Vacancy> vacancies(RowSet<Row> rows) {
    List<Vacancy> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Vacancy(r.getLong("id"), r.getLong("booth_id"), r.getString("title"),
        r.getString("description"), r.getBigDecimal("hours_per_week"), r.getString("pay"), r.getString("workplace"),
        r.getString("region"), r.getLocalDate("start_date"), r.getString("german"), r.getBoolean("housing"), r.getString("lang"))));
    return out;
  }

  private static List<BoothTranslation> boothTranslations(RowSet<Row> rows) {
    List<BoothTranslation> out = new ArrayList<>();
    rows.forEach(r -> out.add(new BoothTranslation(r.getLong("booth_id"), r.getString("lang"), r.getString("headline"),
        r.getString("description"), r.getString("company_description"))));
    return out;
  }

  private static List<VacancyTranslation> vacancyTranslations(RowSet<Row> rows) {
    List<VacancyTranslation> out = new ArrayList<>();
    rows.forEach(r -> out.add(new VacancyTranslation(r.getLong("vacancy_id"), r.getString("lang"), r.getString("title"),
        r.getString("description"), r.getString("pay"), r.getString("workplace"), r.getString("region"))));
    return out;
  }

  private static List<Colleague> colleagues(RowSet<Row> rows) {
    List<Colleague> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Colleague(r.getLong("id"), r.getString("name"), r.getString("email"),
        r.getLong("employer_id"), r.getBoolean("employer_role"), r.getBoolean("active"))));
    return out;
  }

  private static List<StoredSlot> slots(RowSet<Row> rows) {
    List<StoredSlot> out = new ArrayList<>();
    rows.forEach(r -> out.add(new StoredSlot(r.getLong("id"), r.getLong("booth_id"), instant(r, "starts_at"),
        instant(r, "ends_at"), r.getInteger("capacity"), r.getInteger("booked"))));
    return out;
  }

}
