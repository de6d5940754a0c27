package at.jobfair.signup;

import at.jobfair.identity.Account;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Failures;
import at.jobfair.web.Http;
import at.jobfair.web.JsonFields;
import at.jobfair.web.Pages;
import at.jobfair.web.RequestContract;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pages of employers who sign up themselves: the public sign-up form and its confirmation link, a colleague's
 * invitation link, the representative's page (colleagues, fairs to apply to, applications), the organisers' list of
 * pending sign-ups, and the decisions on applications posted from the admin fair page.
 */
public final class SignupPages {

  private static final Set<String> NOTICES = Set.of("approved", "rejected", "invited", "applied", "applicationApproved", "applicationRejected");
  private final SignupService signups;
  private final Pages pages;
  private final RequestContract contract;

  public SignupPages(SignupService signups, Pages pages, RequestContract contract) {
    this.signups = signups;
    this.pages = pages;
    this.contract = contract;
  }

  // ---- signing up (public)

  public Future<?> signupPage(RoutingContext ctx) {
    pages.render(ctx, "employer-signup", model(ctx, new HashMap<>()));
    return null;
  }

  public Future<?> signupForm(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    JsonObject json = new JsonFields.Form(form).text("company", "address", "region", "phone", "name", "email").json();
    Map<String, Object> model = new HashMap<>();
    model.put("form", JsonFields.typed(form));
    try {
      SignupInput in = SignupInput.from(contract.operation("postEmployerSignups").check(json));
      return signups.signUp(in, Http.lang(ctx).code())
          .onSuccess(v -> pages.render(ctx, "employer-signup-sent", Map.of("email", in.email(), "hours", signups.validHours())))
          .recover(e -> refused(ctx, e, "employer-signup", model));
    } catch (Refused e) {
      return refused(ctx, e, "employer-signup", model);
    }
  }

  public Future<?> confirmPage(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    return signups.checkLink(token, SignupStore.LinkPurpose.SIGNUP_CONFIRM)
        .onSuccess(v -> pages.render(ctx, "employer-signup-confirm", Map.of("token", token, "min", SignupInput.MIN_PASSWORD)))
        .recover(e -> linkRefused(ctx, e));
  }

  /** The link's form: the password the representative chooses; a too short one shows the form again with the error. */
  public Future<?> confirmForm(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    return signups.confirm(token, ctx.request().getFormAttribute("password"))
        .onSuccess(v -> pages.render(ctx, "employer-signup-confirm", Map.of("confirmed", true)))
        .recover(e -> {
          if (e instanceof Refused r && "password_too_short".equals(r.code())) {
            return refused(ctx, e, "employer-signup-confirm", new HashMap<>(Map.of("token", token)));
          }
          return linkRefused(ctx, e);
        });
  }

  // ---- a colleague's invitation (public, by link)

  public Future<?> invitationPage(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    return signups.checkLink(token, SignupStore.LinkPurpose.COLLEAGUE_INVITE)
        .onSuccess(v -> pages.render(ctx, "employer-invitation", Map.of("token", token, "min", SignupInput.MIN_PASSWORD)))
        .recover(e -> linkRefused(ctx, e));
  }

  public Future<?> invitationForm(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    String password = ctx.request().getFormAttribute("password");
    return signups.acceptInvitation(token, password)
        .onSuccess(v -> Http.seeOther(ctx, "/signin?joined=1"))
        .recover(e -> {
          if (e instanceof Refused r && "password_too_short".equals(r.code())) {
            Map<String, Object> model = new HashMap<>(Map.of("token", token, "min", SignupInput.MIN_PASSWORD));
            return refused(ctx, e, "employer-invitation", model);
          }
          return linkRefused(ctx, e);
        });
  }

  // ---- the representative's page

  public Future<?> employerPage(RoutingContext ctx) {
    return renderEmployer(ctx, 200, new HashMap<>());
  }

  public Future<?> inviteForm(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    Map<String, Object> model = new HashMap<>();
    model.put("inviteForm", JsonFields.typed(form));
    return signups.invite(Sessions.user(ctx), form.get("name"), form.get("email"))
        .onSuccess(v -> Http.seeOther(ctx, "/employer?done=invited"))
        .recover(e -> e instanceof Refused r ? renderEmployer(ctx, Failures.status(r), withError(ctx, model, r)).<Void>mapEmpty() : Future.<Void>failedFuture(e));
  }

