package at.jobfair.meeting;

import at.jobfair.identity.Account;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Failures;
import at.jobfair.web.Http;
import at.jobfair.web.Messages;
import at.jobfair.web.Messages.Lang;
import at.jobfair.web.Pages;
import at.jobfair.web.SecurityHeaders;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The room pages ({@code /meetings/{id}}, {@code /fairs/{id}/orientation}) and their forms (phone, callback). Who may do
 * what is decided by {@link MeetingService}.
 */
public final class MeetingPages {

  /** The texts the room page's script shows, from the bundles. */
  private static final List<String> SCRIPT_TEXTS = List.of("waiting", "waitingAuto", "admitted", "connecting", "connected",
      "alone", "otherLeft", "mediaDenied", "mediaMissing", "mediaFailed", "mute", "unmute", "cameraOff", "cameraOn",
      "admit", "nobodyWaiting", "left", "connectionLost", "failed", "jitsiFailed", "tapForSound", "full", "replaced");

  private final MeetingService meetings;
  private final GroupSessions groups;
  private final Pages pages;

  public MeetingPages(MeetingService meetings, GroupSessions groups, Pages pages) {
    this.meetings = meetings;
    this.groups = groups;
    this.pages = pages;
  }

  /** The booth's staff by booth ({id, name}), to ask a colleague into the call (filled by the composition root). */
  private volatile java.util.function.Function<Long, Future<List<Map<String, Object>>>> colleagues;

  public MeetingPages colleagues(java.util.function.Function<Long, Future<List<Map<String, Object>>>> colleagues) {
    this.colleagues = colleagues;
    return this;
  }

  /** {@code GET /meetings/:id}: the room of an appointment, or a page saying why not (and, too early, when it opens). */
  public Future<?> roomPage(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    Account user = Sessions.user(ctx);
    return meetings.enter(user, id).<Void>compose(e -> {
      JsonObject config = meetings.describe(e);
      Map<String, Object> model = model(ctx, config);
      model.put("title", pages.messages().get(Http.lang(ctx), "meeting.title", e.booking().booth().employerName()));
      model.put("counterpart", e.jobseeker() ? e.booking().booth().employerName() : e.booking().jobseeker().name());
      model.put("start", e.booking().start());
      model.put("end", e.booking().end());
      model.put("back", e.jobseeker() ? "/me/appointments" : e.role() == MeetingAccess.Role.EMPLOYER
          ? "/booths/" + e.booking().booth().id() + "/schedule" : "/staff/fairs/" + e.booking().booth().fairId() + "/board");
      model.put("autoAdmit", e.booking().room().autoAdmit());
      if (e.jobseeker() && (e.booking().booth().callbackOffered() || e.booking().room().callbackPhone() != null)) {
        model.put("callbackForm", true);
        model.put("callbackPhone", e.booking().room().callbackPhone());
        if (ctx.request().getParam("callback") != null) model.put("notice", pages.messages().get(Http.lang(ctx), "meeting.callbackSent"));
        String error = pages.errorInAddress(ctx);
        if (error != null) model.put("error", error);
      }
      if (!e.moderator() || colleagues == null) {
        render(ctx, config, "meeting", model);
        return Future.succeededFuture();
      }
      // Booth staff may ask a colleague of the booth into the call.
      String error = pages.errorInAddress(ctx);
      if (error != null) model.put("error", error);
      if (ctx.request().getParam("invited") != null) model.put("notice", pages.messages().get(Http.lang(ctx), "handoff.invited"));
      return colleagues.apply(e.booking().booth().id()).<Void>map(list -> {
        List<Map<String, Object>> others = list.stream().filter(c -> !Long.valueOf(user.id()).equals(c.get("id"))).toList();
        if (!others.isEmpty()) model.put("colleagues", others);
        render(ctx, config, "meeting", model);
        return null;
      });
    }).recover(ex -> refused(ctx, ex, id));
  }

  /** {@code GET /fairs/:id/orientation}: the group session's room. */
  public Future<?> groupPage(RoutingContext ctx) {
    long fairId = Http.pathId(ctx, "id");
    return groups.enter(Sessions.user(ctx), fairId).<Void>compose(g -> {
      JsonObject config = groups.describe(g);
      Map<String, Object> model = model(ctx, config);
      model.put("title", pages.messages().get(Http.lang(ctx), "meeting.groupTitle", g.fairName()));
      model.put("group", true);
      model.put("back", "/fairs/" + fairId);
      render(ctx, config, "meeting", model);
      return Future.succeededFuture();
    }).recover(ex -> refused(ctx, ex, null));
  }

