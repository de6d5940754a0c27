package at.jobfair.mail;

import at.jobfair.access.Relations;
import at.jobfair.access.StaffAccess;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.mail.OutboxStore.Message;
import at.jobfair.mail.OutboxStore.Status;
import at.jobfair.refusal.Reason;
import io.vertx.core.Future;

import java.util.List;
import java.util.Set;

/**
 * The staff's outbox: which messages a member of staff sees, whose text and files they may read (the one rule that
 * {@link OutboxApi} and {@link OutboxPages} both ask), and sending one again.
 */
public final class OutboxService {

  /**
   * Mails that carry benefit or sanction data (letters of a case, requests for reasons): their text and files are only
   * for staff who may read the recipient's benefit data; organisers see their envelope (to, subject, status) and resend.
   */
  static final Set<String> CASE_KINDS = Set.of("LETTER", "REASONS_REQUESTED");

  private final OutboxStore store;
  private final Relations relations;
  /** Which messages a reader sees: those to people whose record they may read (Relations decides). */
  private final String scope;

  public OutboxService(OutboxStore store, Relations relations) {
    this.store = store;
    this.relations = relations;
    this.scope = "exists (select 1 from account p where p.email = to_address and "
        + relations.may(StaffAccess.Data.RECORD, StaffAccess.Mode.READ, "p.id", "$4", "$5") + ")";
  }

  /** The reader's messages, newest first, without bodies. */
  Future<List<Message>> list(Account reader, Status status, String to, int limit) {
    return store.list(status, to, limit, scope, everything(reader) ? null : reader.id(), Relations.roles(reader));
  }

  /** Organisers see every message (administration of the platform's mail); others only those of their people. */
  private static boolean everything(Account reader) {
    return reader.has(Role.ORGANIZER);
  }

  Future<Boolean> seen(Account reader, long id) {
    return everything(reader) ? Future.succeededFuture(true) : store.visible(id, scope, reader.id(), Relations.roles(reader));
  }

  /**
   * Whether the reader may read the message's text and files: it is in their list, and a case mail's recipient's
   * benefit data is theirs to read (that read goes into the person's access log). Not in their list: 404.
   */
  Future<Boolean> readable(Account reader, long id) {
    return seen(reader, id).compose(seen -> {
      if (!seen) return Future.failedFuture(Reason.NOT_FOUND.refuse());
      return store.get(id);
    }).compose(m -> {
      if (m == null) return Future.failedFuture(Reason.NOT_FOUND.refuse());
      if (!CASE_KINDS.contains(m.kind())) return Future.succeededFuture(true);
      return store.recipient(m.to().address()).compose(person -> person == null ? Future.succeededFuture(false)
          : relations.of(reader, person).compose(rel -> !StaffAccess.may(rel, StaffAccess.Data.BENEFIT, StaffAccess.Mode.READ)
              ? Future.succeededFuture(false)
              : relations.logRead(reader, person, "case_mail", rel, StaffAccess.Data.BENEFIT).map(true)));
    });
  }

  /** A message with its text and files (whether the reader may see them, {@link #readable} says). */
  Future<Message> get(long id) {
    return store.get(id);
  }

  /** One file of a message the reader may read; null when there is no such file. Not theirs: 404. */
  Future<Mail.Attachment> attachment(Account reader, long id, int index) {
    return readable(reader, id).compose(body -> {
      if (!body) return Future.failedFuture(Reason.NOT_FOUND.refuse());
      return store.attachment(id, index);
    });
  }

  /** Puts a message the reader sees back into the queue; false when its status does not allow it. Not theirs: 404. */
  Future<Boolean> resend(Account reader, long id) {
    return seen(reader, id).compose(seen -> {
      if (!seen) return Future.failedFuture(Reason.NOT_FOUND.refuse());
      return store.resend(id);
    });
  }
}
