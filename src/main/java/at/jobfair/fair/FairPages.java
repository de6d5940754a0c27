package at.jobfair.fair;

import at.jobfair.booth.CompanyProfile;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Failures;
import at.jobfair.web.Http;
import at.jobfair.web.JsonFields;
import at.jobfair.web.RequestContract;
import at.jobfair.web.Pages;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The organisers' two fair pages (the list and one fair) and their forms: create, edit, publish, bring employers in. */
public final class FairPages {

  private static final Set<String> NOTICES = Set.of("created", "saved", "published", "employerAdded", "employerInvited",
      "applicationApproved", "applicationRejected");
  private final FairService fairs;
  private final Pages pages;
  private final RequestContract contract;
  /** The employers' applications to exhibit at a fair (signup/, above this feature; filled by the composition root). */
  private final java.util.function.LongFunction<Future<List<Object>>> applications;

  public FairPages(FairService fairs, Pages pages, RequestContract contract) {
    this(fairs, pages, contract, id -> Future.succeededFuture(List.of()));
  }

  /** The forms send what the API's operations take, and are checked against the same contract (openapi.json). */
  public FairPages(FairService fairs, Pages pages, RequestContract contract,
                   java.util.function.LongFunction<Future<List<Object>>> applications) {
    this.applications = applications;
    this.fairs = fairs;
    this.pages = pages;
    this.contract = contract;
  }

  public Future<?> listPage(RoutingContext ctx) {
    Map<String, Object> model = new HashMap<>();
    Map<String, Object> form = new HashMap<>();
    form.put("format", "E_JOBMEETING");
    form.put("bookingCutoffMinutes", FairInput.DEFAULT_CUTOFF_MINUTES);
    model.put("form", form);
    return renderList(ctx, 200, model);
  }

  public Future<?> createForm(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    Map<String, Object> model = new HashMap<>();
    model.put("form", JsonFields.typed(form));
    try {
      FairInput in = FairInput.from(contract.operation("postFairs").check(FairInput.fromForm(form)), fairs.clock());
      return fairs.create(in)
          .onSuccess(f -> Http.seeOther(ctx, "/admin/fairs/" + f.id() + "?done=created"))
          .recover(e -> showError(e, error -> renderList(ctx, Failures.status(error), withError(ctx, model, error))));
    } catch (Refused e) {
      return renderList(ctx, Failures.status(e), withError(ctx, model, e));
    }
  }

  public Future<?> editPage(RoutingContext ctx) {
    long id = FairInput.pathId(ctx.pathParam("id"));
    Map<String, Object> model = new HashMap<>();
    String done = ctx.request().getParam("done");
    if (done != null && NOTICES.contains(done)) model.put("notice", pages.messages().get(Http.lang(ctx), "fairs.done." + done));
    String error = ctx.request().getParam("error");
    if (error != null && error.matches("[a-z_]{1,60}")) model.put("error", pages.messages().get(Http.lang(ctx), "error." + error));
    return renderFair(ctx, 200, id, model);
  }

  public Future<?> updateForm(RoutingContext ctx) {
    long id = FairInput.pathId(ctx.pathParam("id"));
    var form = ctx.request().formAttributes();
    Map<String, Object> model = new HashMap<>();
    model.put("form", JsonFields.typed(form));
    return attempt(ctx, id, model, () -> fairs.update(id,
        FairInput.from(contract.operation("putFairsById").check(FairInput.fromForm(form)), fairs.clock())), "saved");
  }

  public Future<?> publishForm(RoutingContext ctx) {
    long id = FairInput.pathId(ctx.pathParam("id"));
    return attempt(ctx, id, new HashMap<>(), () -> fairs.publish(id), "published");
  }

  public Future<?> addEmployerForm(RoutingContext ctx) {
    long id = FairInput.pathId(ctx.pathParam("id"));
    JsonObject json = new JsonFields.Form(ctx.request().formAttributes()).number("employerId").json();
    return attempt(ctx, id, new HashMap<>(),
        () -> fairs.addEmployer(id, contract.operation("postFairsByIdEmployers").check(json).getLong("employerId")), "employerAdded");
  }

  public Future<?> inviteEmployerForm(RoutingContext ctx) {
    long id = FairInput.pathId(ctx.pathParam("id"));
    var form = ctx.request().formAttributes();
    Map<String, Object> model = new HashMap<>();
    model.put("employerForm", JsonFields.typed(form));
    return attempt(ctx, id, model, () -> fairs.inviteNewEmployer(id,
        CompanyProfile.from(contract.operation("postEmployers").check(CompanyProfile.fromForm(form)))),
        "employerInvited");
  }

  // --- helpers ---

  /** Runs a change from a form on the fair page: on success back to the page with a notice, else the page with the error. */
  private Future<?> attempt(RoutingContext ctx, long id, Map<String, Object> model, java.util.function.Supplier<Future<?>> change,
                            String notice) {
    Future<?> done;
    try {
      done = change.get();
    } catch (Refused e) {
      return renderFair(ctx, Failures.status(e), id, withError(ctx, model, e));
    }
    return done.onSuccess(v -> Http.seeOther(ctx, "/admin/fairs/" + id + "?done=" + notice))
        .recover(e -> showError(e, error -> renderFair(ctx, Failures.status(error), id, withError(ctx, model, error))));
  }

  private static <T> Future<T> showError(Throwable e, java.util.function.Function<Refused, Future<?>> render) {
    if (e instanceof Refused error) return render.apply(error).mapEmpty();
    return Future.failedFuture(e);
  }

  private Map<String, Object> withError(RoutingContext ctx, Map<String, Object> model, Refused e) {
    model.put("error", pages.messages().get(Http.lang(ctx), "error." + e.code(), e.args()));
    return model;
  }

  private Future<?> renderList(RoutingContext ctx, int status, Map<String, Object> model) {
    return fairs.list().onSuccess(list -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Fair f : list) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", f.id());
        row.put("name", f.name());
        row.put("format", f.format());
        row.put("status", f.status());
        row.put("startsAt", f.startsAt());
        row.put("endsAt", f.endsAt());
        rows.add(row);
      }
      model.put("fairs", rows);
      model.put("formats", formats(model));
      pages.render(ctx, status, "admin-fairs", model);
    });
  }

  private Future<?> renderFair(RoutingContext ctx, int status, long id, Map<String, Object> model) {
    return fairs.find(id).compose(fair -> {
      if (fair == null) return Future.failedFuture(Reason.FAIR_NOT_FOUND.refuse());
      return fairs.participants(id).compose(participants -> applications.apply(id).compose(apps -> fairs.employersNotIn(id).onSuccess(employers -> {
        model.put("applications", apps);
        model.put("fair", fair);
        model.putIfAbsent("form", fair.form(fairs.clock()));
        model.put("formats", formats(model));
        model.put("participants", participants);
        model.put("employers", employers);
        pages.render(ctx, status, "admin-fair", model);
      })));
    });
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> formats(Map<String, Object> model) {
    Object chosen = ((Map<String, Object>) model.getOrDefault("form", Map.of())).get("format");
    List<Map<String, Object>> out = new ArrayList<>();
    for (String f : Fair.FORMATS) out.add(Map.of("value", f, "selected", f.equals(chosen)));
    return out;
  }
}
