package at.jobfair.account;

import at.jobfair.identity.Role;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Failures;
import at.jobfair.web.Http;
import at.jobfair.web.Messages;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static at.jobfair.account.AccountService.LIST_LIMIT;

/** The organisers' accounts page: create accounts of every role, import jobseekers, reset a lost authenticator. */
public final class UserPages {

  private final AccountService accounts;
  private final Pages pages;
  private final SecondFactor secondFactor;
  private final AuthenticatorReset reset;
  private final Reauthentication reauth;

  public UserPages(AccountService accounts, Pages pages, SecondFactor secondFactor, AuthenticatorReset reset, Reauthentication reauth) {
    this.accounts = accounts;
    this.pages = pages;
    this.secondFactor = secondFactor;
    this.reset = reset;
    this.reauth = reauth;
  }

  public Future<?> resetSecondFactorForm(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    long id;
    try {
      id = Long.parseLong(nz(form.get("accountId")));
    } catch (NumberFormatException e) {
      return showError(ctx, Reason.SECOND_FACTOR_NONE.refuse(), new HashMap<>());
    }
    return reauth.confirm(ctx, form.get("password"), form.get("code"))
        .compose(v -> reset.reset(Sessions.user(ctx), id))
        .onSuccess(v -> Http.seeOther(ctx, "/admin/users?reset=" + id))
        .recover(e -> showError(ctx, e, new HashMap<>()));
  }

  public Future<?> page(RoutingContext ctx) {
    Map<String, Object> model = new HashMap<>();
    String created = ctx.request().getParam("created");
    String imported = ctx.request().getParam("imported");
    if (created != null) model.put("notice", pages.messages().get(Http.lang(ctx), "users.created", created));
    if (imported != null) model.put("notice", pages.messages().get(Http.lang(ctx), "users.imported", imported));
    if (ctx.request().getParam("reset") != null) model.put("notice", pages.messages().get(Http.lang(ctx), "users.secondFactorResetDone"));
    return renderPage(ctx, 200, model);
  }

  public Future<?> createForm(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String code : form.getAll("roles")) {
      Role r = Role.parse(code);
      if (r != null) roles.add(r);
    }
    String employer = form.get("employerId");
    Map<String, Object> model = new HashMap<>();
    model.put("form", Map.of("email", nz(form.get("email")), "name", nz(form.get("name"))));
    try {
      Long employerId = employer == null || employer.isBlank() ? null : Long.parseLong(employer);
      NewAccount a = new NewAccount(form.get("email"), form.get("name"), nz(form.get("password")), roles, employerId, form.get("language"));
      return accounts.create(a, Sessions.user(ctx))
          .onSuccess(acc -> Http.seeOther(ctx, "/admin/users?created=" + java.net.URLEncoder.encode(acc.email(), java.nio.charset.StandardCharsets.UTF_8)))
          .recover(e -> showError(ctx, e, model));
    } catch (NumberFormatException e) {
      return showError(ctx, Reason.EMPLOYER_UNKNOWN.refuse(), model);
    } catch (Refused e) {
      return showError(ctx, e, model);
    }
  }

  public Future<?> importForm(RoutingContext ctx) {
    List<FileUpload> files = ctx.fileUploads();
    if (files.isEmpty() || files.get(0).size() == 0) return showError(ctx, Reason.CSV_FILE_MISSING.refuse(), new HashMap<>());
    return ctx.vertx().fileSystem().readFile(files.get(0).uploadedFileName())
        .compose(buffer -> accounts.importJobseekers(buffer.toString("UTF-8"), Sessions.user(ctx)))
        .onSuccess(n -> Http.seeOther(ctx, "/admin/users?imported=" + n))
        .recover(e -> {
          Map<String, Object> model = new HashMap<>();
          if (e instanceof JobseekerCsv.Invalid invalid) {
            model.put("problems", problemTexts(Http.lang(ctx), invalid));
            return showError(ctx, Reason.CSV_INVALID.refuse(), model);
          }
          return showError(ctx, e, model);
        });
  }

  private <T> Future<T> showError(RoutingContext ctx, Throwable e, Map<String, Object> model) {
    if (!(e instanceof Refused error)) return Future.failedFuture(e);
    model.put("error", pages.messages().get(Http.lang(ctx), "error." + error.code(), error.args()));
    return renderPage(ctx, Failures.status(error), model).mapEmpty();
  }

  private Future<?> renderPage(RoutingContext ctx, int status, Map<String, Object> model) {
    return accounts.list(LIST_LIMIT).compose(list -> accounts.employers()
        .compose(employers -> secondFactor.withAuthenticator().onSuccess(withAuthenticator -> {
          model.put("accounts", list);
          model.put("employers", employers);
          model.put("roles", Role.values());
          // the accounts an organiser may reset: with an authenticator, not the organiser's own
          long self = Sessions.user(ctx).id();
          model.put("authenticators", list.stream().filter(a -> withAuthenticator.contains(a.id()) && a.id() != self).toList());
          model.put("reauth", !reauth.fresh(ctx));
          model.put("reauthCode", reauth.asksCode(ctx));
          pages.render(ctx, status, "users", model);
        })));
  }

  private List<String> problemTexts(Messages.Lang lang, JobseekerCsv.Invalid invalid) {
    List<String> out = new ArrayList<>();
    for (JobseekerCsv.Problem p : invalid.problems()) out.add(pages.messages().get(lang, "csv." + p.code(), p.line(), p.arg()));
    return out;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
