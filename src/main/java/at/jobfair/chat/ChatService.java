package at.jobfair.chat;

import at.jobfair.access.Relations;
import at.jobfair.access.StaffAccess;
import at.jobfair.audit.AuditChain;
import at.jobfair.audit.AuditLog;
import at.jobfair.chat.ChatPolicy.Seat;
import at.jobfair.chat.ChatStore.Conversation;
import at.jobfair.chat.ChatStore.Message;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.mail.Mail;
import at.jobfair.mail.MailSender;
import at.jobfair.mail.Outbox;
import at.jobfair.mail.Recipients;
import at.jobfair.meeting.GroupSessions;
import at.jobfair.refusal.Reason;
import at.jobfair.web.Messages;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;
import java.util.List;

/**
 * The chat's transactions: find the reader's seat ({@link ChatPolicy}), write a message under the sender's rate and the
 * conversation's numbering, mark what a side has read, block, report; a caseworker's read is audited and logged for
 * the person. Every refusal of a conversation one has no seat at is "not found", so nobody learns whom others write to.
 */
public final class ChatService {

  /** How many messages a conversation's page or a read shows at most (the newest). */
  static final int PAGE = 200;

  private final Pool pool;
  private final ChatStore store;
  private final GroupSessions groups;
  private final AuditLog audit;
  private final Relations relations;
  private final ChatConfig config;
  private final Clock clock;
  private final Mails mails;

  /**
   * How the organisers are told of a new report: a mail each, queued in the report's transaction, in their language,
   * with a link to the reports page of {@code publicUrl} (the message's text stays on the page).
   */
  public record Mails(Outbox outbox, MailSender sender, Messages messages, String publicUrl) {
  }

  public ChatService(Pool pool, ChatStore store, GroupSessions groups, AuditLog audit, Relations relations, ChatConfig config,
                     Clock clock, Mails mails) {
    this.mails = mails;
    this.pool = pool;
    this.store = store;
    this.groups = groups;
    this.audit = audit;
    this.relations = relations;
    this.config = config;
    this.clock = clock;
  }

  public ChatConfig config() {
    return config;
  }

  /** A conversation and the reader's seat at it. */
  public record Seated(Conversation conversation, Seat seat) {
  }

  /** The reader's seat at the conversation, or 404 {@code chat_not_found} when they have none. */
  Future<Seated> seat(SqlClient c, Account user, Conversation conv) {
    if (conv == null || user == null) return Future.failedFuture(Reason.CHAT_NOT_FOUND.refuse());
    if (conv.group()) {
      return groups.enter(user, conv.fairId()).map(g -> new Seated(conv, Seat.MEMBER))
          .recover(e -> Future.failedFuture(Reason.CHAT_NOT_FOUND.refuse()));
    }
    boolean person = user.id() == conv.jobseekerId() && user.has(Role.JOBSEEKER);
    boolean booth = user.has(Role.EMPLOYER) && user.worksFor(conv.employerId());
    Future<boolean[]> facts = person || booth || !user.has(Role.SFA) ? Future.succeededFuture(new boolean[] {false, false})
        : store.caseFacts(c, user.id(), conv.jobseekerId(), conv.boothId());
    return facts.compose(f -> {
      Seat seat = ChatPolicy.seat(new ChatPolicy.Facts(person, booth, f[0], f[1]));
      return seat == null ? Future.failedFuture(Reason.CHAT_NOT_FOUND.refuse()) : Future.succeededFuture(new Seated(conv, seat));
    });
  }

  Future<Seated> seat(SqlClient c, Account user, long conversationId) {
    return store.conversation(c, conversationId).compose(conv -> seat(c, user, conv));
  }

  /** Whether the user may watch the conversation live: a writing seat (the case reader reads when they look). */
  public Future<Boolean> mayWatch(Account user, long conversationId) {
    return seat(pool, user, conversationId).map(s -> s.seat().writes()).otherwise(false);
  }

  /** Whether the user answers for the booth (watches its inbox): one of its employer's representatives. */
  public Future<Boolean> answersFor(Account user, long boothId) {
    if (user == null || !user.has(Role.EMPLOYER)) return Future.succeededFuture(false);
    return store.boothEmployer(pool, boothId).map(e -> e != null && user.worksFor(e));
  }

