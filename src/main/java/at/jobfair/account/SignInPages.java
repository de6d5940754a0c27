package at.jobfair.account;

import at.jobfair.identity.Account;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Failures;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SessionHandler;

import java.util.HashMap;
import java.util.Map;

/** Signing in and out in the browser: the password's page, the second factor's page, and signing out. */
public final class SignInPages {

  private final AccountService accounts;
  private final SecondFactor secondFactor;
  private final Pages pages;
  /** Signing out waits for the session to be gone everywhere before it answers. */
  private final SessionHandler sessions;
  /** The other ways in the sign-in page offers: a link by email, a new password, registering for a fair. */
  private final EmailLinkPages otherWays;

  public SignInPages(AccountService accounts, SecondFactor secondFactor, Pages pages, SessionHandler sessions, EmailLinkPages otherWays) {
    this.otherWays = otherWays;
    this.accounts = accounts;
    this.secondFactor = secondFactor;
    this.pages = pages;
    this.sessions = sessions;
  }

  /** The page after the password: the code's form, and the QR code first when the authenticator is still to be set up. */
  public Future<?> secondFactorPage(RoutingContext ctx) {
    Account pending = Sessions.awaitingSecondFactor(ctx);
    String next = Http.localPath(ctx.request().getParam("next"));
    if (pending == null) {
      Http.seeOther(ctx, "/signin");
      return null;
    }
    return secondFactorModel(pending, next).onSuccess(model -> pages.render(ctx, "signin-second-factor", model));
  }

  public Future<?> secondFactorForm(RoutingContext ctx) {
    Account pending = Sessions.awaitingSecondFactor(ctx);
    String next = Http.localPath(ctx.request().getFormAttribute("next"));
    if (pending == null) {
      Http.seeOther(ctx, "/signin");
      return null;
    }
    return secondFactor.verify(pending, ctx.request().getFormAttribute("code"))
        .onSuccess(v -> {
          Sessions.signIn(ctx, pending);
          Http.seeOther(ctx, next);
        })
        .recover(e -> {
          if (!(e instanceof Refused error)) return Future.failedFuture(e);
          return secondFactorModel(pending, next).onSuccess(model -> {
            model.put("error", pages.messages().get(Http.lang(ctx), "error." + error.code(), error.args()));
            pages.render(ctx, Failures.status(error), "signin-second-factor", model);
          }).mapEmpty();
        });
  }

  private Future<Map<String, Object>> secondFactorModel(Account pending, String next) {
    return secondFactor.next(pending).compose(step -> {
      Map<String, Object> model = new HashMap<>();
      model.put("next", next);
      if (step != SecondFactor.Step.ENROL) return Future.succeededFuture(model);
      return secondFactor.enrol(pending).map(enrolment -> {
        model.put("enrol", true);
        model.put("secret", enrolment.getString("secret"));
        model.put("qrSvg", enrolment.getString("qrSvg"));
        return model;
      });
    });
  }

  public Future<?> page(RoutingContext ctx) {
    if (Sessions.user(ctx) != null) {
      Http.seeOther(ctx, Http.localPath(ctx.request().getParam("next")));
      return null;
    }
    String next = Http.localPath(ctx.request().getParam("next"));
    Map<String, Object> model = otherWays.signInExtras(next);
    model.put("next", next);
    pages.render(ctx, "signin", model);
    return null;
  }

  public Future<?> form(RoutingContext ctx) {
    String email = ctx.request().getFormAttribute("email");
    String next = Http.localPath(ctx.request().getFormAttribute("next"));
    return accounts.signIn(email, ctx.request().getFormAttribute("password"), Http.clientIp(ctx))
        .compose(account -> secondFactor.next(account).onSuccess(step -> {
          if (step == SecondFactor.Step.NONE) {
            Sessions.signIn(ctx, account);
            Http.seeOther(ctx, next);
          } else {
            Sessions.awaitSecondFactor(ctx, account);
            Http.seeOther(ctx, "/signin/second-factor?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
          }
        }))
        .recover(e -> {
          if (!(e instanceof Refused error)) return Future.failedFuture(e);
          Map<String, Object> model = otherWays.signInExtras(next);
          model.put("next", next);
          model.put("email", email);
          model.put("error", pages.messages().get(Http.lang(ctx), "error." + error.code(), error.args()));
          pages.render(ctx, Failures.status(error), "signin", model);
          return Future.succeededFuture();
        });
  }

  public Future<?> formSignOut(RoutingContext ctx) {
    return Sessions.signOut(ctx, sessions).onSuccess(v -> Http.seeOther(ctx, "/"));
  }
}
