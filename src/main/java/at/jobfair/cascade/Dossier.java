package at.jobfair.cascade;

import at.jobfair.access.Relations;
import at.jobfair.access.StaffAccess;
import at.jobfair.identity.Account;

import at.jobfair.db.Rows;
import at.jobfair.letter.Letters;
import at.jobfair.web.Messages.Lang;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * The record a sanction decision rests on, assembled from the database: the invitation and its legal basis, the notice
 * of legal consequences in the version sent and its delivery, the bookings with their attendance log and the
 * employers' feedback, every offer and answer, the statement and the finding. For entitled staff only.
 */
public final class Dossier {

  private final Pool pool;
  private final CascadeService cascades;
  private final Letters letters;

  /** {@code letters}: where the case's letters are read; null for a dossier without them. */
  private final Relations relations;

  public Dossier(Pool pool, CascadeService cascades, Letters letters, Relations relations) {
    this.pool = pool;
    this.cascades = cascades;
    this.letters = letters;
    this.relations = relations;
  }

  /** The dossier of a cascade, or null when there is none; the letters' subjects in German. */
  public Future<JsonObject> of(long cascadeId) {
    return of(cascadeId, Lang.DE);
  }

  /** The dossier of a cascade, or null when there is none; the letters' subjects in {@code lang}. */
  /**
   * The dossier for a member of staff whose relation to the person grants benefit data (the caseworker, the municipality
   * for a minimum-income recipient, the sanction check that heard the person); anyone else finds none (null). Each read
   * goes into the person's access log.
   */
  public Future<JsonObject> readBy(Account staff, long cascadeId, Lang lang) {
    return cascades.view(cascadeId).compose(view -> {
      if (view == null) return Future.succeededFuture(null);
      long person = view.getJsonObject("person").getLong("id");
      return relations.of(staff, person).compose(rel -> !StaffAccess.may(rel, StaffAccess.Data.BENEFIT, StaffAccess.Mode.READ)
          ? Future.succeededFuture((JsonObject) null)
          : relations.logRead(staff, person, "dossier", rel, StaffAccess.Data.BENEFIT).compose(v -> of(cascadeId, lang)));
    });
  }

  /** Sanction states and steps: case and sanction data, for staff with a right to the person's benefit data only. */
  static final java.util.Set<String> SANCTION_STATES = java.util.Set.of("NO_SANCTION", "SANCTION_PROPOSED", "DECISION_PENDING",
      "SENT_BACK", "IMPOSED", "NOT_IMPOSED", "WAIVER_CONSIDERATION", "WAIVED");
  static final java.util.Set<String> SANCTION_EVENTS = java.util.Set.of("STATEMENT", "FINDING", "DECIDE", "JOB_START", "WAIVE",
      "REFUSE_WAIVER", "SANCTION_BARRED");

  /**
   * A case ({@link CascadeService#view}) as a member of staff may see it (Relations decides): nothing (null, a 404)
   * without a right to the person's record; without a right to their benefit data (station staff of an offer, organisers)
   * no minimum-income flag, findings, hearing, decision or sanction dates, and a sanction state only as "hidden". A read
   * with benefit data goes into the person's access log.
   */
  public Future<JsonObject> caseFor(Account staff, JsonObject view) {
    if (view == null) return Future.succeededFuture(null);
    long person = view.getJsonObject("person").getLong("id");
    return relations.of(staff, person).compose(rel -> {
      if (!StaffAccess.may(rel, StaffAccess.Data.RECORD, StaffAccess.Mode.READ)) return Future.succeededFuture((JsonObject) null);
      if (StaffAccess.may(rel, StaffAccess.Data.BENEFIT, StaffAccess.Mode.READ)) {
        // standsIn: the reader acts for the person's caseworker (deputy or team) and may decide as they would
        return relations.logRead(staff, person, "cascade", rel, StaffAccess.Data.BENEFIT)
            .map(v -> view.put("standsIn", rel.contains(at.jobfair.access.Relation.DEPUTY) && !rel.contains(at.jobfair.access.Relation.CASEWORKER)));
      }
      JsonObject out = view.copy();
      for (String key : new String[] {"minimumIncome", "decider", "decisionDue", "imposedAt", "waiverDeadline", "jobStart", "statementGiven"}) {
        out.remove(key);
      }
      if (SANCTION_STATES.contains(out.getString("state"))) out.put("state", "HIDDEN");
      JsonArray steps = new JsonArray();
      for (Object o : view.getJsonArray("steps", new JsonArray())) {
        JsonObject step = ((JsonObject) o).copy();
        if (SANCTION_EVENTS.contains(step.getString("event"))) continue;
        for (String key : new String[] {"finding", "decision", "reasons", "hearing", "jobStart"}) step.remove(key);
        if (SANCTION_STATES.contains(step.getString("to"))) step.put("to", "HIDDEN");
        if (SANCTION_STATES.contains(step.getString("from"))) step.put("from", "HIDDEN");
        steps.add(step);
      }
      return Future.succeededFuture(out.put("steps", steps));
    });
  }

