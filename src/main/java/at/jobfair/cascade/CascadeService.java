package at.jobfair.cascade;

import at.jobfair.access.Relations;
import at.jobfair.audit.AuditChain;
import at.jobfair.audit.AuditLog;
import at.jobfair.cascade.CascadeStore.CascadeRow;
import at.jobfair.cascade.CascadeStore.StationRow;
import at.jobfair.cascade.CascadeStore.StoredPlaybook;
import at.jobfair.db.Rows;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.legal.Obligation;
import at.jobfair.letter.Letters;
import at.jobfair.refusal.Kind;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The I/O around the pure {@link CascadeMachine}: each step loads the cascade under a row lock, refreshes the facts its
 * guards need from the database, asks the machine, and writes the new state, the step and its audit record in one
 * transaction. Taking the next person of a queue skips rows another staff member is taking ({@code SKIP LOCKED}).
 */
public final class CascadeService {


  private final Pool pool;
  private final Relations relations;
  private final CascadeStore store;
  private final AuditLog audit;
  private final Clock clock;
  private final int waiverDays;
  private final HearingStore hearings = new HearingStore();
  /** The letters steps produce (a decision, a waiver); none when not wired (see {@link #letters}). */
  private CascadeLetters letters;

  public CascadeService(Pool pool, CascadeStore store, AuditLog audit, Clock clock, int waiverDays, Relations relations) {
    this.pool = pool;
    this.relations = relations;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.waiverDays = waiverDays;
  }

  /** The letters the steps produce, in the step's transaction (set once by the composition root). */
  public void letters(CascadeLetters letters) {
    this.letters = letters;
  }

  /** The vacancy id as the database writes it ("42", not " 42"), so that the machine finds it among the noticed ones. */
  private static Event canonical(Event e) {
    if (e.vacancyId() == null) return e;
    try {
      String id = String.valueOf(Long.parseLong(e.vacancyId().strip()));
      return new Event(e.type(), id, e.reasons(), e.finding(), e.decision(), e.jobStart());
    } catch (NumberFormatException x) {
      return e;
    }
  }

  // ---- playbooks ---------------------------------------------------------------------------------------------------

  /** The fair's playbook; the format's default is stored on first use, so its stations have ids (their queues). */
  public Future<StoredPlaybook> playbook(long fairId) {
    return store.playbook(pool, fairId).compose(sp -> sp != null ? Future.succeededFuture(sp)
        : pool.withTransaction(tx -> store.format(tx, fairId).compose(format -> {
          if (format == null) return Future.failedFuture(Reason.FAIR_NOT_FOUND.refuse());
          return store.lockPlaybookCreation(tx, fairId)
              .compose(v -> store.playbook(tx, fairId))
              .compose(again -> again != null ? Future.succeededFuture(again)
                  : store.savePlaybook(tx, fairId, false, withWaiver(Playbook.defaultFor(format, false)), null, -1)
                  .compose(v -> store.playbook(tx, fairId)));
        })));
  }

  /** The configured waiver days replace the built-in default where the format tracks waivers. */
  private Playbook withWaiver(Playbook pb) {
    return pb.tracksWaiver() ? pb.adjust(pb.stages(), pb.decisionDays(), waiverDays) : pb;
  }

