package at.jobfair.profile;

import at.jobfair.access.BoothRelation;
import at.jobfair.audit.AuditChain;
import at.jobfair.audit.AuditLog;
import at.jobfair.booth.BoothAccess;
import at.jobfair.booth.BoothStore;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.profile.ProfilePolicy.Profile;
import at.jobfair.profile.ScreeningPolicy.Question;
import at.jobfair.refusal.Reason;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The person's profile and CV, what a booth reads of them, and a booth's pre-screening questions.
 *
 * <p>Who reads what: the person everything of their own. A booth's employer representatives read a person's profile
 * only when the booth has a relation to the person ({@code access/BoothRelation}: today a booking there) and only the
 * groups the person shares; anyone else (another booth, organisers, other staff) gets a 404 as if there were nobody.
 * Staff read none of it here: the profile is what the person shows employers, and staff keep their own record
 * ({@code jobseeker}); a caseworker who needs it asks the person. Nothing here reads benefit, health or sanction data.
 */
public final class ProfileService {

  private final Pool pool;
  private final ProfileStore store;
  private final BoothStore booths;
  private final BoothAccess boothAccess;
  private final AuditLog audit;
  private final ProfileConfig config;

  public ProfileService(Pool pool, ProfileStore store, BoothStore booths, AuditLog audit, ProfileConfig config) {
    this.pool = pool;
    this.store = store;
    this.booths = booths;
    this.boothAccess = new BoothAccess(booths);
    this.audit = audit;
    this.config = config;
  }

  public ProfileConfig config() {
    return config;
  }

  /** The person's own profile with their CV's facts (no bytes). */
  public Future<JsonObject> mine(Account person) {
    return Future.all(store.find(pool, person.id()), store.cv(pool, person.id(), false))
        .map(all -> ProfilePolicy.own(all.resultAt(0), cv(all.resultAt(1), "/api/me/cv")));
  }

  /** Saves the whole profile from a checked body; the profile as stored. */
  public Future<JsonObject> save(Account person, JsonObject body) {
    Profile p = ProfilePolicy.read(body);
    return store.save(pool, person.id(), p).compose(v -> mine(person));
  }

  /** Stores (or replaces) the person's CV after checking it is a PDF within the limit. */
  public Future<JsonObject> putCv(Account person, String name, byte[] content) {
    CvFile.check(content, config.cvMaxBytes());
    return pool.withTransaction(tx -> store.putCv(tx, person.id(), CvFile.label(name), content)
            .compose(v -> audit.append(tx, AuditChain.Entry.of(Instant.now(), person.id(), Role.JOBSEEKER.name(), "cv:" + person.id(),
                "UPLOAD", null, "STORED", "bytes " + content.length))))
        .compose(v -> store.cv(pool, person.id(), false)).map(c -> cv(c, "/api/me/cv"));
  }

  /** The person's own CV with its bytes; 404 when there is none. */
  public Future<ProfileStore.Cv> ownCv(Account person) {
    return store.cv(pool, person.id(), true).map(c -> {
      if (c == null) throw Reason.CV_NOT_FOUND.refuse();
      return c;
    });
  }

  /** Removes the person's CV; 404 when there is none. */
  public Future<Void> deleteCv(Account person) {
    return pool.withTransaction(tx -> store.deleteCv(tx, person.id()).compose(done -> {
      if (!done) return Future.failedFuture(Reason.CV_NOT_FOUND.refuse());
      return audit.append(tx, AuditChain.Entry.of(Instant.now(), person.id(), Role.JOBSEEKER.name(), "cv:" + person.id(),
          "DELETE", "STORED", "DELETED", "")).<Void>mapEmpty();
    }));
  }

  /**
   * What the booth's representative reads of the person: the shared groups (and the CV's facts if shared), with the
   * person's name; 404 unless the reader represents the booth's employer and the booth has a relation to the person.
   */
  public Future<JsonObject> forBooth(Account reader, long boothId, long personId) {
    return related(reader, boothId, personId).compose(name -> Future.all(store.find(pool, personId), store.cv(pool, personId, false))
        .map(all -> {
          Profile p = all.resultAt(0);
          return ProfilePolicy.forBooth(p, cv(all.resultAt(1), "/api/booths/" + boothId + "/candidates/" + personId + "/cv"))
              .put("id", personId).put("name", name);
        }));
  }

