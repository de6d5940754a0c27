package at.jobfair.waitlist;

import at.jobfair.booking.BookingService;
import at.jobfair.booking.BookingStore;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.mail.MailSender;
import at.jobfair.mail.Outbox;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.List;

/**
 * A booth's waitlist: joining the line when the booth is full, taking or passing on a seat held for one, leaving;
 * and the job that ends holds whose time is up, mails new offers and offers seats left free. Who gets a freed seat is
 * decided by the database in the transaction that frees it (V37); taking it is an ordinary booking by the holder, with
 * the booking's rules.
 */
public final class WaitlistService {

  static final int BATCH = 200;

  private final Pool pool;
  private final WaitlistStore store;
  private final BookingService bookings;
  private final Outbox outbox;
  private final MailSender mailSender;
  private final WaitlistMails mails;
  private final Clock clock;

  public WaitlistService(Pool pool, WaitlistStore store, BookingService bookings, Outbox outbox, MailSender mailSender,
                         WaitlistMails mails, Clock clock) {
    this.pool = pool;
    this.store = store;
    this.bookings = bookings;
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.mails = mails;
    this.clock = clock;
  }

  /**
   * The person takes a place at the end of the booth's line. Refused when the booth cannot be seen, has a free seat
   * (book it), has no slot still open for booking, or the person has a booking there; a second tap answers their place.
   */
  public Future<WaitlistStore.Entry> join(Account person, long boothId) {
    if (!person.has(Role.JOBSEEKER)) return Future.failedFuture(Reason.BOOTH_NOT_FOUND.refuse());
    return pool.withTransaction(tx -> store.boothState(tx, boothId, person.id()).compose(state -> {
      Reason refusal = WaitlistPolicy.join(state);
      if (refusal != null) return Future.failedFuture(refusal.refuse());
      return store.join(tx, boothId, person.id())
          // A seat freed while the person joined (before their place was there to be offered it) is offered now.
          .compose(id -> store.sweep(tx, boothId).map(id));
    })).compose(id -> store.find(pool, id)).onSuccess(e -> mailSender.wake());
  }

  /** The person leaves the line (a seat held for them goes to the next). */
  public Future<Void> leave(Account person, long entryId) {
    return pool.withTransaction(tx -> store.end(tx, entryId, person.id(), WaitlistStore.Status.LEFT))
        .compose(ended -> ended ? Future.<Void>succeededFuture() : Future.failedFuture(Reason.WAITLIST_NOT_FOUND.refuse()))
        .onSuccess(v -> mailSender.wake());
  }

  /** The person passes the seat held for them on to the next in line; their place ends. */
  public Future<Void> decline(Account person, long entryId) {
    return pool.withTransaction(tx -> store.end(tx, entryId, person.id(), WaitlistStore.Status.DECLINED))
        .compose(ended -> ended ? Future.<Void>succeededFuture() : mine(person, entryId).compose(e -> Future.failedFuture(Reason.OFFER_ENDED.refuse())))
        .onSuccess(v -> mailSender.wake());
  }

  /**
   * The person takes the seat held for them: an ordinary booking of that slot (one per booth, no overlap, the
   * confirmation mail), which the database lets the holder make and which ends the hold in the same statement. The
   * booth's pre-screening questions are answered as when booking ({@code answers}, see BookingService#book): a required
   * one left unanswered refuses and the seat stays held for the person.
   */
  public Future<BookingStore.View> accept(Account person, long entryId, io.vertx.core.json.JsonArray answers) {
    return mine(person, entryId).compose(e -> {
      Reason refusal = WaitlistPolicy.accept(e, clock.instant());
      if (refusal != null) return Future.failedFuture(refusal.refuse());
      return bookings.book(person, e.offer().slotId(), answers).recover(err -> {
        // The hold ended between the read and the booking (expired, or the slot closed): say so, not "taken".
        if (err instanceof Refused r && r.reason() == Reason.SLOT_TAKEN) return Future.failedFuture(Reason.OFFER_ENDED.refuse());
        return Future.failedFuture(err);
      });
    });
  }

  /** An entry of the person's (any status), or not found for anyone else's. */
  public Future<WaitlistStore.Entry> mine(Account person, long entryId) {
    return store.find(pool, entryId).compose(e -> e == null || e.jobseekerId() != person.id()
        ? Future.failedFuture(Reason.WAITLIST_NOT_FOUND.refuse()) : Future.succeededFuture(e));
  }

  /** The person's open places, offers first. */
  public Future<List<WaitlistStore.Entry>> open(long jobseekerId) {
    return store.open(jobseekerId);
  }

  /** The person's open place at a booth, or null. */
  public Future<WaitlistStore.Entry> openAt(long jobseekerId, long boothId) {
    return store.openAt(jobseekerId, boothId);
  }

  /** The length of a booth's line, for its staff (those {@link BookingService#staffsBooth} admits). */
  public Future<WaitlistStore.Length> length(Account actor, long boothId) {
    return bookings.staffsBooth(actor, boothId).compose(ok -> ok ? store.length(boothId)
        : Future.failedFuture(Reason.BOOTH_NOT_FOUND.refuse()));
  }

  /** The length for a page whose caller already checked the staff (the schedule). */
  public Future<WaitlistStore.Length> lengthFor(long boothId) {
    return store.length(boothId);
  }

  public java.time.Instant now() {
    return clock.instant();
  }

  /**
   * One round of the job, on any number of nodes: ends the holds whose time is up (each seat passes on in the same
   * statement), mails the offers not mailed yet (each once), and offers seats nobody was offered. Answers how many
   * offers were mailed.
   */
  public Future<Integer> run() {
    return store.expire(BATCH)
        .compose(expired -> store.sweepAll())
        .compose(swept -> mailOffers())
        .onSuccess(n -> {
          if (n > 0) mailSender.wake();
        });
  }

  /** Queues the mails of new offers in one transaction with their claims. */
  public Future<Integer> mailOffers() {
    return pool.withTransaction(tx -> store.claimMails(tx, BATCH).compose(list -> {
      Future<Void> chain = Future.succeededFuture();
      for (WaitlistStore.OfferMail o : list) {
        chain = chain.compose(v -> outbox.enqueue(tx, mails.offer(o)).compose(id -> store.mailed(tx, o.entryId(), o.offeredAt(), id)));
      }
      return chain.map(list.size());
    }));
  }
}
