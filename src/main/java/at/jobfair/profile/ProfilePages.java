package at.jobfair.profile;

import at.jobfair.refusal.Kind;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Http;
import at.jobfair.web.JsonFields;
import at.jobfair.web.Pages;
import at.jobfair.web.RequestContract;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The person's profile page (phone first) and its forms, a candidate's page for the booth, a booth's questions page. */
public final class ProfilePages {

  static final int LANGUAGE_ROWS = 4;
  private final ProfileService profiles;
  private final Pages pages;
  private final RequestContract contract;

  public ProfilePages(ProfileService profiles, Pages pages, RequestContract contract) {
    this.profiles = profiles;
    this.pages = pages;
    this.contract = contract;
  }

  public Future<?> page(RoutingContext ctx) {
    return page(ctx, 200, null);
  }

  /** The form as the API's PUT takes it, checked against the same contract. */
  public Future<?> form(RoutingContext ctx) {
    MultiMap f = ctx.request().formAttributes();
    JsonObject json = new JsonFields.Form(f).text("availableFrom").number("hoursPerWeek", "maxCommuteMinutes", "maxCommuteKm")
        .checkbox("relocate").json();
    JsonArray skills = new JsonArray();
    for (String s : String.valueOf(f.get("skills") == null ? "" : f.get("skills")).split("[,\\n]")) if (!s.isBlank()) skills.add(s.strip());
    json.put("skills", skills);
    JsonArray langs = new JsonArray();
    for (int i = 1; i <= LANGUAGE_ROWS; i++) {
      String code = f.get("language" + i);
      if (code == null || code.isBlank()) continue;
      langs.add(new JsonObject().put("code", code.strip().toLowerCase(java.util.Locale.ROOT)).put("level", f.get("level" + i)));
    }
    json.put("languages", langs);
    json.put("licences", new JsonArray(new ArrayList<>(f.getAll("licences"))));
    json.put("shifts", new JsonArray(new ArrayList<>(f.getAll("shifts"))));
    json.put("shared", new JsonArray(new ArrayList<>(f.getAll("shared"))));
    try {
      JsonObject checked = contract.operation("putMeJobProfile").check(json);
      return profiles.save(Sessions.user(ctx), checked).<Object>map(j -> {
        Http.seeOther(ctx, "/me/profile?saved=1");
        return j;
      }).recover(e -> e instanceof Refused r && r.kind() == Kind.INVALID ? page(ctx, 400, r).map(x -> (Object) x) : Future.failedFuture(e));
    } catch (Refused r) {
      if (r.kind() != Kind.INVALID) throw r;
      return page(ctx, 400, r);
    }
  }

  /** The CV from the page's file field (multipart). */
  public Future<?> cvForm(RoutingContext ctx) {
    return ProfileApi.upload(ctx, profiles).compose(u -> profiles.putCv(Sessions.user(ctx), u.name(), u.content()))
        .onSuccess(j -> Http.seeOther(ctx, "/me/profile?cv=1#cv"))
        .recover(e -> Http.backWithError(ctx, e, "/me/profile#cv"));
  }

  public Future<?> deleteCvForm(RoutingContext ctx) {
    return profiles.deleteCv(Sessions.user(ctx)).onSuccess(v -> Http.seeOther(ctx, "/me/profile?cvDeleted=1#cv"))
        .recover(e -> Http.backWithError(ctx, e, "/me/profile#cv"));
  }

