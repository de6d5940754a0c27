package at.jobfair.mail;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/** All SQL on the mail outbox. */
public final class OutboxStore {

  /** The states of a message; see V5__mail_outbox.sql for what each means. */
  public enum Status {
    QUEUED, SENDING, SENT, KEPT, FAILED, UNCERTAIN;

    /** The states from which staff may send a message again. */
    public boolean resendable() {
      return this == UNCERTAIN || this == FAILED || this == KEPT;
    }

    /** The status as the database spells it. */
    public static Status of(String db) {
      return db == null ? null : valueOf(db);
    }

    public String db() {
      return name();
    }

    /** A status a person typed (any case, spaces around), or null when there is none such. */
    public static Status parse(String code) {
      try {
        return code == null ? null : valueOf(code.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  /** An attachment as stored: its bytes are read only when someone downloads it. */
  public record StoredAttachment(String filename, String contentType, int size) {
  }

  /** A message as staff see it: what it is about, its recipient, its content and how its delivery went. */
  public record Message(long id, String kind, String ref, Recipient to, Content content, Delivery delivery) {

    /** The address and the name for the To header (may be null). */
    public record Recipient(String address, String name) {
    }

    /** Subject, bodies and files; in lists {@code text} and {@code html} are null. */
    public record Content(String subject, String text, String html, List<StoredAttachment> attachments) {
    }

    /** Where the message stands; {@code messageId} is fixed at the first claim, null before. */
    public record Delivery(Status status, int attempts, String lastError, Instant createdAt, Instant sentAt,
                           Instant nextAttemptAt, String messageId) {
    }

    public JsonObject toJson() {
      JsonArray files = new JsonArray();
      content.attachments().forEach(a -> files.add(new JsonObject().put("filename", a.filename()).put("contentType", a.contentType())
          .put("size", a.size())));
      JsonObject json = new JsonObject().put("id", id).put("kind", kind).put("ref", ref).put("to", to.address())
          .put("toName", to.name()).put("subject", content.subject()).put("status", delivery.status().db())
          .put("attempts", delivery.attempts()).put("lastError", delivery.lastError())
          .put("createdAt", delivery.createdAt().toString()).put("sentAt", delivery.sentAt() == null ? null : delivery.sentAt().toString())
          .put("messageId", delivery.messageId()).put("attachments", files);
      if (content.text() != null) json.put("text", content.text()).put("html", content.html());
      return json;
    }
  }

  /** A message claimed for sending, with everything the SMTP message needs. */
  public record Claimed(long id, String to, String toName, String subject, String text, String html,
                        List<Mail.Attachment> attachments, String messageId) {
  }

  /**
   * A message's row: the arguments of the database's {@code outbox_enqueue} (V30), for {@link #INSERT} or for a statement
   * that queues it together with the change it reports.
   */
  static Tuple values(Mail mail, Status status) {
    JsonArray files = new JsonArray();
    for (Mail.Attachment a : mail.attachments()) {
      files.add(new JsonObject().put("filename", a.filename()).put("contentType", a.contentType())
          .put("content", Base64.getEncoder().encodeToString(a.bytes())));
    }
    return Tuple.of(mail.kind(), mail.dedupeKey(), mail.to(), mail.toName(), mail.subject(), mail.text())
        .addValue(mail.html()).addValue(files).addValue(status.db());
  }

  /** Queues a message once per (kind, ref, address); answers the id of the new row or of the one already there. */
  private static final String INSERT = """
            select coalesce(outbox_enqueue($1, $2, $3, $4, $5, $6, $7, $8, $9),
                            (select id from mail_outbox where kind = $1 and ref = $2 and to_address = $3)) as id""";

  private static final String SUMMARY = """
      select id, kind, ref, to_address::text as to_address, to_name, subject, status, attempts, last_error, created_at,
             sent_at, next_attempt_at, message_id,
             (select coalesce(jsonb_agg(jsonb_build_object('filename', a ->> 'filename', 'contentType', a ->> 'contentType',
                      'size', length(decode(a ->> 'content', 'base64'))) order by n), '[]')
                from jsonb_array_elements(attachments) with ordinality as x(a, n)) as files
      """;

  private final Pool pool;

  public OutboxStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Adds a message on the caller's connection (inside its transaction). The same kind, ref and recipient twice is
   * one message: the answer is then the id of the message already there.
   */
  public Future<Long> insert(SqlClient tx, Mail mail, Status status) {
    Tuple key = Tuple.of(mail.kind(), mail.dedupeKey(), mail.to());
    return tx.preparedQuery(INSERT)
        .execute(values(mail, status))
        .compose(rows -> rows.iterator().next().getLong("id") != null ? Future.succeededFuture(rows.iterator().next().getLong("id"))
            // Another transaction added the same message at this very moment: our statement's snapshot cannot see
            // it, a new statement can.
            : tx.preparedQuery("select id from mail_outbox where kind = $1 and ref = $2 and to_address = $3").execute(key)
                .map(again -> again.size() > 0 ? again.iterator().next().getLong("id") : null));
  }

  /**
   * Takes up to {@code limit} due messages for this sender. Rows another sender is claiming at the same moment are
   * skipped, so no message is ever taken twice. The Message-ID is fixed at the first claim.
   */
  public Future<List<Claimed>> claim(String sender, String messageIdHost, int limit) {
    return pool.preparedQuery("""
            with due as (
              select id from mail_outbox where status = 'QUEUED' and next_attempt_at <= now()
               order by id limit $3 for update skip locked)
            update mail_outbox o
               set status = 'SENDING', claimed_at = now(), claimed_by = $1, attempts = o.attempts + 1,
                   message_id = coalesce(o.message_id,
                     '<outbox-' || o.id || '.' || extract(epoch from o.created_at)::bigint || '@' || $2 || '>')
              from due where o.id = due.id
            returning o.id, o.to_address::text as to_address, o.to_name, o.subject, o.body_text, o.body_html,
                      o.attachments, o.message_id""")
        .execute(Tuple.of(sender, messageIdHost, limit))
        .map(rows -> {
          List<Claimed> out = new ArrayList<>();
          for (Row r : rows) {
            List<Mail.Attachment> files = new ArrayList<>();
            JsonArray stored = (JsonArray) r.getValue("attachments");
            for (int i = 0; i < stored.size(); i++) {
              JsonObject a = stored.getJsonObject(i);
              files.add(new Mail.Attachment(a.getString("filename"), a.getString("contentType"),
                  Base64.getDecoder().decode(a.getString("content"))));
            }
            out.add(new Claimed(r.getLong("id"), r.getString("to_address"), r.getString("to_name"), r.getString("subject"),
                r.getString("body_text"), r.getString("body_html"), files, r.getString("message_id")));
          }
          out.sort(Comparator.comparingLong(Claimed::id));
          return out;
        });
  }

  /** The SMTP server accepted the message. */
  public Future<Boolean> markSent(long id, String sender) {
    return pool.preparedQuery("""
            update mail_outbox set status = 'SENT', sent_at = now(), last_error = null
             where id = $1 and claimed_by = $2 and status = 'SENDING'""")
        .execute(Tuple.of(id, sender)).map(rows -> rows.rowCount() == 1);
  }

  /**
   * A send that certainly did not deliver: back to the queue after a growing pause ({@code retryMillis}, doubled
   * each time, at most 6 hours), or FAILED when the server refused for good or this was the last attempt.
   */
  public Future<Status> markNotSent(long id, String sender, String error, boolean permanent, int maxAttempts,
                                    long retryMillis) {
    return pool.preparedQuery("""
            update mail_outbox
               set status = case when $4 or attempts >= $5 then 'FAILED' else 'QUEUED' end,
                   last_error = $3,
                   next_attempt_at = now() + make_interval(secs => least($6::float8 * power(2, greatest(attempts - 1, 0)),
                                                                      21600000) / 1000.0)
             where id = $1 and claimed_by = $2 and status = 'SENDING'
            returning status""")
        .execute(Tuple.of(id, sender, truncate(error), permanent, maxAttempts, (double) retryMillis))
        .map(rows -> rows.size() == 0 ? null : Status.of(rows.iterator().next().getString("status")));
  }

  /** A send that may or may not have gone out: staff decide. */
  public Future<Boolean> markUncertain(long id, String sender, String error) {
    return pool.preparedQuery("""
            update mail_outbox set status = 'UNCERTAIN', last_error = $3
             where id = $1 and claimed_by = $2 and status = 'SENDING'""")
        .execute(Tuple.of(id, sender, truncate(error))).map(rows -> rows.rowCount() == 1);
  }

  /**
   * Sends cut off by a crash: SENDING for longer than any live sender keeps a message. They may have gone out, so
   * they become UNCERTAIN rather than being sent again. Answers how many.
   */
  public Future<Integer> abandonStale(long olderThanMillis, String reason) {
    return pool.preparedQuery("""
            update mail_outbox set status = 'UNCERTAIN', last_error = $2
             where status = 'SENDING' and claimed_at < now() - make_interval(secs => $1::float8 / 1000.0)""")
        .execute(Tuple.of((double) olderThanMillis, reason)).map(rows -> rows.rowCount());
  }

  /** Messages still to go out (queued or being sent) and the age in seconds of the oldest of them (0 when none). */
  public record Backlog(long messages, double oldestSeconds) {
    public static final Backlog NONE = new Backlog(0, 0);
  }

  /** The backlog, for the metrics: one short read over the partial indexes of unsent messages. */
  public Future<Backlog> backlog() {
    return pool.query("""
            select count(*) as messages, coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as oldest_seconds
              from mail_outbox where status in ('QUEUED', 'SENDING')""")
        .execute().map(rows -> {
          Row r = rows.iterator().next();
          return new Backlog(r.getLong("messages"), r.getDouble("oldest_seconds"));
        });
  }

  /** Without SMTP: every queued message is kept for staff to read. Answers how many. */
  public Future<Integer> keepQueued() {
    return pool.query("update mail_outbox set status = 'KEPT' where status = 'QUEUED'").execute().map(rows -> rows.rowCount());
  }

  /**
   * Newest first; {@code status} null for all, {@code to} a part of the address (any case), or null. {@code scope}: a
   * boolean SQL expression over the row (its {@code to_address}) with {@code $4} the reader's id and {@code $5} their
   * roles, which holds for every message the reader may see; a null {@code readerId} shows every message.
   */
  public Future<List<Message>> list(Status status, String to, int limit, String scope, Long readerId, String[] roles) {
    String pattern = to == null || to.isBlank() ? null
        : "%" + to.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return pool.preparedQuery(SUMMARY + """
             from mail_outbox
            where ($1::text is null or status = $1) and ($2::text is null or to_address::text ilike $2)
              and ($4::bigint is null or\s""" + scope + ") order by id desc limit $3")
        .execute(Tuple.of(status == null ? null : status.db(), pattern, limit, readerId, roles))
        .map(rows -> {
          List<Message> out = new ArrayList<>();
          rows.forEach(r -> out.add(message(r, null, null)));
          return out;
        });
  }

  /** Whether the reader may see the message ({@code scope} as in {@link #list}). */
  public Future<Boolean> visible(long id, String scope, long readerId, String[] roles) {
    return pool.preparedQuery("select exists (select 1 from mail_outbox where id = $1 and " + scope.replace("$4", "$2").replace("$5", "$3") + ") as visible")
        .execute(Tuple.of(id, readerId, roles)).map(rows -> rows.iterator().next().getBoolean("visible"));
  }

  /** The account the message went to (by its address), or null for an address without one. */
  public Future<Long> recipient(String address) {
    return pool.preparedQuery("select id from account where email = $1").execute(Tuple.of(address))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("id"));
  }

  /** One message with its bodies, or null. */
  public Future<Message> get(long id) {
    return pool.preparedQuery(SUMMARY + ", body_text, body_html from mail_outbox where id = $1").execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return message(r, r.getString("body_text"), r.getString("body_html"));
        });
  }

