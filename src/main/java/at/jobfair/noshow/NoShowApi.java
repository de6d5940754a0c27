package at.jobfair.noshow;

import at.jobfair.account.Reauthentication;
import at.jobfair.legal.LegalOutcome;
import at.jobfair.noshow.NoShowStore.Request;
import at.jobfair.refusal.Reason;
import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Requests for reasons as JSON: the person's list, answer and files; the decider's list, steps and dossier. */
public final class NoShowApi {

  private final NoShowService service;
  private final NoShowDossier dossier;
  private final Reauthentication reauth;

  public NoShowApi(NoShowService service, NoShowDossier dossier, Reauthentication reauth) {
    this.service = service;
    this.dossier = dossier;
    this.reauth = reauth;
  }

  public Future<?> mine(RoutingContext ctx) {
    return service.mine(Sessions.user(ctx)).onSuccess(list -> Http.ok(ctx, list(list, ctx)));
  }

  public Future<?> decides(RoutingContext ctx) {
    boolean open = !"false".equals(ctx.request().getParam("open"));
    return service.decides(Sessions.user(ctx), open).onSuccess(list -> Http.ok(ctx, list(list, ctx)));
  }

  public Future<?> get(RoutingContext ctx) {
    return service.view(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(j -> Http.ok(ctx, j));
  }

  /** POST {@code {"text"}}. */
  public Future<?> answer(RoutingContext ctx) {
    return service.answer(Sessions.user(ctx), Http.pathId(ctx, "id"), Http.body(ctx).getString("text"))
        .compose(r -> service.view(Sessions.user(ctx), r.id())).onSuccess(j -> Http.created(ctx, j));
  }

  /** The file as a multipart part (the first), or as the request body with {@code ?name=}. */
  public Future<?> attach(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    List<FileUpload> files = ctx.fileUploads();
    Future<byte[]> content;
    String name;
    if (!files.isEmpty()) {
      FileUpload f = files.get(0);
      name = f.fileName();
      content = read(ctx, f, service.config().maxFileBytes());
    } else {
      name = ctx.request().getParam("name");
      var body = ctx.body();
      content = Future.succeededFuture(body == null || body.buffer() == null ? new byte[0] : body.buffer().getBytes());
    }
    return content.compose(bytes -> service.attach(Sessions.user(ctx), id, name, bytes))
        .onSuccess(fileId -> Http.created(ctx, new JsonObject().put("id", fileId).put("url", "/api/reasons/" + id + "/evidence/" + fileId)));
  }

  /**
   * One file, to the person or the decider only: always as an attachment with the type its content was found to be,
   * never rendered by the browser in this site's origin.
   */
  public Future<?> evidence(RoutingContext ctx) {
    return service.evidence(Sessions.user(ctx), Http.pathId(ctx, "id"), Http.pathId(ctx, "fileId")).onSuccess(e -> ctx.response()
        .putHeader("Content-Type", e.type())
        .putHeader("Content-Disposition", "attachment; filename=\"" + e.name() + "\"")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", "sandbox; default-src 'none'")
        .putHeader("Cache-Control", "private, no-store")
        .end(e.content()));
  }

  /** POST {@code {"reasons"}}. */
  public Future<?> accept(RoutingContext ctx) {
    return service.accept(Sessions.user(ctx), Http.pathId(ctx, "id"), Http.body(ctx).getString("reasons")).compose(r -> answer(ctx, r));
  }

  /** POST {@code {"reasons"}}. */
  public Future<?> openCase(RoutingContext ctx) {
    return service.openCase(Sessions.user(ctx), Http.pathId(ctx, "id"), Http.body(ctx).getString("reasons")).compose(r -> answer(ctx, r));
  }

  /**
   * POST {@code {"outcome", "reasons", "reportedOn", "password", "code"}} ({@code reportedOn} an ISO date, for
   * PAYMENT_RESUMED only). A decision on a person's benefit: the decider proves again who they are (password, and code
   * where their role has a second factor) unless they did within {@code auth.reauthMinutes}.
   */
  public Future<?> decide(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    LegalOutcome outcome = outcome(body.getValue("outcome"));
    LocalDate reported = date(body.getValue("reportedOn"));
    return reauth.confirm(ctx, body.getString("password"), body.getString("code"))
        .compose(ok -> service.decide(Sessions.user(ctx), Http.pathId(ctx, "id"), outcome, body.getString("reasons"), reported))
        .compose(r -> answer(ctx, r));
  }

  public Future<?> dossier(RoutingContext ctx) {
    return dossier.of(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(j -> Http.ok(ctx, j));
  }

  private Future<Void> answer(RoutingContext ctx, Request r) {
    return service.view(Sessions.user(ctx), r.id()).onSuccess(j -> Http.ok(ctx, j)).mapEmpty();
  }

  private JsonObject list(List<Request> list, RoutingContext ctx) {
    JsonArray items = new JsonArray();
    for (Request r : list) items.add(service.json(r, Sessions.user(ctx)));
    return new JsonObject().put("items", items);
  }

  /** An uploaded file's bytes, refused before reading when it is over the limit. */
  static Future<byte[]> read(RoutingContext ctx, FileUpload f, int maxBytes) {
    if (f.size() > maxBytes) return Future.failedFuture(Reason.EVIDENCE_TOO_LARGE.refuse(maxBytes / 1024));
    return ctx.vertx().fileSystem().readFile(f.uploadedFileName()).map(b -> b.getBytes());
  }

  static LegalOutcome outcome(Object value) {
    if (value == null) return null;
    try {
      return LegalOutcome.valueOf(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw Reason.REASONS_OUTCOME_NOT_ALLOWED.refuse();
    }
  }

  static LocalDate date(Object value) {
    if (value == null || String.valueOf(value).isBlank()) return null;
    try {
      return LocalDate.parse(String.valueOf(value).strip());
    } catch (DateTimeParseException e) {
      throw Reason.REASONS_REPORTED_ON.refuse();
    }
  }
}
