package at.jobfair.attendance;

import at.jobfair.identity.Role;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;

/** The live staff board's page; its board region refreshes on every change of the fair. */
public final class BoardPages {

  private final BoardService boards;
  private final Pages pages;

  /** Each booth's walk-up queue at the fair (state and length), as the queue feature answers it. */
  public interface Queues {
    io.vertx.core.Future<java.util.List<Map<String, Object>>> of(long fairId);
  }

  private final Queues queues;

  public BoardPages(BoardService boards, Pages pages) {
    this(boards, pages, fairId -> io.vertx.core.Future.succeededFuture(java.util.List.of()));
  }

  public BoardPages(BoardService boards, Pages pages, Queues queues) {
    this.boards = boards;
    this.pages = pages;
    this.queues = queues;
  }

  public Future<?> page(RoutingContext ctx) {
    var user = Sessions.user(ctx);
    long fairId = Http.pathId(ctx, "id");
    var walkUp = queues.of(fairId);
    return boards.board(fairId, user).compose(b -> walkUp.map(q -> b)).onSuccess(b -> {
      Map<String, Object> model = new HashMap<>();
      model.put("queues", walkUp.result());
      model.put("board", b);
      model.put("fair", b.getJsonObject("fair"));
      model.put("canRecordSickNotes", user.has(Role.SFA) || user.has(Role.ORGANIZER));
      var lang = Http.lang(ctx);
      String recorded = ctx.request().getParam("recorded");
      if ("sick_note".equals(recorded) || "outage".equals(recorded)) model.put("notice", pages.messages().get(lang, "board.recorded." + recorded));
      String error = pages.errorInAddress(ctx, 3);
      if (error != null) model.put("error", error);
      pages.render(ctx, "board", model);
    });
  }
}
