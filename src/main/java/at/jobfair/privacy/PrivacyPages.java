package at.jobfair.privacy;

import at.jobfair.access.Relations;
import at.jobfair.legal.Catalogue;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;

/**
 * The privacy notice (GDPR art. 13): who is responsible, what the platform keeps about a person, why and for how long.
 * The periods are the ones this installation is configured with, so the notice never says something the retention job
 * does not do.
 */
public final class PrivacyPages {

  /** How long each kind of data is kept, in days (or minutes for sessions), as configured. */
  public record Periods(int sickNoteDays, int voluntaryDays, int caseEvidenceDays, int sessionMinutes, int erasureDays,
                        int queueDays) {
  }

  private final Pages pages;
  private final Catalogue legal;
  private final Periods periods;
  private final Relations relations;

  public PrivacyPages(Pages pages, Catalogue legal, Periods periods, Relations relations) {
    this.pages = pages;
    this.legal = legal;
    this.periods = periods;
    this.relations = relations;
  }

  /** Who of the staff read the person's staff-only data, when, what and on which relation (newest first). */
  public Future<?> accessLogPage(RoutingContext ctx) {
    return relations.readsOf(Sessions.user(ctx).id()).onSuccess(items -> {
      Map<String, Object> model = new HashMap<>();
      // the JSON array itself: Pages turns it into plain maps for the template (a list of JsonObjects it would not)
      model.put("items", items);
      pages.render(ctx, "me-data-access", model);
    });
  }

  public Future<?> notice(RoutingContext ctx) {
    Map<String, Object> model = new HashMap<>();
    model.put("authority", legal.authority(Http.lang(ctx).code()));
    model.put("sickNoteDays", periods.sickNoteDays());
    model.put("voluntaryDays", periods.voluntaryDays());
    model.put("caseEvidenceDays", periods.caseEvidenceDays());
    model.put("sessionMinutes", periods.sessionMinutes());
    model.put("erasureDays", periods.erasureDays());
    model.put("queueDays", periods.queueDays());
    pages.render(ctx, "privacy", model);
    return null;
  }
}