  public Future<JsonObject> of(long cascadeId, Lang lang) {
    return cascades.view(cascadeId).compose(view -> {
      if (view == null) return Future.succeededFuture(null);
      long fairId = view.getJsonObject("fair").getLong("id");
      long person = view.getJsonObject("person").getLong("id");
      Tuple args = Tuple.of(fairId, person);
      Future<JsonArray> invitations = pool.preparedQuery("""
              select i.id, i.kind, i.legal_basis, i.vacancy_title, i.deadline, i.created_at, i.first_opened_at, i.notice_version,
                     n.text_de as notice_de, n.text_en as notice_en, o.status as mail_status, o.sent_at, e.name as employer,
                     i.basis_code, i.basis_version, i.notice_language, l.definition -> 'law' ->> 'de' as basis_law,
                     coalesce(l.definition -> 'notice' ->> i.notice_language, l.definition -> 'notice' ->> 'de') as basis_notice_sent,
                     l.definition -> 'notice' ->> 'de' as basis_notice_de
                from invitation i left join consequence_notice n on n.version = i.notice_version
                left join legal_basis l on l.code = i.basis_code and l.version = i.basis_version
                left join mail_outbox o on o.id = i.outbox_id left join booth b on b.id = i.booth_id
                left join employer e on e.id = b.employer_id
               where i.fair_id = $1 and i.jobseeker_id = $2 order by i.created_at, i.id""").execute(args).map(rows -> {
        JsonArray out = new JsonArray();
        for (Row r : rows) {
          boolean sent = "SENT".equals(r.getString("mail_status"));
          out.add(new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind")).put("legalBasis", r.getString("legal_basis"))
              .put("employer", r.getString("employer")).put("vacancy", r.getString("vacancy_title"))
              .put("deadline", s(r, "deadline")).put("createdAt", s(r, "created_at")).put("firstOpenedAt", s(r, "first_opened_at"))
              .put("notice", r.getInteger("notice_version") == null ? null : new JsonObject().put("version", r.getInteger("notice_version"))
                  .put("textDe", r.getString("notice_de")).put("textEn", r.getString("notice_en")))
              // the catalogue version the invitation was made under, with its notice as sent (and the binding German)
              .put("basis", r.getString("basis_code") == null ? null : new JsonObject().put("code", r.getString("basis_code"))
                  .put("version", r.getInteger("basis_version")).put("law", r.getString("basis_law"))
                  .put("noticeLanguage", r.getString("notice_language")).put("noticeSent", r.getString("basis_notice_sent"))
                  .put("noticeDe", r.getString("basis_notice_de")))
              .put("delivery", new JsonObject().put("status", r.getString("mail_status")).put("deliveredAt", sent ? s(r, "sent_at") : null)));
        }
        return out;
      });
      Future<JsonArray> bookings = pool.preparedQuery("""
              select k.id, k.status, k.source, k.legal_basis, k.created_at, k.cancelled_at, k.cancelled_as, k.cancel_reason, k.confirmed_at,
                     lower(k.during) as starts_at, upper(k.during) as ends_at, e.name as employer,
                     t.checked_in_at, t.outcome, t.outcome_source, t.outcome_at, t.next_step, t.note,
                     exists (select 1 from sick_note sn where sn.booking_id = k.id) as sick_note,
                     exists (select 1 from fair_outage o where o.fair_id = b.fair_id and o.during && k.during) as in_outage,
                     (select json_agg(json_build_object('kind', m.kind, 'role', m.role, 'provider', m.provider, 'at', m.at) order by m.at, m.id)
                        from meeting_event m where m.booking_id = k.id and m.kind <> 'CALLBACK')::text as meeting_log
                from booking k join booth b on b.id = k.booth_id join employer e on e.id = b.employer_id
                left join attendance t on t.booking_id = k.id
               where b.fair_id = $1 and k.jobseeker_id = $2 order by k.during, k.id""").execute(args).map(rows -> {
        JsonArray out = new JsonArray();
        for (Row r : rows) {
          out.add(new JsonObject().put("id", r.getLong("id")).put("employer", r.getString("employer")).put("status", r.getString("status"))
              .put("source", r.getString("source")).put("legalBasis", r.getString("legal_basis"))
              .put("start", s(r, "starts_at")).put("end", s(r, "ends_at")).put("bookedAt", s(r, "created_at"))
              .put("confirmedAt", s(r, "confirmed_at")).put("cancelledAt", s(r, "cancelled_at")).put("cancelledBy", r.getString("cancelled_as"))
              .put("cancelReason", r.getString("cancel_reason")).put("checkedInAt", s(r, "checked_in_at"))
              .put("sickNote", r.getBoolean("sick_note")).put("inOutage", r.getBoolean("in_outage"))
              .put("meetingLog", meetingLog(r.getString("meeting_log")))
              .put("feedback", r.getString("outcome") == null ? null : new JsonObject().put("outcome", r.getString("outcome"))
                  .put("by", r.getString("outcome_source")).put("at", s(r, "outcome_at")).put("nextStep", r.getString("next_step"))
                  .put("note", r.getString("note"))));
        }
        return out;
      });
      Future<JsonArray> handovers = new CascadeStore().handovers(pool, cascadeId);
      Future<JsonArray> hearings = cascades.hearings(cascadeId);
      Future<JsonArray> sent = letters == null ? Future.succeededFuture(new JsonArray()) : letters.ofCase("cascade:" + cascadeId, lang);
      return Future.all(invitations, bookings, handovers, hearings, sent).map(done -> {
        JsonArray steps = view.getJsonArray("steps");
        JsonArray offers = new JsonArray();
        JsonObject statement = null;
        JsonObject finding = null;
        for (Object o : steps) {
          JsonObject st = (JsonObject) o;
          String ev = st.getString("event");
          if (ev.startsWith("OFFER_") || ev.startsWith("LOCAL_OFFER_") || ev.startsWith("COURSE_")) offers.add(st);
          if ("STATEMENT".equals(ev)) statement = st;
          if ("FINDING".equals(ev)) finding = st;
        }
        JsonObject sanction = sanction(view.getString("state"), steps);
        return new JsonObject().put("cascade", view.copy()).put("sanction", sanction)
            .put("invitations", invitations.result()).put("bookings", bookings.result()).put("handovers", handovers.result())
            .put("hearings", hearings.result())
            .put("hearing", hearings.result().isEmpty() ? null : hearings.result().getJsonObject(hearings.result().size() - 1))
            .put("offers", offers).put("statement", statement).put("finding", finding).put("letters", sent.result())
            // a proposal only while it is one: once decided, the dossier says what was decided (issue 12)
            .put("proposal", "SANCTION_PROPOSED".equals(view.getString("state")));
      });
    });
  }

