package at.jobfair.account;

import at.jobfair.identity.Account;
import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.ext.web.RoutingContext;

/**
 * A signed-in person who picks a language from the menu keeps it: the account remembers it, so their mails, reminders
 * and letters come in it too and it follows them to another device. Someone not signed in keeps it in a cookie
 * ({@link Http#lang}).
 */
public final class LanguageChoice {

  private final AccountStore accounts;

  public LanguageChoice(AccountStore accounts) {
    this.accounts = accounts;
  }

  public void remember(RoutingContext ctx) {
    Account user = ctx.request().getParam("lang") == null ? null : Sessions.user(ctx);
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
