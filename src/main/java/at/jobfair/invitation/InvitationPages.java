package at.jobfair.invitation;

import at.jobfair.invitation.InvitationStore.Criteria;
import at.jobfair.legal.Basis;
import at.jobfair.legal.Obligation;
import at.jobfair.refusal.Kind;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Failures;
import at.jobfair.web.Http;
import at.jobfair.web.Messages.Lang;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The invitation pages: proposals and mailings (staff), one's own invitations, registration, personal links. */
public final class InvitationPages {

  private final InvitationService service;
  private final Pages pages;

  public InvitationPages(InvitationService service, Pages pages) {
    this.service = service;
    this.pages = pages;
  }

  // ---- staff page

  public Future<?> staffPage(RoutingContext ctx) {
    return staffPage(ctx, 200, new HashMap<>());
  }

  private Future<Void> staffPage(RoutingContext ctx, int status, Map<String, Object> model) {
    long fairId = Http.pathId(ctx, "id");
    return service.fair(fairId).compose(f -> {
      if (f == null) return Future.<Void>failedFuture(Reason.FAIR_NOT_FOUND.refuse());
      return service.vacancies(fairId).compose(vacancies -> service.booths(fairId).onSuccess(booths -> {
        model.put("fair", f);
        model.put("vacancies", new JsonArray(List.copyOf(vacancies)));
        model.put("booths", new JsonArray(List.copyOf(booths)));
        pages.render(ctx, status, "invitations-staff", model);
      })).<Void>mapEmpty();
    });
  }

  public Future<?> proposalForm(RoutingContext ctx) {
    long fairId = Http.pathId(ctx, "id");
    var req = ctx.request();
    JsonObject body = new JsonObject().put("jobseekerEmail", req.getFormAttribute("jobseekerEmail"))
        .put("deadline", req.getFormAttribute("deadline"));
    try {
      body.put("vacancyId", Long.parseLong(String.valueOf(req.getFormAttribute("vacancyId"))));
    } catch (NumberFormatException e) {
      // left out: the service names what is missing
    }
    Map<String, Object> model = new HashMap<>();
    return formOutcome(ctx, () -> service.propose(Sessions.user(ctx), fairId, body), model,
        o -> model.put("notice", pages.messages().get(Http.lang(ctx), "invitations.proposal.sent", req.getFormAttribute("jobseekerEmail"))));
  }

  public Future<?> controlForm(RoutingContext ctx) {
    long fairId = Http.pathId(ctx, "id");
    var req = ctx.request();
    JsonObject body = new JsonObject().put("jobseekerEmail", req.getFormAttribute("jobseekerEmail"))
        .put("deadline", req.getFormAttribute("deadline"));
    try {
      body.put("boothId", Long.parseLong(String.valueOf(req.getFormAttribute("boothId"))));
    } catch (NumberFormatException e) {
      // left out: the service names what is missing
    }
    Map<String, Object> model = new HashMap<>();
    return formOutcome(ctx, () -> service.control(Sessions.user(ctx), fairId, body), model,
        o -> model.put("notice", pages.messages().get(Http.lang(ctx), "invitations.control.sent", req.getFormAttribute("jobseekerEmail"))));
  }

  public Future<?> mailingForm(RoutingContext ctx) {
    long fairId = Http.pathId(ctx, "id");
    var req = ctx.request();
    String langs = req.getFormAttribute("languages");
    JsonObject criteria = new JsonObject().put("region", req.getFormAttribute("region")).put("targetGroup", req.getFormAttribute("targetGroup"));
    if (langs != null && !langs.isBlank()) criteria.put("languages", new JsonArray(Arrays.stream(langs.trim().split("[\\s,|]+")).map(s -> (Object) s).toList()));
    boolean preview = req.getFormAttribute("preview") != null;
    Map<String, Object> model = new HashMap<>();
    model.put("criteria", criteria.copy().put("languages", langs));
    Lang lang = Http.lang(ctx);
    return formOutcome(ctx, () -> {
      Criteria c = InvitationService.criteria(criteria);
      return preview ? service.previewMailing(fairId, c) : service.sendMailing(Sessions.user(ctx), fairId, c);
    }, model, o -> {
      if (preview) {
        model.put("preview", o);
        model.put("notice", pages.messages().get(lang, "invitations.mailing.previewResult", o.getLong("count"), o.getLong("newRecipients")));
      } else {
        model.put("notice", pages.messages().get(lang, "invitations.mailing.sent", o.getInteger("count")));
      }
    });
  }

  private interface Step {
    Future<JsonObject> run();
  }