  /** The dossier's word for where the sanction stands, by the case's state; null where no sanction was ever in question. */
  private static final java.util.Map<String, String> STATUS = java.util.Map.of("SANCTION_PROPOSED", "PROPOSED",
      "DECISION_PENDING", "PENDING", "SENT_BACK", "SENT_BACK", "NO_SANCTION", "NO_SANCTION", "IMPOSED", "IMPOSED",
      "NOT_IMPOSED", "NOT_IMPOSED", "WAIVER_CONSIDERATION", "WAIVER_CONSIDERATION", "WAIVED", "WAIVED");

  /**
   * The current state of the sanction: {@code {"status", "decision": {decision, reasons, at, by: {name, role}},
   * "waiver": {event, reasons, at, by}, "closedAt", "closedFrom"}}. A closed case keeps the status it was closed in
   * ({@code closedFrom}) beside CLOSED, and the decision it rests on.
   */
  static JsonObject sanction(String state, JsonArray steps) {
    JsonObject decision = null;
    JsonObject waiver = null;
    JsonObject close = null;
    for (Object o : steps) {
      JsonObject st = (JsonObject) o;
      String ev = st.getString("event");
      if ("DECIDE".equals(ev) && !"SEND_BACK".equals(st.getString("decision"))) decision = st;
      if ("DECIDE".equals(ev) && "SEND_BACK".equals(st.getString("decision"))) decision = null;
      if ("WAIVE".equals(ev) || "REFUSE_WAIVER".equals(ev)) waiver = st;
      if ("CLOSE".equals(ev) || ("REFUSE_WAIVER".equals(ev))) close = st;
    }
    String closedFrom = close == null ? null : "REFUSE_WAIVER".equals(close.getString("event")) ? "IMPOSED" : close.getString("from");
    String status = "CLOSED".equals(state) ? (closedFrom != null && STATUS.containsKey(closedFrom) ? "CLOSED" : null) : STATUS.get(state);
    if (status == null) return null;
    return new JsonObject().put("status", status)
        .put("decision", decision == null ? null : new JsonObject().put("decision", decision.getString("decision"))
            .put("reasons", decision.getString("reasons")).put("at", decision.getString("at"))
            .put("by", new JsonObject().put("name", decision.getJsonObject("actor").getString("name"))
                .put("role", decision.getJsonObject("actor").getString("role"))))
        .put("waiver", waiver == null ? null : new JsonObject().put("event", waiver.getString("event"))
            .put("reasons", waiver.getString("reasons")).put("at", waiver.getString("at"))
            .put("by", new JsonObject().put("name", waiver.getJsonObject("actor").getString("name"))))
        .put("closedAt", close == null ? null : close.getString("at"))
        .put("closedFrom", "CLOSED".equals(state) ? closedFrom : null);
  }

  /** The meeting room's log of a booking (joins, leaves, admission, phone, failures), oldest first; never call-back numbers. */
  private static JsonArray meetingLog(String json) {
    JsonArray out = new JsonArray();
    if (json == null) return out;
    for (Object o : new JsonArray(json)) {
      JsonObject e = (JsonObject) o;
      out.add(e.copy().put("at", java.time.OffsetDateTime.parse(e.getString("at")).toInstant().toString()));
    }
    return out;
  }

  private static String s(Row r, String column) {
    return CascadeStore.str(Rows.instant(r, column));
  }
}
