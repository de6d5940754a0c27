package at.jobfair.cascade;

import at.jobfair.account.Reauthentication;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Http;
import at.jobfair.web.JsonFields;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cascade's pages: a fair's stations (and the organiser's playbook), a station's live queue with the forms to
 * record outcomes, a case with the decider's forms, the printable dossier, the decider's tasks and the person's own
 * history in plain language.
 */
public final class CascadePages {

  private final CascadeService service;
  private final Dossier dossier;
  private final Pages pages;
  private final ZoneId zone;

  private final Reauthentication reauth;

  /** The person's counsellor (the booking feature's one lookup), named where the page asks to contact them. */
  private final java.util.function.LongFunction<Future<at.jobfair.booking.BookingStore.Counsellor>> counsellors;

  public CascadePages(CascadeService service, Dossier dossier, Pages pages, ZoneId zone, Reauthentication reauth,
                      java.util.function.LongFunction<Future<at.jobfair.booking.BookingStore.Counsellor>> counsellors) {
    this.counsellors = counsellors;
    this.service = service;
    this.dossier = dossier;
    this.pages = pages;
    this.zone = zone;
    this.reauth = reauth;
  }

  private Map<String, Object> model(RoutingContext ctx) {
    Map<String, Object> m = new HashMap<>();
    String error = pages.errorInAddress(ctx);
    if (error != null) m.put("error", error);
    String done = ctx.request().getParam("done");
    if (done != null && done.matches("[a-z_]{1,40}") && pages.messages().has(Http.lang(ctx), "cascade.done." + done)) {
      m.put("notice", pages.messages().get(Http.lang(ctx), "cascade.done." + done));
    }
    return m;
  }

  /** The fair's stations with their queues; organisers adjust the playbook here; staff admit arriving people. */
  public Future<?> fairPage(RoutingContext ctx) {
    long fair = Http.pathId(ctx, "id");
    Account user = Sessions.user(ctx);
    return service.stations(fair).compose(st -> service.inUse(fair)
        .compose(used -> service.notAdmitted(fair).map(people -> {
          Map<String, Object> m = model(ctx);
          m.put("s", st);
          m.put("fair", st.getJsonObject("fair"));
          m.put("people", people);
          m.put("editable", !used && user.has(Role.ORGANIZER));
          m.put("roleChoices", roleChoices(st));
          pages.render(ctx, "cascade-stations", m);
          return null;
        })));
  }

  /** For the playbook form: every station that may exist, whether it is in the playbook, and its possible roles. */
  private static JsonArray roleChoices(JsonObject st) {
    JsonArray out = new JsonArray();
    for (Station s : Station.values()) {
      JsonObject current = null;
      for (Object o : st.getJsonArray("stations")) if (s.name().equals(((JsonObject) o).getString("station"))) current = (JsonObject) o;
      JsonArray roles = new JsonArray();
      for (Role r : Playbook.ALLOWED.get(s).stream().sorted().toList()) {
        roles.add(new JsonObject().put("role", r.name()).put("checked", current != null && current.getJsonArray("roles").contains(r.name())));
      }
      out.add(new JsonObject().put("station", s.name()).put("included", current != null).put("roles", roles)
          .put("place", current == null ? null : current.getString("place")));
    }
    return out;
  }

  public Future<?> playbookForm(RoutingContext ctx) {
    long fair = Http.pathId(ctx, "id");
    var f = ctx.request().formAttributes();
    JsonObject body = new JsonObject().put("escalation", "on".equals(f.get("escalation")));
    if (!"default".equals(f.get("mode"))) {
      JsonArray stations = new JsonArray();
      for (Station s : Station.values()) {
        if (!"on".equals(f.get("include." + s.name()))) continue;
        JsonArray roles = new JsonArray();
        for (String r : f.getAll("roles." + s.name())) roles.add(r);
        stations.add(new JsonObject().put("station", s.name()).put("roles", roles).put("place", f.get("place." + s.name())));
      }
      body.put("stations", stations);
      body.put("decisionDays", number(f.get("decisionDays")));
      body.put("waiverDays", number(f.get("waiverDays")));
    }
    String back = "/staff/fairs/" + fair + "/cascade";
    return service.adjust(Sessions.user(ctx), fair, body).onSuccess(v -> Http.seeOther(ctx, back + "?done=playbook"))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  private static Integer number(String s) {
    try {
      return s == null || s.isBlank() ? 0 : Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  public Future<?> admitForm(RoutingContext ctx) {
    long fair = Http.pathId(ctx, "id");
    String back = "/staff/fairs/" + fair + "/cascade";
    long person;
    try {
      person = Long.parseLong(ctx.request().getFormAttribute("jobseekerId"));
    } catch (NumberFormatException | NullPointerException e) {
      return Http.backWithError(ctx, Reason.JOBSEEKER_REQUIRED.refuse(), back);
    }
    return service.admit(Sessions.user(ctx), fair, person).onSuccess(v -> Http.seeOther(ctx, back + "?done=admitted"))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  /** A station: who waits (live), the people this staff member is seeing, with the forms for their outcome. */
  public Future<?> stationPage(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    long id = Http.pathId(ctx, "id");
    return service.queue(user, id).compose(q -> {
      JsonObject station = q.getJsonObject("station");
      long fair = station.getLong("fairId");
      List<Future<JsonObject>> mine = new ArrayList<>();
      boolean offer = "OFFER".equals(station.getString("station")) || "LOCAL_OFFER".equals(station.getString("station"));
      for (Object o : q.getJsonArray("atStation")) {
        JsonObject e = (JsonObject) o;
        // at an offer station each card has its own list: the person's proposals first and preselected (issue 12)
        if (e.getBoolean("mine")) {
          mine.add(service.view(e.getLong("cascade")).compose(v -> !offer ? Future.succeededFuture(v)
              : service.vacanciesFor(fair, v.getJsonObject("person").getLong("id")).map(list -> v.put("vacancies", list))));
        }
      }
      return Future.all(mine).compose(x -> service.vacancies(fair)).compose(vac -> service.noticeInForce().compose(notice -> service.playbook(fair).map(sp -> {
        Map<String, Object> m = model(ctx);
        JsonArray cards = new JsonArray();
        for (Future<JsonObject> f : mine) {
          JsonObject card = f.result();
          // the hand-over of a binding proposal is the SfU's, for binding participation only
          card.put("mayHandOver", user.has(Role.SFU) && "BINDING".equals(card.getString("legalBasis")));
          cards.add(card);
        }
        m.put("noticeVersion", notice);
        m.put("topics", java.util.Arrays.stream(Hearing.Topic.values()).map(Enum::name).toList());
        m.put("hearingFindings", List.of("NONE", "REASONABLE", "NOT_REASONABLE", "UNCLEAR"));
        m.put("q", q);
        m.put("waitingCount", q.getJsonArray("waiting").size());
        m.put("station", station);
        m.put("fair", sp.fairJson());
        m.put("cards", cards);
        m.put("vacancies", vac);
        m.put("kind", station.getString("station"));
        m.put("isOffer", "OFFER".equals(station.getString("station")));
        m.put("isLocalOffer", "LOCAL_OFFER".equals(station.getString("station")));
        m.put("isTraining", "TRAINING_SCREENING".equals(station.getString("station")));
        m.put("isCheck", "SANCTION_CHECK".equals(station.getString("station")));
        m.put("isDecision", "DECISION".equals(station.getString("station")));
        m.put("mayDossier", mayDossier(user));
        pages.render(ctx, "cascade-station", m);
        return null;
      })));
    });
  }

  public Future<?> nextForm(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    String back = "/staff/stations/" + id;
    return service.next(Sessions.user(ctx), id).onSuccess(c -> Http.seeOther(ctx, back + "#cascade-" + c))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  /** A form step on a case; back to where the form was (a station or the case page). */
  public Future<?> eventForm(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    var f = ctx.request().formAttributes();
    String back = Http.localPath(f.get("back") == null ? "/staff/cascades/" + id : f.get("back"));
    JsonObject body = new JsonFields.Form(f).text("type", "vacancyId", "reasons", "finding", "decision").json();
    String jobStart = f.get("jobStart");
    Future<Long> done;
    try {
      if (jobStart != null && !jobStart.isBlank()) body.put("jobStart", LocalDate.parse(jobStart.strip()).atStartOfDay(zone).toInstant().toString());
      String version = f.get("version");
      Integer v = version == null || version.isBlank() ? null : Integer.valueOf(version.strip());
      Event event = CascadeApi.parse(body);
      // "handed over in person today": recorded first, in its own transaction, so the decline after it finds it
      Future<Integer> handedOver = "on".equals(f.get("handover"))
          ? service.handOver(Sessions.user(ctx), id, event.vacancyId()) : Future.succeededFuture(0);
      // a decision on a person's benefit: the decider proves again who they are (password, and code where needed)
      Future<Void> proven = event.type().decision() ? reauth.confirm(ctx, f.get("password"), f.get("code")) : Future.succeededFuture();
      // the hand-over changed nothing the person sees, so the version the form showed still holds
      done = proven.compose(ok -> handedOver).compose(x -> service.act(Sessions.user(ctx), id, event, v));
    } catch (Refused e) {
      done = Future.failedFuture(e);
    } catch (RuntimeException e) {
      done = Future.failedFuture(Reason.INVALID_VALUE.refuse());
    }
    return done.onSuccess(v -> Http.seeOther(ctx, Http.withNotice(back, "done", "recorded")))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  /** The hearing record from the station's form: per item the person's words and the finding ("NONE": not raised). */
  public Future<?> hearingForm(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    var f = ctx.request().formAttributes();
    String back = Http.localPath(f.get("back") == null ? "/staff/cascades/" + id : f.get("back"));
    JsonArray items = new JsonArray();
    for (Hearing.Topic t : Hearing.Topic.values()) {
      String words = f.get("words." + t.name());
      String finding = f.get("finding." + t.name());
      boolean raised = (words != null && !words.isBlank()) || (finding != null && !finding.isBlank() && !"NONE".equals(finding));
      if (raised) items.add(new JsonObject().put("topic", t.name()).put("words", words).put("finding", "NONE".equals(finding) ? null : finding));
    }
    JsonObject body = new JsonObject().put("language", f.get("language")).put("interpreter", f.get("interpreter"))
        .put("confirmed", "on".equals(f.get("confirmed"))).put("statement", f.get("statement")).put("items", items);
    Future<Long> done;
    try {
      String version = f.get("version");
      done = service.hear(Sessions.user(ctx), id, Hearing.parse(body), version == null || version.isBlank() ? null : Integer.valueOf(version.strip()));
    } catch (Refused e) {
      done = Future.failedFuture(e);
    } catch (RuntimeException e) {
      done = Future.failedFuture(Reason.INVALID_VALUE.refuse());
    }
    return done.onSuccess(v -> Http.seeOther(ctx, Http.withNotice(back, "done", "recorded")))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  /** A case: its history, and the decider's forms when it is theirs to decide. */
  public Future<?> casePage(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    return service.view(Http.pathId(ctx, "id")).compose(v -> dossier.caseFor(user, v)).map(v -> {
      if (v == null) throw Reason.CASCADE_NOT_FOUND.refuse();
      Map<String, Object> m = model(ctx);
      m.put("c", v);
      boolean decider = "KOMMUNE".equals(v.getString("decider")) ? user.has(Role.KOMMUNE)
          : user.has(Role.SFA) && (isCaseworker(user, v) || v.getBoolean("standsIn", false));
      String state = v.getString("state");
      m.put("mayDecide", decider && ("SANCTION_PROPOSED".equals(state) || "DECISION_PENDING".equals(state)));
      m.put("mayJobStart", decider && "IMPOSED".equals(state) && v.getString("waiverDeadline") != null);
      m.put("mayWaive", decider && "WAIVER_CONSIDERATION".equals(state));
      m.put("mayDossier", mayDossier(user));
      // deciding asks for the password (and code) again unless the person proved who they are a moment ago
      m.put("reauth", !reauth.fresh(ctx));
      m.put("reauthCode", reauth.asksCode(ctx));
      pages.render(ctx, "cascade-case", m);
      return null;
    });
  }

  private static boolean isCaseworker(Account user, JsonObject v) {
    Long cw = v.getLong("caseworkerId");
    return cw != null && cw == user.id();
  }

  private static boolean mayDossier(Account user) {
    return user.has(Role.SFA) || user.has(Role.ERHEBUNG) || user.has(Role.KOMMUNE) || user.has(Role.ORGANIZER);
  }

  public Future<?> dossierPage(RoutingContext ctx) {
    return dossier.readBy(Sessions.user(ctx), Http.pathId(ctx, "id"), Http.lang(ctx)).map(d -> {
      if (d == null) throw Reason.CASCADE_NOT_FOUND.refuse();
      Map<String, Object> m = model(ctx);
      m.put("d", d);
      pages.render(ctx, "cascade-dossier", m);
      return null;
    });
  }

  public Future<?> tasksPage(RoutingContext ctx) {
    return service.tasks(Sessions.user(ctx)).map(t -> {
      Map<String, Object> m = model(ctx);
      m.put("items", t);
      pages.render(ctx, "cascade-tasks", m);
      return null;
    });
  }

  /** The person's own cascades in plain language; it refreshes itself when anything happens to them. */
  public Future<?> minePage(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    Future<at.jobfair.booking.BookingStore.Counsellor> counsellor = counsellors.apply(user.id());
    return service.mine(user.id()).compose(views -> counsellor.map(c -> {
      JsonArray list = new JsonArray();
      for (JsonObject v : views) {
        JsonObject p = CascadeApi.forPerson(v);
        String state = p.getString("state");
        p.put("goNext", "WAITING".equals(state) || "SENT_BACK".equals(state));
        p.put("atStation", "AT_STATION".equals(state));
        list.add(p);
      }
      Map<String, Object> m = model(ctx);
      m.put("cascades", list);
      m.put("me", user.id());
      // The texts say the counsellor helps and decides: who that is and how to reach them.
      m.put("counsellor", at.jobfair.booking.BookingStore.Counsellor.model(c));
      pages.render(ctx, "cascade-mine", m);
      return null;
    }));
  }

  /** Employers: the answers to their own vacancies, nothing else of the cascade. */
  public Future<?> answersPage(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    if (user.employerId() == null) throw Reason.NOT_YOUR_BOOTH.refuse();
    return service.answersFor(user.employerId()).map(a -> {
      Map<String, Object> m = model(ctx);
      m.put("answers", a);
      pages.render(ctx, "cascade-answers", m);
      return null;
    });
  }
}
