package at.jobfair.attendance;

import at.jobfair.refusal.Refused;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;

/** The caseworker's worklist page, in three sections (requests for reasons, sick-note flags, the cascade's), and its result form. */
public final class WorklistPages {

  private final WorklistService worklist;
  private final Pages pages;

  public WorklistPages(WorklistService worklist, Pages pages) {
    this.worklist = worklist;
    this.pages = pages;
  }

  public Future<?> page(RoutingContext ctx) {
    return worklist.open(Sessions.user(ctx)).onSuccess(items -> {
      Map<String, Object> model = new HashMap<>();
      // JSON arrays, so that the page model turns every item into plain maps for the template.
      JsonArray reasons = new JsonArray();
      JsonArray flags = new JsonArray();
      JsonArray cascadeTasks = new JsonArray();
      for (WorklistService.Item item : items) {
        JsonArray section = switch (item.kind()) {
          case REASONS -> reasons;
          case SICK_NOTE_FLAG -> flags;
          case DECISION, CONSIDER_WAIVER, COURSE_FOLLOW_UP -> cascadeTasks;
        };
        section.add(item.json());
      }
      model.put("reasons", reasons);
      model.put("flags", flags);
      model.put("cascadeTasks", cascadeTasks);
      String error = pages.errorInAddress(ctx);
      if (error != null) model.put("error", error);
      if (ctx.request().getParam("done") != null) model.put("notice", pages.messages().get(Http.lang(ctx), "worklist.done"));
      pages.render(ctx, "worklist", model);
    });
  }

  public Future<?> resultForm(RoutingContext ctx) {
    return worklist.result(Sessions.user(ctx), Http.pathId(ctx, "itemId"), ctx.request().getFormAttribute("result"), ctx.request().getFormAttribute("note"))
        .onSuccess(v -> Http.seeOther(ctx, "/staff/worklist?done=1"))
        .recover(e -> {
          if (!(e instanceof Refused a)) return Future.failedFuture(e);
          Http.seeOther(ctx, "/staff/worklist?error=" + a.code());
          return Future.succeededFuture();
        });
  }
}
