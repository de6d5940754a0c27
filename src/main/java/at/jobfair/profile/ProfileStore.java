package at.jobfair.profile;

import at.jobfair.profile.ProfilePolicy.Group;
import at.jobfair.profile.ProfilePolicy.Language;
import at.jobfair.profile.ProfilePolicy.Level;
import at.jobfair.profile.ProfilePolicy.Profile;
import at.jobfair.profile.ProfilePolicy.Shift;
import at.jobfair.profile.ScreeningPolicy.Question;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static at.jobfair.db.Rows.instant;

/**
 * All SQL of the profile, the CV and the pre-screening questions (tables of V38). It reads no other table of a person:
 * whatever an employer's request asks of it can hold nothing staff-only.
 */
public final class ProfileStore {

  /** A stored CV. */
  public record Cv(String name, int size, java.time.Instant uploadedAt, Buffer content) {
    public JsonObject json(String url) {
      return new JsonObject().put("name", name).put("size", size).put("uploadedAt", uploadedAt.toString()).put("url", url);
    }
  }

  /** The profile, or {@link Profile#EMPTY} when the person never saved one. */
  public Future<Profile> find(SqlClient c, long person) {
    return c.preparedQuery("""
            select skills, languages::text as languages, licences, available_from, hours_per_week, shifts,
                   max_commute_minutes, max_commute_km, relocate, shared
              from job_profile where jobseeker_id = $1""").execute(Tuple.of(person)).map(rows -> {
      if (rows.size() == 0) return Profile.EMPTY;
      Row r = rows.iterator().next();
      List<Language> langs = new ArrayList<>();
      for (Object o : new JsonArray(r.getString("languages"))) {
        JsonObject l = (JsonObject) o;
        langs.add(new Language(l.getString("code"), Level.valueOf(l.getString("level"))));
      }
      Set<Group> shared = EnumSet.noneOf(Group.class);
      for (String g : r.getArrayOfStrings("shared")) shared.add(Group.valueOf(g));
      List<Shift> shifts = Arrays.stream(r.getArrayOfStrings("shifts")).map(Shift::valueOf).toList();
      Short hours = r.getShort("hours_per_week");
      Short minutes = r.getShort("max_commute_minutes");
      Short km = r.getShort("max_commute_km");
      return new Profile(List.of(r.getArrayOfStrings("skills")), List.copyOf(langs), List.of(r.getArrayOfStrings("licences")),
          r.getLocalDate("available_from"), hours == null ? null : hours.intValue(), shifts,
          minutes == null ? null : minutes.intValue(), km == null ? null : km.intValue(), r.getBoolean("relocate"), shared);
    });
  }

  /** Saves the whole profile (the person's only: one row per person, replaced). */
  public Future<Void> save(SqlClient c, long person, Profile p) {
    JsonArray langs = new JsonArray();
    p.languages().forEach(l -> langs.add(new JsonObject().put("code", l.code()).put("level", l.level().name())));
    return c.preparedQuery("""
            insert into job_profile (jobseeker_id, skills, languages, licences, available_from, hours_per_week, shifts,
                                     max_commute_minutes, max_commute_km, relocate, shared, updated_at)
            values ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9, $10, $11, now())
            on conflict (jobseeker_id) do update set skills = excluded.skills, languages = excluded.languages,
                   licences = excluded.licences, available_from = excluded.available_from, hours_per_week = excluded.hours_per_week,
                   shifts = excluded.shifts, max_commute_minutes = excluded.max_commute_minutes,
                   max_commute_km = excluded.max_commute_km, relocate = excluded.relocate, shared = excluded.shared,
                   updated_at = now()""")
        .execute(Tuple.tuple().addLong(person).addArrayOfString(p.skills().toArray(new String[0])).addValue(langs)
            .addArrayOfString(p.licences().toArray(new String[0])).addLocalDate(p.availableFrom())
            .addValue(p.hoursPerWeek() == null ? null : p.hoursPerWeek().shortValue())
            .addArrayOfString(p.shifts().stream().map(Enum::name).toArray(String[]::new))
            .addValue(p.maxCommuteMinutes() == null ? null : p.maxCommuteMinutes().shortValue())
            .addValue(p.maxCommuteKm() == null ? null : p.maxCommuteKm().shortValue())
            .addBoolean(p.relocate()).addArrayOfString(p.shared().stream().map(Enum::name).toArray(String[]::new)))
        .mapEmpty();
  }

