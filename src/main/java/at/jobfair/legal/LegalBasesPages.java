package at.jobfair.legal;

import at.jobfair.web.Http;
import at.jobfair.web.Messages.Lang;
import at.jobfair.web.Pages;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of legal bases for staff, read-only: every basis in force and every earlier version records still rest
 * on, with its law, consequence, notice, appeal, decider and outcomes. It replaces the staff-edited notice: the texts
 * are the operator's reviewed data file, changed only by a new version of it.
 */
public final class LegalBasesPages {

  private final Catalogue catalogue;
  private final Pages pages;

  public LegalBasesPages(Catalogue catalogue, Pages pages) {
    this.catalogue = catalogue;
    this.pages = pages;
  }

  public Future<?> page(RoutingContext ctx) {
    Lang lang = Http.lang(ctx);
    Map<String, Object> model = new HashMap<>();
    model.put("jurisdiction", catalogue.jurisdiction());
    model.put("bases", catalogue.bases().stream().map(b -> view(b, lang, catalogue.benefits())).toList());
    model.put("archive", catalogue.earlier().stream().map(b -> view(b, lang, catalogue.benefits())).toList());
    pages.render(ctx, "legal-bases", model);
    return Future.succeededFuture();
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
