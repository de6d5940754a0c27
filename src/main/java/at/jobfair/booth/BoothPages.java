package at.jobfair.booth;

import at.jobfair.refusal.Kind;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Failures;
import at.jobfair.web.Http;
import at.jobfair.web.JsonFields;
import at.jobfair.web.RequestContract;
import at.jobfair.web.Messages.Lang;
import at.jobfair.web.Pages;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The booth's page {@code /booths/{id}/manage} and its forms: the same changes as {@link BoothApi}, answered with the
 * page again (a notice, or the refusal next to the fields as they were typed).
 */
public final class BoothPages {

  private static final Set<String> NOTICES = Set.of("booth", "company", "logo", "vacancyAdded", "vacancySaved",
      "vacancyDeleted", "staffAdded", "staffRemoved", "scheduled", "slotAdded", "translationSaved", "translationDeleted");

  private final BoothService booths;
  private final Pages pages;
  private final RequestContract contract;

  /** The forms send what the API's operations take, and are checked against the same contract (openapi.json). */
  public BoothPages(BoothService booths, Pages pages, RequestContract contract) {
    this.booths = booths;
    this.pages = pages;
    this.contract = contract;
  }

  public Future<?> managePage(RoutingContext ctx) {
    long id = BoothApi.boothId(ctx);
    Map<String, Object> model = new HashMap<>();
    String done = ctx.request().getParam("done");
    if (done != null && NOTICES.contains(done)) {
      int n = parseCount(ctx.request().getParam("n"));
      model.put("notice", pages.messages().get(Http.lang(ctx), "booth.done." + done, n));
    }
    return renderManage(ctx, 200, id, model);
  }

  public Future<?> boothForm(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    return attempt(ctx, "boothForm", () -> booths.updateBooth(BoothApi.user(ctx), BoothApi.boothId(ctx),
        () -> checked("putBoothsById", BoothProfile.fromForm(form))),
        r -> "booth#profile");
  }

  public Future<?> companyForm(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    return attempt(ctx, "companyForm",
        () -> booths.updateBoothCompany(BoothApi.user(ctx), BoothApi.boothId(ctx),
            () -> checked("putEmployersById", CompanyProfile.fromForm(form))),
        r -> "company#company");
  }

  public Future<?> logoForm(RoutingContext ctx) {
    long id = BoothApi.boothId(ctx);
    return attempt(ctx, null, () -> booths.employerOfBooth(BoothApi.user(ctx), id)
        .compose(employerId -> BoothApi.uploaded(ctx).compose(bytes -> booths.setLogo(BoothApi.user(ctx), employerId, bytes))), r -> "logo#company");
  }

  public Future<?> addVacancyForm(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    return attempt(ctx, "vacancyForm", () -> booths.addVacancy(BoothApi.user(ctx), BoothApi.boothId(ctx),
        () -> checked("postBoothsByIdVacancies", VacancyInput.fromForm(form))),
        r -> "vacancyAdded#vacancies");
  }

  public Future<?> updateVacancyForm(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    long vacancyId = JsonFields.pathId(ctx.pathParam("vacancyId"), Reason.VACANCY_NOT_FOUND);
    return attempt(ctx, null, () -> booths.updateVacancy(BoothApi.user(ctx), vacancyId,
        () -> checked("putVacanciesById", VacancyInput.fromForm(form))),
        r -> "vacancySaved#vacancies");
  }

  public Future<?> deleteVacancyForm(RoutingContext ctx) {
    long vacancyId = JsonFields.pathId(ctx.pathParam("vacancyId"), Reason.VACANCY_NOT_FOUND);
    return attempt(ctx, null, () -> booths.deleteVacancy(BoothApi.user(ctx), vacancyId), r -> "vacancyDeleted#vacancies");
  }