  /** Runs a form's action and shows the page again with the outcome, or with the refusal in plain words. */
  private Future<?> formOutcome(RoutingContext ctx, Step step, Map<String, Object> model, java.util.function.Consumer<JsonObject> ok) {
    Future<JsonObject> f;
    try {
      f = step.run();
    } catch (Refused e) {
      f = Future.failedFuture(e);
    }
    return f.transform(ar -> {
      if (ar.succeeded()) {
        ok.accept(ar.result());
        return staffPage(ctx, 200, model);
      }
      if (ar.cause() instanceof Refused e && !e.kind().failure()) {
        model.put("error", pages.messages().get(Http.lang(ctx), "error." + e.code(), e.args()));
        return staffPage(ctx, Failures.status(e), model);
      }
      return Future.<Void>failedFuture(ar.cause());
    });
  }

  // ---- the jobseeker's invitations

  public Future<?> myPage(RoutingContext ctx) {
    Lang lang = Http.lang(ctx);
    long me = Sessions.user(ctx).id();
    Future<at.jobfair.booking.BookingStore.Counsellor> counsellor = service.counsellor(me);
    return service.mine(me).compose(list -> counsellor.onSuccess(c -> {
      JsonArray items = new JsonArray();
      for (JsonObject o : list) {
        // A booked invitation says so instead of asking to book (never both at once).
        JsonObject item = o.copy().put("binding", "BINDING".equals(o.getString("legalBasis")))
            .put("control", "CONTROL".equals(o.getString("legalBasis")));
        JsonObject notice = o.getJsonObject("notice");
        if (notice != null) item.put("noticeText", lang == Lang.EN ? notice.getString("textEn") : notice.getString("textDe"));
        JsonObject basis = o.getJsonObject("basis");
        if (basis != null && !"VOLUNTARY".equals(o.getString("legalBasis"))) {
          item.put("legal", legalNotice(basis.getString("code"), basis.getInteger("version"), lang));
        }
        items.add(item);
      }
      Map<String, Object> model = new HashMap<>();
      model.put("invitations", items);
      // The notices ask the person to tell their counsellor: the page says who that is and how to reach them.
      model.put("counsellor", at.jobfair.booking.BookingStore.Counsellor.model(c));
      pages.render(ctx, "invitations-mine", model);
    }));
  }

  /**
   * The person's invitations with an obligation (binding proposals, control appointments) not booked yet and not past
   * their deadline, for the start page: what they still have to do.
   */
  public Future<List<Map<String, Object>>> openObligations(long jobseekerId) {
    java.time.Instant now = java.time.Instant.now();
    return service.mine(jobseekerId).map(list -> {
      List<Map<String, Object>> out = new java.util.ArrayList<>();
      for (JsonObject o : list) {
        String basis = o.getString("legalBasis");
        if (!"BINDING".equals(basis) && !"CONTROL".equals(basis)) continue;
        if (Boolean.TRUE.equals(o.getBoolean("booked")) || o.getJsonObject("booth") == null) continue;
        String deadline = o.getString("deadline");
        if (deadline != null && !java.time.Instant.parse(deadline).isAfter(now)) continue;
        Map<String, Object> m = new HashMap<>();
        m.put("id", o.getLong("id"));
        m.put("binding", "BINDING".equals(basis));
        m.put("control", "CONTROL".equals(basis));
        m.put("employer", o.getJsonObject("booth").getString("employer"));
        m.put("boothId", o.getJsonObject("booth").getLong("id"));
        JsonObject vacancy = o.getJsonObject("vacancy");
        m.put("vacancy", vacancy == null ? null : vacancy.getString("title"));
        m.put("fairName", o.getJsonObject("fair").getString("name"));
        m.put("deadline", deadline);
        out.add(m);
      }
      return out;
    });
  }

  // ---- public registration

  public Future<?> registerPage(RoutingContext ctx) {
    return registerPage(ctx, 200, new HashMap<>());
  }

  private Future<Void> registerPage(RoutingContext ctx, int status, Map<String, Object> model) {
    long fairId = Http.pathId(ctx, "id");
    return service.fair(fairId).compose(f -> {
      if (f == null || !"PUBLISHED".equals(f.getString("status"))) return Future.<Void>failedFuture(Reason.FAIR_NOT_FOUND.refuse());
      model.put("fair", f);
      pages.render(ctx, status, "register", model);
      return Future.<Void>succeededFuture();
    });
  }

  public Future<?> registerForm(RoutingContext ctx) {
    var req = ctx.request();
    JsonObject body = new JsonObject().put("name", req.getFormAttribute("name")).put("email", req.getFormAttribute("email"))
        .put("phone", req.getFormAttribute("phone")).put("language", req.getFormAttribute("language"));
    long fairId = Http.pathId(ctx, "id");
    Map<String, Object> model = new HashMap<>();
    model.put("form", body);
    Future<InvitationService.Registration> f;
    try {
      f = service.register(fairId, body, Http.clientIp(ctx));
    } catch (Refused e) {
      f = Future.failedFuture(e);
    }
    return f.transform(ar -> {
      if (ar.succeeded() && !ar.result().existing()) {
        Sessions.signIn(ctx, ar.result().account());
        Http.seeOther(ctx, "/fairs/" + fairId);
        return Future.<Void>succeededFuture();
      }
      if (ar.succeeded()) {
        model.put("notice", pages.messages().get(Http.lang(ctx), "error.register_email_exists"));
        return registerPage(ctx, 409, model);
      }
      if (ar.cause() instanceof Refused e && !e.kind().failure() && e.kind() != Kind.NOT_FOUND) {
        model.put("error", pages.messages().get(Http.lang(ctx), "error." + e.code(), e.args()));
        return registerPage(ctx, Failures.status(e), model);
      }
      return Future.<Void>failedFuture(ar.cause());
    });
  }

