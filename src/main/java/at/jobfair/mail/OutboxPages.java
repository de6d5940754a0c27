package at.jobfair.mail;

import at.jobfair.mail.OutboxStore.Message;
import at.jobfair.mail.OutboxStore.Status;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Failures;
import at.jobfair.web.Http;
import at.jobfair.web.Messages.Lang;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Staff read the outbox in the browser: what was sent, what is kept (no SMTP configured), what failed or may have gone
 * out; and send a message again. Which messages and whose text a reader sees, {@link OutboxService} says.
 */
public final class OutboxPages {

  private static final int PAGE_LIMIT = 200;
  private static final DateTimeFormatter DE = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");
  private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final MailSender sender;
  private final Pages pages;
  private final ZoneId zone;
  private final OutboxService outbox;

  /** {@code sender} may be null where nothing is sent (it is only asked whether SMTP is configured and woken). */
  public OutboxPages(OutboxService outbox, MailSender sender, Pages pages, ZoneId zone) {
    this.outbox = outbox;
    this.sender = sender;
    this.pages = pages;
    this.zone = zone;
  }

  /** {@code GET /admin/outbox?status=&to=}: the list with its filters. */
  public Future<?> page(RoutingContext ctx) {
    Status status = Status.parse(ctx.request().getParam("status"));
    String to = ctx.request().getParam("to");
    // map, not onSuccess: a failure while rendering then fails the request instead of leaving it hanging.
    return outbox.list(Sessions.user(ctx), status, to, PAGE_LIMIT).map(list -> {
      Lang lang = Http.lang(ctx);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Message m : list) rows.add(model(m, lang));
      List<Map<String, Object>> statuses = new ArrayList<>();
      for (Status s : Status.values()) statuses.add(Map.of("code", s.name(), "selected", s == status));
      Map<String, Object> model = new HashMap<>();
      model.put("messages", rows);
      model.put("statuses", statuses);
      model.put("filterTo", to == null ? "" : to);
      model.put("filtered", status != null || !blank(to));
      model.put("full", list.size() == PAGE_LIMIT);
      model.put("limit", PAGE_LIMIT);
      model.put("delivers", delivers());
      pages.render(ctx, "outbox", model);
      return null;
    });
  }

  /** {@code GET /admin/outbox/:id}: one message. Its HTML alternative is shown as source, never rendered. */
  public Future<?> message(RoutingContext ctx) {
    return show(ctx, 200, id(ctx), new HashMap<>());
  }

  /** {@code GET /admin/outbox/:id/attachments/:index}: the file, always as a download. */
  public Future<?> attachment(RoutingContext ctx) {
    long id = id(ctx);
    int index;
    try {
      index = Integer.parseInt(ctx.pathParam("index"));
    } catch (NumberFormatException e) {
      throw Reason.NOT_FOUND.refuse();
    }
    return outbox.attachment(Sessions.user(ctx), id, index).map(a -> {
      if (a == null) throw Reason.NOT_FOUND.refuse();
      ctx.response()
          .putHeader("Content-Type", a.contentType())
          .putHeader("Content-Disposition", disposition(a.filename()))
          .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
          .putHeader("Cache-Control", "no-store")
          .end(Buffer.buffer(a.bytes()));
      return null;
    });
  }

  /** {@code POST /admin/outbox/:id/resend}: back into the queue, for UNCERTAIN, FAILED and KEPT messages. */
  public Future<?> resendForm(RoutingContext ctx) {
    long id = id(ctx);
    if (!delivers()) return refuse(ctx, id, Reason.OUTBOX_NO_SMTP.refuse());
    return outbox.resend(Sessions.user(ctx), id).compose(done -> {
      if (done) {
        if (sender != null) sender.wake();
        Http.seeOther(ctx, "/admin/outbox/" + id + "?resent=1");
        return Future.succeededFuture();
      }
      return refuse(ctx, id, Reason.OUTBOX_NOT_RESENDABLE.refuse());
    });
  }

  private Future<?> refuse(RoutingContext ctx, long id, Refused error) {
    Map<String, Object> model = new HashMap<>();
    model.put("error", pages.messages().get(Http.lang(ctx), "error." + error.code()));
    return show(ctx, Failures.status(error), id, model);
  }

  /**
   * Signed tokens ({@code <base64url>.<base64url>}, as in personal sign-in and confirmation links) are shown as
   * {@value #MASK}: whoever reads the outbox must not be able to act as the person the email was for. Sending again
   * still sends the email as it was written.
   */
  static String maskTokens(String text) {
    return text == null ? null : SIGNED_TOKEN.matcher(text).replaceAll(MASK);
  }

  static final String MASK = "[persönlicher Link verborgen]";
  private static final java.util.regex.Pattern SIGNED_TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{12,}\\.[A-Za-z0-9_-]{20,}");

  private Future<?> show(RoutingContext ctx, int status, long id, Map<String, Object> model) {
    return outbox.readable(Sessions.user(ctx), id).compose(body -> outbox.get(id).map(m -> {
      if (m == null) throw Reason.NOT_FOUND.refuse();
      Map<String, Object> message = model(m, Http.lang(ctx));
      message.put("text", body ? maskTokens(m.content().text()) : null);
      message.put("html", body ? maskTokens(m.content().html()) : null);
      message.put("bodyHidden", !body);
      List<Map<String, Object>> files = new ArrayList<>();
      for (int i = 0; body && i < m.content().attachments().size(); i++) {
        OutboxStore.StoredAttachment a = m.content().attachments().get(i);
        files.add(Map.of("index", i, "filename", a.filename(), "contentType", a.contentType(), "size", a.size()));
      }
      message.put("files", files);
      model.put("message", message);
      model.put("canResend", delivers() && m.delivery().status().resendable());
      model.put("uncertain", m.delivery().status() == Status.UNCERTAIN);
      model.put("delivers", delivers());
      if (ctx.request().getParam("resent") != null && !model.containsKey("error")) {
        model.put("notice", pages.messages().get(Http.lang(ctx), "outbox.resent"));
      }
      pages.render(ctx, status, "outbox-message", model);
      return null;
    }));
  }

  private Map<String, Object> model(Message m, Lang lang) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", m.id());
    row.put("to", m.to().address());
    row.put("toName", m.to().name());
    row.put("subject", m.content().subject());
    row.put("kind", m.kind());
    row.put("ref", m.ref());
    row.put("status", m.delivery().status().db());
    row.put("attempts", m.delivery().attempts());
    row.put("lastError", m.delivery().lastError());
    row.put("messageId", m.delivery().messageId());
    row.put("created", time(m.delivery().createdAt(), lang));
    row.put("createdIso", m.delivery().createdAt().toString());
    row.put("sent", time(m.delivery().sentAt(), lang));
    row.put("sentIso", m.delivery().sentAt() == null ? null : m.delivery().sentAt().toString());
    row.put("next", m.delivery().status() == Status.QUEUED ? time(m.delivery().nextAttemptAt(), lang) : null);
    row.put("attachmentCount", m.content().attachments().size());
    return row;
  }

  private String time(Instant t, Lang lang) {
    return t == null ? null : (lang == Lang.EN ? EN : DE).withZone(zone).format(t);
  }

  private boolean delivers() {
    return sender != null && sender.delivers();
  }

  private static long id(RoutingContext ctx) {
    try {
      long id = Long.parseLong(ctx.pathParam("id"));
      if (id <= 0) throw new NumberFormatException();
      return id;
    } catch (NumberFormatException e) {
      throw Reason.NOT_FOUND.refuse();
    }
  }

  /** RFC 6266: a plain ASCII name for old clients, the exact one UTF-8 encoded for the rest. */
  static String disposition(String filename) {
    String ascii = filename.replaceAll("[^A-Za-z0-9._ -]", "_");
    String exact = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + exact;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
