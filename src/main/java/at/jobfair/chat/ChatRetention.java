package at.jobfair.chat;

import at.jobfair.retention.AgeRule;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.util.List;

/**
 * Chat messages are deleted {@code days} after they were sent ({@code chat.retentionDays}), one item per conversation
 * (its old messages all at once); a conversation left without messages goes with them. Reports keep a copy of the
 * message: they go by the same period ({@link Reports}).
 */
public final class ChatRetention extends AgeRule {

  public ChatRetention(int days) {
    super("chat", "DELETED", """
            with due as (
              select c.id from chat_conversation c
               where exists (select 1 from chat_message m where m.conversation_id = c.id and m.sent_at < $2)
               order by c.id limit $1 for update skip locked),
            gone as (delete from chat_message m using due where m.conversation_id = due.id and m.sent_at < $2
                     returning m.conversation_id)
            select conversation_id, count(*) as n from gone group by conversation_id order by conversation_id""",
        r -> r.getLong(1) + " messages, " + days + " days after they were sent", Duration.ofDays(days));
  }

  /** The conversations left without messages go too. */
  @Override
  protected Future<Void> then(SqlClient tx, List<Removed> done) {
    return tx.preparedQuery("""
            delete from chat_conversation c where c.id = any($1)
               and not exists (select 1 from chat_message m where m.conversation_id = c.id)""")
        .execute(Tuple.of(ids(done))).mapEmpty();
  }

  /** Reports (a copy of the reported message): deleted as the message is, {@code days} after it was sent. */
  public static final class Reports extends AgeRule {

    public Reports(int days) {
      super("chat_report", "DELETED", """
              with due as (select id from chat_report where sent_at < $2 order by id limit $1 for update skip locked)
              delete from chat_report r using due where r.id = due.id returning r.id""",
          r -> days + " days after the message was sent", Duration.ofDays(days));
    }
  }
}