  /** The booth's inbox is its representatives' only: 404 for a booth that is not there, 403 for anyone else. */
  Future<Void> requireBooth(Account user, long boothId) {
    return store.boothEmployer(pool, boothId).compose(e -> {
      if (e == null) return Future.failedFuture(Reason.BOOTH_NOT_FOUND.refuse());
      if (!user.has(Role.EMPLOYER) || !user.worksFor(e)) return Future.failedFuture(Reason.NOT_YOUR_BOOTH.refuse());
      return Future.succeededFuture();
    });
  }

  /**
   * The conversation with its newest messages (after {@code afterSeq}), as the reader sees it; the reader's side has
   * read them now. A caseworker's read is recorded in the audit trail and in the person's access log.
   */
  public Future<JsonObject> read(Account user, long conversationId, long afterSeq) {
    return pool.withTransaction(tx -> seat(tx, user, conversationId).compose(s -> view(tx, user, s, afterSeq)));
  }

  private Future<JsonObject> view(SqlClient tx, Account user, Seated s, long afterSeq) {
    Conversation conv = s.conversation();
    return store.messages(tx, conv.id(), Math.max(0, afterSeq), PAGE).compose(messages -> {
      long last = messages.isEmpty() ? 0 : messages.get(messages.size() - 1).seq();
      Future<Void> marked = switch (s.seat()) {
        case PERSON -> last > conv.personRead() ? store.markRead(tx, conv.id(), true, last) : Future.succeededFuture();
        case BOOTH -> last > conv.boothRead() ? store.markRead(tx, conv.id(), false, last) : Future.succeededFuture();
        case MEMBER -> Future.succeededFuture();
        case CASE_READER -> logCaseRead(tx, user, conv);
      };
      return marked.map(v -> json(user, s, messages));
    });
  }

  private Future<Void> logCaseRead(SqlClient tx, Account user, Conversation conv) {
    return audit.append(tx, AuditChain.Entry.of(clock.instant(), user.id(), Role.SFA.name(), "chat:" + conv.id(), "READ", null, null,
            "open case involving booth " + conv.boothId()))
        .compose(v -> relations.of(user, conv.jobseekerId()))
        .compose(rel -> relations.logRead(user, conv.jobseekerId(), "chat", rel, StaffAccess.Data.BENEFIT));
  }

  JsonObject json(Account user, Seated s, List<Message> messages) {
    Conversation c = s.conversation();
    JsonArray out = new JsonArray();
    for (Message m : messages) out.add(json(user, s, m));
    JsonObject j = new JsonObject().put("id", c.id()).put("kind", c.kind()).put("seat", s.seat().name())
        .put("fair", new JsonObject().put("id", c.fairId()).put("name", c.fairName()))
        .put("lastSeq", messages.isEmpty() ? c.lastSeq() : Math.max(c.lastSeq(), messages.get(messages.size() - 1).seq()))
        .put("maxLength", config.maxLength()).put("messages", out);
    if (!c.group()) {
      j.put("booth", new JsonObject().put("id", c.boothId()).put("employer", c.employerName()))
          .put("person", new JsonObject().put("id", c.jobseekerId()).put("name", c.personName()))
          .put("blocked", c.blocked());
    }
    return j;
  }

  JsonObject json(Account user, Seated s, Message m) {
    Conversation c = s.conversation();
    boolean own = s.seat() == Seat.MEMBER ? m.senderId() != null && m.senderId() == user.id() : m.side().equals(s.seat().side());
    String sender = "BOOTH".equals(m.side()) ? m.senderName() + " · " + c.employerName() : m.senderName();
    return new JsonObject().put("id", m.id()).put("seq", m.seq()).put("side", m.side()).put("sender", sender).put("own", own)
        .put("text", m.body()).put("sentAt", m.sentAt().toString());
  }

  /** Writes a message into a conversation the writer has a writing seat at. */
  public Future<JsonObject> write(Account user, long conversationId, String raw) {
    String text = ChatPolicy.text(raw, config.maxLength());
    return pool.withTransaction(tx -> seat(tx, user, conversationId).compose(s -> append(tx, user, s, text)));
  }

