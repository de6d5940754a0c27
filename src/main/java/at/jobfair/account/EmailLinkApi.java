package at.jobfair.account;

import at.jobfair.web.Http;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The ways in by email through the API ({@link EmailLinks}): asking for a sign-in link or a reset link answers 202
 * alike for every address; a reset link's token sets a new password (204), after which the client signs in with
 * {@code POST /api/session}. A sign-in link itself is used in the browser, where it leads.
 */
public final class EmailLinkApi {

  private final EmailLinks links;

  public EmailLinkApi(EmailLinks links) {
    this.links = links;
  }

  /** {@code {"email", "next"?}}: a sign-in link to a jobseeker's address, if it is one. */
  public Future<?> requestSignInLink(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return links.request(body.getString("email"), EmailLinks.Purpose.SIGN_IN, body.getString("next"))
        .onSuccess(v -> Http.json(ctx, 202, accepted()));
  }

  /** {@code {"email"}}: a link to set a new password, if the address has an account. */
  public Future<?> requestReset(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return links.request(body.getString("email"), EmailLinks.Purpose.PASSWORD_RESET, null)
        .onSuccess(v -> Http.json(ctx, 202, accepted()));
  }

  /** {@code {"token", "password"}}: sets the new password; the link and every other link of the account are used up. */
  public Future<?> confirmReset(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return links.resetPassword(body.getString("token"), body.getString("password")).onSuccess(used -> Http.noContent(ctx));
  }

  private JsonObject accepted() {
    return new JsonObject().put("validMinutes", links.validMinutes());
  }
}
