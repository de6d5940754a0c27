package at.jobfair.mail;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Who is mailed when something waits for a role rather than a person. */
public final class Recipients {

  /** A person to mail, in their language (null: German). */
  public record Recipient(String email, String name, String language) {
  }

  private Recipients() {
  }

  /**
   * Queues one mail to every active organiser, each made for them by {@code mail} (in their language), in the caller's
   * transaction.
   */
  public static Future<Void> mailOrganisers(SqlClient tx, Outbox outbox, Function<Recipient, Mail> mail) {
    return organisers(tx).compose(list -> {
      Future<Long> chain = Future.succeededFuture();
      for (Recipient r : list) chain = chain.compose(x -> outbox.enqueue(tx, mail.apply(r)));
      return chain.mapEmpty();
    });
  }

  /** Every active organiser (organisers are platform-wide: each may handle any fair's reports and applications). */
  private static Future<List<Recipient>> organisers(SqlClient c) {
    return c.query("""
            select a.email::text, a.name, a.language from account a
              join account_role r on r.account_id = a.id and r.role = 'ORGANIZER'
             where a.active order by a.id""")
        .execute().map(rows -> {
          List<Recipient> out = new ArrayList<>();
          for (Row r : rows) out.add(new Recipient(r.getString(0), r.getString(1), r.getString(2)));
          return out;
        });
  }
}