  /**
   * The organiser's adjustment: {@code {"escalation", "stations": [{"station", "roles": [...], "place"}], "decisionDays",
   * "waiverDays"}}. Without stations the format's default (with or without escalation) is taken. Only while nobody of
   * the fair is in the cascade yet: a running cascade keeps the rules it started with.
   */
  public Future<StoredPlaybook> adjust(Account organiser, long fairId, JsonObject body) {
    return playbook(fairId).compose(current -> pool.withTransaction(tx -> store.hasCascades(tx, fairId).compose(used -> {
      if (used) return Future.failedFuture(Reason.PLAYBOOK_IN_USE.refuse());
      boolean escalation = body.getValue("escalation") instanceof Boolean b ? b : current.escalation();
      Playbook base = withWaiver(Playbook.defaultFor(current.format(), escalation));
      Playbook pb;
      List<String> places = new ArrayList<>();
      try {
        JsonArray stations = body.getValue("stations") instanceof JsonArray a ? a : null;
        int decisionDays = body.getValue("decisionDays") instanceof Number n ? n.intValue() : base.decisionDays();
        int waiver = body.getValue("waiverDays") instanceof Number n ? n.intValue() : base.waiverDays();
        if (stations == null) {
          pb = base.adjust(base.stages(), decisionDays, waiver);
          for (Playbook.Stage s : pb.stages()) {
            StationRow old = current.station(s.station());
            places.add(old == null ? null : old.place());
          }
        } else {
          List<Playbook.Stage> stages = new ArrayList<>();
          for (Object o : stations) {
            if (!(o instanceof JsonObject s)) throw new InvalidPlaybook(Reason.PLAYBOOK_STATION_MISSING);
            Station st;
            try {
              st = Station.valueOf(s.getString("station"));
            } catch (RuntimeException e) {
              throw new InvalidPlaybook(Reason.PLAYBOOK_STATION_MISSING);
            }
            java.util.EnumSet<Role> roles = java.util.EnumSet.noneOf(Role.class);
            JsonArray r = s.getValue("roles") instanceof JsonArray a ? a : new JsonArray();
            for (Object code : r) {
              Role role = code instanceof String c ? Role.parse(c) : null;
              if (role == null) throw new InvalidPlaybook(Reason.PLAYBOOK_STAFF_ROLE);
              roles.add(role);
            }
            stages.add(new Playbook.Stage(st, roles));
            String place = s.getValue("place") instanceof String p && !p.isBlank() ? p.strip() : null;
            if (place != null && place.length() > 300) throw Reason.PLACE_TOO_LONG.refuse();
            places.add(place);
          }
          pb = base.adjust(stages, decisionDays, waiver);
        }
      } catch (InvalidPlaybook e) {
        return Future.failedFuture(e.code().refuse());
      }
      return store.savePlaybook(tx, fairId, escalation, pb, places, organiser.id()).compose(v -> store.playbook(tx, fairId));
    })));
  }

  /** Whether anybody of the fair is in the cascade yet: then the playbook stays as it is. */
  public Future<Boolean> inUse(long fairId) {
    return store.hasCascades(pool, fairId);
  }

  /** The stations of the fair with how many wait at each and how many are being seen. */
  public Future<JsonObject> stations(long fairId) {
    return playbook(fairId).compose(sp -> store.stationCounts(pool, fairId).map(counts -> {
      JsonArray list = new JsonArray();
      for (StationRow s : sp.stations()) {
        JsonObject c = counts.getJsonObject(s.station().name(), new JsonObject().put("waiting", 0).put("atStation", 0).put("pending", 0));
        list.add(s.toJson().mergeIn(c));
      }
      return new JsonObject().put("fair", sp.fairJson())
          .put("escalation", sp.escalation()).put("decisionDays", sp.playbook().decisionDays())
          .put("waiverDays", sp.playbook().waiverDays()).put("stations", list);
    }));
  }

  // ---- who may work where ------------------------------------------------------------------------------------------

  /** Whether the person staffs this station: a role the playbook names (employers only at a fair where they have a booth). */
  public Future<Boolean> staffs(Account user, StationRow s) {
    if (user == null || s == null) return Future.succeededFuture(false);
    boolean staffRole = user.roles().stream().anyMatch(r -> r != Role.EMPLOYER && s.roles().contains(r));
    if (staffRole) return Future.succeededFuture(true);
    if (!user.has(Role.EMPLOYER) || !s.roles().contains(Role.EMPLOYER) || user.employerId() == null) return Future.succeededFuture(false);
    return store.exhibits(pool, s.fairId(), user.employerId());
  }

  /** Whether the person may watch the station's queue live: its staff and organisers. */
  public Future<Boolean> mayWatch(Account user, long stationId) {
    if (user == null) return Future.succeededFuture(false);
    return store.station(pool, stationId).compose(s -> {
      if (s == null) return Future.succeededFuture(false);
      if (user.has(Role.ORGANIZER)) return Future.succeededFuture(true);
      return staffs(user, s);
    });
  }

  // ---- steps -------------------------------------------------------------------------------------------------------

  /** Admits a person at the fair: the cascade starts, is booked and checked in, and the person waits at the first station. */
  public Future<Long> admit(Account staff, long fairId, long jobseekerId) {
    return playbook(fairId).compose(sp -> pool.withTransaction(tx -> running(tx, fairId, true)
        .compose(x -> store.facts(tx, fairId, jobseekerId)).compose(f -> {
      if (f == null) return Future.failedFuture(Reason.JOBSEEKER_NOT_FOUND.refuse());
      Cascade c = Cascade.invited(f.basis(), f.minimumIncome(),
          f.caseworkerId() == null ? null : String.valueOf(f.caseworkerId())).withFacts(f);
      return store.insert(tx, fairId, jobseekerId, c).compose(id -> {
        if (id == null) return Future.failedFuture(Reason.CASCADE_EXISTS.refuse());
        // the facts were just read in this transaction, and booking and checking in do not change them
        return store.lock(tx, id)
            .compose(row -> move(tx, sp, row, row.cascade().withFacts(f), Event.of(Event.Type.BOOK), null))
            .compose(v -> store.lock(tx, id))
            .compose(row -> move(tx, sp, row, row.cascade().withFacts(f), Event.of(Event.Type.CHECK_IN), staff))
            .map(id);
      });
    }))).recover(CascadeService::databaseGuard);
  }

