package at.jobfair.chat;

import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.web.Http;
import at.jobfair.web.Messages;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;

/**
 * The chat's pages and their forms: a conversation (both sides, and a caseworker reading), the person's list, a booth's
 * inbox, the employer's booths, the organisers' reports. The pages work without script; {@code chat.js} makes them live.
 */
public final class ChatPages {

  private final ChatService chats;
  private final Pages pages;

  public ChatPages(ChatService chats, Pages pages) {
    this.chats = chats;
    this.pages = pages;
  }

  private Map<String, Object> model(RoutingContext ctx) {
    Map<String, Object> model = new HashMap<>();
    String error = pages.errorInAddress(ctx, String.valueOf(chats.config().maxLength()));
    if (error != null) model.put("error", error);
    if (ctx.request().getParam("reported") != null) model.put("notice", pages.messages().get(Http.lang(ctx), "chat.reportedNotice"));
    return model;
  }

  /** {@code GET /chats/:id}: one conversation, as the reader's seat shows it. */
  public Future<?> conversationPage(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    return chats.read(user, Http.pathId(ctx, "id"), 0).onSuccess(view -> render(ctx, user, view));
  }

  /** {@code GET /booths/:id/chat}: the person's conversation with a booth ("write to this booth"). */
  public Future<?> boothPage(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    return chats.withBooth(user, Http.pathId(ctx, "id")).onSuccess(view -> render(ctx, user, view));
  }

  private void render(RoutingContext ctx, Account user, JsonObject view) {
    Map<String, Object> model = model(ctx);
    Messages m = pages.messages();
    Messages.Lang lang = Http.lang(ctx);
    String seat = view.getString("seat");
    boolean group = "GROUP".equals(view.getString("kind"));
    String title = group ? m.get(lang, "chat.groupTitle", view.getJsonObject("fair").getString("name"))
        : "PERSON".equals(seat) ? m.get(lang, "chat.withBooth", view.getJsonObject("booth").getString("employer"))
        : m.get(lang, "chat.withPerson", view.getJsonObject("person").getString("name"));
    model.put("title", title);
    model.put("chat", view);
    model.put("person", "PERSON".equals(seat));
    model.put("boothSide", "BOOTH".equals(seat));
    model.put("caseReader", "CASE_READER".equals(seat));
    model.put("writes", !"CASE_READER".equals(seat) && !("BOOTH".equals(seat) && view.getBoolean("blocked", false)));
    model.put("action", view.getLong("id") == null ? "/booths/" + view.getJsonObject("booth").getLong("id") + "/chat"
        : "/chats/" + view.getLong("id") + "/messages");
    boolean reports = !"CASE_READER".equals(seat);
    model.put("reports", reports);
    model.put("retentionDays", chats.config().retentionDays());
    for (Object o : view.getJsonArray("messages")) {
      JsonObject msg = (JsonObject) o;
      msg.put("report", reports && !msg.getBoolean("own")).put("conversation", view.getLong("id"));
    }
    model.put("back", "PERSON".equals(seat) ? "/me/chats" : "BOOTH".equals(seat) ? "/booths/" + view.getJsonObject("booth").getLong("id") + "/inbox" : "/");
    pages.render(ctx, "chat", model);
  }

  /** {@code POST /booths/:id/chat}: the person's first (or next) message to a booth, from the page. */
  public Future<?> writeToBoothForm(RoutingContext ctx) {
    long booth = Http.pathId(ctx, "id");
    return chats.writeToBooth(Sessions.user(ctx), booth, ctx.request().getFormAttribute("text"))
        .onSuccess(j -> Http.seeOther(ctx, "/chats/" + j.getLong("conversation") + "#chat-form"))
        .recover(e -> Http.backWithError(ctx, e, "/booths/" + booth + "/chat"));
  }

  /** {@code POST /chats/:id/messages}: a message from the page (without script). */
  public Future<?> writeForm(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    return chats.write(Sessions.user(ctx), id, ctx.request().getFormAttribute("text"))
        .onSuccess(j -> Http.seeOther(ctx, "/chats/" + id + "#chat-form"))
        .recover(e -> Http.backWithError(ctx, e, "/chats/" + id));
  }

