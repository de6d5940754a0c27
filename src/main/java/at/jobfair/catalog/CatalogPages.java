package at.jobfair.catalog;

import at.jobfair.booth.BoothAccess;
import at.jobfair.booth.Translations;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.web.Http;
import at.jobfair.web.Messages.Lang;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;

/** The catalogue's pages: the fairs, a fair with its booths, a booth with its vacancies and free slots. */
public final class CatalogPages {

  private final CatalogService catalog;
  private final Pages pages;
  private final OwnBooking own;

  /**
   * The signed-in jobseeker's active, still coming booking at a booth, as the booth page shows it ({@code id},
   * {@code slotId}, {@code start}, {@code end}, {@code changeable}); null when they hold none there. The booking
   * feature answers it (the catalogue does not read bookings itself).
   */
  public interface OwnBooking {
    Future<Map<String, Object>> at(long jobseekerId, long boothId);
  }

  /**
   * The signed-in jobseeker's place in the booth's waitlist for the booth page ({@code id}, {@code place},
   * {@code offered}, the offer's times), or null; filled by the waitlist feature.
   */
  public interface WaitlistPlace {
    Future<Map<String, Object>> at(long jobseekerId, long boothId);
  }

  private WaitlistPlace waitlist = (person, booth) -> Future.succeededFuture(null);

  /** Shows the person's waitlist place on the booth page, and the way onto a full booth's waitlist. */
  public CatalogPages waitlist(WaitlistPlace waitlist) {
    this.waitlist = waitlist;
    return this;
  }

  /**
   * What the booth page shows of the booth's walk-up queue while its fair runs (state, length, whether the person may
   * join, their place), or null for none. The queue feature answers it.
   */
  public interface QueuePanel {
    Future<Map<String, Object>> at(Account user, long boothId);
  }

  private final QueuePanel queue;

  /** The person's own part of a booth page (read-only: it may be a copy other requests of theirs share). */
  record Personal(Map<String, Object> booking, Map<String, Object> waitlist, Map<String, Object> queue) {
  }

  public CatalogPages(CatalogService catalog, Pages pages, OwnBooking own) {
    this(catalog, pages, own, (user, boothId) -> Future.succeededFuture(null));
  }

  public CatalogPages(CatalogService catalog, Pages pages, OwnBooking own, QueuePanel queue) {
    this.catalog = catalog;
    this.pages = pages;
    this.own = own;
    this.queue = queue;
  }

  public Future<?> fairsPage(RoutingContext ctx) {
    String sector = ctx.request().getParam("sector");
    String region = ctx.request().getParam("region");
    return catalog.fairs(Sessions.user(ctx), sector, region).onSuccess(list -> pages.render(ctx, "fairs",
        Map.of("fairs", list, "filter", Map.of("sector", nz(sector), "region", nz(region)))));
  }

  public Future<?> fairPage(RoutingContext ctx) {
    long fairId = Http.pathId(ctx, "id");
    CatalogStore.BoothFilter filter = filter(ctx);
    Lang page = Http.lang(ctx);
    return catalog.boothsForPage(fairId, Sessions.user(ctx), filter).onSuccess(fb -> pages.render(ctx, "fair", Map.of("fair", fb.fair(),
        "booths", localised(fb.booths(), page), "filter", Map.of("region", nz(filter.region()), "german", nz(filter.german()), "q", nz(filter.query()),
        // A search in the address keeps the search form open; otherwise it is folded so that the booths come first.
        "active", !(nz(filter.region()) + nz(filter.german()) + nz(filter.query())).isEmpty()))));
  }

