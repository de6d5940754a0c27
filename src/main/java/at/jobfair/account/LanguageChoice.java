package at.jobfair.account;

import at.jobfair.identity.Account;
import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.ext.web.RoutingContext;

/**
 * A signed-in person who picks a language from the menu keeps it: the account remembers it, so their mails, reminders
 * and letters come in it too and it follows them to another device. Someone not signed in keeps it in a cookie
 * ({@link Http#lang}). An API call's {@code ?lang=} answers that call in the language and changes nothing.
 */
public final class LanguageChoice {

  private final AccountStore accounts;

  public LanguageChoice(AccountStore accounts) {
    this.accounts = accounts;
  }

  public void remember(RoutingContext ctx) {
    // The menu's links are pages; an API call's ?lang= only chooses the language of that one answer.
    boolean fromMenu = ctx.request().method() == io.vertx.core.http.HttpMethod.GET && !ctx.request().path().startsWith("/api/");
    Account user = !fromMenu || ctx.request().getParam("lang") == null ? null : Sessions.user(ctx);
    String chosen = user == null ? null : Http.lang(ctx).code();
    if (chosen == null || chosen.equals(user.language())) {
      ctx.next();
      return;
    }
    accounts.setLanguage(user.id(), chosen).onComplete(done -> {
      if (done.succeeded()) Sessions.update(ctx, user.withLanguage(chosen));
      ctx.next();
    });
  }
}
