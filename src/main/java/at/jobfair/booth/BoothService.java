package at.jobfair.booth;

import at.jobfair.identity.Account;
import at.jobfair.refusal.Reason;
import at.jobfair.web.JsonFields;
import at.jobfair.web.WallClock;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;

import java.util.List;
import java.util.function.Supplier;

/**
 * The rules of running a booth. Every change checks who acts ({@link BoothAccess}) and what is entered before it
 * writes, and happens in one transaction: nothing is half-written.
 */
public final class BoothService {

  private final Pool pool;
  private final BoothStore store;
  private final BoothAccess access;
  private final WallClock clock;

  public BoothService(Pool pool, BoothStore store, WallClock clock) {
    this.pool = pool;
    this.store = store;
    this.access = new BoothAccess(store);
    this.clock = clock;
  }

  /**
   * Everything the booth's management page shows: the booth, its vacancies, staff, colleagues to add, slots, and the
   * translations of the booth's and the vacancies' texts.
   */
  public record Management(BoothStore.BoothView view, java.util.List<BoothStore.Vacancy> vacancies,
                           java.util.List<BoothStore.Colleague> staff, java.util.List<BoothStore.Colleague> colleagues,
                           java.util.List<BoothStore.StoredSlot> slots, List<BoothStore.BoothTranslation> boothTranslations,
                           List<BoothStore.VacancyTranslation> vacancyTranslations) {
  }

  /** The booth as its management page shows it, when the person may run it (see {@link #employerOfBooth}). */
  public Future<Management> management(Account who, long boothId) {
    return employerOfBooth(who, boothId).compose(employerId -> store.view(boothId))
        .compose(view -> store.vacancies(boothId).compose(vacancies -> store.staff(boothId)
            .compose(staff -> store.colleaguesNotStaffing(boothId)
                .compose(colleagues -> store.slots(boothId)
                    .compose(slots -> store.boothTranslations(boothId).compose(bt -> store.vacancyTranslations(boothId)
                        .map(vt -> new Management(view, vacancies, staff, colleagues, slots, bt, vt))))))));
  }

  /** An employer's logo, or null. */
  public Future<BoothStore.Logo> logo(long employerId) {
    return store.logo(employerId);
  }

  public BoothAccess access() {
    return access;
  }

  public WallClock clock() {
    return clock;
  }

  // Every change takes the input unread (a supplier that reads and checks it against the contract): it is read only once
  // the person is known to be allowed to make the change, so a stranger learns nothing from the answer.

  /** {@link BoothProfile} of the booth. */
  public Future<JsonObject> updateBooth(Account who, long boothId, Supplier<JsonObject> input) {
    return pool.withTransaction(tx -> access.booth(tx, who, boothId).compose(e -> {
      BoothProfile p = BoothProfile.from(input.get());
      return notTranslatedInto(tx, false, boothId, p.lang()).compose(v -> store.updateBooth(tx, boothId, p));
    })).recover(BoothService::translationRace);
  }

  /** {@link CompanyProfile} of an employer. */
  public Future<JsonObject> updateCompany(Account who, long employerId, Supplier<JsonObject> input) {
    return pool.withTransaction(tx -> access.employer(tx, who, employerId)
        .compose(v -> store.updateEmployer(tx, employerId, CompanyProfile.from(input.get()))));
  }

  /** {@link CompanyProfile} of the booth's employer. */
  public Future<JsonObject> updateBoothCompany(Account who, long boothId, Supplier<JsonObject> input) {
    return pool.withTransaction(tx -> access.booth(tx, who, boothId)
        .compose(employerId -> store.updateEmployer(tx, employerId, CompanyProfile.from(input.get()))));
  }

  /** Stores a logo after checking who acts, its size and its real type; answers the type. */
  public Future<String> setLogo(Account who, long employerId, Buffer bytes) {
    return pool.withTransaction(tx -> access.employer(tx, who, employerId).compose(v -> {
      String type = LogoImage.check(bytes);
      return store.setLogo(tx, employerId, bytes, type).map(type);
    }));
  }

  /** The booth's employer, when the person may run the booth. */
  public Future<Long> employerOfBooth(Account who, long boothId) {
    return access.booth(pool, who, boothId);
  }

