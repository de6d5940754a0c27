package at.jobfair.profile;

import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** The profile API: the person's profile and CV, what a booth reads of a candidate, a vacancy's questions. */
public final class ProfileApi {

  private final ProfileService profiles;

  public ProfileApi(ProfileService profiles) {
    this.profiles = profiles;
  }

  public Future<?> mine(RoutingContext ctx) {
    return profiles.mine(Sessions.user(ctx)).onSuccess(j -> Http.ok(ctx, j));
  }

  /** PUT the whole profile (ProfileInput). */
  public Future<?> save(RoutingContext ctx) {
    return profiles.save(Sessions.user(ctx), Http.body(ctx)).onSuccess(j -> Http.ok(ctx, j));
  }

  /** POST the CV as a multipart part (the first) or as the request body with {@code ?name=}. */
  public Future<?> uploadCv(RoutingContext ctx) {
    return upload(ctx, profiles).compose(u -> profiles.putCv(Sessions.user(ctx), u.name(), u.content()))
        .onSuccess(j -> Http.created(ctx, j));
  }

  public Future<?> ownCv(RoutingContext ctx) {
    return profiles.ownCv(Sessions.user(ctx)).onSuccess(cv -> send(ctx, cv));
  }

  public Future<?> deleteCv(RoutingContext ctx) {
    return profiles.deleteCv(Sessions.user(ctx)).onSuccess(v -> Http.noContent(ctx));
  }

  public Future<?> candidate(RoutingContext ctx) {
    return profiles.forBooth(Sessions.user(ctx), Http.pathId(ctx, "id"), Http.pathId(ctx, "jobseekerId")).onSuccess(j -> Http.ok(ctx, j));
  }

  public Future<?> candidateCv(RoutingContext ctx) {
    return profiles.cvForBooth(Sessions.user(ctx), Http.pathId(ctx, "id"), Http.pathId(ctx, "jobseekerId")).onSuccess(cv -> send(ctx, cv));
  }

  public Future<?> boothQuestions(RoutingContext ctx) {
    return profiles.questionsOfBooth(Http.pathId(ctx, "id")).onSuccess(q -> Http.ok(ctx, ProfileService.json(q)));
  }

  /** PUT {@code {"questions": [{"text", "required"}]}}: replaces the vacancy's questions (at most three). */
  public Future<?> setQuestions(RoutingContext ctx) {
    return profiles.setQuestions(Sessions.user(ctx), Http.pathId(ctx, "id"), Http.body(ctx))
        .onSuccess(q -> Http.ok(ctx, ProfileService.json(q)));
  }

  /** An uploaded file: name and bytes. */
  record Upload(String name, byte[] content) {
  }

  /** The first multipart file, or the raw body; refused before reading when over the limit. */
  static Future<Upload> upload(RoutingContext ctx, ProfileService profiles) {
    List<FileUpload> files = ctx.fileUploads();
    int max = profiles.config().cvMaxBytes();
    if (!files.isEmpty()) {
      FileUpload f = files.get(0);
      if (f.size() > max) return Future.failedFuture(at.jobfair.refusal.Reason.CV_TOO_LARGE.refuse(max / 1024));
      return ctx.vertx().fileSystem().readFile(f.uploadedFileName()).map(b -> new Upload(f.fileName(), b.getBytes()));
    }
    var body = ctx.body();
    byte[] bytes = body == null || body.buffer() == null ? new byte[0] : body.buffer().getBytes();
    return Future.succeededFuture(new Upload(ctx.request().getParam("name"), bytes));
  }

  /** A CV, always as an attachment, never rendered in this site's origin. */
  static void send(RoutingContext ctx, ProfileStore.Cv cv) {
    ctx.response()
        .putHeader("Content-Type", CvFile.TYPE)
        .putHeader("Content-Disposition", "attachment; filename=\"" + cv.name() + "\"")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", "sandbox; default-src 'none'")
        .putHeader("Cache-Control", "private, no-store")
        .end(cv.content());
  }

}
