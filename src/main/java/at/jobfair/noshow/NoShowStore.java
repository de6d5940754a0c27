package at.jobfair.noshow;

import at.jobfair.db.Rows;
import at.jobfair.legal.Decider;
import at.jobfair.legal.LegalOutcome;
import at.jobfair.legal.Obligation;
import at.jobfair.noshow.ReasonsPolicy.Kind;
import at.jobfair.noshow.ReasonsPolicy.State;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** All SQL of requests for reasons and their cases (see V22__noshow_reasons.sql). */
public final class NoShowStore {

  /** One request with what its rules and letters need, in the parts callers read together. */
  public record Request(long id, Kind kind, Person person, Occasion occasion, StoredBasis basis, Progress progress) {
  }

  /** The person asked, and their caseworker (null without one). */
  public record Person(long id, String name, String email, String language, Long caseworkerId) {
  }

  /**
   * What the request is about: the missed booking (NO_SHOW) or the unbooked proposal (OVERDUE_PROPOSAL), as words
   * ({@code what}: the employer, or the vacancy and the employer), its time and its fair.
   */
  public record Occasion(Long bookingId, Long invitationId, String what, Instant at, String fairName) {
    /** The occasion with its fair, as a letter names it. */
    public String withFair() {
      return fairName == null ? what : what + " · " + fairName;
    }
  }

  /** The basis the request rests on, in its version, with the obligation and decider stored with it. */
  public record StoredBasis(String code, int version, Obligation obligation, Decider decider) {
  }

  /** Where the request stands and when it got there; {@code outcome} once decided. */
  public record Progress(State state, LegalOutcome outcome, Instant askedAt, Instant deadline, Instant answeredAt,
                         Instant noAnswerAt, LocalDate resumedOn) {
  }

  /** One attached file. */
  public record Evidence(long id, long requestId, String name, String type, Buffer content) {
  }

  /**
   * No-shows that may be held against the person (a NO_SHOW outcome on an active booking whose basis obliges, not
   * excused by a sick note or an outage) without a request yet become one. Several nodes at once: the unique booking
   * makes a second insert of the same booking wait for the first and then do nothing, so each is asked once. No-shows
   * a caseworker already settled on the old worklist are left alone.
   */
  private static final String ASK_NO_SHOWS = """
      insert into reasons_request (kind, jobseeker_id, booking_id, basis_code, basis_version, obligation, decider, deadline)
      select 'NO_SHOW', k.jobseeker_id, k.id, rb.code, rb.version, lb.obligation, lb.definition ->> 'decider',
             now() + make_interval(days => $1)
        from attendance t join booking k on k.id = t.booking_id join booth b on b.id = k.booth_id
        cross join lateral reasons_basis(k.id, null) rb
        join legal_basis lb on lb.code = rb.code and lb.version = rb.version
       where t.outcome = 'NO_SHOW' and k.status = 'ACTIVE' and lb.obligation in ('BINDING', 'CONTROL')
         and not exists (select 1 from sick_note s where s.booking_id = k.id)
         and not exists (select 1 from fair_outage o where o.fair_id = b.fair_id and o.during && k.during)
         and not exists (select 1 from reasons_request r where r.booking_id = k.id)
         and not exists (select 1 from worklist_item w where w.kind = 'NO_SHOW' and w.booking_id = k.id and w.result is not null)
       order by k.id
       limit $2
      on conflict do nothing
      returning id""";

  /** Binding proposals not booked by their deadline, likewise once each. */
  private static final String ASK_OVERDUE = """
      insert into reasons_request (kind, jobseeker_id, invitation_id, basis_code, basis_version, obligation, decider, deadline)
      select 'OVERDUE_PROPOSAL', v.jobseeker_id, v.invitation_id, rb.code, rb.version, lb.obligation, lb.definition ->> 'decider',
             now() + make_interval(days => $1)
        from overdue_binding_proposal v
        cross join lateral reasons_basis(null, v.invitation_id) rb
        join legal_basis lb on lb.code = rb.code and lb.version = rb.version
       where lb.obligation in ('BINDING', 'CONTROL')
         and not exists (select 1 from reasons_request r where r.invitation_id = v.invitation_id)
         and not exists (select 1 from worklist_item w where w.kind = 'OVERDUE_PROPOSAL' and w.proposal_id = v.invitation_id
                                                         and w.result is not null)
       order by v.invitation_id
       limit $2
      on conflict do nothing
      returning id""";

