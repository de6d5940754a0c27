package at.jobfair.fair;

import at.jobfair.booth.CompanyProfile;
import at.jobfair.refusal.Reason;
import at.jobfair.web.JsonFields;
import at.jobfair.web.WallClock;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/** The organiser's rules for fairs: each change is one transaction, checked before anything is written. */
public final class FairService {

  private final Pool pool;
  private final FairStore store;
  private final WallClock clock;

  public FairService(Pool pool, FairStore store, WallClock clock) {
    this.pool = pool;
    this.store = store;
    this.clock = clock;
  }

  /** Every fair, for the organisers' list. */
  public Future<java.util.List<Fair>> list() {
    return store.list();
  }

  /** The fair, or null. */
  public Future<Fair> find(long id) {
    return store.find(id);
  }

  /** The employers taking part in the fair. */
  public Future<java.util.List<FairStore.Participant>> participants(long fairId) {
    return store.participants(fairId);
  }

  /** The employers not yet taking part (to bring in). */
  public Future<java.util.List<FairStore.Employer>> employersNotIn(long fairId) {
    return store.employersNotIn(fairId);
  }

  public WallClock clock() {
    return clock;
  }

  public Future<Fair> create(FairInput in) {
    return pool.withTransaction(tx -> store.insert(tx, in));
  }

  /** Changes a fair; refused when slots already given out would then lie outside its times. */
  public Future<Fair> update(long id, FairInput in) {
    return pool.withTransaction(tx -> store.lock(tx, id)
        .compose(fair -> {
          if (fair == null) return Future.failedFuture(Reason.FAIR_NOT_FOUND.refuse());
          return store.slotsOutside(tx, id, in);
        })
        .compose(outside -> outside > 0
            ? Future.failedFuture(Reason.FAIR_SLOTS_OUTSIDE.refuse(outside))
            : store.update(tx, id, in)));
  }

  /** Publishes a fair (again publishing a published fair changes nothing). */
  public Future<Fair> publish(long id) {
    return pool.withTransaction(tx -> store.publish(tx, id))
        .compose(fair -> fair == null ? Future.failedFuture(Reason.FAIR_NOT_FOUND.refuse()) : Future.succeededFuture(fair));
  }

  /** Lets an existing employer take part; answers the new booth. */
  public Future<JsonObject> addEmployer(long fairId, long employerId) {
    return pool.withTransaction(tx -> store.lock(tx, fairId)
        .compose(fair -> {
          if (fair == null) return Future.failedFuture(Reason.FAIR_NOT_FOUND.refuse());
          return store.employerExists(tx, employerId);
        })
        .compose(exists -> exists ? store.addEmployer(tx, fairId, employerId)
            : Future.failedFuture(JsonFields.invalid("employerId", Reason.EMPLOYER_UNKNOWN)))
        .compose(booth -> booth == null ? Future.failedFuture(Reason.FAIR_EMPLOYER_EXISTS.refuse()) : Future.succeededFuture(booth)));
  }

  public Future<JsonObject> createEmployer(CompanyProfile profile) {
    return pool.withTransaction(tx -> store.insertEmployer(tx, profile));
  }

  /** Creates a new employer and lets it take part in the fair, both or neither. */
  public Future<JsonObject> inviteNewEmployer(long fairId, CompanyProfile profile) {
    return pool.withTransaction(tx -> store.lock(tx, fairId)
        .compose(fair -> fair == null ? Future.failedFuture(Reason.FAIR_NOT_FOUND.refuse()) : store.insertEmployer(tx, profile))
        .compose(employer -> store.addEmployer(tx, fairId, employer.getLong("id"))));
  }
}
