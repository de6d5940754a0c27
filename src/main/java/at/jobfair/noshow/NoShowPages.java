package at.jobfair.noshow;

import at.jobfair.account.Reauthentication;
import at.jobfair.identity.Account;
import at.jobfair.noshow.NoShowStore.Request;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages: "Ihre Gründe" for the person (the request, the deadline, the answer form with files), and for the decider
 * the list, one request with the answer and proof and the next steps, and the printable dossier.
 */
public final class NoShowPages {

  private final NoShowService service;
  private final NoShowDossier dossier;
  private final Pages pages;
  private final Reauthentication reauth;

  /** The person's counsellor (the booking feature's one lookup), named where the page asks to contact them. */
  private final java.util.function.LongFunction<Future<at.jobfair.booking.BookingStore.Counsellor>> counsellors;

  public NoShowPages(NoShowService service, NoShowDossier dossier, Pages pages, Reauthentication reauth,
                     java.util.function.LongFunction<Future<at.jobfair.booking.BookingStore.Counsellor>> counsellors) {
    this.counsellors = counsellors;
    this.service = service;
    this.dossier = dossier;
    this.pages = pages;
    this.reauth = reauth;
  }

  // ---- the person -----------------------------------------------------------------------------------------------------

  public Future<?> minePage(RoutingContext ctx) {
    Account me = Sessions.user(ctx);
    Future<at.jobfair.booking.BookingStore.Counsellor> counsellor = counsellors.apply(me.id());
    return service.mine(me).compose(list -> counsellor.onSuccess(c -> render(ctx, "reasons-mine", withCounsellor(Map.of("requests", json(list, me)), c))));
  }

  public Future<?> myRequestPage(RoutingContext ctx) {
    Account me = Sessions.user(ctx);
    Future<at.jobfair.booking.BookingStore.Counsellor> counsellor = counsellors.apply(me.id());
    return service.view(me, Http.pathId(ctx, "id")).compose(j -> counsellor.onSuccess(c -> render(ctx, "reasons-answer", withCounsellor(Map.of("r", j), c))));
  }

  /** The texts ask the person to contact their counsellor: who that is and how to reach them (nothing when none is known). */
  private static Map<String, Object> withCounsellor(Map<String, Object> values, at.jobfair.booking.BookingStore.Counsellor c) {
    Map<String, Object> out = new HashMap<>(values);
    if (c != null) out.put("counsellor", at.jobfair.booking.BookingStore.Counsellor.model(c));
    return out;
  }

  /** The answer form: the person's words and/or files; each file on its own, so that one refused file names itself. */
  public Future<?> answerForm(RoutingContext ctx) {
    Account me = Sessions.user(ctx);
    long id = Http.pathId(ctx, "id");
    String back = "/me/reasons/" + id;
    String text = ctx.request().getFormAttribute("text");
    List<FileUpload> files = ctx.fileUploads().stream().filter(f -> f.size() > 0 || (f.fileName() != null && !f.fileName().isBlank())).toList();
    boolean hasText = text != null && !text.isBlank();
    if (!hasText && files.isEmpty()) return Http.backWithError(ctx, Reason.REASONS_TEXT_REQUIRED.refuse(), back);
    Future<?> chain = hasText ? service.answer(me, id, text) : Future.succeededFuture();
    for (FileUpload f : files) {
      chain = chain.compose(v -> NoShowApi.read(ctx, f, service.config().maxFileBytes()).compose(bytes -> service.attach(me, id, f.fileName(), bytes)));
    }
    return chain.onSuccess(v -> Http.seeOther(ctx, back + "?sent=1")).recover(e -> Http.backWithError(ctx, e, back));
  }

  // ---- the decider -----------------------------------------------------------------------------------------------------

  public Future<?> listPage(RoutingContext ctx) {
    Account me = Sessions.user(ctx);
    boolean all = "1".equals(ctx.request().getParam("all"));
    return service.decides(me, !all).onSuccess(list -> render(ctx, "reasons-staff", Map.of("requests", json(list, me), "all", all)));
  }

  public Future<?> casePage(RoutingContext ctx) {
    return service.view(Sessions.user(ctx), Http.pathId(ctx, "id")).compose(j -> {
      if (!j.getBoolean("decider", false)) return Future.failedFuture(Reason.REASONS_NOT_FOUND.refuse());
      // a decision on the person's benefit asks for the password (and code) again unless given lately
      render(ctx, "reasons-case", Map.of("r", j, "reauth", !reauth.fresh(ctx), "reauthCode", reauth.asksCode(ctx)));
      return Future.succeededFuture();
    });
  }

  public Future<?> dossierPage(RoutingContext ctx) {
    return dossier.of(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(d -> render(ctx, "reasons-dossier", Map.of("d", d)));
  }

  public Future<?> acceptForm(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    return done(ctx, id, service.accept(Sessions.user(ctx), id, ctx.request().getFormAttribute("reasons")));
  }

  public Future<?> openCaseForm(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    return done(ctx, id, service.openCase(Sessions.user(ctx), id, ctx.request().getFormAttribute("reasons")));
  }

  public Future<?> decideForm(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    var form = ctx.request();
    try {
      var outcome = NoShowApi.outcome(blankToNull(form.getFormAttribute("outcome")));
      var reported = NoShowApi.date(form.getFormAttribute("reportedOn"));
      return done(ctx, id, reauth.confirm(ctx, form.getFormAttribute("password"), form.getFormAttribute("code"))
          .compose(ok -> service.decide(Sessions.user(ctx), id, outcome, form.getFormAttribute("reasons"), reported)));
    } catch (Refused e) {
      return Http.backWithError(ctx, e, "/staff/reasons/" + id);
    }
  }

  private Future<?> done(RoutingContext ctx, long id, Future<Request> step) {
    String back = "/staff/reasons/" + id;
    return step.onSuccess(r -> Http.seeOther(ctx, back + "?done=1")).recover(e -> Http.backWithError(ctx, e, back));
  }

  private void render(RoutingContext ctx, String template, Map<String, Object> values) {
    Map<String, Object> model = new HashMap<>(values);
    String error = pages.errorInAddress(ctx, service.config().maxFileBytes() / 1024, service.config().maxFiles());
    if (error != null) model.put("error", error);
    if (ctx.request().getParam("sent") != null) model.put("notice", pages.messages().get(Http.lang(ctx), "reasons.sent"));
    if (ctx.request().getParam("done") != null) model.put("notice", pages.messages().get(Http.lang(ctx), "reasons.done"));
    pages.render(ctx, template, model);
  }

  private JsonArray json(List<Request> list, Account viewer) {
    JsonArray out = new JsonArray();
    for (Request r : list) out.add(service.json(r, viewer));
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