  public Future<BoothStore.Vacancy> addVacancy(Account who, long boothId, Supplier<JsonObject> input) {
    return pool.withTransaction(tx -> access.booth(tx, who, boothId)
        .compose(e -> store.insertVacancy(tx, boothId, VacancyInput.from(input.get()))));
  }

  public Future<BoothStore.Vacancy> updateVacancy(Account who, long vacancyId, Supplier<JsonObject> input) {
    return pool.withTransaction(tx -> access.vacancy(tx, who, vacancyId).compose(owner -> {
      VacancyInput v = VacancyInput.from(input.get());
      return notTranslatedInto(tx, true, vacancyId, v.lang()).compose(x -> store.updateVacancy(tx, vacancyId, v));
    })).recover(BoothService::translationRace);
  }

  public Future<Void> deleteVacancy(Account who, long vacancyId) {
    return pool.withTransaction(tx -> access.vacancy(tx, who, vacancyId).compose(owner -> store.deleteVacancy(tx, vacancyId)));
  }

  // --- translations: the texts in more languages (Translations decides which a reader reads) ---

  /** Adds the booth's translation into a language ({@link TranslationInput#booth}) or replaces it. */
  public Future<BoothStore.BoothTranslation> putBoothTranslation(Account who, long boothId, Supplier<JsonObject> input) {
    return pool.withTransaction(tx -> access.booth(tx, who, boothId).compose(e -> {
      TranslationInput.Booth t = TranslationInput.booth(input.get());
      return store.boothLanguage(tx, boothId).compose(original -> notOriginal(original, t.lang()))
          .compose(v -> store.putBoothTranslation(tx, boothId, t));
    })).recover(BoothService::translationRace);
  }

  /** Removes the booth's translation into a language; 404 when there is none. */
  public Future<Void> deleteBoothTranslation(Account who, long boothId, String lang) {
    return pool.withTransaction(tx -> access.booth(tx, who, boothId).compose(e -> store.deleteBoothTranslation(tx, boothId, lang))
        .compose(BoothService::removed));
  }

  /** Adds the vacancy's translation into a language ({@link TranslationInput#vacancy}) or replaces it. */
  public Future<BoothStore.VacancyTranslation> putVacancyTranslation(Account who, long vacancyId, Supplier<JsonObject> input) {
    return pool.withTransaction(tx -> access.vacancy(tx, who, vacancyId).compose(owner -> {
      TranslationInput.Vacancy t = TranslationInput.vacancy(input.get());
      return store.vacancyLanguage(tx, vacancyId).compose(original -> notOriginal(original, t.lang()))
          .compose(v -> store.putVacancyTranslation(tx, vacancyId, t));
    })).recover(BoothService::translationRace);
  }

  /** Removes the vacancy's translation into a language; 404 when there is none. */
  public Future<Void> deleteVacancyTranslation(Account who, long vacancyId, String lang) {
    return pool.withTransaction(tx -> access.vacancy(tx, who, vacancyId).compose(owner -> store.deleteVacancyTranslation(tx, vacancyId, lang))
        .compose(BoothService::removed));
  }

  /** A translation is into another language than the original. */
  private static Future<Void> notOriginal(String original, String lang) {
    return lang.equals(original) ? Future.failedFuture(JsonFields.invalid("lang", Reason.TRANSLATION_IS_ORIGINAL))
        : Future.succeededFuture();
  }

  /** The texts' original language becomes one they have a translation into only once that translation is removed. */
  private Future<Void> notTranslatedInto(io.vertx.sqlclient.SqlClient tx, boolean vacancy, long id, String lang) {
    if (lang == null) return Future.succeededFuture();
    return store.translated(tx, vacancy, id, lang).compose(there -> there
        ? Future.failedFuture(JsonFields.invalid("lang", Reason.ORIGINAL_HAS_TRANSLATION))
        : Future.succeededFuture());
  }

  private static Future<Void> removed(boolean removed) {
    return removed ? Future.succeededFuture() : Future.failedFuture(Reason.TRANSLATION_NOT_FOUND.refuse());
  }

