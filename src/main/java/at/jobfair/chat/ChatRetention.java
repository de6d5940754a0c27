package at.jobfair.chat;

import at.jobfair.retention.RetentionRule;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static at.jobfair.db.Rows.utc;

/**
 * Chat messages are deleted {@code days} after they were sent ({@code chat.retentionDays}), one item per conversation
 * (its old messages all at once); a conversation left without messages goes with them. Reports keep a copy of the
 * message: they go by the same period ({@link Reports}).
 */
public final class ChatRetention implements RetentionRule {

  private final int days;

  public ChatRetention(int days) {
    this.days = days;
  }

  @Override
  public String kind() {
    return "chat";
  }

  @Override
  public Future<List<Removed>> apply(SqlClient tx, Instant now, int limit) {
    return tx.preparedQuery("""
            with due as (
              select c.id from chat_conversation c
               where exists (select 1 from chat_message m where m.conversation_id = c.id and m.sent_at < $1)
               order by c.id limit $2 for update skip locked),
            gone as (delete from chat_message m using due where m.conversation_id = due.id and m.sent_at < $1
                     returning m.conversation_id)
            select conversation_id, count(*) as n from gone group by conversation_id order by conversation_id""")
        .execute(Tuple.of(utc(now.minus(Duration.ofDays(days))), limit))
        .compose(rows -> {
          List<Removed> out = new ArrayList<>();
          List<Long> ids = new ArrayList<>();
          for (Row r : rows) {
            ids.add(r.getLong(0));
            out.add(new Removed(r.getLong(0), "DELETED", r.getLong(1) + " messages, " + days + " days after they were sent"));
          }
          if (ids.isEmpty()) return Future.succeededFuture(out);
          return tx.preparedQuery("""
                  delete from chat_conversation c where c.id = any($1)
                     and not exists (select 1 from chat_message m where m.conversation_id = c.id)""")
              .execute(Tuple.of(ids.toArray(new Long[0]))).map(v -> out);
        });
  }

  /** Reports (a copy of the reported message): deleted as the message is, {@code days} after it was sent. */
  public static final class Reports implements RetentionRule {

    private final int days;

    public Reports(int days) {
      this.days = days;
    }

    @Override
    public String kind() {
      return "chat_report";
    }

    @Override
    public Future<List<Removed>> apply(SqlClient tx, Instant now, int limit) {
      return tx.preparedQuery("""
              with due as (select id from chat_report where sent_at < $1 order by id limit $2 for update skip locked)
              delete from chat_report r using due where r.id = due.id returning r.id""")
          .execute(Tuple.of(utc(now.minus(Duration.ofDays(days))), limit))
          .map(rows -> {
            List<Removed> out = new ArrayList<>();
            for (Row r : rows) out.add(new Removed(r.getLong(0), "DELETED", days + " days after the message was sent"));
            out.sort(java.util.Comparator.comparingLong(Removed::id));
            return out;
          });
    }
  }
}
