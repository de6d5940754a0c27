package at.jobfair.cascade;

import at.jobfair.account.Reauthentication;
import at.jobfair.booth.BoothAccess;
import at.jobfair.identity.Account;
import at.jobfair.refusal.Reason;
import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** The cascade's JSON API. Who may call which route is in AppRouter; this adds the per-record checks. */
public final class CascadeApi {

  /** What the person may read about their own cascade: everything that happened to them, no staff names. */
  private static final Set<String> DECISION_OPEN = Set.of("SANCTION_PROPOSED", "DECISION_PENDING");
  private static final Set<String> WAIVER_OPEN = Set.of("IMPOSED", "WAIVER_CONSIDERATION");
  private static final Set<String> PERSON_STEP_FIELDS = Set.of("event", "at", "fromStation", "toStation", "vacancy", "finding",
      "decision", "reasons", "jobStart", "hearing");

  private final CascadeService service;
  private final Dossier dossier;

  private final Reauthentication reauth;

  public CascadeApi(CascadeService service, Dossier dossier, Reauthentication reauth) {
    this.service = service;
    this.dossier = dossier;
    this.reauth = reauth;
  }

  public Future<?> stations(RoutingContext ctx) {
    return service.stations(Http.pathId(ctx, "id")).onSuccess(s -> Http.ok(ctx, s));
  }

  public Future<?> adjust(RoutingContext ctx) {
    long fair = Http.pathId(ctx, "id");
    return service.adjust(Sessions.user(ctx), fair, Http.body(ctx)).compose(v -> service.stations(fair)).onSuccess(s -> Http.ok(ctx, s));
  }

  /** POST {@code {"jobseekerId"}}: the person starts the cascade at the fair's first station. */
  public Future<?> admit(RoutingContext ctx) {
    long jobseekerId = Http.body(ctx).getNumber("jobseekerId").longValue();
    return service.admit(Sessions.user(ctx), Http.pathId(ctx, "id"), jobseekerId).compose(service::view)
        .onSuccess(v -> Http.created(ctx, v));
  }

