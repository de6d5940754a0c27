package at.jobfair.booth;

import at.jobfair.identity.Account;
import at.jobfair.refusal.Reason;
import at.jobfair.web.Http;
import at.jobfair.web.JsonFields;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * The booth's JSON routes: employer representatives run the booths of their own employer, organisers any booth (booth
 * and company profile, logo, vacancies, their texts in more languages, booth staff and slots); the logo for anyone. The page is {@link BoothPages}.
 */
public final class BoothApi {

  private static final String LOGO_CACHE = "public, max-age=300";

  private final BoothService booths;

  public BoothApi(BoothService booths) {
    this.booths = booths;
  }

  public Future<?> updateBooth(RoutingContext ctx) {
    long id = boothId(ctx);
    return booths.updateBooth(user(ctx), id, () -> Http.body(ctx)).onSuccess(b -> Http.ok(ctx, b));
  }

  public Future<?> updateEmployer(RoutingContext ctx) {
    long id = employerId(ctx);
    return booths.updateCompany(user(ctx), id, () -> Http.body(ctx)).onSuccess(e -> Http.ok(ctx, e));
  }

  /** The logo as the request body (Content-Type image/png, image/jpeg or image/webp) or as a multipart file. */
  public Future<?> uploadLogo(RoutingContext ctx) {
    long id = employerId(ctx);
    return uploaded(ctx).compose(bytes -> booths.setLogo(user(ctx), id, bytes)
        .onSuccess(type -> Http.ok(ctx, new JsonObject().put("employerId", id).put("type", type).put("size", bytes.length())
            .put("url", "/api/employers/" + id + "/logo"))));
  }

  /** The logo, for anyone; revalidated by its ETag (a hash of the image) after a few minutes. */
  public Future<?> logo(RoutingContext ctx) {
    long id = JsonFields.pathId(ctx.pathParam("id"), Reason.LOGO_NOT_FOUND);
    return booths.logo(id).onSuccess(logo -> {
      if (logo == null) {
        ctx.fail(Reason.LOGO_NOT_FOUND.refuse());
        return;
      }
      String etag = "\"" + logo.etag() + "\"";
      ctx.response().putHeader("Cache-Control", LOGO_CACHE).putHeader("ETag", etag);
      String given = ctx.request().getHeader("If-None-Match");
      if (given != null && (given.contains(etag) || given.strip().equals("*"))) {
        ctx.response().setStatusCode(304).end();
        return;
      }
      ctx.response().putHeader("Content-Type", logo.type()).end(logo.bytes());
    });
  }

  public Future<?> addVacancy(RoutingContext ctx) {
    long id = boothId(ctx);
    return booths.addVacancy(user(ctx), id, () -> Http.body(ctx)).onSuccess(v -> Http.created(ctx, v.toJson()));
  }

  public Future<?> updateVacancy(RoutingContext ctx) {
    long id = JsonFields.pathId(ctx.pathParam("id"), Reason.VACANCY_NOT_FOUND);
    return booths.updateVacancy(user(ctx), id, () -> Http.body(ctx)).onSuccess(v -> Http.ok(ctx, v.toJson()));
  }

  public Future<?> deleteVacancy(RoutingContext ctx) {
    long id = JsonFields.pathId(ctx.pathParam("id"), Reason.VACANCY_NOT_FOUND);
    return booths.deleteVacancy(user(ctx), id).onSuccess(v -> Http.noContent(ctx));
  }

  public Future<?> putBoothTranslation(RoutingContext ctx) {
    long id = boothId(ctx);
    return booths.putBoothTranslation(user(ctx), id, () -> Http.body(ctx)).onSuccess(t -> Http.ok(ctx, t.toJson()));
  }

  public Future<?> deleteBoothTranslation(RoutingContext ctx) {
    long id = boothId(ctx);
    return booths.deleteBoothTranslation(user(ctx), id, ctx.pathParam("language")).onSuccess(v -> Http.noContent(ctx));
  }

  public Future<?> putVacancyTranslation(RoutingContext ctx) {
    long id = JsonFields.pathId(ctx.pathParam("id"), Reason.VACANCY_NOT_FOUND);
    return booths.putVacancyTranslation(user(ctx), id, () -> Http.body(ctx)).onSuccess(t -> Http.ok(ctx, t.toJson()));
  }

  public Future<?> deleteVacancyTranslation(RoutingContext ctx) {
    long id = JsonFields.pathId(ctx.pathParam("id"), Reason.VACANCY_NOT_FOUND);
    return booths.deleteVacancyTranslation(user(ctx), id, ctx.pathParam("language")).onSuccess(v -> Http.noContent(ctx));
  }

  public Future<?> addStaff(RoutingContext ctx) {
    long id = boothId(ctx);
    return booths.addStaff(user(ctx), id, () -> Http.body(ctx)).onSuccess(c -> Http.created(ctx, new JsonObject()
        .put("boothId", id).put("accountId", c.id()).put("name", c.name()).put("email", c.email())));
  }

  public Future<?> removeStaff(RoutingContext ctx) {
    long id = boothId(ctx);
    long accountId = JsonFields.pathId(ctx.pathParam("accountId"), Reason.STAFF_NOT_FOUND);
    return booths.removeStaff(user(ctx), id, accountId).onSuccess(v -> Http.noContent(ctx));
  }

  public Future<?> schedule(RoutingContext ctx) {
    long id = boothId(ctx);
    return booths.schedule(user(ctx), id, () -> Http.body(ctx)).onSuccess(slots -> {
      JsonArray out = new JsonArray();
      slots.forEach(s -> out.add(s.toJson(booths.clock())));
      Http.created(ctx, new JsonObject().put("slots", out));
    });
  }

  public Future<?> addSlot(RoutingContext ctx) {
    long id = boothId(ctx);
    return booths.addSlot(user(ctx), id, () -> Http.body(ctx)).onSuccess(slot -> Http.created(ctx, slot.toJson(booths.clock())));
  }

  /** The uploaded file of a multipart form, or else the request body itself. */
  static Future<Buffer> uploaded(RoutingContext ctx) {
    List<FileUpload> files = ctx.fileUploads();
    if (!files.isEmpty()) {
      FileUpload f = files.get(0);
      if (f.size() > LogoImage.MAX_BYTES) return Future.failedFuture(Reason.LOGO_TOO_LARGE.refuse(LogoImage.MAX_BYTES / 1024));
      return ctx.vertx().fileSystem().readFile(f.uploadedFileName());
    }
    var body = ctx.body();
    return Future.succeededFuture(body == null || body.buffer() == null ? Buffer.buffer() : body.buffer());
  }

  static Account user(RoutingContext ctx) {
    return Sessions.user(ctx);
  }

  static long boothId(RoutingContext ctx) {
    return JsonFields.pathId(ctx.pathParam("id"), Reason.BOOTH_NOT_FOUND);
  }

  private static long employerId(RoutingContext ctx) {
    return JsonFields.pathId(ctx.pathParam("id"), Reason.EMPLOYER_NOT_FOUND);
  }
}