  /**
   * Whether the fair runs now: admission only from its start to its end ({@code fair_not_started}, {@code fair_over});
   * with {@code untilEnd} false only its start counts (station steps may go on after the last slot). The database
   * checks the same (cascade_fair_running, V19).
   */
  private Future<Void> running(SqlClient tx, long fairId, boolean untilEnd) {
    Instant now = clock.instant();
    return store.fairWindow(tx, fairId).compose(w -> {
      if (w == null) return Future.failedFuture(Reason.FAIR_NOT_FOUND.refuse());
      if (now.isBefore(w[0])) return Future.failedFuture(Reason.FAIR_NOT_STARTED.refuse());
      if (untilEnd && !now.isBefore(w[1])) return Future.failedFuture(Reason.FAIR_OVER.refuse());
      return Future.succeededFuture();
    });
  }

  /**
   * The SfU at an offer station hands the person a placement proposal for a vacancy with the notice of legal
   * consequences in force: the provable delivery (who, when, which notice), kept with the case and in the audit trail.
   * Only for binding participation, by an SfU staffing the station the person is at. Handing the same vacancy over again
   * changes nothing. Answers the notice version.
   */
  public Future<Integer> handOver(Account user, long cascadeId, String vacancy) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return pool.withTransaction(tx -> store.lock(tx, cascadeId).compose(row -> {
      if (row == null) return Future.failedFuture(Reason.CASCADE_NOT_FOUND.refuse());
      Cascade c = row.cascade();
      if (c.state() != State.AT_STATION || (c.station() != Station.OFFER && c.station() != Station.LOCAL_OFFER)) {
        return Future.failedFuture(Reason.HANDOVER_NOT_HERE.refuse());
      }
      return store.playbook(tx, row.fairId()).compose(sp -> {
        if (!user.has(Role.SFU) || !sp.playbook().staffs(c.station(), Role.SFU)) return Future.failedFuture(Reason.NOT_STAFF_OF_STATION.refuse());
        if (c.terms().basis() != Obligation.BINDING) return Future.failedFuture(Reason.HANDOVER_NOT_BINDING.refuse());
        if (vacancy == null || vacancy.isBlank()) return Future.failedFuture(Reason.VACANCY_REQUIRED.refuse());
        return vacancyId(vacancy).compose(vid -> store.vacancyAtFair(tx, row.fairId(), vid)).compose(v -> {
          if (v == null) return Future.failedFuture(Reason.VACANCY_NOT_AT_FAIR.refuse());
          return store.noticeInForce(tx).compose(version -> store.handedOver(tx, row.id(), v.getLong("id")).compose(already -> {
            if (already != null) return Future.succeededFuture(already);
            return audit.append(tx, AuditChain.Entry.of(now, user.id(), Role.SFU.name(), "cascade:" + row.id(), "HANDOVER",
                    label(c.state(), c.station()), label(c.state(), c.station()),
                    "vacancy " + v.getLong("id") + " (" + v.getString("title") + "); notice version " + version))
                .compose(entry -> store.insertHandover(tx, row.id(), v, c.station(), version, user.id(), now, entry.seq()))
                .map(version);
          }));
        });
      });
    }));
  }

  /** One event on a cascade; {@code expectedVersion} (when given) must be the version the actor saw. */
  public Future<Long> act(Account user, long cascadeId, Event given, Integer expectedVersion) {
    Event event = canonical(given);
    // The free-text statement of earlier versions goes through the hearing record (an incomplete one is refused as before).
    if (event.type() == Event.Type.STATEMENT && event.reasons() != null && !event.reasons().isBlank()
        && event.reasons().length() <= CascadeMachine.MAX_REASONS) {
      return hear(user, cascadeId, Hearing.ofStatement(event.reasons().strip()), expectedVersion);
    }
    return pool.withTransaction(tx -> store.lock(tx, cascadeId).compose(row -> {
      if (row == null) return Future.failedFuture(Reason.CASCADE_NOT_FOUND.refuse());
      if (expectedVersion != null && expectedVersion != row.version()) return Future.failedFuture(Reason.CASCADE_CHANGED.refuse());
      return store.playbook(tx, row.fairId()).compose(sp -> step(tx, sp, row, event, user)).map(cascadeId);
    })).onSuccess(id -> {
      if (letters != null) letters.sent();
    }).recover(CascadeService::databaseGuard);
  }

  /**
   * The hearing record of a sanction check: written with the STATEMENT step it stands for, in one transaction. The
   * machine is asked first, so a record the station may not take writes nothing. The audit trail gets the record's hash
   * (HEARING), the step names the record ("hearing record N"): the person's words live only in the record, where
   * retention can delete them without breaking the chain.
   */
  public Future<Long> hear(Account user, long cascadeId, Hearing given, Integer expectedVersion) {
    return pool.withTransaction(tx -> store.lock(tx, cascadeId).compose(row -> {
      if (row == null) return Future.failedFuture(Reason.CASCADE_NOT_FOUND.refuse());
      if (expectedVersion != null && expectedVersion != row.version()) return Future.failedFuture(Reason.CASCADE_CHANGED.refuse());
      return store.playbook(tx, row.fairId()).compose(sp -> store.facts(tx, row.fairId(), row.jobseekerId()).compose(f -> {
        Cascade c = row.cascade().withFacts(f);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Chosen chosen = choose(sp.playbook(), c, Event.statement("hearing record"), user, now, null);
        if (chosen.outcome() instanceof Outcome.Refusal r) return Future.failedFuture((r.code()).refuse());
        String role = chosen.actor().roleCode();
        Future<String> language = given.language() != null ? Future.succeededFuture(given.language())
            : hearings.language(tx, row.jobseekerId());
        return language.compose(lang -> {
          Hearing h = given.inLanguage(lang);
          String hash = h.hash(user.id(), now.toString());
          return audit.append(tx, AuditChain.Entry.of(now, user.id(), role, "cascade:" + row.id(), "HEARING",
                  label(c.state(), c.station()), label(c.state(), c.station()), "hearing record; sha256 " + hash))
              .compose(entry -> hearings.insert(tx, row.id(), h, user.id(), role, now, hash, entry.seq()))
              .compose(recordId -> move(tx, sp, row, c, Event.statement("hearing record " + recordId), user));
        });
      }));
    })).map(cascadeId).recover(CascadeService::databaseGuard);
  }

  /** Takes the longest-waiting person of the station's queue; two staff at once get two different people. */
  public Future<Long> next(Account user, long stationId) {
    return store.station(pool, stationId).compose(s -> {
      if (s == null) return Future.failedFuture(Reason.STATION_NOT_FOUND.refuse());
      return staffs(user, s).compose(ok -> {
        if (!ok) return Future.failedFuture(Reason.NOT_STAFF_OF_STATION.refuse());
        return pool.withTransaction(tx -> store.lockNext(tx, s.fairId(), s.station()).compose(row -> {
          if (row == null) return Future.failedFuture(Reason.QUEUE_EMPTY.refuse());
          return store.playbook(tx, s.fairId()).compose(sp -> step(tx, sp, row, Event.of(Event.Type.TAKE), user)).map(row.id());
        })).recover(CascadeService::databaseGuard);
      });
    });
  }

  // ---- the platform's own steps: late sanction bars, closing ---------------------------------------------------------

  /** How many cascades one run of the closing job closes at most (the next run takes the rest). */
  static final int CLOSE_BATCH = 500;

  /**
   * A fact that bars sanction steps was recorded (employer no-show, outage): in the caller's transaction, every case of
   * the fair (of the person, when given) that waits for or is at the sanction check or the decision, and is now barred,
   * ends without a sanction check; audited like every step, by the platform. Idempotent: an ended case is left alone.
   */
  public Future<Integer> endBarred(SqlClient tx, long fairId, Long jobseekerId) {
    return store.barrable(tx, fairId, jobseekerId).compose(rows -> countEach(rows, id -> endIfBarred(tx, id)));
  }

  /**
   * The same for every fair, one transaction per case: a safety net for bars that reached the database another way
   * (or before this step existed). The closing job runs it first.
   */
  public Future<Integer> endBarredEverywhere() {
    return store.barrableAnywhere(pool, CLOSE_BATCH).compose(rows -> countEach(rows, id -> pool.withTransaction(tx -> endIfBarred(tx, id))));
  }

  /** Locks the case, refreshes its facts and ends it when it is barred and still where a bar ends it. */
  private Future<Boolean> endIfBarred(SqlClient tx, long id) {
    return store.lock(tx, id).compose(row -> {
      if (row == null) return Future.succeededFuture(false);
      return store.facts(tx, row.fairId(), row.jobseekerId()).compose(f -> {
        Cascade c = row.cascade().withFacts(f);
        Reason bar = c.sanctionBar();
        if (bar == null || !CascadeMachine.barrable(c)) return Future.succeededFuture(false);
        return store.playbook(tx, row.fairId()).compose(sp -> move(tx, sp, row, c, Event.sanctionBarred(bar.code()), null)).map(true);
      });
    });
  }

  /**
   * One run of the closing job: closes the cascades that are due, one transaction each, by the platform, audited.
   * Due are: a sanction that was imposed, once its waiver period has passed (at once where the playbook tracks no
   * waiver) and {@code grace} has passed since its last step; every other end (no-show, excused, course or job
   * accepted, ended without a sanction check, no sanction, not imposed, waived) once {@code grace} has passed since its
   * last step, so that staff and the person still see the fresh ending on their lists. Open cases (waiting, at a
   * station, awaiting a decision or a waiver consideration) are never closed. Safe with several instances: a case
   * another instance is closing is skipped ({@code SKIP LOCKED}), and a case found closed is left alone, so each closes
   * once. Answers how many this run closed.
   */
  public Future<Integer> closeDue(java.time.Duration grace) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return store.dueToClose(pool, now.minus(grace), now, CLOSE_BATCH).compose(rows -> countEach(rows, this::closeOne));
  }

  /** Runs {@code one} on the id of each row (the first column), one after the other; answers how many said true. */
  private static Future<Integer> countEach(Iterable<Row> rows, LongFunction<Future<Boolean>> one) {
    Future<Integer> f = Future.succeededFuture(0);
    for (Row r : rows) {
      long id = r.getLong(0);
      f = f.compose(n -> one.apply(id).map(done -> done ? n + 1 : n));
    }
    return f;
  }

  private Future<Boolean> closeOne(long id) {
    return pool.withTransaction(tx -> store.lockIfFree(tx, id).compose(row -> {
      if (row == null || !CascadeMachine.CLOSABLE.contains(row.cascade().state())) return Future.succeededFuture(false);
      return store.playbook(tx, row.fairId()).compose(sp -> step(tx, sp, row, Event.of(Event.Type.CLOSE), null)).map(true)
          // the machine refused (e.g. the waiver period is still open): nothing was written, nothing to close
          .recover(e -> e instanceof Refused ? Future.succeededFuture(false) : Future.failedFuture(e));
    }));
  }

  /** A guard of the database (CHECK, trigger) refused what the service let through: answered, never a stack trace. */
  private static <T> Future<T> databaseGuard(Throwable e) {
    if (e instanceof PgException pg && "23514".equals(pg.getSqlState())) {
      return Future.failedFuture(Reason.CASCADE_GUARD.refuse());
    }
    return Future.failedFuture(e);
  }

  /** One step on a locked cascade, with its facts refreshed from the database first. */
  private Future<Void> step(SqlClient tx, StoredPlaybook sp, CascadeRow row, Event e, Account user) {
    return store.facts(tx, row.fairId(), row.jobseekerId()).compose(f -> move(tx, sp, row, row.cascade().withFacts(f), e, user));
  }

  /** One step on a locked cascade whose facts the caller has already merged into {@code c}. */
  private Future<Void> move(SqlClient tx, StoredPlaybook sp, CascadeRow row, Cascade c, Event e, Account user) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    // A deputy or team member decides for the caseworker (access/Relations finds whether they stand in now).
    Future<String> standsIn = user == null || !DECIDER_EVENTS.contains(e.type()) || c.terms().caseworkerId() == null
        ? Future.succeededFuture(null)
        : relations.standsIn(tx, Long.valueOf(c.terms().caseworkerId()), user).map(yes -> yes ? c.terms().caseworkerId() : null);
    return standsIn.compose(forCaseworker -> chosen(tx, sp, row, c, e, user, now, forCaseworker));
  }

  private Future<Void> chosen(SqlClient tx, StoredPlaybook sp, CascadeRow row, Cascade c, Event e, Account user, Instant now,
                              String forCaseworker) {
    Chosen chosen = choose(sp.playbook(), c, e, user, now, forCaseworker);
    if (chosen.outcome() instanceof Outcome.Refusal r) return Future.failedFuture((r.code()).refuse());
    // The municipality decides only for people of its area (access/Relations); the machine knows roles, not areas.
    if (chosen.actor().role() == Role.KOMMUNE && DECIDER_EVENTS.contains(e.type())) {
      return relations.livesInAreaOf(tx, row.jobseekerId(), user.id())
          .compose(inArea -> inArea ? proceed(tx, row, e, user, chosen, now)
              : Future.failedFuture(Reason.NOT_RESPONSIBLE_DECIDER.refuse()));
    }
    return proceed(tx, row, e, user, chosen, now);
  }

  private static final java.util.Set<Event.Type> DECIDER_EVENTS = java.util.EnumSet.of(Event.Type.DECIDE, Event.Type.WAIVE,
      Event.Type.REFUSE_WAIVER, Event.Type.JOB_START);

  private Future<Void> proceed(SqlClient tx, CascadeRow row, Event e, Account user, Chosen chosen, Instant now) {
    // No station step before the fair starts (admission checked the whole window already).
    boolean stationStep = e.type() == Event.Type.TAKE || (e.type().station() != null && e.type().station() != Station.DECISION);
    if (stationStep) return running(tx, row.fairId(), false).compose(x -> moved(tx, row, e, user, chosen, now));
    return moved(tx, row, e, user, chosen, now);
  }

  private Future<Void> moved(SqlClient tx, CascadeRow row, Event e, Account user, Chosen chosen, Instant now) {
    Outcome.Moved m = (Outcome.Moved) chosen.outcome();
    // An employer staffs an offer station only at a fair where they run a booth.
    Future<Void> employerHere = chosen.actor().role() != Role.EMPLOYER ? Future.succeededFuture()
        : store.exhibits(tx, row.fairId(), user.employerId())
        .compose(here -> here ? Future.<Void>succeededFuture() : Future.failedFuture(Reason.NOT_STAFF_OF_STATION.refuse()));
    Future<JsonObject> vacancy = e.vacancyId() == null ? employerHere.map(x -> (JsonObject) null)
        : employerHere.compose(x -> vacancyOf(tx, row, e, chosen, user));
    return vacancy.compose(v -> write(tx, row, m, e, user, v, now));
  }

  /** The vacancy of an offer step: at a booth of this fair, and an employer's own. */
  private Future<JsonObject> vacancyOf(SqlClient tx, CascadeRow row, Event e, Chosen chosen, Account user) {
    return vacancyId(e.vacancyId()).compose(id -> store.vacancyAtFair(tx, row.fairId(), id)).compose(v -> {
      if (v == null) return Future.failedFuture(Reason.VACANCY_NOT_AT_FAIR.refuse());
      if (chosen.actor().role() == Role.EMPLOYER && !user.worksFor(v.getLong("employerId"))) {
        return Future.failedFuture(Reason.NOT_YOUR_VACANCY.refuse());
      }
      return Future.succeededFuture(v);
    });
  }

  /** Writes the new state, the audit record and the step, in the caller's transaction. */
  private Future<Void> write(SqlClient tx, CascadeRow row, Outcome.Moved m, Event e, Account user, JsonObject v, Instant now) {
    Long takenBy = m.cascade().state() == State.AT_STATION ? (e.type() == Event.Type.TAKE ? Long.valueOf(user.id()) : row.takenBy()) : null;
    Transition t = m.transition();
    Long actorId = user == null ? null : user.id();
    // The letter the step produces (a decision, a waiver) is rendered first: the audit record below takes the trail's lock.
    Future<Letters.Prepared> letter = letters == null ? Future.succeededFuture() : letters.prepare(tx, row, t, e, user);
    return letter.compose(prepared -> store.update(tx, row.id(), m.cascade(), takenBy, now)
        .compose(ver -> audit.append(tx, AuditChain.Entry.of(now, actorId, t.actorRole(), "cascade:" + row.id(), t.event().name(),
            label(t.from(), t.fromStation()), label(t.to(), t.toStation()), auditReasons(e, v, user != null))))
        .compose(entry -> store.insertStep(tx, row.id(), t, e, actorId, v, entry.seq()))
        .compose(stepId -> letters == null ? Future.<Void>succeededFuture() : letters.keep(tx, prepared, stepId)));
  }

  private static Future<Long> vacancyId(String id) {
    try {
      return Future.succeededFuture(Long.parseLong(id.strip()));
    } catch (NumberFormatException ex) {
      return Future.failedFuture(Reason.VACANCY_NOT_AT_FAIR.refuse());
    }
  }

  private static String label(State s, Station st) {
    return st == null ? s.name() : s.name() + "@" + st.name();
  }

  /** The audit record's reasons: what was decided and why, in one text. */
  /**
   * A person's words (a declined offer's reasons, a decider's reasons) go into the trail as their hash: the step keeps
   * them, where retention and erasure reach; the platform's own reasons (codes) stay readable.
   */
  private static String auditReasons(Event e, JsonObject vacancy, boolean byPerson) {
    StringBuilder sb = new StringBuilder();
    if (vacancy != null) sb.append("vacancy ").append(vacancy.getLong("id")).append(" (").append(vacancy.getString("title")).append(")");
    if (e.finding() != null) sb.append(sb.isEmpty() ? "" : "; ").append("finding ").append(e.finding());
    if (e.decision() != null) sb.append(sb.isEmpty() ? "" : "; ").append("decision ").append(e.decision());
    if (e.jobStart() != null) sb.append(sb.isEmpty() ? "" : "; ").append("job start ").append(e.jobStart());
    if (e.reasons() != null && !e.reasons().isBlank()) {
      sb.append(sb.isEmpty() ? "" : ": ").append(byPerson ? AuditChain.words(e.reasons()) : e.reasons());
    }
    return sb.isEmpty() ? null : sb.toString();
  }

  private record Chosen(Actor actor, Outcome outcome) {
  }

  /**
   * The actor for a signed-in person: the first of their roles for which the machine takes the step; when none does,
   * the refusal that says most (a missing reason rather than "not your station" when one of the roles fits).
   */
  private static Chosen choose(Playbook pb, Cascade c, Event e, Account user, Instant now, String forCaseworker) {
    if (user == null) return new Chosen(Actor.SYSTEM, CascadeMachine.apply(pb, c, e, Actor.SYSTEM, now));
    Chosen first = null;
    Chosen best = null;
    for (Role r : user.roles().stream().sorted().toList()) {
      Actor a = new Actor(r, String.valueOf(user.id()), r == Role.SFA ? forCaseworker : null);
      Outcome o = CascadeMachine.apply(pb, c, e, a, now);
      Chosen ch = new Chosen(a, o);
      if (o instanceof Outcome.Moved) return ch;
      if (first == null) first = ch;
      if (best == null && ((Outcome.Refusal) o).code().kind() != Kind.FORBIDDEN) best = ch;
    }
    if (best != null) return best;
    return first != null ? first : new Chosen(null, new Outcome.Refusal(Reason.NOT_PERMITTED));
  }

  // ---- reading -----------------------------------------------------------------------------------------------------

  /** A cascade with its person, fair, current station and steps (for staff). Null when there is none. */
  public Future<JsonObject> view(long cascadeId) {
    return store.get(pool, cascadeId).compose(row -> {
      if (row == null) return Future.succeededFuture(null);
      return store.playbook(pool, row.fairId()).compose(sp -> store.steps(pool, cascadeId).compose(steps ->
          store.person(pool, row.jobseekerId()).map(p -> {
                Cascade c = row.cascade();
                StationRow st = c.station() == null ? null : sp.station(c.station());
                Instant waiverDeadline = c.dates().imposedAt() != null && sp.playbook().tracksWaiver()
                    ? CascadeMachine.waiverDeadline(sp.playbook(), c) : null;
                return new JsonObject().put("id", row.id()).put("version", row.version())
                    .put("fair", sp.fairJson())
                    .put("person", new JsonObject().put("id", row.jobseekerId()).put("name", p.getString("name"))
                        .put("language", p.getString("language")))
                    .put("caseworker", p.getString("caseworker"))
                    .put("caseworkerId", c.terms().caseworkerId() == null ? null : Long.valueOf(c.terms().caseworkerId()))
                    .put("state", c.state().name()).put("station", c.station() == null ? null : c.station().name())
                    .put("stationId", st == null ? null : st.id()).put("place", st == null ? null : st.place())
                    .put("legalBasis", c.terms().basis().name()).put("employerNoShow", c.findings().employerNoShow()).put("outage", c.findings().outage())
                    .put("minimumIncome", c.terms().minimumIncome()).put("statementGiven", c.findings().statementGiven())
                    .put("decider", c.terms().minimumIncome() ? "KOMMUNE" : "SFA")
                    .put("decisionDue", CascadeStore.str(c.dates().decisionDue())).put("imposedAt", CascadeStore.str(c.dates().imposedAt()))
                    .put("waiverDeadline", CascadeStore.str(waiverDeadline)).put("jobStart", CascadeStore.str(c.dates().jobStart()))
                    .put("takenBy", row.takenBy()).put("waitingSince", CascadeStore.str(row.waitingSince()))
                    .put("steps", steps);
              })));
    });
  }

  /** The person's own cascades, newest first, each as {@link #view} (what the person may read is the caller's to pick). */
  public Future<List<JsonObject>> mine(long jobseekerId) {
    return store.idsOf(pool, jobseekerId).compose(ids -> {
          List<Future<JsonObject>> views = new ArrayList<>();
          for (long id : ids) views.add(view(id));
          return Future.all(views).map(all -> views.stream().map(Future::result).toList());
        });
  }

  /** Who waits at a station and who is being seen there (for its staff). At DECISION: the cases the person decides. */
  public Future<JsonObject> queue(Account user, long stationId) {
    return store.station(pool, stationId).compose(s -> {
      if (s == null) return Future.failedFuture(Reason.STATION_NOT_FOUND.refuse());
      return (user.has(Role.ORGANIZER) ? Future.succeededFuture(true) : staffs(user, s)).compose(ok -> {
        if (!ok) return Future.failedFuture(Reason.NOT_STAFF_OF_STATION.refuse());
        // At the decision, each decider sees only their own cases: the municipality's for its area, an SfA's caseload
        // and whom they stand in for; organisers every case.
        CascadeStore.QueueScope scope = s.station() != Station.DECISION || user.has(Role.ORGANIZER) ? CascadeStore.QueueScope.ALL
            : user.has(Role.KOMMUNE) ? CascadeStore.QueueScope.MUNICIPALITY : CascadeStore.QueueScope.CASEWORKER;
        return store.queue(pool, relations, s, scope, user.id())
            .map(rows -> {
              JsonArray waiting = new JsonArray();
              JsonArray seen = new JsonArray();
              for (Row r : rows) {
                JsonObject o = new JsonObject().put("cascade", r.getLong("id")).put("person", r.getString("name"))
                    .put("state", r.getString("state")).put("version", r.getInteger("version"))
                    .put("waitingSince", CascadeStore.str(Rows.instant(r, "waiting_since")))
                    .put("takenBy", r.getLong("taken_by")).put("takenByName", r.getString("taken_by_name"))
                    .put("mine", r.getLong("taken_by") != null && r.getLong("taken_by") == user.id())
                    .put("decisionDue", CascadeStore.str(Rows.instant(r, "decision_due")));
                String state = r.getString("state");
                if ("WAITING".equals(state) || "SENT_BACK".equals(state)) waiting.add(o);
                else seen.add(o);
              }
              return new JsonObject().put("station", s.toJson()).put("waiting", waiting).put("atStation", seen);
            });
      });
    });
  }

  /**
   * The fair's vacancies for the offer form of one person: those proposed to them first (the ones whose notice's
   * delivery is provable before the others), marked, and the first of them selected; then the rest as before.
   */
  public Future<JsonArray> vacanciesFor(long fairId, long jobseekerId) {
    return vacancies(fairId).compose(all -> store.proposals(pool, fairId, jobseekerId).map(proposed -> {
      List<JsonObject> list = new ArrayList<>();
      for (Object o : all) {
        JsonObject v = ((JsonObject) o).copy();
        String id = String.valueOf(v.getLong("id"));
        v.put("proposed", proposed.containsKey(id)).put("noticeProven", proposed.getBoolean(id, false));
        list.add(v);
      }
      // stable: the fair's order within each group
      list.sort(java.util.Comparator.comparingInt(v -> v.getBoolean("noticeProven") ? 0 : v.getBoolean("proposed") ? 1 : 2));
      JsonArray out = new JsonArray();
      boolean first = true;
      for (JsonObject v : list) {
        out.add(v.put("selected", first && v.getBoolean("proposed")));
        first = false;
      }
      return out;
    }));
  }

  /** The version of the notice of legal consequences in force, for the hand-over at the station. */
  public Future<Integer> noticeInForce() {
    return store.noticeInForce(pool);
  }

  /** The hearing records of a cascade, oldest first (for the dossier and the case). */
  public Future<JsonArray> hearings(long cascadeId) {
    return hearings.of(pool, cascadeId);
  }

  /** The vacancies of the fair's booths, for the offer stations. */
  public Future<JsonArray> vacancies(long fairId) {
    return store.vacancies(pool, fairId);
  }

  /** The decisions and waiver considerations that are this person's to take: own caseworker's people, or the municipality's. */
  public Future<JsonArray> tasks(Account user) {
    return tasks(user.id(), user.has(Role.KOMMUNE), user.has(Role.SFA));
  }

  /** A caseworker's cascade items for their worklist: decisions, waiver considerations, course follow-ups. */
  public Future<List<JsonObject>> caseworkerItems(long caseworkerId) {
    return tasks(caseworkerId, false, true).map(items -> items.stream().map(JsonObject.class::cast).toList());
  }

  private Future<JsonArray> tasks(long accountId, boolean kommune, boolean sfa) {
    return store.tasks(pool, relations, accountId, kommune, sfa);
  }

  /** Answers to an employer's own vacancies: which vacancy, who, accepted or declined, when. Never findings or sanctions. */
  public Future<JsonArray> answersFor(long employerId) {
    return store.answersFor(pool, employerId);
  }

  /** People with a booking or an invitation at the fair who are not in its cascade yet (for admitting them). */
  public Future<JsonArray> notAdmitted(long fairId) {
    return store.notAdmitted(pool, fairId);
  }

  /** The funnel of a fair: invited, attended, offer, accepted, declined, local offer, sanction check, decided. */
  public Future<JsonObject> funnel(SqlClient c, long fairId) {
    return store.funnel(c, fairId);
  }

}