  public Future<?> boothTranslationForm(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    return attempt(ctx, "boothTranslationForm", () -> booths.putBoothTranslation(BoothApi.user(ctx), BoothApi.boothId(ctx),
        () -> checked("postBoothsByIdTranslations", TranslationInput.boothFromForm(form))),
        r -> "translationSaved#translations");
  }

  public Future<?> deleteBoothTranslationForm(RoutingContext ctx) {
    return attempt(ctx, null, () -> booths.deleteBoothTranslation(BoothApi.user(ctx), BoothApi.boothId(ctx), ctx.pathParam("language")),
        r -> "translationDeleted#translations");
  }

  public Future<?> vacancyTranslationForm(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    long vacancyId = JsonFields.pathId(ctx.pathParam("vacancyId"), Reason.VACANCY_NOT_FOUND);
    return attempt(ctx, "vacancyTranslationForm", () -> booths.putVacancyTranslation(BoothApi.user(ctx), vacancyId,
        () -> checked("postVacanciesByIdTranslations", TranslationInput.vacancyFromForm(form))),
        r -> "translationSaved#vacancy-" + vacancyId);
  }

  public Future<?> deleteVacancyTranslationForm(RoutingContext ctx) {
    long vacancyId = JsonFields.pathId(ctx.pathParam("vacancyId"), Reason.VACANCY_NOT_FOUND);
    return attempt(ctx, null, () -> booths.deleteVacancyTranslation(BoothApi.user(ctx), vacancyId, ctx.pathParam("language")),
        r -> "translationDeleted#vacancy-" + vacancyId);
  }

  public Future<?> addStaffForm(RoutingContext ctx) {
    JsonObject json = new JsonFields.Form(ctx.request().formAttributes()).number("accountId").json();
    return attempt(ctx, null, () -> booths.addStaff(BoothApi.user(ctx), BoothApi.boothId(ctx),
        () -> checked("postBoothsByIdStaff", json)),
        r -> "staffAdded#staff");
  }

  public Future<?> removeStaffForm(RoutingContext ctx) {
    long accountId = JsonFields.pathId(ctx.pathParam("accountId"), Reason.STAFF_NOT_FOUND);
    return attempt(ctx, null, () -> booths.removeStaff(BoothApi.user(ctx), BoothApi.boothId(ctx), accountId), r -> "staffRemoved#staff");
  }

  public Future<?> scheduleForm(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    return attempt(ctx, "scheduleForm",
        () -> booths.schedule(BoothApi.user(ctx), BoothApi.boothId(ctx),
            () -> checked("postBoothsByIdSchedule", ScheduleInput.planFromForm(form))),
        r -> "scheduled&n=" + ((List<?>) r).size() + "#schedule");
  }

  public Future<?> slotForm(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    return attempt(ctx, "slotForm",
        () -> booths.addSlot(BoothApi.user(ctx), BoothApi.boothId(ctx),
            () -> checked("postBoothsByIdSlots", ScheduleInput.slotFromForm(form))),
        r -> "slotAdded#schedule");
  }

  /** A form's fields as the API operation's contract lets them through, or its refusal. */
  private JsonObject checked(String operationId, JsonObject form) {
    return contract.operation(operationId).check(form);
  }

  /**
   * Runs a change posted from the manage page. Success: back to the page with a notice (303). A refusal: the page
   * again with the message, and the fields of the form that was sent ({@code formName}) as they were typed.
   */
  private Future<?> attempt(RoutingContext ctx, String formName, Supplier<Future<?>> change, Function<Object, String> done) {
    long id = BoothApi.boothId(ctx);
    Map<String, Object> model = new HashMap<>();
    if (formName != null) model.put(formName, JsonFields.typed(ctx.request().formAttributes()));
    String vacancyId = ctx.pathParam("vacancyId");
    if (formName != null && vacancyId != null) ((Map<String, Object>) model.get(formName)).put("vacancyId", vacancyId);
    Future<?> result;
    try {
      result = change.get();
    } catch (Refused e) {
      return refused(ctx, id, model, e);
    }
    return result.onSuccess(r -> Http.seeOther(ctx, "/booths/" + id + "/manage?done=" + done.apply(r)))
        .recover(e -> e instanceof Refused error ? refused(ctx, id, model, error).mapEmpty() : Future.failedFuture(e));
  }

