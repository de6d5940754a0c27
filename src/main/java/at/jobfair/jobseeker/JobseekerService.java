package at.jobfair.jobseeker;

import at.jobfair.access.Relations;
import at.jobfair.access.StaffAccess;
import at.jobfair.identity.Account;
import at.jobfair.jobseeker.JobseekerStore.Record;
import at.jobfair.refusal.Reason;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The jobseeker record: home region, languages, the responsible SfA caseworker, and the staff-only benefit type.
 * Staff read and edit it as their relation to the person allows (access/Relations decides; a read of the benefit type
 * goes into the person's access log); the person reads their own fields without the staff-only ones. Nothing here is
 * ever given to employers.
 */
public final class JobseekerService {

  private final JobseekerStore store;
  /** The benefit types of the configured jurisdiction (the catalogue's), in the order staff choose from. */
  private final List<String> benefitTypes;
  private final Relations relations;

  /** What the record's page shows: the record as the reader may see it, as stored, and the caseworkers to choose from. */
  public record Editing(JsonObject readable, Record record, List<JsonObject> caseworkers) {
  }

  public JobseekerService(JobseekerStore store, List<String> benefitTypes, Relations relations) {
    this.store = store;
    this.benefitTypes = List.copyOf(benefitTypes);
    this.relations = relations;
  }

  public List<String> benefitTypes() {
    return benefitTypes;
  }

  /**
   * The record for staff: the relation decides whether at all (else 404, as if there were nobody), and whether with the
   * benefit type; a read that shows the benefit type goes into the person's access log.
   */
  public Future<JsonObject> readable(Account staff, long id) {
    return relations.require(staff, id, StaffAccess.Data.RECORD, StaffAccess.Mode.READ).compose(rel -> find(id).compose(r -> {
      if (!StaffAccess.may(rel, StaffAccess.Data.BENEFIT, StaffAccess.Mode.READ)) return Future.succeededFuture(JobseekerPolicy.ownJson(r));
      return relations.logRead(staff, id, "record", rel, StaffAccess.Data.BENEFIT).map(v -> JobseekerPolicy.staffJson(r));
    }));
  }

  /** The record page's data: {@link #readable} first (so the relation decides and the read is logged), then the rest. */
  public Future<Editing> editing(Account staff, long id) {
    return readable(staff, id).compose(json -> find(id).compose(r -> store.caseworkers().map(sfa -> new Editing(json, r, sfa))));
  }

  /** Changes the fields present ({@code region, languages, caseworkerId, benefitType}); null clears one. */
  public Future<Record> change(Account staff, long id, JsonObject body) {
    return writable(staff, id, body).compose(v -> update(id, body));
  }

  /** The person's own record, without the staff-only fields. */
  public Future<JsonObject> mine(Account person) {
    return find(person.id()).map(JobseekerPolicy::ownJson);
  }

  public Future<Record> find(long id) {
    return store.find(id).compose(r -> r == null ? Future.failedFuture(Reason.JOBSEEKER_NOT_FOUND.refuse()) : Future.succeededFuture(r));
  }

  /** Changing the record needs the right to change it; changing the benefit type, the right to change benefit data. */
  private Future<Void> writable(Account staff, long id, JsonObject body) {
    return relations.require(staff, id, StaffAccess.Data.RECORD, StaffAccess.Mode.WRITE).compose(rel ->
        !body.containsKey("benefitType") || StaffAccess.may(rel, StaffAccess.Data.BENEFIT, StaffAccess.Mode.WRITE)
            ? Future.<Void>succeededFuture() : Future.failedFuture(Reason.BENEFIT_DATA_NOT_YOURS.refuse()));
  }

  private Future<Record> update(long id, JsonObject body) {
    return find(id).compose(current -> {
      String region = body.containsKey("region") ? JobseekerPolicy.region(body.getValue("region")) : current.region();
      List<String> languages = body.containsKey("languages") ? JobseekerPolicy.languages(body.getValue("languages")) : current.languages();
      String benefit = body.containsKey("benefitType") ? JobseekerPolicy.benefit(body.getValue("benefitType"), benefitTypes) : current.benefitType();
      Long caseworker;
      if (body.containsKey("caseworkerId")) {
        Object v = body.getValue("caseworkerId");
        if (v != null && !(v instanceof Number)) return Future.failedFuture(Reason.CASEWORKER_NOT_SFA.refuse());
        caseworker = v == null ? null : ((Number) v).longValue();
      } else {
        caseworker = current.caseworkerId();
      }
      return store.update(id, region, languages, caseworker, benefit)
          .compose(done -> done ? find(id) : Future.failedFuture(Reason.CASEWORKER_NOT_SFA.refuse()));
    });
  }
}