  private static final String SELECT = """
      select r.*, a.name as person_name, a.email, a.language, j.caseworker_id,
             coalesce(e.name, ie.name) as employer_name, coalesce(f.name, inf.name) as fair_name, i.vacancy_title,
             lower(k.during) as starts_at, i.deadline as proposal_deadline
        from reasons_request r
        join account a on a.id = r.jobseeker_id
        left join jobseeker j on j.account_id = r.jobseeker_id
        left join booking k on k.id = r.booking_id
        left join booth b on b.id = k.booth_id left join employer e on e.id = b.employer_id left join fair f on f.id = b.fair_id
        left join invitation i on i.id = r.invitation_id
        left join booth ib on ib.id = i.booth_id left join employer ie on ie.id = ib.employer_id left join fair inf on inf.id = i.fair_id
      """;

  public Future<List<Long>> askNoShows(SqlClient c, int days, int limit) {
    return c.preparedQuery(ASK_NO_SHOWS).execute(Tuple.of(days, limit)).map(NoShowStore::ids);
  }

  public Future<List<Long>> askOverdue(SqlClient c, int days, int limit) {
    return c.preparedQuery(ASK_OVERDUE).execute(Tuple.of(days, limit)).map(NoShowStore::ids);
  }

  /** Requests still waiting for an answer whose deadline passed: recorded once as NO_ANSWER, several nodes or not. */
  public Future<List<Long>> markNoAnswers(SqlClient c, int limit) {
    return c.preparedQuery("""
            update reasons_request r set state = 'NO_ANSWER', no_answer_at = now(), version = version + 1, updated_at = now()
             where r.id in (select id from reasons_request where state = 'ASKED' and deadline <= now() order by id limit $1)
               and r.state = 'ASKED'
            returning r.id""").execute(Tuple.of(limit)).map(NoShowStore::ids);
  }

  /**
   * Requests about an appointment that is excused after all (a sick note or an outage recorded later, or the outcome
   * corrected) and not yet decided on: withdrawn, once.
   */
  public Future<List<Object[]>> withdrawExcused(SqlClient c) {
    return c.preparedQuery("""
            with excused as (
              select r.id, r.state from reasons_request r
                join booking k on k.id = r.booking_id join booth b on b.id = k.booth_id
                left join attendance t on t.booking_id = k.id
               where r.state in ('ASKED', 'ANSWERED', 'NO_ANSWER')
                 and (t.outcome is distinct from 'NO_SHOW' or k.status <> 'ACTIVE'
                      or exists (select 1 from sick_note s where s.booking_id = k.id)
                      or exists (select 1 from fair_outage o where o.fair_id = b.fair_id and o.during && k.during))
               for update of r)
            update reasons_request r set state = 'WITHDRAWN', version = r.version + 1, updated_at = now()
              from excused x where x.id = r.id and r.state = x.state
            returning r.id, x.state""").execute()
        .map(rows -> {
          List<Object[]> out = new ArrayList<>();
          for (Row r : rows) out.add(new Object[] {r.getLong(0), r.getString(1)});
          return out;
        });
  }

