package at.jobfair.cascade;

import at.jobfair.access.Relations;
import at.jobfair.attendance.WorklistKind;
import at.jobfair.identity.Role;
import at.jobfair.legal.Obligation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static at.jobfair.db.Rows.instant;
import static at.jobfair.db.Rows.utc;

/**
 * The cascade's SQL, in one place: playbooks and stations, cascades, their steps, the facts their guards need, the
 * platform's own steps (bars, closing) and the read models of queues, tasks, answers and the funnel. The service has none.
 */
public final class CascadeStore {

  /** A station of a fair's playbook as stored (its id names its queue). */
  public record StationRow(long id, long fairId, Station station, int position, Set<Role> roles, String place) {
    public JsonObject toJson() {
      JsonArray r = new JsonArray();
      roles.stream().sorted().forEach(x -> r.add(x.name()));
      return new JsonObject().put("id", id).put("fairId", fairId).put("station", station.name()).put("position", position)
          .put("roles", r).put("place", place);
    }
  }

  /** A fair's playbook with the stored stations and the fair's facts it depends on. */
  public record StoredPlaybook(long fairId, String fairName, Format format, boolean escalation, Playbook playbook,
                               List<StationRow> stations) {
    public StationRow station(Station s) {
      return stations.stream().filter(x -> x.station() == s).findFirst().orElse(null);
    }

    /** The fair as pages and answers show it: {@code {"id", "name", "format"}}. */
    public JsonObject fairJson() {
      return new JsonObject().put("id", fairId).put("name", fairName).put("format", format.name());
    }
  }

  /** One cascade row. */
  public record CascadeRow(long id, long fairId, long jobseekerId, int version, Cascade cascade, Long takenBy, Instant waitingSince) {
  }

  /** What decides a person's guards at a fair, read fresh from bookings, invitations, attendance and outages. */
  public record Facts(Obligation basis, boolean employerNoShow, boolean outage, boolean minimumIncome, Long caseworkerId,
                      Set<String> noticed) {
  }

  public Future<StoredPlaybook> playbook(SqlClient c, long fairId) {
    return c.preparedQuery("""
            select f.id, f.name, f.format, p.escalation, p.decision_days, p.waiver_days
              from fair f left join cascade_playbook p on p.fair_id = f.id where f.id = $1""")
        .execute(Tuple.of(fairId)).compose(rows -> {
          if (rows.size() == 0) return Future.succeededFuture(null);
          Row f = rows.iterator().next();
          if (f.getValue("decision_days") == null) return Future.succeededFuture(null);
          return c.preparedQuery("select id, station, position, roles, place from cascade_station where fair_id = $1 order by position")
              .execute(Tuple.of(fairId)).map(st -> {
                List<StationRow> stations = new ArrayList<>();
                List<Playbook.Stage> stages = new ArrayList<>();
                for (Row r : st) {
                  Set<Role> roles = EnumSet.noneOf(Role.class);
                  for (String code : r.getArrayOfStrings("roles")) roles.add(Role.valueOf(code));
                  Station s = Station.valueOf(r.getString("station"));
                  stations.add(new StationRow(r.getLong("id"), fairId, s, r.getInteger("position"), roles, r.getString("place")));
                  stages.add(new Playbook.Stage(s, roles));
                }
                Format format = Format.valueOf(f.getString("format"));
                return new StoredPlaybook(fairId, f.getString("name"), format, f.getBoolean("escalation"),
                    new Playbook(format, stages, f.getInteger("decision_days"), f.getInteger("waiver_days")), stations);
              });
        });
  }

  /** The fair's format, or null when there is no such fair. */
  public Future<Format> format(SqlClient c, long fairId) {
    return c.preparedQuery("select format from fair where id = $1").execute(Tuple.of(fairId))
        .map(rows -> rows.size() == 0 ? null : Format.valueOf(rows.iterator().next().getString(0)));
  }

  /** Writes a playbook: keeps the ids of stations that stay (their queues), removes the others, adds new ones. */
  public Future<Void> savePlaybook(SqlClient tx, long fairId, boolean escalation, Playbook pb, List<String> places, long by) {
    List<String> names = pb.stages().stream().map(s -> s.station().name()).toList();
    Future<?> f = tx.preparedQuery("""
            insert into cascade_playbook (fair_id, escalation, decision_days, waiver_days, updated_by) values ($1, $2, $3, $4, $5)
            on conflict (fair_id) do update set escalation = excluded.escalation, decision_days = excluded.decision_days,
              waiver_days = excluded.waiver_days, updated_by = excluded.updated_by, updated_at = now()""")
        .execute(Tuple.of(fairId, escalation, pb.decisionDays(), pb.waiverDays(), by < 0 ? null : by))
        .compose(v -> tx.query("set constraints all deferred").execute())
        .compose(v -> tx.preparedQuery("delete from cascade_station where fair_id = $1 and not (station = any($2))")
            .execute(Tuple.of(fairId).addArrayOfString(names.toArray(new String[0]))));
    for (int i = 0; i < pb.stages().size(); i++) {
      Playbook.Stage s = pb.stages().get(i);
      String[] roles = s.staffedBy().stream().sorted().map(Enum::name).toArray(String[]::new);
      String place = places == null || i >= places.size() ? null : places.get(i);
      int pos = i + 1;
      f = f.compose(v -> tx.preparedQuery("""
              insert into cascade_station (fair_id, station, position, roles, place) values ($1, $2, $3, $4, $5)
              on conflict (fair_id, station) do update set position = excluded.position, roles = excluded.roles, place = excluded.place""")
          .execute(Tuple.of(fairId, s.station().name(), pos, roles, place)));
    }
    return f.mapEmpty();
  }