  public Future<?> queue(RoutingContext ctx) {
    return service.queue(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(q -> Http.ok(ctx, q));
  }

  public Future<?> next(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    return service.next(user, Http.pathId(ctx, "id")).compose(id -> answer(user, id)).onSuccess(v -> Http.ok(ctx, v));
  }

  /** Staff read the whole cascade; the person only their own, in their own view; nobody else learns it exists. */
  public Future<?> get(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    return service.view(Http.pathId(ctx, "id")).compose(v -> {
      if (v == null) throw Reason.CASCADE_NOT_FOUND.refuse();
      if (user.isStaff()) return dossier.caseFor(user, v);
      if (v.getJsonObject("person").getLong("id") != user.id()) throw Reason.CASCADE_NOT_FOUND.refuse();
      return Future.succeededFuture(forPerson(v));
    }).map(v -> {
      if (v == null) throw Reason.CASCADE_NOT_FOUND.refuse();
      return v;
    }).onSuccess(v -> Http.ok(ctx, v));
  }

  public Future<?> mine(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    return service.mine(user.id()).map(views -> {
      JsonArray out = new JsonArray();
      for (JsonObject v : views) out.add(forPerson(v));
      return out;
    }).onSuccess(list -> Http.ok(ctx, new JsonObject().put("cascades", list)));
  }

  /** POST {@code {"type", "vacancyId", "reasons", "finding", "decision", "jobStart", "version"}}. */
  public Future<?> event(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    JsonObject body = Http.body(ctx);
    Event e = parse(body);
    Integer version = body.getValue("version") instanceof Number n ? n.intValue() : null;
    // a decision on a person's benefit: the decider proves again who they are ("password", and "code" where needed)
    Future<Void> proven = e.type().decision() ? reauth.confirm(ctx, text(body, "password"), text(body, "code")) : Future.succeededFuture();
    return proven.compose(ok -> service.act(user, Http.pathId(ctx, "id"), e, version)).compose(id -> answer(user, id))
        .onSuccess(v -> Http.ok(ctx, v));
  }

  private static String text(JsonObject body, String key) {
    return body.getValue(key) instanceof String s ? s : null;
  }

  /** POST {@code {"vacancyId"}}: the SfU handed the person a placement proposal with the notice in force (provable delivery). */
  public Future<?> handover(RoutingContext ctx) {
    Object v = Http.body(ctx).getValue("vacancyId");
    long id = Http.pathId(ctx, "id");
    return service.handOver(Sessions.user(ctx), id, v == null ? null : String.valueOf(v)).compose(n -> service.view(id))
        .onSuccess(view -> Http.ok(ctx, view));
  }

  /** POST the hearing record of the sanction check ({@link Hearing#parse}) with {@code "version"}: the STATEMENT step. */
  public Future<?> hearing(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    JsonObject body = Http.body(ctx);
    Hearing h = Hearing.parse(body);
    Integer version = body.getValue("version") instanceof Number n ? n.intValue() : null;
    return service.hear(user, Http.pathId(ctx, "id"), h, version).compose(id -> answer(user, id)).onSuccess(v -> Http.ok(ctx, v));
  }

  /** Employers staffing an offer station learn that their step was recorded, nothing of where the person goes next. */
  private Future<JsonObject> answer(Account user, long cascadeId) {
    if (!user.isStaff()) return Future.succeededFuture(new JsonObject().put("id", cascadeId).put("recorded", true));
    return service.view(cascadeId);
  }

  public Future<?> dossier(RoutingContext ctx) {
    return dossier.readBy(Sessions.user(ctx), Http.pathId(ctx, "id"), Http.lang(ctx)).map(d -> {
      if (d == null) throw Reason.CASCADE_NOT_FOUND.refuse();
      return d;
    }).onSuccess(d -> Http.ok(ctx, d));
  }

  public Future<?> tasks(RoutingContext ctx) {
    return service.tasks(Sessions.user(ctx)).onSuccess(t -> Http.ok(ctx, new JsonObject().put("items", t)));
  }

  /** The answers to the employer's own vacancies (organisers: any employer's). */
  public Future<?> answers(RoutingContext ctx) {
    long employer = Http.pathId(ctx, "id");
    BoothAccess.check(Sessions.user(ctx), employer);
    return service.answersFor(employer).onSuccess(a -> Http.ok(ctx, new JsonObject().put("answers", a)));
  }

  /** The event a request asks for; a wrong type or value is a 400 a person understands. */
  public static Event parse(JsonObject body) {
    Event.Type type;
    try {
      type = Event.Type.valueOf(String.valueOf(body.getValue("type")));
    } catch (IllegalArgumentException e) {
      throw Reason.EVENT_TYPE_INVALID.refuse();
    }
    Object v = body.getValue("vacancyId");
    String vacancy = v == null ? null : String.valueOf(v);
    Object r = body.getValue("reasons");
    if (r != null && !(r instanceof String)) throw Reason.INVALID_JSON.refuse();
    String reasons = r == null || ((String) r).isBlank() ? null : ((String) r).strip();
    Event.Finding finding = null;
    if (body.getValue("finding") != null) {
      try {
        finding = Event.Finding.valueOf(String.valueOf(body.getValue("finding")));
      } catch (IllegalArgumentException e) {
        throw Reason.FINDING_REQUIRED.refuse();
      }
    }
    Event.Decision decision = null;
    if (body.getValue("decision") != null) {
      try {
        decision = Event.Decision.valueOf(String.valueOf(body.getValue("decision")));
      } catch (IllegalArgumentException e) {
        throw Reason.DECISION_REQUIRED.refuse();
      }
    }
    Instant jobStart = null;
    if (body.getValue("jobStart") != null) {
      try {
        jobStart = Instant.parse(String.valueOf(body.getValue("jobStart")));
      } catch (DateTimeParseException e) {
        throw Reason.JOB_START_REQUIRED.refuse();
      }
    }
    return new Event(type, vacancy, reasons, finding, decision, jobStart);
  }

  /** The person's own view: what happened and what it means; no staff names, no internal flags. */
  public static JsonObject forPerson(JsonObject v) {
    String state = v.getString("state");
    JsonArray steps = new JsonArray();
    String barred = null;
    for (Object o : v.getJsonArray("steps")) {
      JsonObject s = (JsonObject) o;
      String ev = s.getString("event");
      if ("TAKE".equals(ev) || "BOOK".equals(ev)) continue;
      JsonObject p = new JsonObject();
      for (String k : PERSON_STEP_FIELDS) p.put(k, s.getValue(k));
      // A late bar: its reason is a code; the person reads what it means (cascade.mine.bar.<code>), not the code.
      if ("SANCTION_BARRED".equals(ev)) {
        barred = s.getString("reasons");
        p.put("bar", barred).remove("reasons");
      }
      // A statement step names its hearing record ("hearing record 7"), not words of the person: the number says enough.
      if (p.getValue("hearing") != null) p.remove("reasons");
      if (p.getValue("vacancy") instanceof JsonObject vac) p.put("vacancy", new JsonObject().put("title", vac.getString("title")).put("employer", vac.getString("employer")));
      steps.add(p);
    }
    return new JsonObject().put("id", v.getLong("id")).put("fair", v.getJsonObject("fair"))
        .put("state", v.getString("state")).put("station", v.getString("station")).put("place", v.getString("place"))
        .put("decider", v.getString("decider"))
        // Deadlines only while they run: the decision's until it is taken, the waiver's while a sanction stands.
        .put("decisionDue", DECISION_OPEN.contains(state) ? v.getString("decisionDue") : null)
        .put("waiverDeadline", WAIVER_OPEN.contains(state) ? v.getString("waiverDeadline") : null).put("barred", barred).put("steps", steps);
  }
}