  /** {@code POST /chats/:id/block}: the person blocks the booth ({@code blocked=true}) or lifts it. */
  public Future<?> blockForm(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    return chats.block(Sessions.user(ctx), id, "true".equals(ctx.request().getFormAttribute("blocked")))
        .onSuccess(j -> Http.seeOther(ctx, "/chats/" + id))
        .recover(e -> Http.backWithError(ctx, e, "/chats/" + id));
  }

  /** {@code POST /chat-messages/:id/report}: to the fair's organisers. */
  public Future<?> reportForm(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    String back = "/chats/" + Http.pathId(ctx, "conversation");
    return chats.report(Sessions.user(ctx), id, ctx.request().getFormAttribute("reason"))
        .onSuccess(j -> Http.seeOther(ctx, back + "?reported=1"))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  /** {@code GET /me/chats}: the person's conversations with booths. */
  public Future<?> minePage(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    return chats.mineLines(user).onSuccess(lines -> {
      Map<String, Object> model = model(ctx);
      model.put("title", pages.messages().get(Http.lang(ctx), "chat.mine.title"));
      model.put("lines", lines);
      model.put("me", user.id());
      pages.render(ctx, "chats-mine", model);
    });
  }

  /** {@code GET /employer/chats}: the employer's booths with their unread messages. */
  public Future<?> employerPage(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    return chats.boothsOf(user).onSuccess(booths -> {
      Map<String, Object> model = model(ctx);
      model.put("title", pages.messages().get(Http.lang(ctx), "chat.employer.title"));
      model.put("booths", booths);
      model.put("employer", user.employerId());
      pages.render(ctx, "chats-employer", model);
    });
  }

  /** {@code GET /booths/:id/inbox}: a booth's conversations (its employer's representatives). */
  public Future<?> inboxPage(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    long booth = Http.pathId(ctx, "id");
    return chats.inboxLines(user, booth).onSuccess(lines -> {
      Map<String, Object> model = model(ctx);
      model.put("title", pages.messages().get(Http.lang(ctx), "chat.inbox.title"));
      model.put("lines", lines);
      model.put("booth", booth);
      model.put("employer", user.employerId());
      pages.render(ctx, "chat-inbox", model);
    });
  }

  /**
   * {@code GET /admin/chat-reports}: open reports with their text, each with its form to mark it handled, and the ones
   * handled last (organisers). Live: a new or handled report reads the lists again ({@code organisers:0}).
   */
  public Future<?> reportsPage(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    if (!user.has(Role.ORGANIZER)) throw at.jobfair.refusal.Reason.FORBIDDEN_ROLE.refuse();
    Future<java.util.List<ChatStore.Report>> open = chats.reports(user);
    Future<java.util.List<ChatStore.Report>> handled = chats.handledReports(user);
    return Future.all(open, handled).onSuccess(v -> {
      Map<String, Object> model = new HashMap<>();
      Messages.Lang lang = Http.lang(ctx);
      String error = pages.errorInAddress(ctx, String.valueOf(ChatPolicy.OUTCOME_MAX));
      if (error != null) model.put("error", error);
      if ("handled".equals(ctx.request().getParam("done"))) model.put("notice", pages.messages().get(lang, "chat.reports.handledNotice"));
      model.put("title", pages.messages().get(lang, "chat.reports.title"));
      model.put("reports", open.result());
      model.put("openCount", open.result().size());
      model.put("handled", handled.result());
      model.put("outcomeMax", ChatPolicy.OUTCOME_MAX);
      pages.render(ctx, "chat-reports", model);
    });
  }

  /** {@code POST /admin/chat-reports/:id/handled}: an organiser marks a report handled with its outcome (once). */
  public Future<?> handleForm(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    return chats.handle(Sessions.user(ctx), id, ctx.request().getFormAttribute("outcome"))
        .onSuccess(r -> Http.seeOther(ctx, "/admin/chat-reports?done=handled"))
        .recover(e -> Http.backWithError(ctx, e, "/admin/chat-reports"));
  }
}