  private Future<?> refused(RoutingContext ctx, long id, Map<String, Object> model, Refused e) {
    if (e.kind() == Kind.SIGN_IN_REQUIRED || e.kind() == Kind.FORBIDDEN || e.reason() == Reason.BOOTH_NOT_FOUND) return Future.failedFuture(e);
    model.put("error", pages.messages().get(Http.lang(ctx), "error." + e.code(), e.args()));
    return renderManage(ctx, Failures.status(e), id, model);
  }

  private Future<?> renderManage(RoutingContext ctx, int status, long id, Map<String, Object> model) {
    return booths.management(BoothApi.user(ctx), id).onSuccess(m -> {
              BoothStore.BoothView view = m.view();
              List<BoothStore.StoredSlot> slots = m.slots();
              model.put("booth", view.booth());
              model.put("fair", view.fair());
              model.put("employer", view.employer());
              model.putIfAbsent("boothForm", map("headline", view.booth().headline(), "description", view.booth().description(),
                  "phone", view.booth().phone(), "callback", view.booth().offersCallback(), "language", view.booth().lang()));
              Object boothLang = ((Map<?, ?>) model.get("boothForm")).get("language");
              model.put("boothLanguages", languageOptions(boothLang == null ? view.booth().lang() : boothLang.toString()));
              Lang page = Http.lang(ctx);
              model.put("boothTranslations", m.boothTranslations().stream()
                  .map(t -> translationModel(t.lang(), page, t.toJson())).toList());
              model.put("boothTranslationChoices", translationChoices(view.booth().lang(),
                  m.boothTranslations().stream().map(BoothStore.BoothTranslation::lang).toList(), (Map<?, ?>) model.get("boothTranslationForm")));
              model.putIfAbsent("companyForm", map("name", view.employer().name(), "description", view.employer().description(),
                  "website", view.employer().website(), "phone", view.employer().phone()));
              Map<?, ?> typedTranslation = (Map<?, ?>) model.get("vacancyTranslationForm");
              model.put("vacancies", m.vacancies().stream().map(v -> {
                Map<String, Object> vm = vacancyModel(v);
                vm.put("mark", Translations.mark(Translations.originalLanguage(v.lang()), page).toMap());
                List<BoothStore.VacancyTranslation> ts = m.vacancyTranslations().stream().filter(t -> t.vacancyId() == v.id()).toList();
                vm.put("translations", ts.stream().map(t -> translationModel(t.lang(), page, t.toJson())).toList());
                boolean typedHere = typedTranslation != null && String.valueOf(v.id()).equals(String.valueOf(typedTranslation.get("vacancyId")));
                vm.put("translationChoices", translationChoices(v.lang(), ts.stream().map(BoothStore.VacancyTranslation::lang).toList(),
                    typedHere ? typedTranslation : null));
                if (typedHere) {
                  vm.put("translationForm", typedTranslation);
                  vm.put("open", true);
                }
                return vm;
              }).toList());
              model.putIfAbsent("vacancyForm", map("german", "REQUIRED", "language", "de"));
              Object newVacancyLang = ((Map<?, ?>) model.get("vacancyForm")).get("language");
              model.put("newVacancyLanguages", languageOptions(newVacancyLang == null ? "de" : newVacancyLang.toString()));
              model.put("germanOptions", germanOptions(String.valueOf(((Map<?, ?>) model.get("vacancyForm")).get("german"))));
              model.put("staff", m.staff());
              model.put("colleagues", m.colleagues());
              model.put("days", days(slots));
              model.put("slotCount", slots.size());
              String day = LocalDate.ofInstant(view.fair().startsAt(), booths.clock().zone()).toString();
              model.putIfAbsent("scheduleForm", map("date", day, "from", "09:00", "to", "12:00", "interviewMinutes", 20,
                  "bufferMinutes", 10, "capacity", 1));
              model.putIfAbsent("slotForm", map("start", booths.clock().local(view.fair().startsAt()), "capacity", 1));
              pages.render(ctx, status, "booth-manage", model);
            });
  }