  /** The request, locked until the transaction ends when {@code lock}; null when there is none. */
  public Future<Request> get(SqlClient c, long id, boolean lock) {
    return c.preparedQuery(SELECT + " where r.id = $1" + (lock ? " for update of r" : "")).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : request(rows.iterator().next()));
  }

  /** The person's own requests, newest first. */
  public Future<List<Request>> ofPerson(SqlClient c, long jobseekerId) {
    return c.preparedQuery(SELECT + " where r.jobseeker_id = $1 order by r.asked_at desc, r.id desc").execute(Tuple.of(jobseekerId))
        .map(NoShowStore::requests);
  }

  /**
   * The requests a decider sees: for a caseworker their own people's (and those they stand in for) under a CASEWORKER
   * basis, for the municipality those under a MUNICIPALITY basis of its area. {@code open}: only those not closed.
   */
  public Future<List<Request>> ofDecider(SqlClient c, long caseworkerId, boolean municipality, boolean open, String standsIn) {
    // the municipality decides the minimum-income cases of its area (Relations); a caseworker their own people's, and
    // those of the caseworkers they stand in for ({@code standsIn}: SQL over j.caseworker_id and $1, from Relations)
    String who = municipality ? "r.decider = 'MUNICIPALITY' and " + at.jobfair.access.Relations.inArea("r.jobseeker_id", "$1::bigint")
        : "r.decider = 'CASEWORKER' and (j.caseworker_id = $1 or " + standsIn + ")";
    String states = open ? " and r.state not in ('REASONS_ACCEPTED', 'WITHDRAWN', 'NOT_IMPOSED', 'WAIVED', 'RESUMED')" : "";
    return c.preparedQuery(SELECT + " where " + who + states + " order by r.deadline, r.id").execute(Tuple.of(caseworkerId))
        .map(NoShowStore::requests);
  }

  public Future<Integer> update(SqlClient c, long id, State state, String outcome, LocalDate resumedOn, boolean answered) {
    return c.preparedQuery("""
            update reasons_request set state = $2, outcome = coalesce($3, outcome), resumed_on = coalesce($4, resumed_on),
                   answered_at = case when $5 then coalesce(answered_at, now()) else answered_at end,
                   version = version + 1, updated_at = now()
             where id = $1 returning version""")
        .execute(Tuple.of(id, state.name(), outcome, resumedOn, answered))
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  public Future<Void> outbox(SqlClient c, long id, long outboxId) {
    return c.preparedQuery("update reasons_request set outbox_id = $2 where id = $1").execute(Tuple.of(id, outboxId)).mapEmpty();
  }

  public Future<Void> step(SqlClient c, long requestId, String event, String from, String to, String outcome, Long actorId,
                           String actorRole, String reasons, LocalDate reportedOn, long auditSeq, Instant at) {
    return c.preparedQuery("""
            insert into reasons_step (request_id, event, from_state, to_state, outcome, actor_id, actor_role, reasons, reported_on, audit_seq, at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""")
        .execute(Tuple.tuple(List.of(requestId, event)).addValue(from).addValue(to).addValue(outcome).addValue(actorId)
            .addValue(actorRole).addValue(reasons).addValue(reportedOn).addValue(auditSeq).addValue(Rows.utc(at)))
        .mapEmpty();
  }

  public Future<Void> answer(SqlClient c, long requestId, String text) {
    return c.preparedQuery("insert into reasons_answer (request_id, text) values ($1, $2)").execute(Tuple.of(requestId, text)).mapEmpty();
  }

  public Future<Integer> evidenceCount(SqlClient c, long requestId) {
    return c.preparedQuery("select count(*) from reasons_evidence where request_id = $1").execute(Tuple.of(requestId))
        .map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  public Future<Long> addEvidence(SqlClient c, long requestId, String name, String type, byte[] content) {
    return c.preparedQuery("""
            insert into reasons_evidence (request_id, file_name, media_type, size, content) values ($1, $2, $3, $4, $5) returning id""")
        .execute(Tuple.of(requestId, name, type, content.length, Buffer.buffer(content)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Evidence> evidence(SqlClient c, long requestId, long fileId) {
    return c.preparedQuery("select id, request_id, file_name, media_type, content from reasons_evidence where id = $1 and request_id = $2")
        .execute(Tuple.of(fileId, requestId))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new Evidence(r.getLong(0), r.getLong(1), r.getString(2), r.getString(3), r.getBuffer(4));
        });
  }

  /** The person's answers, the files (without content) and the steps, for the pages and the dossier. */
  public Future<JsonObject> record(SqlClient c, long requestId) {
    Tuple id = Tuple.of(requestId);
    return c.preparedQuery("select id, text, at from reasons_answer where request_id = $1 order by id").execute(id)
        .compose(answers -> c.preparedQuery("""
            select id, file_name, media_type, size, uploaded_at from reasons_evidence where request_id = $1 order by id""").execute(id)
            .compose(files -> c.preparedQuery("""
                select s.event, s.from_state, s.to_state, s.outcome, s.actor_role, a.name as actor_name, s.reasons, s.reported_on, s.at, s.audit_seq
                  from reasons_step s left join account a on a.id = s.actor_id where s.request_id = $1 order by s.id""").execute(id)
                .map(steps -> {
                  JsonArray as = new JsonArray();
                  for (Row r : answers) as.add(new JsonObject().put("id", r.getLong("id")).put("text", r.getString("text")).put("at", str(Rows.instant(r, "at"))));
                  JsonArray fs = new JsonArray();
                  for (Row r : files) fs.add(new JsonObject().put("id", r.getLong("id")).put("name", r.getString("file_name"))
                      .put("type", r.getString("media_type")).put("size", r.getInteger("size")).put("at", str(Rows.instant(r, "uploaded_at"))));
                  JsonArray ss = new JsonArray();
                  for (Row r : steps) ss.add(new JsonObject().put("event", r.getString("event")).put("from", r.getString("from_state"))
                      .put("to", r.getString("to_state")).put("outcome", r.getString("outcome")).put("role", r.getString("actor_role"))
                      .put("by", r.getString("actor_name")).put("reasons", r.getString("reasons"))
                      .put("reportedOn", r.getLocalDate("reported_on") == null ? null : r.getLocalDate("reported_on").toString())
                      .put("at", str(Rows.instant(r, "at"))).put("auditSeq", r.getLong("audit_seq")));
                  return new JsonObject().put("answers", as).put("evidence", fs).put("steps", ss);
                })));
  }

  private static Request request(Row r) {
    Kind kind = Kind.valueOf(r.getString("kind"));
    boolean noShow = kind == Kind.NO_SHOW;
    String what = noShow ? r.getString("employer_name") : r.getString("vacancy_title") + " · " + r.getString("employer_name");
    String outcome = r.getString("outcome");
    return new Request(r.getLong("id"), kind,
        new Person(r.getLong("jobseeker_id"), r.getString("person_name"), r.getString("email"), r.getString("language"),
            r.getLong("caseworker_id")),
        new Occasion(r.getLong("booking_id"), r.getLong("invitation_id"), what,
            noShow ? Rows.instant(r, "starts_at") : Rows.instant(r, "proposal_deadline"), r.getString("fair_name")),
        new StoredBasis(r.getString("basis_code"), r.getInteger("basis_version"), Obligation.valueOf(r.getString("obligation")),
            Decider.valueOf(r.getString("decider"))),
        new Progress(State.valueOf(r.getString("state")), outcome == null ? null : LegalOutcome.valueOf(outcome),
            Rows.instant(r, "asked_at"), Rows.instant(r, "deadline"), Rows.instant(r, "answered_at"),
            Rows.instant(r, "no_answer_at"), r.getLocalDate("resumed_on")));
  }

  private static List<Request> requests(Iterable<Row> rows) {
    List<Request> out = new ArrayList<>();
    for (Row r : rows) out.add(request(r));
    return out;
  }

  private static List<Long> ids(Iterable<Row> rows) {
    List<Long> out = new ArrayList<>();
    for (Row r : rows) out.add(r.getLong(0));
    return out;
  }

  static String str(Instant i) {
    return i == null ? null : i.toString();
  }
}
