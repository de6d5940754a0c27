package at.jobfair.account;

import at.jobfair.audit.AuditChain;
import at.jobfair.audit.AuditLog;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.mail.Mail;
import at.jobfair.mail.Outbox;
import at.jobfair.refusal.Reason;
import at.jobfair.web.Messages;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;

/**
 * A member of staff who lost their authenticator (a new phone, a lost one) cannot sign in; an organiser removes it, and
 * at the next sign-in the person sets up a new one after their password. Never one's own (that would let a stolen
 * password replace the factor that guards it), always on the record, and the person is told by mail, so that a reset
 * they did not ask for does not go unnoticed. The organiser proves who they are first (the route asks
 * {@link Reauthentication}).
 */
public final class AuthenticatorReset {

  private final Pool pool;
  private final SecondFactor secondFactor;
  private final AuditLog audit;
  private final Outbox outbox;
  private final Messages messages;
  private final Clock clock;

  public AuthenticatorReset(Pool pool, SecondFactor secondFactor, AuditLog audit, Outbox outbox, Messages messages, Clock clock) {
    this.pool = pool;
    this.secondFactor = secondFactor;
    this.audit = audit;
    this.outbox = outbox;
    this.messages = messages;
    this.clock = clock;
  }

  /**
   * Removes the authenticator of account {@code accountId}: 403 for one's own, 404 for an account that has none (or does
   * not exist). The removal, its audit record and the mail to the person commit together; of two organisers at once,
   * one resets and the other is told there is nothing to reset.
   */
  public Future<Void> reset(Account organiser, long accountId) {
    if (organiser.id() == accountId) return Future.failedFuture(Reason.SECOND_FACTOR_RESET_OWN.refuse());
    return pool.withTransaction(tx -> tx.preparedQuery("select email, name, language from account where id = $1 for update")
        .execute(Tuple.of(accountId))
        .compose(rows -> {
          if (rows.size() == 0) return Future.failedFuture(Reason.SECOND_FACTOR_NONE.refuse());
          Row person = rows.iterator().next();
          return secondFactor.remove(tx, accountId).compose(had -> {
            if (!had) return Future.failedFuture(Reason.SECOND_FACTOR_NONE.refuse());
            return audit.append(tx, AuditChain.Entry.of(clock.instant(), organiser.id(), Role.ORGANIZER.name(),
                    "account:" + accountId, "SECOND_FACTOR_RESET", "SET_UP", "NONE", null))
                .compose(v -> outbox.enqueue(tx, notice(person, "account:" + accountId + "/" + clock.instant())))
                .mapEmpty();
          });
        }));
  }

  private Mail notice(Row person, String dedupeKey) {
    Messages.Lang lang = Messages.Lang.parse(person.getString("language"));
    String name = person.getString("name");
    return Mail.text(person.getString("email"), name, messages.get(lang, "mail.secondFactorReset.subject"),
        messages.get(lang, "mail.secondFactorReset.text", name), "SECOND_FACTOR_RESET", dedupeKey);
  }
}