  private Future<?> page(RoutingContext ctx, int status, Refused error) {
    return profiles.mine(Sessions.user(ctx)).onSuccess(p -> {
      Map<String, Object> model = new HashMap<>();
      model.put("profile", p);
      model.put("skillsText", String.join(", ", p.getJsonArray("skills").getList()));
      List<Map<String, Object>> rows = new ArrayList<>();
      JsonArray langs = p.getJsonArray("languages");
      for (int i = 0; i < LANGUAGE_ROWS; i++) {
        Map<String, Object> row = new HashMap<>();
        row.put("n", i + 1);
        JsonObject l = i < langs.size() ? langs.getJsonObject(i) : null;
        row.put("code", l == null ? "" : l.getString("code"));
        List<Map<String, Object>> levels = new ArrayList<>();
        for (ProfilePolicy.Level level : ProfilePolicy.Level.values()) {
          levels.add(Map.of("value", level.name(), "selected", l != null && level.name().equals(l.getString("level"))));
        }
        row.put("levels", levels);
        rows.add(row);
      }
      model.put("languageRows", rows);
      model.put("licences", options(ProfilePolicy.LICENCES, p.getJsonArray("licences")));
      model.put("shifts", options(names(ProfilePolicy.Shift.values()), p.getJsonArray("shifts")));
      model.put("groups", options(names(ProfilePolicy.Group.values()), p.getJsonArray("shared")));
      model.put("cvMaxMb", Math.max(1, profiles.config().cvMaxBytes() / (1024 * 1024)));
      if (error != null) model.put("error", pages.messages().get(Http.lang(ctx), "error." + error.code(), error.args()));
      else {
        String inAddress = pages.errorInAddress(ctx, profiles.config().cvMaxBytes() / 1024);
        if (inAddress != null) model.put("error", inAddress);
      }
      if (ctx.request().getParam("saved") != null) model.put("notice", pages.messages().get(Http.lang(ctx), "jobprofile.saved"));
      if (ctx.request().getParam("cv") != null) model.put("notice", pages.messages().get(Http.lang(ctx), "jobprofile.cvSaved"));
      if (ctx.request().getParam("cvDeleted") != null) model.put("notice", pages.messages().get(Http.lang(ctx), "jobprofile.cvDeleted"));
      pages.render(ctx, status, "me-profile", model);
    });
  }

  /** What a candidate shares, for the booth's representatives (404 for anyone else, as the API). */
  public Future<?> candidatePage(RoutingContext ctx) {
    long boothId = Http.pathId(ctx, "id");
    return profiles.forBooth(Sessions.user(ctx), boothId, Http.pathId(ctx, "jobseekerId")).onSuccess(p -> {
      Map<String, Object> model = new HashMap<>();
      model.put("candidate", p);
      model.put("boothId", boothId);
      model.put("nothingShared", p.getJsonArray("shared").isEmpty());
      pages.render(ctx, "candidate", model);
    });
  }

  /** A booth's vacancies with their questions (up to three each), for its employer's representatives and organisers. */
  public Future<?> questionsPage(RoutingContext ctx) {
    long boothId = Http.pathId(ctx, "id");
    return profiles.questionsEditing(Sessions.user(ctx), boothId).onSuccess(vacancies -> {
      Map<String, Object> model = new HashMap<>();
      model.put("boothId", boothId);
      model.put("vacancies", vacancies);
      String error = pages.errorInAddress(ctx, ScreeningPolicy.MAX_QUESTION);
      if (error != null) model.put("error", error);
      if (ctx.request().getParam("saved") != null) model.put("notice", pages.messages().get(Http.lang(ctx), "screening.saved"));
      pages.render(ctx, "booth-questions", model);
    });
  }

  public Future<?> questionsForm(RoutingContext ctx) {
    long boothId = Http.pathId(ctx, "id");
    long vacancyId = JsonFields.pathId(ctx.pathParam("vacancyId"), Reason.VACANCY_NOT_FOUND);
    MultiMap f = ctx.request().formAttributes();
    JsonArray questions = new JsonArray();
    for (int i = 1; i <= ScreeningPolicy.MAX_QUESTIONS; i++) {
      String text = f.get("question" + i);
      if (text == null || text.isBlank()) continue;
      questions.add(new JsonObject().put("text", text).put("required", f.get("required" + i) != null));
    }
    String back = "/booths/" + boothId + "/manage/questions";
    try {
      JsonObject checked = contract.operation("putVacanciesByIdQuestions").check(new JsonObject().put("questions", questions));
      return profiles.setQuestions(Sessions.user(ctx), vacancyId, checked).onSuccess(q -> Http.seeOther(ctx, back + "?saved=1"))
          .recover(e -> Http.backWithError(ctx, e, back));
    } catch (Refused r) {
      return Http.backWithError(ctx, r, back);
    }
  }

  private static List<String> names(Enum<?>[] values) {
    List<String> out = new ArrayList<>();
    for (Enum<?> v : values) out.add(v.name());
    return out;
  }

  private static List<Map<String, Object>> options(List<String> all, JsonArray chosen) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String v : all) out.add(Map.of("value", v, "checked", chosen != null && chosen.contains(v)));
    return out;
  }
}