  /** The person writes to a booth: their conversation with it is started by the first message. */
  public Future<JsonObject> writeToBooth(Account user, long boothId, String raw) {
    if (!user.has(Role.JOBSEEKER)) return Future.failedFuture(Reason.FORBIDDEN_ROLE.refuse());
    String text = ChatPolicy.text(raw, config.maxLength());
    return pool.withTransaction(tx -> store.booth(tx, boothId).compose(b -> {
      if (b == null) return Future.failedFuture(Reason.BOOTH_NOT_FOUND.refuse());
      return store.openPair(tx, user.id(), boothId).compose(conv -> seat(tx, user, conv)).compose(s -> append(tx, user, s, text));
    }));
  }

  private Future<JsonObject> append(SqlClient tx, Account user, Seated s, String text) {
    Reason cannot = ChatPolicy.mayWrite(s.seat(), false);
    if (cannot != null) return Future.failedFuture(cannot.refuse());
    return store.lockSender(tx, user.id()).compose(sent -> {
      if (sent >= config.messagesPerMinute()) {
        return Future.failedFuture(Reason.CHAT_TOO_MANY.refuseWith(new JsonObject().put("retryAfterSeconds", 60), String.valueOf(config.messagesPerMinute())));
      }
      return store.lockBlocked(tx, s.conversation().id());
    }).compose(blocked -> {
      Reason no = ChatPolicy.mayWrite(s.seat(), blocked);
      if (no != null) return Future.failedFuture(no.refuse());
      return store.append(tx, s.conversation().id(), user.id(), s.seat().side(), user.name(), text);
    }).compose(m -> {
      // One's own message is read by one's own side.
      Future<Void> read = switch (s.seat()) {
        case PERSON -> store.markRead(tx, m.conversationId(), true, m.seq());
        case BOOTH -> store.markRead(tx, m.conversationId(), false, m.seq());
        default -> Future.succeededFuture();
      };
      return read.map(v -> json(user, s, m).put("conversation", m.conversationId()));
    });
  }

  /** The person's conversation with a booth, or null when they have not written yet (the page offers to). */
  public Future<JsonObject> withBooth(Account user, long boothId) {
    if (!user.has(Role.JOBSEEKER)) return Future.failedFuture(Reason.FORBIDDEN_ROLE.refuse());
    return store.booth(pool, boothId).compose(b -> {
      if (b == null) return Future.failedFuture(Reason.BOOTH_NOT_FOUND.refuse());
      return store.pair(pool, user.id(), boothId).compose(conv -> conv == null
          ? Future.succeededFuture(new JsonObject().put("booth", new JsonObject().put("id", b.id()).put("employer", b.employerName()))
              .put("fair", new JsonObject().put("id", b.fairId()).put("name", b.fairName())).put("seat", Seat.PERSON.name())
              .put("maxLength", config.maxLength()).put("messages", new JsonArray()).put("lastSeq", 0).put("blocked", false))
          : read(user, conv.id(), 0));
    });
  }

  /**
   * The conversation of a booked interview's room: the person's conversation with the booth, started if need be; for
   * the booked person and the booth's representatives (everyone else: not found).
   */
  public Future<JsonObject> ofBooking(Account user, long bookingId) {
    return pool.withTransaction(tx -> store.booking(tx, bookingId).compose(b -> {
      if (b == null || user == null) return Future.failedFuture(Reason.CHAT_NOT_FOUND.refuse());
      boolean person = user.id() == b[0] && user.has(Role.JOBSEEKER);
      Future<Boolean> side = person ? Future.succeededFuture(true)
          : store.boothEmployer(tx, b[1]).map(e -> e != null && user.has(Role.EMPLOYER) && user.worksFor(e));
      return side.compose(ok -> ok ? store.openPair(tx, b[0], b[1]) : Future.failedFuture(Reason.CHAT_NOT_FOUND.refuse()))
          .compose(conv -> seat(tx, user, conv)).compose(s -> view(tx, user, s, 0));
    }));
  }

  /** The conversation of a fair's group session (its orientation part), for whoever may be in its room now. */
  public Future<JsonObject> ofGroup(Account user, long fairId) {
    return groups.enter(user, fairId).compose(g -> pool.withTransaction(tx -> store.openGroup(tx, fairId)
        .compose(conv -> view(tx, user, new Seated(conv, Seat.MEMBER), 0))));
  }

