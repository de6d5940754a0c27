package at.jobfair.jobseeker;

import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The jobseeker record as JSON: staff read and change it, the person reads their own. */
public final class JobseekerApi {

  private final JobseekerService records;

  public JobseekerApi(JobseekerService records) {
    this.records = records;
  }

  /** The record as this member of staff may read it (by relation; the benefit type only where it grants that), logged. */
  public Future<?> get(RoutingContext ctx) {
    return records.readable(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(json -> Http.ok(ctx, json));
  }

  /** PUT: the fields present are changed ({@code region, languages, caseworkerId, benefitType}); null clears one. */
  public Future<?> put(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    long id = Http.pathId(ctx, "id");
    return records.change(Sessions.user(ctx), id, body).compose(r -> records.readable(Sessions.user(ctx), id))
        .onSuccess(json -> Http.ok(ctx, json));
  }

  /** The person's own record, without the staff-only fields. */
  public Future<?> mine(RoutingContext ctx) {
    return records.mine(Sessions.user(ctx)).onSuccess(json -> Http.ok(ctx, json));
  }
}