  /** The CV with ({@code withContent}) or without its bytes; null when there is none. */
  public Future<Cv> cv(SqlClient c, long person, boolean withContent) {
    return c.preparedQuery("select file_name, size, uploaded_at" + (withContent ? ", content" : "")
            + " from job_profile_cv where jobseeker_id = $1").execute(Tuple.of(person))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new Cv(r.getString("file_name"), r.getInteger("size"), instant(r, "uploaded_at"), withContent ? r.getBuffer("content") : null);
        });
  }

  /** Stores the CV, replacing the one before. */
  public Future<Void> putCv(SqlClient c, long person, String name, byte[] content) {
    return c.preparedQuery("""
            insert into job_profile_cv (jobseeker_id, file_name, size, content) values ($1, $2, $3, $4)
            on conflict (jobseeker_id) do update set file_name = excluded.file_name, size = excluded.size,
                   content = excluded.content, uploaded_at = now()""")
        .execute(Tuple.of(person, name, content.length, Buffer.buffer(content))).mapEmpty();
  }

  /** Removes the CV; false when there was none. */
  public Future<Boolean> deleteCv(SqlClient c, long person) {
    return c.preparedQuery("delete from job_profile_cv where jobseeker_id = $1").execute(Tuple.of(person)).map(r -> r.rowCount() == 1);
  }

  /** The person's name (an active jobseeker's), or null. */
  public Future<String> name(SqlClient c, long person) {
    return c.preparedQuery("select name from account where id = $1 and active").execute(Tuple.of(person))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  /** A slot with its booth's employer, for the page that asks the questions; null when there is none. */
  public Future<JsonObject> slot(SqlClient c, long slotId) {
    return c.preparedQuery("""
            select s.id, s.booth_id, s.starts_at, s.ends_at, e.name from slot s join booth b on b.id = s.booth_id
              join employer e on e.id = b.employer_id where s.id = $1""").execute(Tuple.of(slotId)).map(rows -> {
      if (rows.size() == 0) return null;
      Row r = rows.iterator().next();
      return new JsonObject().put("id", r.getLong("id")).put("boothId", r.getLong("booth_id"))
          .put("start", instant(r, "starts_at")).put("end", instant(r, "ends_at")).put("employerName", r.getString("name"));
    });
  }

  /** A booth's vacancies ({@code id, title}), in the order they were added. */
  public Future<List<JsonObject>> vacancies(SqlClient c, long boothId) {
    return c.preparedQuery("select id, title from vacancy where booth_id = $1 order by id").execute(Tuple.of(boothId)).map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      for (Row r : rows) out.add(new JsonObject().put("id", r.getLong(0)).put("title", r.getString(1)));
      return out;
    });
  }

  private static final String QUESTIONS = """
      select q.id, q.vacancy_id, v.title, q.position, q.text, q.required
        from vacancy_question q join vacancy v on v.id = q.vacancy_id""";

  /** The questions a booking at this slot asks: those of the booth's vacancies, by vacancy and position. */
  public Future<List<Question>> questionsOfSlot(SqlClient c, long slotId) {
    return c.preparedQuery(QUESTIONS + " join slot s on s.booth_id = v.booth_id where s.id = $1 order by v.id, q.position")
        .execute(Tuple.of(slotId)).map(ProfileStore::questions);
  }

  /** The questions of a booth's vacancies, by vacancy and position. */
  public Future<List<Question>> questionsOfBooth(SqlClient c, long boothId) {
    return c.preparedQuery(QUESTIONS + " where v.booth_id = $1 order by v.id, q.position").execute(Tuple.of(boothId))
        .map(ProfileStore::questions);
  }

  /** Replaces a vacancy's questions (positions 1..n), inside the caller's transaction. */
  public Future<Void> replaceQuestions(SqlClient tx, long vacancyId, List<ScreeningPolicy.Draft> drafts) {
    Future<Void> chain = tx.preparedQuery("delete from vacancy_question where vacancy_id = $1").execute(Tuple.of(vacancyId)).mapEmpty();
    for (int i = 0; i < drafts.size(); i++) {
      ScreeningPolicy.Draft d = drafts.get(i);
      int position = i + 1;
      chain = chain.compose(v -> tx.preparedQuery("insert into vacancy_question (vacancy_id, position, text, required) values ($1, $2, $3, $4)")
          .execute(Tuple.of(vacancyId, position, d.text(), d.required())).mapEmpty());
    }
    return chain;
  }

  /** The answers given with a booth's bookings, by booking id (each list by vacancy and position). */
  public Future<Map<Long, List<JsonObject>>> answersOfBooth(SqlClient c, long boothId) {
    return c.preparedQuery("""
            select a.booking_id, a.vacancy, a.question, a.answer from booking_answer a join booking k on k.id = a.booking_id
             where k.booth_id = $1 order by a.booking_id, a.vacancy, a.position""").execute(Tuple.of(boothId)).map(rows -> {
      Map<Long, List<JsonObject>> out = new LinkedHashMap<>();
      for (Row r : rows) {
        out.computeIfAbsent(r.getLong("booking_id"), k -> new ArrayList<>()).add(new JsonObject().put("vacancy", r.getString("vacancy"))
            .put("question", r.getString("question")).put("answer", r.getString("answer")));
      }
      return out;
    });
  }

  private static List<Question> questions(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Question> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new Question(r.getLong("id"), r.getLong("vacancy_id"), r.getString("title"), r.getInteger("position"),
          r.getString("text"), r.getBoolean("required")));
    }
    return out;
  }
}
