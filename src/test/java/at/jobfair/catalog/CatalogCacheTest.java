package at.jobfair.catalog;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalogue pages' short-lived copies: used instead of reading again, dropped by an announced seat change of their
 * booth or fair, by a resync and by a change request, never kept from a read that overlapped an announced change, and
 * never used after {@link CatalogCache#KEEP}.
 */
class CatalogCacheTest {

  private final CatalogCache cache = new CatalogCache();
  private final AtomicInteger reads = new AtomicInteger();

  private Future<JsonObject> booth(long id) {
    return cache.booth(id, false, () -> {
      reads.incrementAndGet();
      return Future.succeededFuture(new JsonObject().put("id", id).put("read", reads.get()));
    });
  }

  private Future<CatalogService.FairBooths> fair(long id) {
    return cache.fairPage(id, false, CatalogStore.BoothFilter.of(null, null, null), () -> {
      reads.incrementAndGet();
      return Future.succeededFuture(new CatalogService.FairBooths(new JsonObject().put("id", id), new io.vertx.core.json.JsonArray()));
    });
  }

  private static JsonObject slotChange(long booth, long fair) {
    return new JsonObject().put("type", "slot").put("slot", 9).put("booth", booth).put("fair", fair).put("free", 0);
  }

  @Test
  void aCopyIsUsedInsteadOfReadingAgain() {
    JsonObject first = booth(1).result();
    assertEquals(first, booth(1).result());
    assertEquals(1, reads.get());
    fair(1).result();
    fair(1).result();
    assertEquals(2, reads.get(), "the fair page has a copy of its own");
  }

  @Test
  void anAnnouncedSeatChangeDropsTheCopiesOfItsBoothAndFairOnly() {
    booth(1);
    booth(2);
    fair(7);
    fair(8);
    cache.changed(slotChange(1, 7));
    booth(1);
    fair(7);
    assertEquals(6, reads.get(), "booth 1 and fair 7 read again");
    booth(2);
    fair(8);
    assertEquals(6, reads.get(), "booth 2 and fair 8 kept");
    cache.changed(new JsonObject().put("type", "booking").put("booth", 2).put("fair", 8));
    booth(2);
    assertEquals(6, reads.get(), "a booking's own notice changes nothing a page of anyone shows (its seats are a slot notice)");
  }

  @Test
  void aReadUnderWayWhileAChangeWasAnnouncedIsNotKept() {
    Promise<JsonObject> slow = Promise.promise();
    Future<JsonObject> read = cache.booth(3, false, () -> slow.future());
    cache.changed(slotChange(3, 7));
    slow.complete(new JsonObject().put("id", 3).put("stale", true));
    assertTrue(read.result().getBoolean("stale"), "the request that asked gets what was read");
    assertFalse(booth(3).result().containsKey("stale"), "but no later one");
    assertEquals(1, reads.get());
  }

  @Test
  void aResyncOrAChangeRequestDropsEverything() {
    booth(1);
    fair(7);
    cache.changed(new JsonObject().put("type", "resync"));
    booth(1);
    fair(7);
    assertEquals(4, reads.get());
    cache.dropAll();
    booth(1);
    assertEquals(5, reads.get());
  }

  @Test
  void aCopyIsNotUsedAfterItsTime() throws Exception {
    booth(1);
    Thread.sleep(CatalogCache.KEEP.toMillis() + 200);
    booth(1);
    assertEquals(2, reads.get());
  }

  @Test
  void draftsAreCopiedApartFromWhatEveryoneSees() {
    booth(1);
    cache.booth(1, true, () -> {
      reads.incrementAndGet();
      return Future.succeededFuture(new JsonObject());
    });
    assertEquals(2, reads.get());
  }

  @Test
  void bookingsAndSigningInDoNotDropTheCopiesButAnyOtherChangeDoes() {
    for (String p : new String[] {"/bookings", "/bookings/5/rebook", "/api/bookings/5", "/api/slots/3/bookings", "/api/session",
        "/signin", "/signin/link/abc", "/signout"}) {
      assertTrue(CatalogCache.announcedOrUnrelated(p), p);
    }
    for (String p : new String[] {"/api/booths/3", "/booths/3/manage/vacancies", "/api/vacancies/4", "/admin/fairs/2",
        "/api/slots/3", "/bookingsx", "/api/employers/1/logo"}) {
      assertFalse(CatalogCache.announcedOrUnrelated(p), p);
    }
  }

  private Future<String> personal(long person, long booth) {
    return cache.personal(person, booth, () -> {
      reads.incrementAndGet();
      return Future.succeededFuture("person " + person + " at booth " + booth + ", read " + reads.get());
    });
  }

  @Test
  void aPersonsOwnPartIsKeptForThemAloneAndDroppedByAnyAnnouncedChangeAboutItsBooth() {
    String mine = personal(1, 10).result();
    assertEquals(mine, personal(1, 10).result());
    assertTrue(personal(2, 10).result().startsWith("person 2"), "another person's part is never theirs");
    personal(1, 11);
    assertEquals(3, reads.get());
    cache.changed(slotChange(10, 7));
    personal(1, 10);
    assertEquals(3, reads.get(), "a seat count is not part of anyone's own part (the page takes it from the booth's copy)");
    for (String type : new String[] {"booking", "waitlist", "queue", "queue-place", "attendance", "meeting"}) {
      int before = reads.get();
      cache.changed(new JsonObject().put("type", type).put("booth", 10).put("fair", 7));
      personal(1, 10);
      personal(2, 10);
      personal(1, 11);
      assertEquals(before + 2, reads.get(), type + " at booth 10 drops that booth's parts of everyone, and no other booth's");
    }
    int before = reads.get();
    cache.changed(new JsonObject().put("type", "outage").put("fair", 7));
    personal(1, 11);
    assertEquals(before + 1, reads.get(), "a change that names no booth drops every personal part");
    booth(1);
    booth(1);
    cache.changed(new JsonObject().put("type", "booking").put("booth", 1));
    booth(1);
    assertEquals(before + 2, reads.get(), "nor does any of them drop the booths' copies");
  }

  @Test
  void aReadOfAPersonsPartUnderWayWhileTheirBoothChangedIsNotKept() {
    Promise<String> slow = Promise.promise();
    Future<String> read = cache.personal(1, 10, () -> slow.future());
    cache.changed(new JsonObject().put("type", "booking").put("booth", 10).put("jobseeker", 1));
    slow.complete("stale");
    assertEquals("stale", read.result());
    assertFalse(personal(1, 10).result().equals("stale"));
  }
}