  /** The slots grouped by their day in the zone, for the read-only list. */
  private List<Map<String, Object>> days(List<BoothStore.StoredSlot> slots) {
    Map<LocalDate, List<BoothStore.StoredSlot>> byDay = new LinkedHashMap<>();
    for (BoothStore.StoredSlot s : slots) {
      byDay.computeIfAbsent(ZonedDateTime.ofInstant(s.startsAt(), booths.clock().zone()).toLocalDate(), d -> new ArrayList<>()).add(s);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    byDay.forEach((day, list) -> out.add(Map.of("day", list.get(0).startsAt(), "slots", list)));
    return out;
  }

  private static Map<String, Object> vacancyModel(BoothStore.Vacancy v) {
    Map<String, Object> m = new HashMap<>();
    m.put("id", v.id());
    m.put("title", v.title());
    m.put("description", v.description());
    m.put("hoursPerWeek", v.hoursText());
    m.put("hours", v.hoursPerWeek());
    m.put("pay", v.pay());
    m.put("workplace", v.workplace());
    m.put("region", v.region());
    m.put("startDate", v.startDate() == null ? null : v.startDate().toString());
    m.put("german", v.german());
    m.put("housing", v.housing());
    m.put("germanOptions", germanOptions(v.german()));
    m.put("languageOptions", languageOptions(v.lang()));
    return m;
  }

  /** Every language of the interface by its own name, for the select of the texts' original language. */
  private static List<Map<String, Object>> languageOptions(String chosen) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Lang l : Lang.values()) {
      out.add(map("value", l.code(), "name", l.nativeName(), "htmlLang", l.htmlLang(), "selected", l.code().equals(chosen)));
    }
    return out;
  }

  /**
   * The languages a new translation may be into: not the original, not one already there (its own form changes that
   * one); the one a refused form named stays chosen.
   */
  private static List<Map<String, Object>> translationChoices(String original, List<String> translated, Map<?, ?> typed) {
    Object typedLang = typed == null ? null : typed.get("language");
    List<Map<String, Object>> out = new ArrayList<>();
    for (Lang l : Lang.values()) {
      if (l.code().equals(original) || translated.contains(l.code())) continue;
      out.add(map("value", l.code(), "name", l.nativeName(), "htmlLang", l.htmlLang(), "selected", l.code().equals(typedLang)));
    }
    return out;
  }

  /** A stored translation for its form: its texts, and its language's name, tag and direction for the fields. */
  private static Map<String, Object> translationModel(String code, Lang page, io.vertx.core.json.JsonObject texts) {
    Lang l = Translations.originalLanguage(code);
    Map<String, Object> m = new HashMap<>(texts.getMap());
    // Not "lang": a template reads the page's language under that name (for {{t}}).
    m.remove("lang");
    m.put("code", l.code());
    m.put("name", l.nativeName());
    m.put("htmlLang", l.htmlLang());
    m.put("dir", l.rightToLeft() ? "rtl" : "ltr");
    m.put("mark", Translations.mark(l, page).toMap());
    return m;
  }

  private static List<Map<String, Object>> germanOptions(String chosen) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String g : VacancyInput.GERMAN) out.add(Map.of("value", g, "selected", g.equals(chosen)));
    return out;
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  private static int parseCount(String n) {
    try {
      return n == null ? 0 : Math.max(0, Integer.parseInt(n));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

}