  /** The person blocks the booth's messages, or lifts the block. */
  public Future<JsonObject> block(Account user, long conversationId, boolean on) {
    return pool.withTransaction(tx -> seat(tx, user, conversationId).compose(s -> {
      Reason no = ChatPolicy.mayBlock(s.seat());
      if (no != null) return Future.failedFuture(no.refuse());
      return store.lockBlocked(tx, conversationId).compose(was -> store.block(tx, conversationId, on)
          .compose(v -> was == on ? Future.succeededFuture() : audit.append(tx, AuditChain.Entry.of(clock.instant(), user.id(),
              Role.JOBSEEKER.name(), "chat:" + conversationId, on ? "BLOCKED" : "UNBLOCKED", null, null, null)).mapEmpty()))
          .map(v -> new JsonObject().put("id", conversationId).put("blocked", on));
    }));
  }

  /**
   * Reports a message to the fair's organisers (with a copy of its text); reporting it again changes nothing. Every
   * organiser is mailed in the same transaction (in their language, the text only on the reports page).
   */
  public Future<JsonObject> report(Account user, long messageId, String reason) {
    String why = reason == null ? null : reason.strip();
    if (why != null && why.isEmpty()) why = null;
    if (why != null && why.length() > 1000) return Future.failedFuture(Reason.CHAT_REPORT_REASON_TOO_LONG.refuse());
    String given = why;
    return pool.withTransaction(tx -> store.message(tx, messageId).compose(m -> {
      if (m == null) return Future.failedFuture(Reason.CHAT_MESSAGE_NOT_FOUND.refuse());
      return seat(tx, user, m.conversationId()).recover(e -> Future.failedFuture(Reason.CHAT_MESSAGE_NOT_FOUND.refuse())).compose(s -> {
        if (s.seat() == Seat.MEMBER && m.senderId() != null && m.senderId() == user.id()) return Future.failedFuture(Reason.CHAT_REPORT_OWN.refuse());
        Reason no = ChatPolicy.mayReport(s.seat(), m.side());
        if (no != null) return Future.failedFuture(no.refuse());
        return store.report(tx, m, s.conversation().fairId(), user.id(), given).compose(id -> id == null ? Future.succeededFuture()
            : audit.append(tx, AuditChain.Entry.of(clock.instant(), user.id(), s.seat().name(), "chat-message:" + messageId,
                "REPORTED", null, null, null)).compose(v -> tellOrganisers(tx, id, s.conversation().fairName())))
            .map(v -> new JsonObject().put("message", messageId).put("reported", true));
      });
    })).onSuccess(v -> mails.sender().wake());
  }

  private Future<Void> tellOrganisers(SqlClient tx, long reportId, String fairName) {
    String link = mails.publicUrl().replaceAll("/+$", "") + "/admin/chat-reports#report-" + reportId;
    return Recipients.mailOrganisers(tx, mails.outbox(), o -> {
      Messages.Lang lang = Messages.Lang.parse(o.language());
      if (lang == null) lang = Messages.Lang.DE;
      return Mail.text(o.email(), o.name(), mails.messages().get(lang, "mail.chatReported.subject", fairName),
          mails.messages().get(lang, "mail.chatReported.text", o.name(), fairName, link), "CHAT_REPORTED", "chat-report:" + reportId);
    });
  }

  /** The person's conversations with booths and their unread counts. */
  public Future<JsonObject> mine(Account user) {
    return store.ofPerson(pool, user.id()).map(lines -> {
      JsonArray out = new JsonArray();
      long unread = 0;
      for (ChatStore.Line l : lines) {
        out.add(line(l).put("booth", new JsonObject().put("id", l.boothId()).put("employer", l.company())));
        unread += l.unread();
      }
      return new JsonObject().put("unread", unread).put("conversations", out);
    });
  }

  public Future<List<ChatStore.Line>> mineLines(Account user) {
    return store.ofPerson(pool, user.id());
  }