  /**
   * The booth page; {@code ?rebook=<booking id>} turns its booking buttons into rebooking buttons. A jobseeker who
   * holds a booking here sees it first, and the slots offer to move it there instead of booking (which would be refused).
   */
  public Future<?> boothPage(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    long boothId = Http.pathId(ctx, "id");
    boolean jobseeker = user != null && user.has(Role.JOBSEEKER);
    Lang page = Http.lang(ctx);
    // What is the person's own on this page, from the features that own it; kept a moment like the booth (CatalogCache).
    Future<Personal> personal = catalog.personalForPage(user, boothId, () -> {
      Future<Map<String, Object>> mine = jobseeker ? own.at(user.id(), boothId) : Future.succeededFuture(null);
      Future<Map<String, Object>> place = jobseeker ? waitlist.at(user.id(), boothId) : Future.succeededFuture(null);
      Future<Map<String, Object>> walkUp = queue.at(user, boothId);
      return Future.all(mine, place, walkUp).map(all -> new Personal(mine.result(), place.result(), walkUp.result()));
    });
    // The booth (possibly a copy shared with other requests: localised, and marked for this person, on copies of it).
    return catalog.boothForPage(boothId, user).map(b -> localised(b, page)).compose(b -> personal.onSuccess(theirs -> {
      Map<String, Object> held = theirs.booking();
      Map<String, Object> model = new HashMap<>();
      // Full: no slot still open with a free seat. A jobseeker without a booking here may join the waitlist.
      JsonArray slots = b.getJsonArray("slots", new JsonArray());
      boolean full = slots.stream().map(o -> (JsonObject) o).noneMatch(s -> s.getBoolean("open", false) && s.getInteger("free", 0) > 0);
      boolean anyOpen = slots.stream().map(o -> (JsonObject) o).anyMatch(s -> s.getBoolean("open", false));
      if (theirs.queue() != null) {
        model.put("queue", theirs.queue());
        // No free slot to book (or none this person may book): the queue comes first; otherwise after the slots.
        model.put("queueFirst", full && held == null);
      }
      JsonObject booth = b;
      model.put("canBook", jobseeker);
      model.put("userId", jobseeker ? user.id() : null);
      model.put("waitlist", theirs.waitlist());
      model.put("canWait", jobseeker && held == null && theirs.waitlist() == null && full && anyOpen
          && "PUBLISHED".equals(b.getJsonObject("fair").getString("status")));
      model.put("full", full && anyOpen);
      String rebook = ctx.request().getParam("rebook");
      if (rebook != null && rebook.matches("\\d{1,18}")) model.put("rebook", rebook);
      if (held != null) {
        model.put("own", held);
        boolean changeable = Boolean.TRUE.equals(held.get("changeable"));
        // Moving is the only step that fits: every slot moves the booking, none books a second one.
        if (changeable) model.put("rebook", String.valueOf(held.get("id")));
        else model.put("canBook", false);
        booth = b.copy();
        Object slotId = held.get("slotId");
        for (Object o : booth.getJsonArray("slots", new JsonArray())) {
          JsonObject s = (JsonObject) o;
          if (String.valueOf(s.getValue("id")).equals(String.valueOf(slotId))) s.put("mine", true);
        }
      }
      model.put("booth", booth);
      model.put("canManage", BoothAccess.mayRun(user, b.getJsonObject("employer").getLong("id")));
      String error = pages.errorInAddress(ctx);
      if (error != null) model.put("error", error);
      String notice = ctx.request().getParam("waitlist");
      if (notice != null && java.util.Set.of("joined", "left", "declined").contains(notice)) model.put("notice", pages.messages().get(Http.lang(ctx), "waitlist.notice." + notice));
      pages.render(ctx, "booth", model);
    }));
  }

  /**
   * A booth as a reader on a page in this language reads it ({@link Translations}): its texts, the company's
   * description and each vacancy's texts in the reader's language where the employer translated them, else in the
   * original, each with its {@code marks} (the {@code lang} and {@code dir} its element carries).
   */
  static JsonObject localised(JsonObject booth, Lang page) {
    JsonObject employer = booth.getJsonObject("employer");
    Map<String, String> company = new HashMap<>();
    company.put("companyDescription", employer == null ? null : employer.getString("description"));
    JsonObject out = Translations.localise(booth, Translations.BOOTH_TEXTS, company, page);
    if (employer != null) out.put("employer", employer.copy().put("description", out.remove("companyDescription")));
    JsonArray vacancies = new JsonArray();
    for (Object v : booth.getJsonArray("vacancies", new JsonArray())) {
      JsonObject vacancy = Translations.localise((JsonObject) v, Translations.VACANCY_TEXTS, Map.of(), page);
      // The booth page writes the region after the workplace, inside the workplace's element.
      vacancy.getJsonObject("marks").put("regionAfterWorkplace", new JsonObject(Translations.markWithin(vacancy, "region", "workplace")));
      vacancies.add(vacancy);
    }
    return out.put("vacancies", vacancies);
  }

  static JsonArray localised(JsonArray booths, Lang page) {
    JsonArray out = new JsonArray();
    for (Object b : booths) out.add(localised((JsonObject) b, page));
    return out;
  }

  /** The booth filter from the address ({@code region}, {@code german}, {@code q}); the API reads the same. */
  static CatalogStore.BoothFilter filter(RoutingContext ctx) {
    return CatalogStore.BoothFilter.of(ctx.request().getParam("region"), ctx.request().getParam("german"), ctx.request().getParam("q"));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