  public Future<?> applyForm(RoutingContext ctx) {
    long fairId = Http.pathId(ctx, "id");
    return signups.apply(Sessions.user(ctx), fairId)
        .onSuccess(v -> Http.seeOther(ctx, "/employer?done=applied"))
        .<Void>mapEmpty().recover(e -> e instanceof Refused r ? renderEmployer(ctx, Failures.status(r), withError(ctx, new HashMap<>(), r)).<Void>mapEmpty() : Future.<Void>failedFuture(e));
  }

  private Future<?> renderEmployer(RoutingContext ctx, int status, Map<String, Object> model) {
    Account me = Sessions.user(ctx);
    notice(ctx, model);
    if (me.employerId() == null) {
      pages.render(ctx, status, "employer-home", model(ctx, model));
      return Future.succeededFuture();
    }
    return signups.openFairs(me.employerId()).compose(open -> signups.applicationsBy(me.employerId()).onSuccess(apps -> {
      model.put("openFairs", list(open));
      model.put("applications", list(apps));
      model.put("validHours", signups.validHours());
      pages.render(ctx, status, "employer-home", model(ctx, model));
    }));
  }

  // ---- the organisers' decisions

  public Future<?> adminPage(RoutingContext ctx) {
    return renderAdmin(ctx, 200, new HashMap<>());
  }

  public Future<?> approveForm(RoutingContext ctx) {
    return decideForm(ctx, true);
  }

  public Future<?> rejectForm(RoutingContext ctx) {
    return decideForm(ctx, false);
  }

  private Future<?> decideForm(RoutingContext ctx, boolean approve) {
    long id = Http.pathId(ctx, "id");
    return signups.decide(id, approve, ctx.request().getFormAttribute("reason"), Sessions.user(ctx))
        .onSuccess(v -> Http.seeOther(ctx, "/admin/employer-signups?done=" + (approve ? "approved" : "rejected")))
        .recover(e -> e instanceof Refused r ? renderAdmin(ctx, Failures.status(r), withError(ctx, new HashMap<>(), r)).<Void>mapEmpty() : Future.<Void>failedFuture(e));
  }

  private Future<?> renderAdmin(RoutingContext ctx, int status, Map<String, Object> model) {
    notice(ctx, model);
    return signups.pending().onSuccess(list -> {
      model.put("signups", list(list));
      pages.render(ctx, status, "admin-employer-signups", model(ctx, model));
    });
  }

  /** An application's decision, posted from the admin fair page; back there with a notice or the error. */
  public Future<?> applicationForm(RoutingContext ctx) {
    long fairId = Http.pathId(ctx, "id");
    long applicationId = Http.pathId(ctx, "applicationId");
    boolean approve = "approve".equals(ctx.request().getFormAttribute("decision"));
    String back = "/admin/fairs/" + fairId;
    return signups.decideApplication(fairId, applicationId, approve, ctx.request().getFormAttribute("reason"), Sessions.user(ctx))
        .onSuccess(v -> Http.seeOther(ctx, back + "?done=" + (approve ? "applicationApproved" : "applicationRejected") + "#applications"))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  /** The applications for the admin fair page (filled into FairPages by the composition root). */
  public Future<List<Object>> applicationsFor(long fairId) {
    return signups.applicationsOf(fairId).map(SignupPages::list);
  }

  // ---- helpers

  private void notice(RoutingContext ctx, Map<String, Object> model) {
    String done = ctx.request().getParam("done");
    if (done != null && NOTICES.contains(done)) model.put("notice", pages.messages().get(Http.lang(ctx), "signup.done." + done));
  }

  private static List<Object> list(JsonArray a) {
    return a.stream().map(o -> (Object) ((JsonObject) o).getMap()).toList();
  }

  private Map<String, Object> model(RoutingContext ctx, Map<String, Object> model) {
    model.putIfAbsent("min", SignupInput.MIN_PASSWORD);
    return model;
  }

  private Map<String, Object> withError(RoutingContext ctx, Map<String, Object> model, Refused e) {
    model.put("error", pages.messages().get(Http.lang(ctx), "error." + e.code(), e.args()));
    return model;
  }

  private Future<Void> refused(RoutingContext ctx, Throwable e, String template, Map<String, Object> model) {
    if (!(e instanceof Refused r)) return Future.failedFuture(e);
    pages.render(ctx, Failures.status(r), template, model(ctx, withError(ctx, model, r)));
    return Future.succeededFuture();
  }

  private Future<Void> linkRefused(RoutingContext ctx, Throwable e) {
    if (!(e instanceof Refused r)) return Future.failedFuture(e);
    pages.render(ctx, Failures.status(r), "employer-link-refused", withError(ctx, new HashMap<>(), r));
    return Future.succeededFuture();
  }
}
