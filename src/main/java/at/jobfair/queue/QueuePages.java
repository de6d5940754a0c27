package at.jobfair.queue;

import at.jobfair.booth.BoothAccess;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The walk-up queue's pages and forms: the person's place ({@code /me/queue}, live: position, estimated wait, the call
 * into the room), joining from the booth page, leaving; the booth staff's panel on the schedule (open or pause, the
 * waiting with their names, "next"), and the panels the booth page, the schedule and the board show (filled in by the
 * composition root, so that the pages below this feature need not know it).
 */
public final class QueuePages {

  private final QueueService queues;
  private final Pages pages;

  public QueuePages(QueueService queues, Pages pages) {
    this.queues = queues;
    this.pages = pages;
  }

  /** {@code GET /me/queue}: the person's place as it stands; the page follows it live (webroot/js/queue.js). */
  public Future<?> minePage(RoutingContext ctx) {
    return queues.mine(Sessions.user(ctx)).onSuccess(m -> {
      Map<String, Object> model = new HashMap<>();
      model.put("userId", Sessions.user(ctx).id());
      JsonObject place = m.getJsonObject("place");
      if (place != null) {
        model.put("place", place);
        model.put("state", place.getString("status"));
        model.put(place.getString("status").toLowerCase(java.util.Locale.ROOT), true);
      }
      if ("1".equals(ctx.request().getParam("left"))) model.put("left", true);
      String error = pages.errorInAddress(ctx);
      if (error != null) model.put("error", error);
      pages.render(ctx, "queue-mine", model);
    });
  }

  /** {@code POST /booths/:id/queue/join}: the booth page's "Join the queue". */
  public Future<?> joinForm(RoutingContext ctx) {
    long boothId = Http.pathId(ctx, "id");
    return queues.join(Sessions.user(ctx), boothId)
        .onSuccess(p -> Http.seeOther(ctx, "/me/queue"))
        .recover(e -> Http.backWithError(ctx, e, "/booths/" + boothId + "#queue"));
  }

  /** {@code POST /me/queue/leave}. */
  public Future<?> leaveForm(RoutingContext ctx) {
    return queues.leave(Sessions.user(ctx))
        .onSuccess(v -> Http.seeOther(ctx, "/me/queue?left=1"))
        .recover(e -> Http.backWithError(ctx, e, "/me/queue"));
  }

  /** {@code POST /booths/:id/queue/settings}: open or pause, and the queue's own maximum length (empty: the default). */
  public Future<?> settingsForm(RoutingContext ctx) {
    long boothId = Http.pathId(ctx, "id");
    String back = "/booths/" + boothId + "/schedule";
    boolean open = "true".equals(ctx.request().getFormAttribute("open"));
    String max = ctx.request().getFormAttribute("maxLength");
    Integer maxLength;
    try {
      maxLength = max == null || max.isBlank() ? null : Integer.valueOf(max.strip());
    } catch (NumberFormatException e) {
      return Http.backWithError(ctx, at.jobfair.refusal.Reason.QUEUE_MAX_LENGTH_INVALID.refuse(), back + "#queue");
    }
    return queues.settings(Sessions.user(ctx), boothId, open, maxLength)
        .onSuccess(s -> Http.seeOther(ctx, back + "#queue"))
        .recover(e -> Http.backWithError(ctx, e, back + "#queue"));
  }

  /** {@code POST /booths/:id/queue/next}: the representative goes straight into the room with the person taken. */
  public Future<?> nextForm(RoutingContext ctx) {
    long boothId = Http.pathId(ctx, "id");
    return queues.next(Sessions.user(ctx), boothId)
        .onSuccess(c -> Http.seeOther(ctx, c.room()))
        .recover(e -> Http.backWithError(ctx, e, "/booths/" + boothId + "/schedule#queue"));
  }

  /**
   * The booth page's queue panel: the queue's state and length, and for a jobseeker whether they may join or their
   * place here. Null when the fair does not run (the booth page shows no queue then).
   */
  public Future<Map<String, Object>> boothPanel(Account user, long boothId) {
    return queues.state(user, boothId).map(s -> {
      if (!s.getBoolean("fairRunning")) return null;
      Map<String, Object> m = new HashMap<>(s.getMap());
      m.put("jobseeker", user != null && user.has(Role.JOBSEEKER));
      return m;
    }).otherwise((Map<String, Object>) null);
  }

  /** The schedule's queue panel for the booth's staff: state, limit, the waiting with names; who may call and open. */
  public Future<Map<String, Object>> staffPanel(Account user, long boothId) {
    return Future.all(queues.state(null, boothId), queues.waitingList(user, boothId)).map(all -> {
      JsonObject s = all.resultAt(0);
      List<QueueStore.Waiting> waiting = all.resultAt(1);
      Map<String, Object> m = new HashMap<>(s.getMap());
      m.put("people", waiting.stream().map(w -> Map.<String, Object>of("name", w.name(), "ticket", w.ticket(),
          "joinedAt", w.joinedAt().toString())).toList());
      m.put("mayCall", user.worksFor(employer(s)));
      m.put("mayOpen", BoothAccess.mayRun(user, employer(s)));
      m.put("defaultMax", queues.config().maxLength());
      return m;
    });
  }

  private static long employer(JsonObject s) {
    return s.getLong("employerId", -1L);
  }

  /** The board's queues of a fair: each booth's state and length. */
  public Future<List<Map<String, Object>>> boardPanel(long fairId) {
    return queues.ofFair(fairId).map(list -> list.stream().map(j -> (Map<String, Object>) new HashMap<>(j.getMap())).toList());
  }
}