  /**
   * The database's guard (V34) caught what the check before it could not see: someone changed the original language
   * or added a translation at the same moment. The answer is the same as the check's.
   */
  private static <T> Future<T> translationRace(Throwable e) {
    if (e instanceof PgException pg && "23514".equals(pg.getSqlState()) && pg.getErrorMessage() != null) {
      if (pg.getErrorMessage().startsWith("a booth's translation") || pg.getErrorMessage().startsWith("a vacancy's translation")) {
        return Future.failedFuture(JsonFields.invalid("lang", Reason.TRANSLATION_IS_ORIGINAL));
      }
      if (pg.getErrorMessage().startsWith("there is a translation")) {
        return Future.failedFuture(JsonFields.invalid("lang", Reason.ORIGINAL_HAS_TRANSLATION));
      }
    }
    return Future.failedFuture(e);
  }

  /**
   * Adds a colleague to the booth's staff ({@code {"accountId"}}): an active employer representative of the booth's
   * own employer.
   */
  public Future<BoothStore.Colleague> addStaff(Account who, long boothId, Supplier<JsonObject> input) {
    return pool.withTransaction(tx -> access.booth(tx, who, boothId).compose(employerId -> {
      long accountId = input.get().getLong("accountId");
      return store.account(tx, accountId).compose(colleague -> {
        if (colleague == null || !colleague.employerRole() || !colleague.active() || colleague.employerId() == null
            || colleague.employerId() != employerId.longValue()) {
          return Future.failedFuture(JsonFields.invalid("accountId", Reason.STAFF_NOT_COLLEAGUE));
        }
        return store.insertStaff(tx, boothId, accountId).compose(added -> added ? Future.succeededFuture(colleague)
            : Future.failedFuture(Reason.STAFF_EXISTS.refuse(colleague.name())));
      });
    }));
  }

  public Future<Void> removeStaff(Account who, long boothId, long accountId) {
    return pool.withTransaction(tx -> access.booth(tx, who, boothId).compose(e -> store.deleteStaff(tx, boothId, accountId))
        .compose(removed -> removed ? Future.succeededFuture() : Future.failedFuture(Reason.STAFF_NOT_FOUND.refuse())));
  }

  /** Lays out a day's slots ({@link ScheduleInput#plan}) with {@link SlotSchedule} and stores them all, or none. */
  public Future<List<BoothStore.StoredSlot>> schedule(Account who, long boothId, Supplier<JsonObject> plan) {
    return addSlots(who, boothId, () -> ScheduleInput.generate(ScheduleInput.plan(plan.get(), clock)));
  }

  /** Adds one slot ({@link ScheduleInput#slot}). */
  public Future<BoothStore.StoredSlot> addSlot(Account who, long boothId, Supplier<JsonObject> slot) {
    return addSlots(who, boothId, () -> List.of(ScheduleInput.slot(slot.get(), clock))).map(slots -> slots.get(0));
  }

  /**
   * Stores new slots of a booth: all inside the fair's times and none overlapping a slot the booth already has
   * (removed slots do not count), else nothing is stored.
   */
  private Future<List<BoothStore.StoredSlot>> addSlots(Account who, long boothId, Supplier<List<SlotSchedule.Slot>> input) {
    List<List<SlotSchedule.Slot>> made = new java.util.ArrayList<>(1);
    return pool.withTransaction(tx -> access.slots(tx, who, boothId).compose(window -> {
      List<SlotSchedule.Slot> slots = input.get();
      made.add(slots);
      for (SlotSchedule.Slot s : slots) {
        if (s.start().isBefore(window.fairStartsAt()) || s.end().isAfter(window.fairEndsAt())) {
          return Future.failedFuture(Reason.SLOT_OUTSIDE_FAIR.refuse(clock.readable(window.fairStartsAt()),
              clock.readable(window.fairEndsAt())));
        }
      }
      return store.firstOverlap(tx, boothId, slots).compose(overlap -> overlap != null
          ? Future.failedFuture(Reason.SLOTS_OVERLAP.refuse(clock.readable(overlap)))
          : store.insertSlots(tx, boothId, slots));
    }))
        .recover(e -> {
          if (!(e instanceof PgException pg && "23P01".equals(pg.getSqlState())) || made.isEmpty()) return Future.failedFuture(e);
          // Someone else stored an overlapping slot at the same moment; the constraint refused ours. Name theirs.
          List<SlotSchedule.Slot> slots = made.get(0);
          return store.firstOverlap(pool, boothId, slots).compose(at -> Future.failedFuture(
              Reason.SLOTS_OVERLAP.refuse(clock.readable(at == null ? slots.get(0).start() : at))));
        });
  }
}
