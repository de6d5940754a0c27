package at.jobfair.account;

import at.jobfair.identity.Account;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.ext.web.RoutingContext;

/**
 * A signed-in person who picks a language from the menu keeps it: the account remembers it, so their mails, reminders
 * and letters come in it too and it follows them to another device. Someone not signed in keeps it in a cookie
 * ({@link Http#lang}). A {@code ?lang=} that does not come from our own page (a link in a mail, an API call) answers
 * in the language and changes nothing kept in the account.
 */
public final class LanguageChoice {

  private final AccountStore accounts;

  public LanguageChoice(AccountStore accounts) {
    this.accounts = accounts;
  }

  public void remember(RoutingContext ctx) {
    // A choice is a click in the menu of one of our pages (the browser names the page it came from, same-origin); a
    // ?lang= in a link from elsewhere (a mail, a bookmark) or on an API call only chooses the language of that answer.
    boolean fromMenu = ctx.request().getParam("lang") != null && ctx.request().method() == io.vertx.core.http.HttpMethod.GET
        && !ctx.request().path().startsWith("/api/") && Pages.referer(ctx) != null;
    Account user = fromMenu ? Sessions.user(ctx) : null;
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