  /** How many messages the user has not read: a person's from booths, a representative's per booth of theirs. */
  public Future<JsonObject> unread(Account user) {
    Future<Long> own = user.has(Role.JOBSEEKER) ? store.unreadOfPerson(pool, user.id()) : Future.succeededFuture(0L);
    Future<List<ChatStore.BoothUnread>> booths = boothsOf(user);
    return Future.all(own, booths).map(v -> {
      JsonArray perBooth = new JsonArray();
      long total = own.result();
      for (ChatStore.BoothUnread b : booths.result()) {
        perBooth.add(new JsonObject().put("booth", b.boothId()).put("fair", b.fairName()).put("unread", b.unread()));
        total += b.unread();
      }
      return new JsonObject().put("unread", total).put("person", own.result()).put("booths", perBooth);
    });
  }

  /** The booths of a representative's employer with their unread counts (none for anyone else). */
  public Future<List<ChatStore.BoothUnread>> boothsOf(Account user) {
    return user.has(Role.EMPLOYER) && user.employerId() != null ? store.unreadOfEmployer(pool, user.employerId())
        : Future.succeededFuture(List.of());
  }

  /** Whether the user answers for the employer's booths (watches their inboxes live). */
  public Future<Boolean> answersForEmployer(Account user, long employerId) {
    return Future.succeededFuture(user != null && user.has(Role.EMPLOYER) && user.worksFor(employerId));
  }

  /** A booth's inbox: its conversations, newest first, with the person's unread messages (its representatives). */
  public Future<JsonObject> inbox(Account user, long boothId) {
    return requireBooth(user, boothId).compose(v -> store.ofBooth(pool, boothId)).map(lines -> {
      JsonArray out = new JsonArray();
      long unread = 0;
      for (ChatStore.Line l : lines) {
        out.add(line(l).put("person", l.name()));
        unread += l.unread();
      }
      return new JsonObject().put("booth", boothId).put("unread", unread).put("conversations", out);
    });
  }

  public Future<List<ChatStore.Line>> inboxLines(Account user, long boothId) {
    return requireBooth(user, boothId).compose(v -> store.ofBooth(pool, boothId));
  }

  private static JsonObject line(ChatStore.Line l) {
    return new JsonObject().put("id", l.id()).put("unread", l.unread()).put("lastAt", l.lastAt().toString())
        .put("last", l.last()).put("blocked", l.blocked());
  }

  /** Open reports with their copies (organisers). */
  public Future<List<ChatStore.Report>> reports(Account user) {
    Reason no = ChatPolicy.mayHandleReports(user != null && user.has(Role.ORGANIZER));
    if (no != null) return Future.failedFuture(no.refuse());
    return store.reports(pool);
  }

  /** The reports handled most recently, with who handled them, when and the outcome (organisers). */
  public Future<List<ChatStore.Report>> handledReports(Account user) {
    Reason no = ChatPolicy.mayHandleReports(user != null && user.has(Role.ORGANIZER));
    if (no != null) return Future.failedFuture(no.refuse());
    return store.handledReports(pool, 50);
  }

  /**
   * An organiser marks an open report handled with a short outcome note: kept with the report (who, when) and in the
   * audit trail, in one transaction. Of two organisers at once exactly one marks it; the other gets 409
   * {@code chat_report_handled}; a report that is not there (or deleted by retention) 404.
   */
  public Future<ChatStore.Report> handle(Account user, long reportId, String rawOutcome) {
    Reason no = ChatPolicy.mayHandleReports(user != null && user.has(Role.ORGANIZER));
    if (no != null) return Future.failedFuture(no.refuse());
    String outcome;
    try {
      outcome = ChatPolicy.outcome(rawOutcome);
    } catch (at.jobfair.refusal.Refused e) {
      return Future.failedFuture(e);
    }
    return pool.withTransaction(tx -> store.markHandled(tx, reportId, user.id(), user.name(), outcome).compose(marked -> {
      if (!marked) {
        return store.report(tx, reportId).compose(r -> Future.failedFuture(r == null
            ? Reason.CHAT_REPORT_NOT_FOUND.refuse() : Reason.CHAT_REPORT_HANDLED.refuse()));
      }
      return audit.append(tx, AuditChain.Entry.of(clock.instant(), user.id(), Role.ORGANIZER.name(), "chat-report:" + reportId,
              "CHAT_REPORT_HANDLED", "OPEN", "HANDLED", outcome))
          .compose(v -> store.report(tx, reportId));
    }));
  }
}
