package at.jobfair.catalog;

import at.jobfair.identity.Account;
import at.jobfair.refusal.Reason;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Browsing fairs, booths, vacancies and free slots as a viewer may see them ({@link CatalogPolicy}); what is not there
 * for them is refused as not found. Answers are JSON objects, which the API sends and the pages render as they are.
 */
public final class CatalogService {

  private final CatalogStore store;
  /** What the catalogue's pages show, kept for a moment (see CatalogCache). */
  private final CatalogCache pageCopies = new CatalogCache();

  public CatalogService(CatalogStore store) {
    this.store = store;
  }

  /** The pages' short-lived copies: told of announced changes and of change requests by the composition root. */
  public CatalogCache pageCopies() {
    return pageCopies;
  }

  public Future<JsonArray> fairs(Account viewer, String sector, String region) {
    return store.fairs(CatalogPolicy.seesDrafts(viewer), sector, region);
  }

  public Future<JsonObject> fair(long id, Account viewer) {
    return store.fair(id, CatalogPolicy.seesDrafts(viewer)).map(f -> found(f, Reason.FAIR_NOT_FOUND));
  }

  /** A fair and its booths matching the filter. */
  public record FairBooths(JsonObject fair, JsonArray booths) {
  }

  /** A fair the viewer may see with its booths matching the filter; a fair they may not see is not found. */
  public Future<FairBooths> booths(long fairId, Account viewer, CatalogStore.BoothFilter filter) {
    return fair(fairId, viewer).compose(f -> store.booths(fairId, filter).map(booths -> new FairBooths(f, booths)));
  }

  /** {@link #booths} as the fair page shows it: possibly a copy up to {@link CatalogCache#KEEP} old, read-only. */
  public Future<FairBooths> boothsForPage(long fairId, Account viewer, CatalogStore.BoothFilter filter) {
    return pageCopies.fairPage(fairId, CatalogPolicy.seesDrafts(viewer), filter, () -> booths(fairId, viewer, filter));
  }

  /** {@link #booth} as the booth page shows it: possibly a copy up to {@link CatalogCache#KEEP} old, read-only. */
  public Future<JsonObject> boothForPage(long id, Account viewer) {
    boolean drafts = CatalogPolicy.seesDrafts(viewer);
    return pageCopies.booth(id, drafts, () -> store.booth(id, drafts)).map(b -> found(b, Reason.BOOTH_NOT_FOUND));
  }

  /**
   * The viewer's own part of a booth's page, read by {@code read} (the features that own it answer): possibly a copy up
   * to {@link CatalogCache#KEEP} old, read-only, dropped by any announced change about the booth (see CatalogCache).
   */
  public <T> Future<T> personalForPage(Account viewer, long boothId, java.util.function.Supplier<Future<T>> read) {
    return pageCopies.personal(viewer == null ? 0 : viewer.id(), boothId, read);
  }

  public Future<JsonObject> booth(long id, Account viewer) {
    return store.booth(id, CatalogPolicy.seesDrafts(viewer)).map(b -> found(b, Reason.BOOTH_NOT_FOUND));
  }

  /** A booth for those already known to run it (its staff, organisers): drafts included. */
  public Future<JsonObject> boothForItsStaff(long id) {
    return store.booth(id, true).map(b -> found(b, Reason.BOOTH_NOT_FOUND));
  }

  /** The booths an employer runs, for its representatives' start page. */
  public Future<JsonArray> boothsOfEmployer(long employerId) {
    return store.boothsOfEmployer(employerId);
  }

  private static JsonObject found(JsonObject o, Reason code) {
    if (o == null) throw code.refuse();
    return o;
  }
}