  public Future<Boolean> hasCascades(SqlClient c, long fairId) {
    return c.preparedQuery("select exists (select 1 from cascade where fair_id = $1)").execute(Tuple.of(fairId))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Whether the employer runs a booth at the fair (false for no employer). */
  public Future<Boolean> exhibits(SqlClient c, long fairId, Long employerId) {
    return c.preparedQuery("select exists (select 1 from booth where fair_id = $1 and employer_id = $2)")
        .execute(Tuple.of(fairId, employerId)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  public Future<StationRow> station(SqlClient c, long stationId) {
    return c.preparedQuery("select id, fair_id, station, position, roles, place from cascade_station where id = $1")
        .execute(Tuple.of(stationId)).map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          Set<Role> roles = EnumSet.noneOf(Role.class);
          for (String code : r.getArrayOfStrings("roles")) roles.add(Role.valueOf(code));
          return new StationRow(r.getLong("id"), r.getLong("fair_id"), Station.valueOf(r.getString("station")),
              r.getInteger("position"), roles, r.getString("place"));
        });
  }

  public Future<Facts> facts(SqlClient c, long fairId, long jobseekerId) {
    return c.preparedQuery("""
            select exists (select 1 from booking k join booth b on b.id = k.booth_id
                            where b.fair_id = $1 and k.jobseeker_id = $2 and k.status = 'ACTIVE' and k.legal_basis = 'BINDING')
                   or exists (select 1 from invitation i where i.fair_id = $1 and i.jobseeker_id = $2 and i.legal_basis = 'BINDING') as binding,
                   exists (select 1 from booking k join booth b on b.id = k.booth_id
                            where b.fair_id = $1 and k.jobseeker_id = $2 and k.status = 'ACTIVE' and k.legal_basis = 'CONTROL')
                   or exists (select 1 from invitation i where i.fair_id = $1 and i.jobseeker_id = $2 and i.legal_basis = 'CONTROL') as control,
                   exists (select 1 from booking k join booth b on b.id = k.booth_id join attendance t on t.booking_id = k.id
                            where b.fair_id = $1 and k.jobseeker_id = $2 and t.outcome = 'EMPLOYER_NO_SHOW') as employer_no_show,
                   exists (select 1 from booking k join booth b on b.id = k.booth_id join fair_outage o on o.fair_id = b.fair_id
                            where b.fair_id = $1 and k.jobseeker_id = $2 and k.status = 'ACTIVE' and o.during && k.during) as outage,
                   -- the decider follows the basis of the binding invitation (the catalogue's "decider"); records from before it: the benefit type
                   coalesce((select l.definition ->> 'decider' = 'MUNICIPALITY' from invitation i join legal_basis l on l.code = i.basis_code and l.version = i.basis_version
                              where i.fair_id = $1 and i.jobseeker_id = $2 and i.legal_basis = 'BINDING' order by i.created_at desc, i.id desc limit 1),
                            (select j.benefit_type = 'MINIMUM_INCOME' from jobseeker j where j.account_id = $2), false) as minimum_income,
                   (select j.caseworker_id from jobseeker j where j.account_id = $2) as caseworker_id,
                   exists (select 1 from jobseeker j where j.account_id = $2) as is_jobseeker,
                   array(select v::text from cascade_noticed_vacancies($1, $2) v) as noticed""")
        .execute(Tuple.of(fairId, jobseekerId)).map(rows -> {
          Row r = rows.iterator().next();
          if (!r.getBoolean("is_jobseeker")) return null;
          // binding wins: a person invited bindingly and also to a control appointment is in the cascade for the proposal
          Obligation basis = r.getBoolean("binding") ? Obligation.BINDING : r.getBoolean("control") ? Obligation.CONTROL : Obligation.VOLUNTARY;
          return new Facts(basis, r.getBoolean("employer_no_show"), r.getBoolean("outage"),
              r.getBoolean("minimum_income"), r.getLong("caseworker_id"), Set.of(r.getArrayOfStrings("noticed")));
        });
  }

  public Future<Long> insert(SqlClient tx, long fairId, long jobseekerId, Cascade c) {
    return tx.preparedQuery("""
            insert into cascade (fair_id, jobseeker_id, state, legal_basis, employer_no_show, outage, minimum_income, caseworker_id,
                                 basis_code, basis_version)
            select $1, $2, $3, $4, $5, $6, $7, $8, i.basis_code, i.basis_version from (select) x
              left join lateral (select basis_code, basis_version from invitation i where i.fair_id = $1 and i.jobseeker_id = $2
                                    and i.legal_basis = $4 and i.basis_code is not null order by i.created_at desc, i.id desc limit 1) i on true
            on conflict (fair_id, jobseeker_id) do nothing returning id""")
        .execute(Tuple.of(fairId, jobseekerId, c.state().name(), c.terms().basis().name(), c.findings().employerNoShow(), c.findings().outage(), c.terms().minimumIncome(),
            c.terms().caseworkerId() == null ? null : Long.valueOf(c.terms().caseworkerId())))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  private static final String COLUMNS = "id, fair_id, jobseeker_id, version, state, station, legal_basis, employer_no_show, outage, "
      + "minimum_income, caseworker_id, statement_given, decision_due, imposed_at, job_start, taken_by, waiting_since, notice_declined";

  /** The cascade, locked for this transaction; null when there is none. */
  public Future<CascadeRow> lock(SqlClient tx, long id) {
    return tx.preparedQuery("select " + COLUMNS + " from cascade where id = $1 for update").execute(Tuple.of(id)).map(CascadeStore::first);
  }

  /** The cascade, locked for this transaction; null when there is none or another transaction holds it. */
  public Future<CascadeRow> lockIfFree(SqlClient tx, long id) {
    return tx.preparedQuery("select " + COLUMNS + " from cascade where id = $1 for update skip locked").execute(Tuple.of(id))
        .map(CascadeStore::first);
  }

  public Future<CascadeRow> get(SqlClient c, long id) {
    return c.preparedQuery("select " + COLUMNS + " from cascade where id = $1").execute(Tuple.of(id)).map(CascadeStore::first);
  }

  /** The longest-waiting person of a station's queue, locked; rows another transaction holds are skipped. */
  public Future<CascadeRow> lockNext(SqlClient tx, long fairId, Station station) {
    return tx.preparedQuery("select " + COLUMNS + """
             from cascade where fair_id = $1 and station = $2 and state in ('WAITING', 'SENT_BACK')
            order by waiting_since, id limit 1 for update skip locked""")
        .execute(Tuple.of(fairId, station.name())).map(CascadeStore::first);
  }

  private static CascadeRow first(RowSet<Row> rows) {
    if (rows.size() == 0) return null;
    Row r = rows.iterator().next();
    Long cw = r.getLong("caseworker_id");
    Cascade c = new Cascade(State.valueOf(r.getString("state")), r.getString("station") == null ? null : Station.valueOf(r.getString("station")),
        new Cascade.Terms(Obligation.valueOf(r.getString("legal_basis")), r.getBoolean("minimum_income"), cw == null ? null : String.valueOf(cw)),
        new Cascade.Findings(r.getBoolean("employer_no_show"), r.getBoolean("outage"), r.getBoolean("statement_given"), Set.of(),
            r.getBoolean("notice_declined")),
        new Cascade.Dates(instant(r, "decision_due"), instant(r, "imposed_at"), instant(r, "job_start")));
    return new CascadeRow(r.getLong("id"), r.getLong("fair_id"), r.getLong("jobseeker_id"), r.getInteger("version"), c,
        r.getLong("taken_by"), instant(r, "waiting_since"));
  }

  /** Writes the new state; the person enters a queue (WAITING, SENT_BACK) at this moment. */
  public Future<Integer> update(SqlClient tx, long id, Cascade c, Long takenBy, Instant now) {
    boolean queued = c.state() == State.WAITING || c.state() == State.SENT_BACK;
    return tx.preparedQuery("""
            update cascade set state = $2, station = $3, legal_basis = $4, employer_no_show = $5, outage = $6, statement_given = $7,
                   decision_due = $8, imposed_at = $9, job_start = $10, waiting_since = $11, taken_by = $12, notice_declined = $14,
                   taken_at = case when $12::bigint is null then null when taken_by is distinct from $12 then $13 else taken_at end,
                   version = version + 1, updated_at = $13
             where id = $1 returning version""")
        .execute(Tuple.tuple().addLong(id).addString(c.state().name()).addString(c.station() == null ? null : c.station().name())
            .addString(c.terms().basis().name()).addBoolean(c.findings().employerNoShow()).addBoolean(c.findings().outage()).addBoolean(c.findings().statementGiven())
            .addValue(utc(c.dates().decisionDue())).addValue(utc(c.dates().imposedAt())).addValue(utc(c.dates().jobStart())).addValue(queued ? utc(now) : null)
            .addValue(takenBy).addValue(utc(now)).addBoolean(c.findings().noticeDeclined()))
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  /** The vacancy's title and employer when it is offered at a booth of this fair; null otherwise. */
  public Future<JsonObject> vacancyAtFair(SqlClient c, long fairId, long vacancyId) {
    return c.preparedQuery("""
            select v.id, v.title, b.employer_id, e.name as employer from vacancy v join booth b on b.id = v.booth_id
              join employer e on e.id = b.employer_id where v.id = $1 and b.fair_id = $2""")
        .execute(Tuple.of(vacancyId, fairId)).map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new JsonObject().put("id", r.getLong("id")).put("title", r.getString("title")).put("employerId", r.getLong("employer_id"))
              .put("employer", r.getString("employer"));
        });
  }

  /** Writes a step; answers its id (a letter the step causes names it). */
  public Future<Long> insertStep(SqlClient tx, long cascadeId, Transition t, Event e, Long actorId, JsonObject vacancy, long auditSeq) {
    return tx.preparedQuery("""
            insert into cascade_step (cascade_id, event, from_state, from_station, to_state, to_station, actor_id, actor_role,
                                      vacancy_id, vacancy_title, employer_id, finding, decision, reasons, job_start, audit_seq, at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning id""")
        .execute(Tuple.tuple().addLong(cascadeId).addString(t.event().name()).addString(t.from().name())
            .addString(t.fromStation() == null ? null : t.fromStation().name()).addString(t.to().name())
            .addString(t.toStation() == null ? null : t.toStation().name()).addValue(actorId).addString(t.actorRole())
            .addValue(vacancy == null ? null : vacancy.getLong("id")).addValue(vacancy == null ? null : vacancy.getString("title"))
            .addValue(vacancy == null ? null : vacancy.getLong("employerId"))
            .addValue(e.finding() == null ? null : e.finding().name()).addValue(e.decision() == null ? null : e.decision().name())
            .addValue(t.reasons()).addValue(utc(e.jobStart())).addLong(auditSeq).addValue(utc(t.at())))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** The steps of a cascade in order, with the actor's name. */
  public Future<JsonArray> steps(SqlClient c, long cascadeId) {
    return c.preparedQuery("""
            select s.*, a.name as actor_name, e.name as employer from cascade_step s left join account a on a.id = s.actor_id
              left join employer e on e.id = s.employer_id where s.cascade_id = $1 order by s.id""")
        .execute(Tuple.of(cascadeId)).map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject().put("event", r.getString("event")).put("at", str(instant(r, "at")))
                .put("from", r.getString("from_state")).put("fromStation", r.getString("from_station"))
                .put("to", r.getString("to_state")).put("toStation", r.getString("to_station"))
                .put("actor", new JsonObject().put("id", r.getLong("actor_id")).put("role", r.getString("actor_role")).put("name", r.getString("actor_name")))
                .put("vacancy", r.getLong("vacancy_id") == null && r.getString("vacancy_title") == null ? null
                    : new JsonObject().put("id", r.getLong("vacancy_id")).put("title", r.getString("vacancy_title")).put("employer", r.getString("employer")))
                .put("finding", r.getString("finding")).put("decision", r.getString("decision")).put("reasons", r.getString("reasons"))
                .put("hearing", hearingOf(r.getString("event"), r.getString("reasons")))
                .put("jobStart", str(instant(r, "job_start"))).put("auditSeq", r.getLong("audit_seq")));
          }
          return out;
        });
  }

  /** The fair's start and end, or null when there is no such fair. */
  public Future<Instant[]> fairWindow(SqlClient c, long fairId) {
    return c.preparedQuery("select starts_at, ends_at from fair where id = $1").execute(Tuple.of(fairId)).map(rows -> {
      if (rows.size() == 0) return null;
      Row r = rows.iterator().next();
      return new Instant[] {instant(r, "starts_at"), instant(r, "ends_at")};
    });
  }

  /** The version of the notice of legal consequences in force now. */
  public Future<Integer> noticeInForce(SqlClient c) {
    return c.query("select max(version) from consequence_notice where valid_from <= now()").execute()
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  /** The notice version with which this vacancy was already handed over in this cascade, or null. */
  public Future<Integer> handedOver(SqlClient c, long cascadeId, long vacancyId) {
    return c.preparedQuery("select notice_version from cascade_handover where cascade_id = $1 and vacancy_id = $2")
        .execute(Tuple.of(cascadeId, vacancyId)).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getInteger(0));
  }

  public Future<Void> insertHandover(SqlClient tx, long cascadeId, JsonObject vacancy, Station station, int notice, long by,
                                     Instant at, long auditSeq) {
    return tx.preparedQuery("""
            insert into cascade_handover (cascade_id, vacancy_id, vacancy_title, station, notice_version, handed_by, handed_role, at, audit_seq,
                                          basis_code, basis_version)
            select $1, $2, $3, $4, $5, $6, 'SFU', $7, $8, c.basis_code, c.basis_version from cascade c where c.id = $1""")
        .execute(Tuple.tuple().addLong(cascadeId).addLong(vacancy.getLong("id")).addString(vacancy.getString("title"))
            .addString(station.name()).addInteger(notice).addLong(by).addValue(utc(at)).addLong(auditSeq))
        .mapEmpty();
  }

  /**
   * The vacancies proposed to the person at this fair, for the offer form: each with whether its notice's delivery is
   * provable (mail sent, or handed over at a station) — only the decline of those may lead to a sanction check.
   */
  public Future<JsonObject> proposals(SqlClient c, long fairId, long jobseekerId) {
    return c.preparedQuery("""
            select v.id, bool_or(p.proven) as proven from (
              select v.id, (o.status = 'SENT') as proven from invitation i
                join vacancy v on v.id = i.vacancy_id or (i.vacancy_id is null and v.booth_id = i.booth_id and v.title = i.vacancy_title)
                left join mail_outbox o on o.id = i.outbox_id
               where i.fair_id = $1 and i.jobseeker_id = $2 and i.kind = 'PLACEMENT_PROPOSAL'
              union all
              select h.vacancy_id, true from cascade_handover h join cascade k on k.id = h.cascade_id
               where k.fair_id = $1 and k.jobseeker_id = $2) p join vacancy v on v.id = p.id group by v.id""")
        .execute(Tuple.of(fairId, jobseekerId)).map(rows -> {
          JsonObject out = new JsonObject();
          for (Row r : rows) out.put(String.valueOf(r.getLong("id")), Boolean.TRUE.equals(r.getBoolean("proven")));
          return out;
        });
  }

  /** The proposals handed over in person in a cascade, oldest first, with who handed them over. */
  public Future<JsonArray> handovers(SqlClient c, long cascadeId) {
    return c.preparedQuery("""
            select h.vacancy_id, h.vacancy_title, h.station, h.notice_version, h.at, h.audit_seq, a.name, h.handed_by, h.basis_code, h.basis_version
              from cascade_handover h join account a on a.id = h.handed_by where h.cascade_id = $1 order by h.at, h.id""")
        .execute(Tuple.of(cascadeId)).map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject().put("vacancy", new JsonObject().put("id", r.getLong("vacancy_id")).put("title", r.getString("vacancy_title")))
                .put("station", r.getString("station")).put("noticeVersion", r.getInteger("notice_version"))
                // the catalogue's basis the case runs under (V18), whose notice the proposal carried; null before the catalogue
                .put("basis", r.getString("basis_code") == null ? null
                    : new JsonObject().put("code", r.getString("basis_code")).put("version", r.getInteger("basis_version")))
                .put("at", str(instant(r, "at"))).put("by", new JsonObject().put("id", r.getLong("handed_by")).put("name", r.getString("name")))
                .put("auditSeq", r.getLong("audit_seq")));
          }
          return out;
        });
  }

  /** The number of the hearing record a STATEMENT step stands for ("hearing record 7"), or null (also for older steps). */
  // ---- reads for the service: playbook creation, station counts, the person, their cases, a station's queue --------

  /** Serialises storing a fair's default playbook (the first use of a fair's cascade), in the caller's transaction. */
  Future<Void> lockPlaybookCreation(SqlClient tx, long fairId) {
    return tx.preparedQuery("select pg_advisory_xact_lock(7212003, $1::int)").execute(Tuple.of((int) fairId)).mapEmpty();
  }

  /** Per station of the fair: how many wait, are being seen, and wait for a decision ({@code {STATION: {...}}}). */
  Future<JsonObject> stationCounts(SqlClient c, long fairId) {
    return c.preparedQuery("""
            select station, count(*) filter (where state in ('WAITING', 'SENT_BACK')) as waiting,
                   count(*) filter (where state = 'AT_STATION') as at_station,
                   count(*) filter (where state in ('SANCTION_PROPOSED', 'DECISION_PENDING')) as pending
              from cascade where fair_id = $1 and station is not null group by station""").execute(Tuple.of(fairId)).map(rows -> {
      JsonObject counts = new JsonObject();
      for (Row r : rows) {
        counts.put(r.getString("station"), new JsonObject().put("waiting", r.getLong("waiting")).put("atStation", r.getLong("at_station"))
            .put("pending", r.getLong("pending")));
      }
      return counts;
    });
  }

  /** The person of a case as staff see them: name, language and caseworker's name. */
  Future<JsonObject> person(SqlClient c, long jobseekerId) {
    return c.preparedQuery("""
            select a.name, a.language, w.name as caseworker from account a left join jobseeker j on j.account_id = a.id
              left join account w on w.id = j.caseworker_id where a.id = $1""")
        .execute(Tuple.of(jobseekerId)).map(rows -> {
          Row p = rows.iterator().next();
          return new JsonObject().put("name", p.getString("name")).put("language", p.getString("language"))
              .put("caseworker", p.getString("caseworker"));
        });
  }

  /** The person's cases, newest first. */
  Future<List<Long>> idsOf(SqlClient c, long jobseekerId) {
    return c.preparedQuery("select id from cascade where jobseeker_id = $1 order by created_at desc, id desc")
        .execute(Tuple.of(jobseekerId)).map(rows -> {
          List<Long> ids = new ArrayList<>();
          for (Row r : rows) ids.add(r.getLong(0));
          return ids;
        });
  }

  /** Whose cases of a station's queue a reader sees: all, the municipality's area, or an SfA's caseload and cover. */
  enum QueueScope { ALL, MUNICIPALITY, CASEWORKER }

  /** Who waits at the station and who is being seen there, in the order they came, as far as {@code scope} lets see. */
  Future<RowSet<Row>> queue(SqlClient c, Relations relations, StationRow s, QueueScope scope, long readerId) {
    String filter = switch (scope) {
      case ALL -> "true";
      case MUNICIPALITY -> "(c.minimum_income and " + Relations.inArea("c.jobseeker_id", "$3") + ")";
      case CASEWORKER -> "(not c.minimum_income and (c.caseworker_id = $3 or " + relations.standsInFor("c.caseworker_id", "$3") + "))";
    };
    return c.preparedQuery("""
            select c.id, c.state, c.waiting_since, c.taken_by, c.taken_at, c.decision_due, c.version, a.name, t.name as taken_by_name
              from cascade c join account a on a.id = c.jobseeker_id left join account t on t.id = c.taken_by
             where c.fair_id = $1 and c.station = $2 and\s""" + filter + " order by c.waiting_since nulls last, c.id")
        .execute(scope == QueueScope.ALL ? Tuple.of(s.fairId(), s.station().name()) : Tuple.of(s.fairId(), s.station().name(), readerId));
  }

  // ---- read models: vacancies, tasks, answers, admissions, the funnel ----------------------------------------------

  /** The vacancies of the fair's booths, for the offer stations. */
  Future<JsonArray> vacancies(SqlClient c, long fairId) {
    return c.preparedQuery("""
            select v.id, v.title, v.workplace, v.region, v.hours_per_week, v.pay, v.housing, e.name as employer
              from vacancy v join booth b on b.id = v.booth_id join employer e on e.id = b.employer_id
             where b.fair_id = $1 order by e.name, v.title, v.id""").execute(Tuple.of(fairId)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("id", r.getLong("id")).put("title", r.getString("title")).put("employer", r.getString("employer"))
            .put("workplace", r.getString("workplace")).put("region", r.getString("region")).put("pay", r.getString("pay"))
            .put("housing", r.getBoolean("housing")));
      }
      return out;
    });
  }

  /**
   * The decisions and waiver considerations that are the account's to take (the municipality's for its area, an SfA's
   * for their caseload and whom they stand in for), then the SfA's open course follow-ups.
   */
  Future<JsonArray> tasks(SqlClient c, Relations relations, long accountId, boolean kommune, boolean sfa) {
    if (!sfa && !kommune) return Future.succeededFuture(new JsonArray());
    return c.preparedQuery("""
            select c.id, c.jobseeker_id, c.state, c.decision_due, c.imposed_at, c.job_start, c.version, c.fair_id, f.name as fair_name, a.name,
                   (select s.finding from cascade_step s where s.cascade_id = c.id and s.event = 'FINDING' order by s.id desc limit 1) as finding
              from cascade c join account a on a.id = c.jobseeker_id join fair f on f.id = c.fair_id
             where c.state in ('SANCTION_PROPOSED', 'DECISION_PENDING', 'WAIVER_CONSIDERATION')
               and (($2 and c.minimum_income and\s""" + Relations.inArea("c.jobseeker_id", "$1") + """
                  ) or ($3 and not c.minimum_income and (c.caseworker_id = $1 or\s""" + relations.standsInFor("c.caseworker_id", "$1")
            + ")))  order by c.decision_due nulls last, c.id")
        .execute(Tuple.of(accountId, kommune, sfa)).compose(rows -> courseFollowUps(c, relations, accountId, sfa).map(followUps -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            String state = r.getString("state");
            out.add(new JsonObject().put("id", r.getLong("id"))
                .put("kind", ("WAIVER_CONSIDERATION".equals(state) ? WorklistKind.CONSIDER_WAIVER : WorklistKind.DECISION).name())
                .put("cascade", r.getLong("id")).put("state", state).put("version", r.getInteger("version"))
                .put("person", new JsonObject().put("id", r.getLong("jobseeker_id")).put("name", r.getString("name")))
                .put("fair", new JsonObject().put("id", r.getLong("fair_id")).put("name", r.getString("fair_name")))
                .put("finding", r.getString("finding"))
                .put("decisionDue", str(instant(r, "decision_due")))
                .put("imposedAt", str(instant(r, "imposed_at")))
                .put("jobStart", str(instant(r, "job_start"))));
          }
          followUps.forEach(out::add);
          return out;
        }));
  }

  /** Open follow-ups of accepted courses for the caseworker's own people (worklist items; the result closes them). */
  private Future<JsonArray> courseFollowUps(SqlClient c, Relations relations, long caseworkerId, boolean sfa) {
    if (!sfa) return Future.succeededFuture(new JsonArray());
    return c.preparedQuery("""
            select w.id, w.cascade_id, w.created_at, c.fair_id, f.name as fair_name, a.id as person_id, a.name
              from worklist_item w join jobseeker j on j.account_id = w.jobseeker_id join cascade c on c.id = w.cascade_id
              join fair f on f.id = c.fair_id join account a on a.id = w.jobseeker_id
             where w.kind = 'COURSE_FOLLOW_UP' and w.result is null and\s""" + relations.caseload("w.jobseeker_id", "$1")
            + " order by w.created_at, w.id")
        .execute(Tuple.of(caseworkerId)).map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject().put("id", r.getLong("id")).put("kind", WorklistKind.COURSE_FOLLOW_UP.name()).put("cascade", r.getLong("cascade_id"))
                .put("state", "ENDED_COURSE_ACCEPTED").put("createdAt", str(instant(r, "created_at")))
                .put("person", new JsonObject().put("id", r.getLong("person_id")).put("name", r.getString("name")))
                .put("fair", new JsonObject().put("id", r.getLong("fair_id")).put("name", r.getString("fair_name"))));
          }
          return out;
        });
  }

  /** Answers to an employer's own vacancies: which vacancy, who, accepted or declined, when. Never findings or sanctions. */
  Future<JsonArray> answersFor(SqlClient c, long employerId) {
    return c.preparedQuery("""
            select s.vacancy_id, s.vacancy_title, s.event, s.at, a.name, f.name as fair_name
              from cascade_step s join cascade c on c.id = s.cascade_id join account a on a.id = c.jobseeker_id
              join fair f on f.id = c.fair_id
             where s.employer_id = $1 and s.event in ('OFFER_ACCEPTED', 'OFFER_DECLINED', 'LOCAL_OFFER_ACCEPTED', 'LOCAL_OFFER_DECLINED')
             order by s.at desc, s.id desc""").execute(Tuple.of(employerId)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("vacancy", new JsonObject().put("id", r.getLong("vacancy_id")).put("title", r.getString("vacancy_title")))
            .put("person", r.getString("name")).put("fair", r.getString("fair_name"))
            .put("answer", r.getString("event").endsWith("ACCEPTED") ? "ACCEPTED" : "DECLINED")
            .put("at", str(instant(r, "at"))));
      }
      return out;
    });
  }

  /** People with a booking or an invitation at the fair who are not in its cascade yet (for admitting them). */
  Future<JsonArray> notAdmitted(SqlClient c, long fairId) {
    return c.preparedQuery("""
            select a.id, a.name from account a join jobseeker j on j.account_id = a.id
             where (exists (select 1 from booking k join booth b on b.id = k.booth_id where b.fair_id = $1 and k.jobseeker_id = a.id and k.status = 'ACTIVE')
                    or exists (select 1 from invitation i where i.fair_id = $1 and i.jobseeker_id = a.id))
               and not exists (select 1 from cascade c where c.fair_id = $1 and c.jobseeker_id = a.id)
             order by a.name, a.id limit 200""").execute(Tuple.of(fairId)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) out.add(new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name")));
      return out;
    });
  }

  /** The funnel of a fair: invited, attended, offer, accepted, declined, local offer, sanction check, decided. */
  Future<JsonObject> funnel(SqlClient c, long fairId) {
    return c.preparedQuery("""
            with people as (
              select jobseeker_id from invitation where fair_id = $1
              union select k.jobseeker_id from booking k join booth b on b.id = k.booth_id where b.fair_id = $1
              union select jobseeker_id from cascade where fair_id = $1),
            attended as (
              select k.jobseeker_id from booking k join booth b on b.id = k.booth_id join attendance t on t.booking_id = k.id
               where b.fair_id = $1 and (t.checked_in_at is not null or t.outcome in ('APPEARED', 'UNSUITABLE', 'CANDIDATE_DECLINED'))
              union select c.jobseeker_id from cascade c join cascade_step s on s.cascade_id = c.id where c.fair_id = $1 and s.event = 'CHECK_IN'),
            steps as (select s.* from cascade_step s join cascade c on c.id = s.cascade_id where c.fair_id = $1)
            select (select count(*) from people) as invited, (select count(*) from attended) as attended,
                   (select count(distinct cascade_id) from steps where event = 'TAKE' and from_station = 'OFFER') as offer,
                   (select count(distinct cascade_id) from steps where event in ('OFFER_ACCEPTED', 'LOCAL_OFFER_ACCEPTED')) as accepted,
                   (select count(distinct cascade_id) from steps where event = 'OFFER_DECLINED') as declined,
                   (select count(distinct cascade_id) from steps where event = 'TAKE' and from_station = 'LOCAL_OFFER') as local_offer,
                   (select count(distinct cascade_id) from steps where event = 'TAKE' and from_station = 'SANCTION_CHECK') as sanction_check,
                   (select count(distinct cascade_id) from steps where event = 'DECIDE' and decision in ('IMPOSE', 'DO_NOT_IMPOSE')) as decided""")
        .execute(Tuple.of(fairId)).map(rows -> {
          Row r = rows.iterator().next();
          return new JsonObject().put("invited", r.getLong("invited")).put("attended", r.getLong("attended")).put("offer", r.getLong("offer"))
              .put("accepted", r.getLong("accepted")).put("declined", r.getLong("declined")).put("localOffer", r.getLong("local_offer"))
              .put("sanctionCheck", r.getLong("sanction_check")).put("decided", r.getLong("decided"));
        });
  }
  // ---- the platform's own steps: which cases a late sanction bar ends, which are due to close -----------------------

  /**
   * Where a late sanction bar ends a case, as SQL over {@code cascade}: derived from {@link CascadeMachine#barrable}
   * (every state and station it says yes to), never restated by hand.
   */
  static final String BARRABLE = barrableSql();

  static String barrableSql() {
    List<String> anyStation = new ArrayList<>();
    List<String> atStation = new ArrayList<>();
    for (State state : State.values()) {
      List<Station> where = new ArrayList<>();
      for (Station st : Station.values()) if (CascadeMachine.barrable(state, st)) where.add(st);
      boolean none = CascadeMachine.barrable(state, null);
      if (none && where.size() == Station.values().length) {
        anyStation.add("'" + state.name() + "'");
        continue;
      }
      for (Station st : where) atStation.add("(state = '" + state.name() + "' and station = '" + st.name() + "')");
      if (none) atStation.add("(state = '" + state.name() + "' and station is null)");
    }
    if (!anyStation.isEmpty()) atStation.add("state in (" + String.join(", ", anyStation) + ")");
    return atStation.isEmpty() ? "false" : "(" + String.join(" or ", atStation) + ")";
  }

  /** The ids of the fair's cases (of one person, when given) where a sanction bar ends them now. */
  Future<RowSet<Row>> barrable(SqlClient c, long fairId, Long jobseekerId) {
    return c.preparedQuery("select id from cascade where fair_id = $1 and ($2::bigint is null or jobseeker_id = $2) and "
            + BARRABLE + " order by id")
        .execute(Tuple.tuple().addLong(fairId).addValue(jobseekerId));
  }

  /** The same for every fair, at most {@code limit}. */
  Future<RowSet<Row>> barrableAnywhere(SqlClient c, int limit) {
    return c.preparedQuery("select id from cascade where " + BARRABLE + " order by id limit $1").execute(Tuple.of(limit));
  }

  /**
   * The ids of cases due to close (at most {@code limit}): in a state the platform may close ({@link
   * CascadeMachine#CLOSABLE}), untouched since {@code quietSince}, and an imposed sanction only once its waiver period
   * has passed by {@code now} (at once where the playbook tracks no waiver).
   */
  Future<RowSet<Row>> dueToClose(SqlClient c, Instant quietSince, Instant now, int limit) {
    String[] closable = CascadeMachine.CLOSABLE.stream().map(State::name).sorted().toArray(String[]::new);
    return c.preparedQuery("""
            select c.id from cascade c join cascade_playbook p on p.fair_id = c.fair_id
             where c.state = any($1) and c.updated_at <= $2
               and (c.state <> 'IMPOSED' or p.waiver_days = 0 or c.imposed_at + make_interval(days => p.waiver_days) < $3)
             order by c.id limit $4""")
        .execute(Tuple.of(closable, utc(quietSince), utc(now), limit));
  }

  static Long hearingOf(String event, String reasons) {
    if (!"STATEMENT".equals(event) || reasons == null || !reasons.matches("hearing record \\d{1,18}")) return null;
    return Long.valueOf(reasons.substring("hearing record ".length()));
  }

  static String str(Instant i) {
    return i == null ? null : i.toString();
  }
}
