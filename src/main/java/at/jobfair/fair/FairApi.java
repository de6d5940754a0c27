package at.jobfair.fair;

import at.jobfair.booth.CompanyProfile;
import at.jobfair.web.Http;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** The JSON routes where organisers create, edit and publish fairs and bring employers in. */
public final class FairApi {

  private final FairService fairs;

  public FairApi(FairService fairs) {
    this.fairs = fairs;
  }

  public Future<?> create(RoutingContext ctx) {
    FairInput in = FairInput.from(Http.body(ctx), fairs.clock());
    return fairs.create(in).onSuccess(f -> Http.created(ctx, f.toJson(fairs.clock())));
  }

  public Future<?> update(RoutingContext ctx) {
    long id = FairInput.pathId(ctx.pathParam("id"));
    FairInput in = FairInput.from(Http.body(ctx), fairs.clock());
    return fairs.update(id, in).onSuccess(f -> Http.ok(ctx, f.toJson(fairs.clock())));
  }

  public Future<?> publish(RoutingContext ctx) {
    return fairs.publish(FairInput.pathId(ctx.pathParam("id"))).onSuccess(f -> Http.ok(ctx, f.toJson(fairs.clock())));
  }

  public Future<?> addEmployer(RoutingContext ctx) {
    long id = FairInput.pathId(ctx.pathParam("id"));
    long employerId = Http.body(ctx).getLong("employerId");
    return fairs.addEmployer(id, employerId).onSuccess(booth -> Http.created(ctx, booth));
  }

  public Future<?> createEmployer(RoutingContext ctx) {
    CompanyProfile profile = CompanyProfile.from(Http.body(ctx));
    return fairs.createEmployer(profile).onSuccess(e -> Http.created(ctx, e));
  }
}
