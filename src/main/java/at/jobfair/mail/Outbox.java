package at.jobfair.mail;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * Where features put the emails they send. Call {@link #enqueue} inside the transaction that makes the change the
 * email reports: the message then exists if and only if that change committed. After the commit, call
 * {@link MailSender#wake()} to have it sent at once rather than at the next poll.
 *
 * <pre>{@code
 * pool.withTransaction(tx -> bookings.insert(tx, ...)
 *         .compose(id -> outbox.enqueue(tx, new Mail(to, name, subject, text, null, List.of(ics), "BOOKING_CONFIRMED", "booking:" + id))))
 *     .onSuccess(v -> mailSender.wake());
 * }</pre>
 */
public final class Outbox {

  private final OutboxStore store;
  private final boolean delivers;

  /** {@code delivers}: an SMTP server is configured, so messages are queued for it; otherwise they are kept. */
  public Outbox(OutboxStore store, boolean delivers) {
    this.store = store;
    this.delivers = delivers;
  }

  /**
   * Adds the message on the caller's connection or transaction. The same kind, dedupe key and recipient a second
   * time adds nothing (a retried request sends one mail). Answers the message's id, new or already there.
   */
  public Future<Long> enqueue(SqlClient tx, Mail mail) {
    return store.insert(tx, mail, delivers ? OutboxStore.Status.QUEUED : OutboxStore.Status.KEPT);
  }

  /**
   * The row of a message, for a statement that queues it in the same breath as the change it reports: the arguments
   * of the database's {@code outbox_enqueue} (V30; the same kind, dedupe key and recipient a second time add nothing).
   */
  public io.vertx.sqlclient.Tuple row(Mail mail) {
    return OutboxStore.values(mail, delivers ? OutboxStore.Status.QUEUED : OutboxStore.Status.KEPT);
  }

  /** Whether messages go out over SMTP (true) or are kept for staff to read (false). */
  public boolean delivers() {
    return delivers;
  }

  public OutboxStore store() {
    return store;
  }
}
