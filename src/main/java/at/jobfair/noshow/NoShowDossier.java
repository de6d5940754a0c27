package at.jobfair.noshow;

import at.jobfair.access.Relations;
import at.jobfair.access.StaffAccess;
import at.jobfair.db.Rows;
import at.jobfair.identity.Account;
import at.jobfair.legal.Basis;
import at.jobfair.refusal.Reason;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * The record a decision on a request for reasons rests on, for its decider only: the invitation with its basis, the
 * notice in the version the person got and its delivery, the booking log, attendance and the meeting room's log, the
 * request and its delivery, the person's answers and proof (or that no answer came within the deadline), every step.
 */
public final class NoShowDossier {

  private static final String INVITATION = """
      select i.id, i.kind, i.legal_basis, i.basis_code, i.basis_version, i.vacancy_title, i.deadline, i.created_at, i.first_opened_at,
             i.notice_version, n.text_de as notice_de, o.status as mail_status, o.sent_at
        from invitation i left join consequence_notice n on n.version = i.notice_version
        left join mail_outbox o on o.id = i.outbox_id
       where i.id = coalesce($1, (select invitation_id from booking where id = $2))""";

  private static final String BOOKING = """
      select k.id, k.status, k.source, k.legal_basis, k.created_at, k.cancelled_at, k.cancelled_as, k.cancel_reason, k.confirmed_at,
             lower(k.during) as starts_at, upper(k.during) as ends_at, e.name as employer, f.name as fair,
             t.checked_in_at, t.outcome, t.outcome_source, t.outcome_at, t.note,
             exists (select 1 from sick_note sn where sn.booking_id = k.id) as sick_note,
             exists (select 1 from fair_outage fo where fo.fair_id = b.fair_id and fo.during && k.during) as in_outage,
             (select json_agg(json_build_object('kind', m.kind, 'role', m.role, 'provider', m.provider, 'at', m.at) order by m.at, m.id)
                from meeting_event m where m.booking_id = k.id and m.kind <> 'CALLBACK')::text as meeting_log
        from booking k join booth b on b.id = k.booth_id join employer e on e.id = b.employer_id join fair f on f.id = b.fair_id
        left join attendance t on t.booking_id = k.id
       where k.id = $1""";

  private final Pool pool;
  private final NoShowService service;
  private final Relations relations;

  public NoShowDossier(Pool pool, NoShowService service, Relations relations) {
    this.pool = pool;
    this.service = service;
    this.relations = relations;
  }

  /** The dossier; a 404 for anyone but the request's decider, whose read goes into the person's access log. */
  public Future<JsonObject> of(Account user, long id) {
    return service.view(user, id).compose(view -> {
      if (!view.getBoolean("decider", false)) return Future.failedFuture(Reason.REASONS_NOT_FOUND.refuse());
      long person = view.getJsonObject("person").getLong("id");
      return relations.of(user, person)
          .compose(rel -> relations.logRead(user, person, "reasons_dossier", rel, StaffAccess.Data.BENEFIT))
          .compose(logged -> assemble(user, id, view));
    });
  }

  private Future<JsonObject> assemble(Account user, long id, JsonObject view) {
    JsonObject occasion = view.getJsonObject("occasion");
    Long bookingId = occasion.getLong("bookingId");
    Long invitationId = occasion.getLong("invitationId");
    Future<JsonObject> invitation = pool.preparedQuery(INVITATION).execute(Tuple.of(invitationId, bookingId))
        .map(rows -> rows.size() == 0 ? null : invitation(rows.iterator().next(), user.language()));
    Future<JsonObject> booking = bookingId == null ? Future.succeededFuture(null)
        : pool.preparedQuery(BOOKING).execute(Tuple.of(bookingId)).map(rows -> booking(rows.iterator().next()));
    Future<JsonObject> requestMail = pool.preparedQuery("""
            select o.status, o.sent_at, o.created_at from reasons_request r join mail_outbox o on o.id = r.outbox_id where r.id = $1""")
        .execute(Tuple.of(id)).map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new JsonObject().put("status", r.getString("status")).put("queuedAt", s(r, "created_at"))
              .put("deliveredAt", "SENT".equals(r.getString("status")) ? s(r, "sent_at") : null);
        });
    return Future.all(invitation, booking, requestMail).map(done -> new JsonObject().put("request", view)
        .put("invitation", invitation.result()).put("booking", booking.result()).put("requestDelivery", requestMail.result())
        .put("noAnswerWithinDeadline", view.getString("noAnswerAt") != null));
  }

  private JsonObject invitation(Row r, String language) {
    boolean sent = "SENT".equals(r.getString("mail_status"));
    JsonObject notice;
    String code = r.getString("basis_code");
    if (code != null) {
      Basis b = service.basisOf(code, r.getInteger("basis_version"));
      notice = new JsonObject().put("basis", b.ref()).put("law", b.law(language)).put("text", b.notice(Basis.BINDING_LANGUAGE))
          .put("textInLanguage", b.notice(language));
    } else {
      notice = r.getInteger("notice_version") == null ? null
          : new JsonObject().put("version", r.getInteger("notice_version")).put("text", r.getString("notice_de"));
    }
    return new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind")).put("legalBasis", r.getString("legal_basis"))
        .put("vacancy", r.getString("vacancy_title")).put("deadline", s(r, "deadline")).put("createdAt", s(r, "created_at"))
        .put("firstOpenedAt", s(r, "first_opened_at")).put("notice", notice)
        .put("delivery", new JsonObject().put("status", r.getString("mail_status")).put("deliveredAt", sent ? s(r, "sent_at") : null));
  }

  private static JsonObject booking(Row r) {
    JsonArray log = new JsonArray();
    if (r.getString("meeting_log") != null) {
      for (Object o : new JsonArray(r.getString("meeting_log"))) {
        JsonObject e = (JsonObject) o;
        log.add(e.copy().put("at", java.time.OffsetDateTime.parse(e.getString("at")).toInstant().toString()));
      }
    }
    return new JsonObject().put("id", r.getLong("id")).put("employer", r.getString("employer")).put("fair", r.getString("fair"))
        .put("status", r.getString("status")).put("source", r.getString("source")).put("legalBasis", r.getString("legal_basis"))
        .put("start", s(r, "starts_at")).put("end", s(r, "ends_at")).put("bookedAt", s(r, "created_at"))
        .put("confirmedAt", s(r, "confirmed_at")).put("cancelledAt", s(r, "cancelled_at")).put("cancelledBy", r.getString("cancelled_as"))
        .put("checkedInAt", s(r, "checked_in_at")).put("sickNote", r.getBoolean("sick_note")).put("inOutage", r.getBoolean("in_outage"))
        .put("attendance", r.getString("outcome") == null ? null : new JsonObject().put("outcome", r.getString("outcome"))
            .put("by", r.getString("outcome_source")).put("at", s(r, "outcome_at")).put("note", r.getString("note")))
        .put("meetingLog", log);
  }

  private static String s(Row r, String column) {
    return NoShowStore.str(Rows.instant(r, column));
  }
}
