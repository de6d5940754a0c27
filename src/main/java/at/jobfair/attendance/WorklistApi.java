package at.jobfair.attendance;

import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The caseworker's worklist as JSON: the open items ({@code {"items": [...]}}), and recording a result. */
public final class WorklistApi {

  private final WorklistService worklist;

  public WorklistApi(WorklistService worklist) {
    this.worklist = worklist;
  }

  public Future<?> list(RoutingContext ctx) {
    return worklist.open(Sessions.user(ctx)).onSuccess(items -> {
      JsonArray all = new JsonArray();
      items.forEach(item -> all.add(item.json()));
      Http.ok(ctx, new JsonObject().put("items", all));
    });
  }

  /** POST {@code {"result", "note"}}. */
  public Future<?> result(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    String result = body.getString("result");
    return worklist.result(Sessions.user(ctx), Http.pathId(ctx, "itemId"), result, body.getString("note"))
        .onSuccess(v -> Http.ok(ctx, new JsonObject().put("id", Http.pathId(ctx, "itemId")).put("result", result)));
  }
}
