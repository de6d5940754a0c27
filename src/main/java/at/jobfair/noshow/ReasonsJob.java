package at.jobfair.noshow;

import at.jobfair.mail.MailSender;
import at.jobfair.mail.Outbox;
import at.jobfair.noshow.ReasonsLetters.Letter;
import at.jobfair.noshow.ReasonsPolicy.State;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static at.jobfair.noshow.ReasonsSteps.each;

/**
 * The request job, run by every node: asks for reasons after each due no-show and overdue proposal (once each, however
 * many nodes run it: the unique booking and invitation of a request decide), records a missed deadline as NO_ANSWER
 * once, and withdraws a request whose appointment was excused afterwards. Every step by the platform, audited.
 */
final class ReasonsJob {

  static final int BATCH = 200;

  private final Pool pool;
  private final NoShowStore store;
  private final ReasonsSteps steps;
  private final Outbox outbox;
  private final MailSender mailSender;
  private final NoShowMails mails;
  private final Supplier<ReasonsLetters> letters;
  private final Clock clock;
  private final int reasonsDays;

  ReasonsJob(Pool pool, NoShowStore store, ReasonsSteps steps, Outbox outbox, MailSender mailSender, NoShowMails mails,
             Supplier<ReasonsLetters> letters, Clock clock, int reasonsDays) {
    this.pool = pool;
    this.store = store;
    this.steps = steps;
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.mails = mails;
    this.letters = letters;
    this.clock = clock;
    this.reasonsDays = reasonsDays;
  }

  Future<Integer> run() {
    return ask().compose(a -> recordNoAnswers().compose(n -> withdrawExcused().map(w -> a + n + w)));
  }

  /** Opens a request for every due no-show and overdue proposal (each once), mails the person, and writes the letter. */
  Future<Integer> ask() {
    return pool.withTransaction(tx -> store.askNoShows(tx, reasonsDays, BATCH)
            .compose(a -> store.askOverdue(tx, reasonsDays, BATCH).map(b -> {
              List<Long> all = new ArrayList<>(a);
              all.addAll(b);
              return all;
            }))
            .compose(ids -> each(ids, id -> store.get(tx, id, false).compose(r -> outbox.enqueue(tx, mails.request(r))
                .compose(mail -> store.outbox(tx, id, mail))
                .compose(v -> steps.write(tx, r, "ASK", null, State.ASKED, null, null, null, null, null))
                .compose(v -> letters.get().issue(tx, new Letter("REASONS_REQUESTED", null, r, null, null, null, clock.instant())))))
                .map(ids.size())))
        .onSuccess(n -> {
          if (n > 0) mailSender.wake();
        });
  }

  /** Requests whose deadline passed without an answer: recorded as NO_ANSWER once, never as a refusal. */
  Future<Integer> recordNoAnswers() {
    return pool.withTransaction(tx -> store.markNoAnswers(tx, BATCH)
        .compose(ids -> each(ids, id -> store.get(tx, id, false)
            .compose(r -> steps.write(tx, r, "NO_ANSWER", State.ASKED, State.NO_ANSWER, null, null, null, null, null))).map(ids.size())));
  }

  /** Requests about an appointment excused after all (a sick note, an outage, a corrected outcome) are withdrawn. */
  Future<Integer> withdrawExcused() {
    return pool.withTransaction(tx -> store.withdrawExcused(tx)
        .compose(rows -> each(rows, row -> store.get(tx, (Long) row[0], false)
            .compose(r -> steps.write(tx, r, "WITHDRAW", State.valueOf((String) row[1]), State.WITHDRAWN, null, null, null, null, null)))
            .map(rows.size())));
  }
}