  /** The index-th attachment of a message (from 0), or null. */
  public Future<Mail.Attachment> attachment(long id, int index) {
    if (index < 0) return Future.succeededFuture(null);
    return pool.preparedQuery("select attachments -> $2::int as a from mail_outbox where id = $1").execute(Tuple.of(id, index))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Object value = rows.iterator().next().getValue("a");
          if (!(value instanceof JsonObject a)) return null;
          return new Mail.Attachment(a.getString("filename"), a.getString("contentType"),
              Base64.getDecoder().decode(a.getString("content")));
        });
  }

  /**
   * Staff send a message again: from UNCERTAIN, FAILED or KEPT back to QUEUED, now, with a fresh count of attempts.
   * Answers false when the message is in no such state (or does not exist).
   */
  public Future<Boolean> resend(long id) {
    return pool.preparedQuery("""
            update mail_outbox set status = 'QUEUED', next_attempt_at = now(), attempts = 0
             where id = $1 and status in ('UNCERTAIN', 'FAILED', 'KEPT')""")
        .execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
  }

  private static Message message(Row r, String text, String html) {
    List<StoredAttachment> files = new ArrayList<>();
    JsonArray stored = (JsonArray) r.getValue("files");
    for (int i = 0; i < stored.size(); i++) {
      JsonObject a = stored.getJsonObject(i);
      files.add(new StoredAttachment(a.getString("filename"), a.getString("contentType"), a.getInteger("size")));
    }
    return new Message(r.getLong("id"), r.getString("kind"), r.getString("ref"),
        new Message.Recipient(r.getString("to_address"), r.getString("to_name")),
        new Message.Content(r.getString("subject"), text, html, files),
        new Message.Delivery(Status.of(r.getString("status")), r.getInteger("attempts"), r.getString("last_error"),
            instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("sent_at")),
            instant(r.getOffsetDateTime("next_attempt_at")), r.getString("message_id")));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static String truncate(String error) {
    if (error == null) return null;
    return error.length() <= 1000 ? error : error.substring(0, 1000) + "…";
  }
}
