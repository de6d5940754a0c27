package at.jobfair.legal;

import at.jobfair.web.Http;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** {@code GET /api/legal-bases}: the catalogue of legal bases for staff, read-only; the page is {@link LegalBasesPages}. */
public final class LegalBasesApi {

  private final Catalogue catalogue;

  public LegalBasesApi(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** The jurisdiction, its authority and benefit types, the bases in force and the archive. */
  public Future<?> list(RoutingContext ctx) {
    JsonArray inForce = new JsonArray();
    catalogue.bases().forEach(b -> inForce.add(json(b)));
    JsonArray earlier = new JsonArray();
    catalogue.earlier().forEach(b -> earlier.add(json(b)));
    Http.ok(ctx, new JsonObject().put("jurisdiction", catalogue.jurisdiction()).put("authority", new JsonObject(Map.copyOf(catalogue.authority())))
        .put("benefits", new JsonArray(catalogue.benefits())).put("bases", inForce).put("archive", earlier));
    return Future.succeededFuture();
  }

  static JsonObject json(Basis b) {
    return new JsonObject().put("code", b.code()).put("version", b.version()).put("validFrom", b.scope().validFrom().toString())
        .put("jurisdiction", b.scope().jurisdiction()).put("obligation", b.obligation().name()).put("definition", b.definition());
  }
}
