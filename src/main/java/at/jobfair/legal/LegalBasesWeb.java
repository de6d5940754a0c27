package at.jobfair.legal;

import at.jobfair.web.Http;
import at.jobfair.web.Messages.Lang;
import at.jobfair.web.Pages;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of legal bases for staff, read-only (page and API): every basis in force and every earlier version
 * records still rest on, with its law, consequence, notice, appeal, decider and outcomes. It replaces the staff-edited
 * notice: the texts are the operator's reviewed data file, changed only by a new version of it.
 */
public final class LegalBasesWeb {

  private final Catalogue catalogue;
  private final Pages pages;

  public LegalBasesWeb(Catalogue catalogue, Pages pages) {
    this.catalogue = catalogue;
    this.pages = pages;
  }

  /** GET /api/legal-bases: the jurisdiction, its authority and benefit types, the bases in force and the archive. */
  public Future<?> api(RoutingContext ctx) {
    JsonArray inForce = new JsonArray();
    catalogue.bases().forEach(b -> inForce.add(json(b)));
    JsonArray earlier = new JsonArray();
    earlier(catalogue).forEach(b -> earlier.add(json(b)));
    Http.ok(ctx, new JsonObject().put("jurisdiction", catalogue.jurisdiction()).put("authority", new JsonObject(Map.copyOf(catalogue.authority())))
        .put("benefits", new JsonArray(catalogue.benefits())).put("bases", inForce).put("archive", earlier));
    return Future.succeededFuture();
  }

  public Future<?> page(RoutingContext ctx) {
    Lang lang = Http.lang(ctx);
    Map<String, Object> model = new HashMap<>();
    model.put("jurisdiction", catalogue.jurisdiction());
    model.put("bases", catalogue.bases().stream().map(b -> view(b, lang, catalogue.benefits())).toList());
    model.put("archive", earlier(catalogue).stream().map(b -> view(b, lang, catalogue.benefits())).toList());
    pages.render(ctx, "legal-bases", model);
    return Future.succeededFuture();
  }

  /** The stored versions no longer in force (replaced by a newer one, or gone from the file). */
  static List<Basis> earlier(Catalogue c) {
    List<Basis> out = new ArrayList<>();
    for (Basis a : c.archive()) {
      if (c.bases().stream().noneMatch(b -> b.code().equals(a.code()) && b.version() == a.version())) out.add(a);
    }
    return out;
  }

  static JsonObject json(Basis b) {
    return new JsonObject().put("code", b.code()).put("version", b.version()).put("validFrom", b.scope().validFrom().toString())
        .put("jurisdiction", b.scope().jurisdiction()).put("obligation", b.obligation().name()).put("definition", b.definition());
  }

  /** Invitation kinds in the order staff meet them. */
  private static final List<String> KINDS = List.of("PLACEMENT_PROPOSAL", "CONTROL_APPOINTMENT", "MASS_MAILING", "PUBLIC_LINK",
      "OWN_INITIATIVE");

  private static Map<String, Object> view(Basis b, Lang lang, List<String> benefitOrder) {
    String l = lang.code();
    Map<String, Object> m = new HashMap<>();
    m.put("code", b.code());
    m.put("version", b.version());
    m.put("validFrom", b.scope().validFrom().toString());
    m.put("obligation", b.obligation().name());
    m.put("law", b.law(l));
    m.put("consequence", b.consequence(l));
    m.put("notice", b.notice(l));
    m.put("appeal", b.appeal(l));
    m.put("decider", b.decision().decider() == null ? null : b.decision().decider().name());
    m.put("outcomes", b.decision().outcomes().stream().sorted().map(Enum::name).toList());
    m.put("invitations", b.scope().invitations().stream().sorted(java.util.Comparator.comparingInt(k -> KINDS.indexOf(k) < 0 ? 99 : KINDS.indexOf(k))).toList());
    // the jurisdiction's order (as on the jobseeker record), "none recorded" last
    m.put("benefits", b.scope().benefits().stream().sorted(java.util.Comparator.comparingInt(k -> benefitOrder.indexOf(k) < 0 ? 99 : benefitOrder.indexOf(k)))
        .toList());
    return m;
  }
}
