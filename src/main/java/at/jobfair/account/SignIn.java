package at.jobfair.account;

import at.jobfair.web.ApiError;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;

/** Signing in and out, in the browser and through the API. */
public final class SignIn {

  private final AccountService accounts;
  private final Pages pages;

  public SignIn(AccountService accounts, Pages pages) {
    this.accounts = accounts;
    this.pages = pages;
  }

  public Future<?> apiSignIn(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return accounts.signIn(stringOrNull(body, "email"), stringOrNull(body, "password"), Http.clientIp(ctx))
        .onSuccess(account -> {
          Sessions.signIn(ctx, account);
          Http.ok(ctx, account.toJson());
        });
  }

  public Future<?> apiSignOut(RoutingContext ctx) {
    Sessions.signOut(ctx);
    Http.noContent(ctx);
    return null;
  }

  public Future<?> me(RoutingContext ctx) {
    Http.ok(ctx, Sessions.user(ctx).toJson());
    return null;
  }

  public Future<?> page(RoutingContext ctx) {
    if (Sessions.user(ctx) != null) {
      Http.seeOther(ctx, Http.localPath(ctx.request().getParam("next")));
      return null;
    }
    pages.render(ctx, "signin", Map.of("next", Http.localPath(ctx.request().getParam("next"))));
    return null;
  }

  public Future<?> form(RoutingContext ctx) {
    String email = ctx.request().getFormAttribute("email");
    String next = Http.localPath(ctx.request().getFormAttribute("next"));
    return accounts.signIn(email, ctx.request().getFormAttribute("password"), Http.clientIp(ctx))
        .onSuccess(account -> {
          Sessions.signIn(ctx, account);
          Http.seeOther(ctx, next);
        })
        .recover(e -> {
          if (!(e instanceof ApiError error)) return Future.failedFuture(e);
          Map<String, Object> model = new HashMap<>();
          model.put("next", next);
          model.put("email", email);
          model.put("error", pages.messages().get(Http.lang(ctx), "error." + error.code(), error.args()));
          pages.render(ctx, error.status(), "signin", model);
          return Future.succeededFuture();
        });
  }

  public Future<?> formSignOut(RoutingContext ctx) {
    Sessions.signOut(ctx);
    Http.seeOther(ctx, "/");
    return null;
  }

  private static String stringOrNull(JsonObject body, String key) {
    Object v = body.getValue(key);
    return v instanceof String s ? s : null;
  }
}
