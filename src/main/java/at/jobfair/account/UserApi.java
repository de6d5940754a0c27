package at.jobfair.account;

import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Http;
import at.jobfair.web.Messages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import static at.jobfair.account.AccountService.LIST_LIMIT;

/** The JSON routes of account administration: organisers list and create accounts of every role and import jobseekers. */
public final class UserApi {

  private final AccountService accounts;
  private final Messages messages;
  private final AuthenticatorReset reset;
  private final Reauthentication reauth;

  public UserApi(AccountService accounts, Messages messages, AuthenticatorReset reset, Reauthentication reauth) {
    this.accounts = accounts;
    this.messages = messages;
    this.reset = reset;
    this.reauth = reauth;
  }

  /** {@code POST /api/users/:id/second-factor/reset} with {@code password} (and {@code code}) unless fresh: 204. */
  public Future<?> resetSecondFactor(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    long id = Http.pathId(ctx, "id");
    return reauth.confirm(ctx, body.getString("password"), body.getString("code"))
        .compose(v -> reset.reset(Sessions.user(ctx), id))
        .onSuccess(v -> Http.noContent(ctx));
  }

  public Future<?> list(RoutingContext ctx) {
    return accounts.list(LIST_LIMIT).onSuccess(list -> {
      JsonArray out = new JsonArray();
      list.forEach(a -> out.add(a.toJson()));
      Http.ok(ctx, out);
    });
  }

  public Future<?> create(RoutingContext ctx) {
    NewAccount a = NewAccount.fromJson(Http.body(ctx));
    return accounts.create(a, Sessions.user(ctx)).onSuccess(created -> Http.created(ctx, created.toJson()));
  }

  /** The body is the CSV file itself (Content-Type text/csv). */
  public Future<?> importJobseekers(RoutingContext ctx) {
    String csv = ctx.body() == null ? "" : ctx.body().asString("UTF-8");
    return accounts.importJobseekers(csv == null ? "" : csv, Sessions.user(ctx))
        .onSuccess(n -> Http.created(ctx, new JsonObject().put("imported", n)))
        .recover(e -> Future.failedFuture(e instanceof JobseekerCsv.Invalid invalid ? csvError(ctx, invalid) : e));
  }

  private Refused csvError(RoutingContext ctx, JobseekerCsv.Invalid invalid) {
    Messages.Lang lang = Http.lang(ctx);
    JsonArray problems = new JsonArray();
    for (JobseekerCsv.Problem p : invalid.problems()) {
      problems.add(new JsonObject().put("line", p.line()).put("error", p.code())
          .put("message", messages.get(lang, "csv." + p.code(), p.line(), p.arg())));
    }
    return Reason.CSV_INVALID.refuseWith(new JsonObject().put("problems", problems));
  }
}