  /** The CV as the booth's representative may download it: only when shared; 404 otherwise. */
  public Future<ProfileStore.Cv> cvForBooth(Account reader, long boothId, long personId) {
    return related(reader, boothId, personId).compose(name -> store.find(pool, personId)).compose(p -> {
      if (!ProfilePolicy.cvShared(p)) return Future.failedFuture(Reason.CV_NOT_FOUND.refuse());
      return store.cv(pool, personId, true).map(c -> {
        if (c == null) throw Reason.CV_NOT_FOUND.refuse();
        return c;
      });
    });
  }

  /** The person's name when the reader represents the booth's employer and the booth has a relation to the person. */
  private Future<String> related(Account reader, long boothId, long personId) {
    if (!reader.has(Role.EMPLOYER)) return Future.failedFuture(Reason.CANDIDATE_NOT_FOUND.refuse());
    return booths.boothEmployer(pool, boothId).compose(employer -> {
      if (employer == null || !reader.worksFor(employer)) return Future.failedFuture(Reason.CANDIDATE_NOT_FOUND.refuse());
      return BoothRelation.holds(pool, boothId, personId);
    }).compose(related -> related ? store.name(pool, personId) : Future.failedFuture(Reason.CANDIDATE_NOT_FOUND.refuse()))
        .map(name -> {
          if (name == null) throw Reason.CANDIDATE_NOT_FOUND.refuse();
          return name;
        });
  }

  /** The questions a booking at this booth asks (public: what the booth asks is no secret). */
  public Future<List<Question>> questionsOfBooth(long boothId) {
    return store.questionsOfBooth(pool, boothId);
  }

  /** The questions a booking of this slot asks. */
  public Future<List<Question>> questionsOfSlot(long slotId) {
    return store.questionsOfSlot(pool, slotId);
  }

  /** A slot as the questions page names it ({@code id, boothId, start, end, employerName}), or null. */
  public Future<JsonObject> slot(long slotId) {
    return store.slot(pool, slotId);
  }

  /** Replaces a vacancy's questions (its employer's representatives and organisers); the booth's questions after. */
  public Future<List<Question>> setQuestions(Account who, long vacancyId, JsonObject body) {
    List<ScreeningPolicy.Draft> drafts = ScreeningPolicy.drafts(body);
    return pool.withTransaction(tx -> boothAccess.vacancy(tx, who, vacancyId)
        .compose(owner -> store.replaceQuestions(tx, vacancyId, drafts).map(owner.boothId())))
        .compose(store -> questionsOfBooth(store));
  }

  /**
   * A booth's vacancies, each with three question rows (text, required; empty where none), for its questions page;
   * refused as {@link BoothAccess} refuses unless the person may run the booth.
   */
  public Future<List<Map<String, Object>>> questionsEditing(Account who, long boothId) {
    return boothAccess.booth(pool, who, boothId).compose(e -> Future.all(store.vacancies(pool, boothId), store.questionsOfBooth(pool, boothId)))
        .map(all -> {
          List<JsonObject> vacancies = all.resultAt(0);
          List<Question> questions = all.resultAt(1);
          List<Map<String, Object>> out = new java.util.ArrayList<>();
          for (JsonObject v : vacancies) {
            List<Map<String, Object>> rows = new java.util.ArrayList<>();
            for (int i = 1; i <= ScreeningPolicy.MAX_QUESTIONS; i++) {
              int position = i;
              Question q = questions.stream().filter(x -> x.vacancyId() == v.getLong("id") && x.position() == position).findFirst().orElse(null);
              rows.add(Map.of("n", i, "text", q == null ? "" : q.text(), "required", q != null && q.required()));
            }
            out.add(Map.of("id", v.getLong("id"), "title", v.getString("title"), "rows", rows));
          }
          return out;
        });
  }

  /** The booth's answers by booking, for its schedule (the caller checked the reader may see the schedule). */
  public Future<Map<Long, List<JsonObject>>> answersOfBooth(long boothId) {
    return store.answersOfBooth(pool, boothId);
  }

  /** The questions as JSON. */
  public static JsonArray json(List<Question> questions) {
    JsonArray out = new JsonArray();
    questions.forEach(q -> out.add(new JsonObject().put("id", q.id()).put("vacancyId", q.vacancyId()).put("vacancy", q.vacancy())
        .put("position", q.position()).put("text", q.text()).put("required", q.required())));
    return out;
  }

  private static JsonObject cv(ProfileStore.Cv c, String url) {
    return c == null ? null : c.json(url);
  }
}
