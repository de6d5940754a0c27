package at.jobfair.attendance;

import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.time.ZoneId;

/** The live staff board as JSON, and its appointments as a CSV download. */
public final class BoardApi {

  private final BoardService boards;
  private final ZoneId zone;

  public BoardApi(BoardService boards, ZoneId zone) {
    this.boards = boards;
    this.zone = zone;
  }

  public Future<?> board(RoutingContext ctx) {
    return boards.board(Http.pathId(ctx, "id"), Sessions.user(ctx)).onSuccess(b -> Http.ok(ctx, b));
  }

  public Future<?> csv(RoutingContext ctx) {
    long fairId = Http.pathId(ctx, "id");
    return boards.appointments(fairId, Sessions.user(ctx)).onSuccess(b -> ctx.response()
        .putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"jobboerse-" + fairId + "-termine.csv\"")
        .putHeader("Cache-Control", "no-store").end(BoardExport.csv(b, zone)));
  }
}