  // ---- personal links

  /** GET: says whose link it is and offers to continue; signs nobody in (mail scanners open links too). */
  public Future<?> linkPage(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    Lang lang = Http.lang(ctx);
    return expired(ctx, token, "inv", service.checkLink(token, Sessions.user(ctx)).onSuccess(link -> {
      InvitationStore.Invitation i = link.invitation();
      Map<String, Object> model = new HashMap<>();
      model.put("token", token);
      model.put("name", link.account().name());
      model.put("fairName", i.fair().name());
      model.put("binding", i.legalBasis() == Obligation.BINDING);
      model.put("control", i.legalBasis() == Obligation.CONTROL);
      // binding and control invitations are formal and show their notice (a voluntary one stays friendly)
      model.put("formal", i.legalBasis() != Obligation.VOLUNTARY);
      if (i.basis() != null && i.legalBasis() != Obligation.VOLUNTARY) {
        model.put("legal", legalNotice(i.basis().code(), i.basis().version(), lang));
      } else if (i.notice() != null) {
        model.put("legal", new JsonObject().put("notice", lang == Lang.EN ? i.notice().textEn() : i.notice().textDe())
            .put("version", i.notice().version()));
      }
      pages.render(ctx, "invitation-link", model);
    }));
  }

  /** POST: uses the link: records the first opening, signs the person in (a new session) and takes them on. */
  public Future<?> linkForm(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    return expired(ctx, token, "inv", service.useLink(token, Sessions.user(ctx)).onSuccess(link -> {
      Sessions.signIn(ctx, link.account());
      Http.seeOther(ctx, link.target());
    }));
  }

  // ---- reminder confirmation

  public Future<?> confirmPage(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    return expired(ctx, token, "confirm", service.checkConfirm(token).onSuccess(b -> pages.render(ctx, "appointment-confirm", Map.of("token", token,
        "employerName", b.booth().employerName(), "start", b.slot().start().toString(), "end", b.slot().end().toString(),
        "active", b.active(), "boothId", b.booth().id(), "bookingId", b.id()))));
  }

  public Future<?> confirmForm(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    return expired(ctx, token, "confirm", service.confirm(token).onSuccess(b -> pages.render(ctx, "appointment-confirm", Map.of("token", token,
        "employerName", b.booth().employerName(), "start", b.slot().start().toString(), "end", b.slot().end().toString(),
        "active", true, "confirmed", true, "boothId", b.booth().id(), "bookingId", b.id()))));
  }

  /**
   * A personal link that expired says to contact the counsellor, and names them: the link is ours (its signature
   * holds) and was mailed to its person, so whoever holds it learns who looks after that person and nothing else.
   * Any other outcome passes through.
   */
  private Future<?> expired(RoutingContext ctx, String token, String purpose, Future<?> page) {
    return page.<Object>map(v -> v).recover(e -> {
      if (!(e instanceof Refused r) || r.reason() != Reason.LINK_EXPIRED) return Future.failedFuture(e);
      long person = service.payload(token, purpose)[1];
      return service.counsellor(person).onSuccess(c -> {
        Map<String, Object> model = new HashMap<>();
        model.put("message", pages.messages().get(Http.lang(ctx), "error." + r.code(), r.args()));
        model.put("counsellor", at.jobfair.booking.BookingStore.Counsellor.model(c));
        pages.render(ctx, Failures.status(r), "error", model);
      }).map(c -> (Object) c);
    });
  }

  /**
   * The notice of a basis version for a page in this language: law, version, the notice, and when the page is not in
   * German, the German text too, marked as the binding one.
   */
  private JsonObject legalNotice(String code, int version, Lang lang) {
    Basis b = service.legal().find(code, version).orElse(null);
    if (b == null) return null;
    boolean translated = b.translatedTo(lang.code());
    JsonObject out = new JsonObject().put("law", b.law(lang.code())).put("code", b.code()).put("version", b.version())
        .put("notice", b.notice(lang.code())).put("noticeLang", translated ? lang.htmlLang() : Basis.BINDING_LANGUAGE);
    if (Basis.BINDING_LANGUAGE.equals(lang.code())) return out;
    return translated ? out.put("noticeDe", b.notice(Basis.BINDING_LANGUAGE)) : out.put("untranslated", true);
  }

}