  /** The texts the device check's script shows, from the bundles. */
  private static final List<String> CHECK_TEXTS = List.of("asking", "ok", "heard", "denied", "missing", "busy", "unsupported", "again");

  /**
   * {@code GET /me/device-check}: a camera and microphone test before the day. The page's script asks for both, shows the
   * own picture and a level bar; nothing is recorded or sent.
   */
  public Future<?> deviceCheckPage(RoutingContext ctx) {
    Lang lang = Http.lang(ctx);
    Messages m = pages.messages();
    JsonObject texts = new JsonObject();
    for (String k : CHECK_TEXTS) texts.put(k, m.get(lang, k.equals("again") ? "deviceCheck.again" : "deviceCheck.js." + k));
    Map<String, Object> model = new HashMap<>();
    model.put("texts", texts.encode());
    // The way back: a jobseeker's appointments; for the booth's staff the schedule they came from (?back=, a local path).
    if (Sessions.user(ctx).has(at.jobfair.identity.Role.JOBSEEKER)) {
      model.put("back", "/me/appointments");
      model.put("backText", m.get(lang, "deviceCheck.back"));
    } else {
      String back = ctx.request().getParam("back");
      model.put("back", back == null ? "/" : Http.localPath(back));
      model.put("backText", m.get(lang, back != null && back.matches("/booths/\\d{1,18}/schedule") ? "deviceCheck.backSchedule" : "deviceCheck.backHome"));
    }
    pages.render(ctx, "device-check", model);
    return Future.succeededFuture();
  }

  /** {@code POST /bookings/:id/phone}: the schedule's "took place by phone" button. */
  public Future<?> phoneForm(RoutingContext ctx) {
    String back = Http.localPath(ctx.request().getFormAttribute("back"));
    return meetings.confirmPhone(Sessions.user(ctx), Http.pathId(ctx, "id"))
        .onSuccess(v -> Http.seeOther(ctx, Http.withNotice(back, "outcome", "saved")))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  /** {@code POST /meetings/:id/callback}: the room page's "please call me" form. */
  public Future<?> callbackForm(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    String back = "/meetings/" + id;
    return meetings.requestCallback(Sessions.user(ctx), id, ctx.request().getFormAttribute("phone"))
        .onSuccess(v -> Http.seeOther(ctx, back + "?callback=1"))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  private Map<String, Object> model(RoutingContext ctx, JsonObject config) {
    Lang lang = Http.lang(ctx);
    Messages m = pages.messages();
    JsonObject texts = new JsonObject();
    for (String k : SCRIPT_TEXTS) texts.put(k, m.get(lang, "meeting.js." + k));
    Map<String, Object> model = new HashMap<>();
    model.put("config", config.encode());
    model.put("texts", texts.encode());
    model.put("meeting", config);
    model.put("jitsi", config.getString("domain") != null);
    return model;
  }

  /** The room page may load the Jitsi IFrame API and frame its domain, and nothing else from outside. */
  private void render(RoutingContext ctx, JsonObject config, String template, Map<String, Object> model) {
    String domain = config.getString("domain");
    if (domain != null) SecurityHeaders.allowVideoService(ctx, "https://" + domain);
    pages.render(ctx, template, model);
  }

  /** A refusal as a page: what happened in plain words, when the room opens, and the way back. */
  private Future<Void> refused(RoutingContext ctx, Throwable ex, Long bookingId) {
    if (!(ex instanceof Refused a)) return Future.failedFuture(ex);
    Lang lang = Http.lang(ctx);
    Map<String, Object> model = new HashMap<>();
    model.put("message", pages.messages().get(lang, "error." + a.code(), a.args()));
    model.put("code", a.code());
    if (a.details() != null && a.details().getString("opensAt") != null) model.put("opensAt", a.details().getString("opensAt"));
    if (bookingId != null) model.put("bookingId", bookingId);
    // Too early is not an error: the page shows a calm waiting state (when it opens, what to do meanwhile).
    model.put("waiting", a.reason() == Reason.TOO_EARLY && model.get("opensAt") != null);
    model.put("group", bookingId == null);
    pages.render(ctx, Failures.status(a), "meeting-refused", model);
    return Future.succeededFuture();
  }
}
