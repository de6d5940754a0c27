package at.jobfair.account;

import at.jobfair.identity.Account;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Failures;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ways in by email in the browser ({@link EmailLinks}): asking for a sign-in link or a password reset link (the
 * same page whether or not the address has an account), the page a sign-in link opens (a button that uses it: mail
 * scanners that open links do not sign anyone in), and the page that sets a new password. Also what the sign-in page
 * shows besides the password: those two ways and where to register.
 */
public final class EmailLinkPages {

  /** A fair's own pages: from there, "no account?" leads to that fair's registration. */
  private static final Pattern FAIR = Pattern.compile("^/fairs/(\\d{1,18})(?:[/?#].*)?$");

  private final EmailLinks links;
  private final SecondFactor secondFactor;
  private final Pages pages;

  public EmailLinkPages(EmailLinks links, SecondFactor secondFactor, Pages pages) {
    this.links = links;
    this.secondFactor = secondFactor;
    this.pages = pages;
  }

  /** What the sign-in page shows besides the password's form: the link's validity and where to register. */
  public Map<String, Object> signInExtras(String next) {
    Map<String, Object> model = new HashMap<>();
    model.put("linkMinutes", links.validMinutes());
    model.put("urlNext", url(next));
    Matcher fair = FAIR.matcher(next == null ? "" : next);
    model.put("registerFair", fair.matches());
    model.put("registerHref", fair.matches() ? "/fairs/" + fair.group(1) + "/register" : "/fairs");
    return model;
  }

  // ---- one-time sign-in link

  /** Asks for a sign-in link: the same page for every address (refused only for no address, or too many asks). */
  public Future<?> requestSignInLinkForm(RoutingContext ctx) {
    String email = ctx.request().getFormAttribute("email");
    String next = Http.localPath(ctx.request().getFormAttribute("next"));
    return links.request(email, EmailLinks.Purpose.SIGN_IN, next)
        .onSuccess(v -> sent(ctx, false, email, "/signin?next=" + url(next)))
        .recover(e -> refusedForm(ctx, e, "signin", email, next, signInExtras(next)));
  }

  /** The page a sign-in link opens: a button that uses the link (or why it does not work). */
  public Future<?> signInLinkPage(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    return links.check(token, EmailLinks.Purpose.SIGN_IN)
        .onSuccess(v -> pages.render(ctx, "signin-link", Map.of("token", token)))
        .recover(e -> linkRefused(ctx, e, "/signin"));
  }

  /** Uses a sign-in link: signed in and on to where the person was going; once only. */
  public Future<?> signInLinkForm(RoutingContext ctx) {
    return links.signIn(ctx.pathParam("token"))
        .compose(used -> enter(ctx, used))
        .recover(e -> linkRefused(ctx, e, "/signin"));
  }

  // ---- password reset

  public Future<?> resetPage(RoutingContext ctx) {
    String next = Http.localPath(ctx.request().getParam("next"));
    pages.render(ctx, "password-reset", resetModel(next, null));
    return null;
  }

  public Future<?> resetRequestForm(RoutingContext ctx) {
    String email = ctx.request().getFormAttribute("email");
    String next = Http.localPath(ctx.request().getFormAttribute("next"));
    return links.request(email, EmailLinks.Purpose.PASSWORD_RESET, next)
        .onSuccess(v -> sent(ctx, true, email, "/password-reset?next=" + url(next)))
        .recover(e -> refusedForm(ctx, e, "password-reset", email, next, resetModel(next, email)));
  }

  /** The page a reset link opens: the new password's form (or why the link does not work). */
  public Future<?> newPasswordPage(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    return links.check(token, EmailLinks.Purpose.PASSWORD_RESET)
        .onSuccess(v -> pages.render(ctx, "password-reset-new", newPasswordModel(token)))
        .recover(e -> linkRefused(ctx, e, "/password-reset"));
  }

  /** Sets the new password: then signed in, or on to the second factor where the role asks for one. */
  public Future<?> newPasswordForm(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    return links.resetPassword(token, ctx.request().getFormAttribute("password"))
        .compose(used -> enter(ctx, used))
        .recover(e -> {
          if (e instanceof Refused r && r.reason() == Reason.PASSWORD_TOO_SHORT) {
            Map<String, Object> model = newPasswordModel(token);
            model.put("error", message(ctx, r));
            pages.render(ctx, Failures.status(r), "password-reset-new", model);
            return Future.succeededFuture();
          }
          return linkRefused(ctx, e, "/password-reset");
        });
  }

  // ----

  /** Signs the account in, unless its role asks for a second factor: then that comes first, as after a password. */
  private Future<Void> enter(RoutingContext ctx, EmailLinks.Used used) {
    Account account = used.account();
    return secondFactor.next(account).map(step -> {
      if (step == SecondFactor.Step.NONE) {
        Sessions.signIn(ctx, account);
        Http.seeOther(ctx, used.next());
      } else {
        Sessions.awaitSecondFactor(ctx, account);
        Http.seeOther(ctx, "/signin/second-factor?next=" + url(used.next()));
      }
      return null;
    });
  }

  private void sent(RoutingContext ctx, boolean reset, String email, String again) {
    Map<String, Object> model = new HashMap<>();
    model.put("reset", reset);
    model.put("email", email.strip());
    model.put("minutes", links.validMinutes());
    model.put("again", again);
    pages.render(ctx, "email-link-sent", model);
  }

  private Future<Void> refusedForm(RoutingContext ctx, Throwable e, String template, String email, String next, Map<String, Object> model) {
    if (!(e instanceof Refused r)) return Future.failedFuture(e);
    model.put("next", next);
    model.put("email", email);
    model.put("error", message(ctx, r));
    pages.render(ctx, Failures.status(r), template, model);
    return Future.succeededFuture();
  }

  private Future<Void> linkRefused(RoutingContext ctx, Throwable e, String again) {
    if (!(e instanceof Refused r)) return Future.failedFuture(e);
    pages.render(ctx, Failures.status(r), "email-link-refused", Map.of("error", message(ctx, r), "again", again));
    return Future.succeededFuture();
  }

  private Map<String, Object> resetModel(String next, String email) {
    Map<String, Object> model = new HashMap<>();
    model.put("next", next);
    model.put("urlNext", url(next));
    model.put("minutes", links.validMinutes());
    if (email != null) model.put("email", email);
    return model;
  }

  private static Map<String, Object> newPasswordModel(String token) {
    Map<String, Object> model = new HashMap<>();
    model.put("token", token);
    model.put("min", NewAccount.MIN_PASSWORD);
    return model;
  }

  private String message(RoutingContext ctx, Refused r) {
    return pages.messages().get(Http.lang(ctx), "error." + r.code(), r.args());
  }

  private static String url(String next) {
    return URLEncoder.encode(next == null ? "/" : next, StandardCharsets.UTF_8);
  }
}
