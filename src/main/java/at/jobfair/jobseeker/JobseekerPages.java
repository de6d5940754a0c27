package at.jobfair.jobseeker;

import at.jobfair.refusal.Kind;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The jobseeker record's page for staff, and its form. */
public final class JobseekerPages {

  private final JobseekerService records;
  private final Pages pages;

  public JobseekerPages(JobseekerService records, Pages pages) {
    this.records = records;
    this.pages = pages;
  }

  public Future<?> page(RoutingContext ctx) {
    return page(ctx, Http.pathId(ctx, "id"), null);
  }

  public Future<?> form(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    var f = ctx.request();
    JsonObject body = new JsonObject()
        .put("region", f.getFormAttribute("region") == null || f.getFormAttribute("region").isBlank() ? null : f.getFormAttribute("region"))
        .put("languages", new JsonArray(Arrays.stream(String.valueOf(f.getFormAttribute("languages") == null ? "" : f.getFormAttribute("languages"))
            .split("[\\s,|]+")).filter(s -> !s.isBlank()).map(s -> (Object) s.toLowerCase()).toList()));
    // the field is on the form only for those who may change benefit data
    if (f.getFormAttribute("benefitType") != null) {
      body.put("benefitType", f.getFormAttribute("benefitType").isBlank() ? null : f.getFormAttribute("benefitType"));
    }
    String cw = f.getFormAttribute("caseworkerId");
    if (cw == null || cw.isBlank()) body.putNull("caseworkerId");
    else if (cw.matches("\\d{1,18}")) body.put("caseworkerId", Long.parseLong(cw));
    else body.put("caseworkerId", cw);
    return records.change(Sessions.user(ctx), id, body).<Object>map(r -> {
      Http.seeOther(ctx, "/staff/jobseekers/" + id + "?saved=1");
      return r;
    }).recover(e -> e instanceof Refused a && a.kind() == Kind.INVALID ? page(ctx, id, a.code()).map(x -> (Object) x) : Future.failedFuture(e));
  }

  private Future<?> page(RoutingContext ctx, long id, String error) {
    return records.editing(Sessions.user(ctx), id).onSuccess(e -> {
      JobseekerStore.Record r = e.record();
      Map<String, Object> model = new HashMap<>();
      model.put("record", e.readable());
      model.put("mayBenefit", e.readable().containsKey("benefitType"));
      model.put("languagesText", String.join(" ", r.languages()));
      List<Map<String, Object>> options = new ArrayList<>();
      for (JsonObject c : e.caseworkers()) {
        Map<String, Object> m = new HashMap<>(c.getMap());
        m.put("selected", r.caseworkerId() != null && r.caseworkerId() == c.getLong("id"));
        options.add(m);
      }
      model.put("caseworkers", options);
      List<Map<String, Object>> benefits = new ArrayList<>();
      for (String b : records.benefitTypes()) {
        benefits.add(Map.of("code", b, "selected", b.equals(r.benefitType())));
      }
      model.put("benefits", benefits);
      if (error != null) model.put("error", pages.messages().get(Http.lang(ctx), "error." + error));
      if (ctx.request().getParam("saved") != null) model.put("notice", pages.messages().get(Http.lang(ctx), "profile.saved"));
      pages.render(ctx, error == null ? 200 : 400, "jobseeker-record", model);
    });
  }
}
