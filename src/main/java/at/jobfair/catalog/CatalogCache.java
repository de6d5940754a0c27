package at.jobfair.catalog;

import at.jobfair.identity.Account;
import at.jobfair.web.Sessions;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Short-lived copies of what the catalogue's pages show of a booth and of a fair, so that people loading the same page
 * over and over (before a storm of bookings, on the day) do not each make the database read it again. A copy is kept
 * for at most {@link #KEEP} and dropped before that:
 * <ul>
 *   <li>when a seat count or slot of its booth or fair changes: the database announces every such change on the
 *       {@code live} channel (the same notice that updates the open pages), and every node hears it
 *       ({@link #changed});</li>
 *   <li>when this node answered any change request (a booth's or vacancy's text, a fair's state, a translation …):
 *       all copies ({@link #dropAll}), so that whoever made the change sees it at once. Changes made on another node
 *       that are not announced show here within {@link #KEEP}; so does a slot that closes for booking as time passes.</li>
 * </ul>
 * A read that was under way while a change was announced is not kept (it may have read what was before). Copies are
 * read-only and shared between requests and threads: a page that marks something for one person copies first. Only
 * the pages read through here; the API reads the database each time. The booth and fair copies are what anyone may
 * see (a viewer who sees drafts has copies of their own).
 * <p>
 * The booth page's <b>own part of one person</b> (their booking there, their waitlist place, the walk-up queue as they
 * see it: {@link #personal}) is kept the same way, for that person only, and dropped sooner still: by any announced
 * change about its booth (a booking, a waitlist place, the queue, attendance, a meeting: every one of them names its
 * booth), by any announced change that names no booth, and by any change request of that person on this node once it
 * is answered (so that the booking they just made is on the page they go to next, before the notice is back).
 */
public final class CatalogCache {

  /** How long a copy is used at most. */
  public static final Duration KEEP = Duration.ofSeconds(1);
  private static final int STRIPES = 1024;

  /** A copy and the stamp of what had been announced when it was read. */
  private record Copy(Object value, long stamp) {
  }

  private final Cache<List<Object>, Copy> copies = Caffeine.newBuilder().expireAfterWrite(KEEP).maximumSize(20_000).build();
  /*
   * Dropping is counting: each counter goes up when something it covers changes, and a copy is used only while the sum
   * of its counters is what it was when the copy was read (they only go up, so an equal sum means none moved). That
   * also tells a read that overlapped a change, and a drop costs the same however many copies there are (a storm's
   * notices come by the thousand a second). Ids share a counter by their stripe: at worst a copy too many is read again.
   */
  /** Seat changes announced, per booth and per fair. */
  private final AtomicLongArray boothSeats = new AtomicLongArray(STRIPES);
  private final AtomicLongArray fairSeats = new AtomicLongArray(STRIPES);
  /** Changes announced about someone at a booth (a booking, a waitlist or queue place, attendance, a meeting). */
  private final AtomicLongArray boothPeople = new AtomicLongArray(STRIPES);
  /** Change requests answered for a person on this node. */
  private final AtomicLongArray personChanges = new AtomicLongArray(STRIPES);
  /** Announcements about someone that named no booth. */
  private final AtomicLong allPeople = new AtomicLong();
  /** Times everything was dropped. */
  private final AtomicLong droppedAll = new AtomicLong();

  /** A booth as the booth page shows it: a copy, or else read and kept. */
  Future<JsonObject> booth(long booth, boolean drafts, Supplier<Future<JsonObject>> read) {
    return get(List.of("booth", booth, drafts), () -> boothSeats.get(stripe(booth)) + droppedAll.get(), read);
  }

  /** A fair and its booths matching the filter, as the fair page shows them. */
  Future<CatalogService.FairBooths> fairPage(long fair, boolean drafts, CatalogStore.BoothFilter filter,
                                             Supplier<Future<CatalogService.FairBooths>> read) {
    return get(List.of("fair", fair, drafts, filter), () -> fairSeats.get(stripe(fair)) + droppedAll.get(), read);
  }

  /**
   * The person's own part of a booth's page (anonymous visitors are person 0, and share theirs): a copy, or else read
   * and kept.
   */
  <T> Future<T> personal(long person, long booth, Supplier<Future<T>> read) {
    return get(List.of("personal", booth, person), () -> boothPeople.get(stripe(booth)) + personChanges.get(stripe(person))
        + allPeople.get() + droppedAll.get(), read);
  }

  @SuppressWarnings("unchecked")
  private <T> Future<T> get(List<Object> key, LongSupplier stamp, Supplier<Future<T>> read) {
    long before = stamp.getAsLong();
    Copy copy = copies.getIfPresent(key);
    if (copy != null && copy.stamp() == before) return Future.succeededFuture((T) copy.value());
    return read.get().onSuccess(value -> {
      // Kept only if nothing about it was announced (or dropped) while it was read.
      if (value != null && stamp.getAsLong() == before) copies.put(key, new Copy(value, before));
    });
  }

  /**
   * A change the database announced on the {@code live} channel: a slot's seats, times or removal drop the copies of
   * its booth and of its fair (whose page counts the booth's free slots), and nobody's own part (the page takes the
   * seats from the booth's copy); any other kind drops the personal parts of its booth (of every booth when it names
   * none), and no booth's or fair's copy.
   */
  public void changed(JsonObject change) {
    // The listening connection was lost and is back: what was announced meanwhile was not heard.
    if ("resync".equals(change.getString("type"))) {
      dropAll();
      return;
    }
    Object booth = change.getValue("booth");
    if (!"slot".equals(change.getString("type"))) {
      // Someone's booking, waitlist place or queue place, the queue itself, attendance, a meeting: the booth's personal parts.
      if (booth instanceof Number b) boothPeople.incrementAndGet(stripe(b.longValue()));
      else allPeople.incrementAndGet();
      return;
    }
    Object fair = change.getValue("fair");
    if (booth instanceof Number b) boothSeats.incrementAndGet(stripe(b.longValue()));
    if (fair instanceof Number f) fairSeats.incrementAndGet(stripe(f.longValue()));
    if (!(booth instanceof Number) || !(fair instanceof Number)) dropAll();
  }

  /**
   * Before any request: a change request (not GET, HEAD or OPTIONS) drops every copy when it has been answered, except
   * those whose changes are announced anyway or touch nothing shown here: bookings (their seats are announced), signing
   * in and out. An unknown change drops all: at worst a copy too many is read again.
   */
  public void dropOnChange(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS) {
      boolean announced = announcedOrUnrelated(ctx.request().path());
      ctx.addEndHandler(v -> {
        if (!announced) dropAll();
        // Whoever made it (known once the request has run): their own parts go, announced or not.
        Account user = Sessions.user(ctx);
        if (user != null) personChanges.incrementAndGet(stripe(user.id()));
      });
    }
    ctx.next();
  }

  static boolean announcedOrUnrelated(String path) {
    if (path == null) return false;
    return path.equals("/bookings") || path.startsWith("/bookings/") || path.startsWith("/api/bookings/")
        || path.startsWith("/api/slots/") && path.endsWith("/bookings")
        || path.equals("/api/session") || path.startsWith("/api/session/") || path.equals("/signin") || path.startsWith("/signin/")
        || path.equals("/signout");
  }

  /** Something may have changed that nobody announces (a text, a vacancy, a fair's state): no copy is used any more. */
  public void dropAll() {
    droppedAll.incrementAndGet();
    copies.invalidateAll();
  }

  private static int stripe(long id) {
    return (int) Math.floorMod(id, (long) STRIPES);
  }
}
