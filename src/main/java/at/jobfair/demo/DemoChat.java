package at.jobfair.demo;

import at.jobfair.chat.ChatService;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.util.EnumSet;

/**
 * The demo's chat: Alex (seeker@demo.test) wrote to Hotel Alpenblick's booth on the e-Jobmeeting and Eva Huber
 * (employer@demo.test) answered; Alex has not read the answer yet, so his menu shows one unread message. Mina
 * (seeker2@demo.test) asked a question the booth has not read yet: the booth's inbox shows it as unread. Runs once,
 * right after the demo was seeded, through the real service.
 */
public final class DemoChat {

  private DemoChat() {
  }

  public static Future<Void> run(Pool pool, ChatService chats) {
    return pool.query("""
            select a.id as alex, a.name as alex_name, m.id as mina, m.name as mina_name, e.id as eva, e.name as eva_name,
                   e.employer_id, (select b.id from booth b join fair f on f.id = b.fair_id
                                    where b.employer_id = e.employer_id and f.format = 'E_JOBMEETING' order by b.id limit 1) as booth,
                   j.id as jonas, j.name as jonas_name, j.employer_id as jonas_employer,
                   (select b.id from booth b join fair f on f.id = b.fair_id
                     where b.employer_id = j.employer_id and f.status = 'PUBLISHED' order by (f.format = 'E_JOBMEETING') desc, b.id limit 1) as jonas_booth
              from account a, account m, account e, account j
             where a.email = 'seeker@demo.test' and m.email = 'seeker2@demo.test' and e.email = 'employer@demo.test'
               and j.email = 'employer2@demo.test'""")
        .execute().compose(rows -> {
          if (rows.size() == 0) return Future.succeededFuture();
          Row r = rows.iterator().next();
          Long booth = r.getLong("booth");
          if (booth == null) return Future.succeededFuture();
          Account alex = new Account(r.getLong("alex"), "seeker@demo.test", r.getString("alex_name"), "de", null, EnumSet.of(Role.JOBSEEKER));
          Account mina = new Account(r.getLong("mina"), "seeker2@demo.test", r.getString("mina_name"), "en", null, EnumSet.of(Role.JOBSEEKER));
          Account eva = new Account(r.getLong("eva"), "employer@demo.test", r.getString("eva_name"), "de", r.getLong("employer_id"),
              EnumSet.of(Role.EMPLOYER));
          return chats.writeToBooth(alex, booth, "Guten Tag! Ich habe 5 Jahre als Koch gearbeitet. Gibt es bei Ihnen auch Stellen mit Unterkunft?")
              .compose(first -> chats.read(eva, first.getLong("conversation"), 0)
                  .compose(v -> chats.write(eva, first.getLong("conversation"),
                      "Hallo Herr Berger, ja: Zu unseren Stellen gehört ein Personalzimmer. Buchen Sie gerne einen Termin.")))
              .compose(v -> chats.writeToBooth(mina, booth, "Hello, do I need to speak German for the kitchen assistant job?"))
              .compose(v -> report(chats, mina, r))
              .mapEmpty();
        });
  }

  /**
   * An open report for the organisers' page: Mina asked Gasthof Donaublick's booth about work, Jonas Wimmer answered
   * with an offer off the books, and Mina reported it (the organisers are mailed, the report waits on /admin/chat-reports).
   */
  private static Future<Void> report(ChatService chats, Account mina, Row r) {
    Long booth = r.getLong("jonas_booth");
    if (booth == null) return Future.succeededFuture();
    Account jonas = new Account(r.getLong("jonas"), "employer2@demo.test", r.getString("jonas_name"), "de", r.getLong("jonas_employer"),
        EnumSet.of(Role.EMPLOYER));
    return chats.writeToBooth(mina, booth, "Hello, is the waiter job full-time?")
        .compose(first -> chats.write(jonas, first.getLong("conversation"),
            "Yes. Send me your phone number on WhatsApp, we pay cash, no contract needed."))
        .compose(answer -> chats.report(mina, answer.getLong("id"), "He asks me to work without a contract."))
        .mapEmpty();
  }
}
