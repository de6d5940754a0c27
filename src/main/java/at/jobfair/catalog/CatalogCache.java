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
  private static final int STRIPES = 64;
  private static final String PERSONAL = "personal";

  private final Cache<List<Object>, Object> copies = Caffeine.newBuilder().expireAfterWrite(KEEP).maximumSize(10_000).build();
  /** Counts the changes announced per booth and fair (by their id's stripe), to tell a read that overlapped one. */
  private final AtomicLongArray announced = new AtomicLongArray(STRIPES);
  /** Counts the times everything was dropped. */
  private final AtomicLong droppedAll = new AtomicLong();

  /** A booth as the booth page shows it: a copy, or else read and kept. */
  Future<JsonObject> booth(long booth, boolean drafts, Supplier<Future<JsonObject>> read) {
    return get(List.of("booth", booth, drafts), booth, read);
  }

  /** A fair and its booths matching the filter, as the fair page shows them. */
  Future<CatalogService.FairBooths> fairPage(long fair, boolean drafts, CatalogStore.BoothFilter filter,
                                             Supplier<Future<CatalogService.FairBooths>> read) {
    return get(List.of("fair", fair, drafts, filter), fair, read);
  }

  /**
   * The person's own part of a booth's page (anonymous visitors are person 0, and share theirs): a copy, or else read
   * and kept.
   */
  <T> Future<T> personal(long person, long booth, Supplier<Future<T>> read) {
    return get(List.of(PERSONAL, booth, person), booth, read);
  }

  @SuppressWarnings("unchecked")
  private <T> Future<T> get(List<Object> key, long id, Supplier<Future<T>> read) {
    Object copy = copies.getIfPresent(key);
    if (copy != null) return Future.succeededFuture((T) copy);
    int stripe = stripe(id);
    long before = announced.get(stripe), allBefore = droppedAll.get();
    return read.get().onSuccess(value -> {
      // Kept only if nothing about it (nor everything) was announced while it was read.
      if (value != null && announced.get(stripe) == before && droppedAll.get() == allBefore) copies.put(key, value);
    });
  }

  /**
   * A change the database announced on the {@code live} channel: a slot's seats, times or removal drop the copies of
   * its booth and of its fair (whose page counts the booth's free slots). Other kinds change nothing shown here.
   */
  public void changed(JsonObject change) {
    // (A slot's seats are not in anyone's personal part: the page takes them from the booth's copy.)
    // The listening connection was lost and is back: what was announced meanwhile was not heard.
    if ("resync".equals(change.getString("type"))) {
      dropAll();
      return;
    }
    Object booth = change.getValue("booth");
    if (!"slot".equals(change.getString("type"))) {
      // Someone's booking, waitlist place or queue place, the queue itself, attendance, a meeting: the booth's personal parts.
      if (booth instanceof Number b) drop(PERSONAL, b.longValue());
      else dropPersonal(k -> true);
      return;
    }
    Object fair = change.getValue("fair");
    if (booth instanceof Number b) drop("booth", b.longValue());
    if (fair instanceof Number f) drop("fair", f.longValue());
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
        if (user != null) dropPersonal(k -> ((Long) k.get(2)) == user.id());
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

  private void dropPersonal(java.util.function.Predicate<List<Object>> which) {
    droppedAll.incrementAndGet();
    copies.asMap().keySet().removeIf(k -> k.get(0).equals(PERSONAL) && which.test(k));
  }

  private void drop(String kind, long id) {
    announced.incrementAndGet(stripe(id));
    copies.asMap().keySet().removeIf(k -> k.get(0).equals(kind) && ((Long) k.get(1)) == id);
  }

  private static int stripe(long id) {
    return (int) Math.floorMod(id, (long) STRIPES);
  }
}
