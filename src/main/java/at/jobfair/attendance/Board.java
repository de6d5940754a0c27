package at.jobfair.attendance;

import at.jobfair.refusal.Reason;

import at.jobfair.access.Relations;
import at.jobfair.access.StaffAccess;
import at.jobfair.identity.Account;
import at.jobfair.attendance.AttendancePolicy.Facts;
import at.jobfair.attendance.AttendancePolicy.State;
import at.jobfair.db.Rows;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import io.vertx.core.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The live staff board of a fair: per booth and slot who is booked, checked in, waiting, in a meeting, late or absent,
 * with counts and the participation rate by channel (binding, voluntary) and format (online, on site); and the
 * CSV export of appointments and outcomes. The page's board region refreshes on every change of the fair.
 *
 * <p>{@code employerRoomUnattended} (per slot and booth): true while an appointment is in its time (start to end) and
 * nobody of the booth's staff has joined its meeting room (nor confirmed it by phone); false when they have; null when
 * no appointment is running. "In meeting" is derived from the check-in (joining the room checks the jobseeker in).
 */
public final class Board {

  private static final String[] COUNTERS = {"booked", "checkedIn", "waiting", "inMeeting", "late", "noShow", "employerNoShow",
      "excused", "participated"};

  private final Pool pool;
  private final Relations relations;
  private final Pages pages;
  private final AttendanceService attendance;
  private final ZoneId zone;
  private final Funnel funnel;

  /** The cascade's funnel of a fair (invited, attended, offer, accepted, declined, local offer, sanction check, decided). */
  @FunctionalInterface
  public interface Funnel {
    Future<JsonObject> of(io.vertx.sqlclient.SqlClient c, long fairId);
  }

  public Board(Pool pool, Relations relations, Pages pages, AttendanceService attendance, ZoneId zone, Funnel funnel) {
    this.funnel = funnel;
    this.relations = relations;
    this.pool = pool;
    this.pages = pages;
    this.attendance = attendance;
    this.zone = zone;
  }

  public Future<?> api(RoutingContext ctx) {
    return board(Http.pathId(ctx, "id"), at.jobfair.web.Sessions.user(ctx)).onSuccess(b -> Http.ok(ctx, b));
  }

  public Future<?> page(RoutingContext ctx) {
    return board(Http.pathId(ctx, "id"), at.jobfair.web.Sessions.user(ctx)).onSuccess(b -> {
      Map<String, Object> model = new HashMap<>();
      model.put("board", b);
      model.put("fair", b.getJsonObject("fair"));
      var user = at.jobfair.web.Sessions.user(ctx);
      model.put("canRecordSickNotes", user.has(at.jobfair.identity.Role.SFA) || user.has(at.jobfair.identity.Role.ORGANIZER));
      var lang = at.jobfair.web.Http.lang(ctx);
      String recorded = ctx.request().getParam("recorded");
      if ("sick_note".equals(recorded) || "outage".equals(recorded)) model.put("notice", pages.messages().get(lang, "board.recorded." + recorded));
      String error = pages.errorInAddress(ctx, 3);
      if (error != null) model.put("error", error);
      pages.render(ctx, "board", model);
    });
  }

  /** Semicolon-separated, UTF-8 with a byte-order mark (Excel), times in the configured zone (Commons CSV writes it). */
  static final CSVFormat EXPORT = CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("\r\n")
      .setHeader("booking", "employer", "slot_start", "slot_end", "jobseeker", "legal_basis", "source", "booking_status",
          "checked_in_at", "state", "outcome", "next_step", "outcome_by")
      .get();

  public Future<?> csv(RoutingContext ctx) {
    long fairId = Http.pathId(ctx, "id");
    return appointments(fairId, at.jobfair.web.Sessions.user(ctx)).onSuccess(b -> {
      DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
      StringBuilder sb = new StringBuilder("\uFEFF");
      try (CSVPrinter out = new CSVPrinter(sb, EXPORT)) {
        for (Object bo : b.getJsonArray("booths")) {
          JsonObject booth = (JsonObject) bo;
          for (Object so : booth.getJsonArray("slots")) {
            JsonObject slot = (JsonObject) so;
            for (Object ko : slot.getJsonArray("bookings")) {
              JsonObject k = (JsonObject) ko;
              String checkedIn = k.getString("checkedInAt");
              out.printRecord(k.getLong("id"), cell(booth.getString("employer")),
                  f.format(Instant.parse(slot.getString("start"))), f.format(Instant.parse(slot.getString("end"))),
                  cell(k.getJsonObject("jobseeker") == null ? null : k.getJsonObject("jobseeker").getString("name")),
                  k.getString("legalBasis"), k.getString("source"), k.getString("status"),
                  checkedIn == null ? "" : f.format(Instant.parse(checkedIn)), k.getString("state"),
                  nz(k.getString("outcome")), nz(k.getString("nextStep")), nz(k.getString("outcomeBy")));
            }
          }
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e); // a StringBuilder does not fail
      }
      ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
          .putHeader("Content-Disposition", "attachment; filename=\"jobboerse-" + fairId + "-termine.csv\"")
          .putHeader("Cache-Control", "no-store").end(sb.toString());
    });
  }

  /**
   * A name as a spreadsheet must not run it: a leading formula character is defused with an apostrophe (names are
   * people's and employers' own words). Quoting is the CSV library's.
   */
  static String cell(String v) {
    if (v == null) return "";
    return !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** The board as {@code viewer} may see it: its appointments, the meeting failures of the last hour and the cascade's funnel. */
  public Future<JsonObject> board(long fairId, Account viewer) {
    return appointments(fairId, viewer)
        .compose(board -> meetingFailures(fairId).map(f -> board.put("meetingFailures", f)))
        .compose(b -> funnel.of(pool, fairId).map(f -> b.put("funnel", f)));
  }

  /**
   * The fair with its booths, slots and bookings, each booking's attendance state and counts (all the CSV needs). Counts
   * are everyone's; a booking names its person only to staff who may read the person's record, and tells a sick note
   * apart from other excuses only to staff who may read their benefit and health data (Relations decides both; such a
   * read goes into the person's access log).
   */
  private Future<JsonObject> appointments(long fairId, Account viewer) {
    Instant now = attendance.clock().instant();
    return pool.preparedQuery("select id, name, format, starts_at, ends_at from fair where id = $1").execute(Tuple.of(fairId)).compose(fairs -> {
      if (fairs.size() == 0) return Future.failedFuture(Reason.FAIR_NOT_FOUND.refuse());
      Row fr = fairs.iterator().next();
      String format = "E_JOBMEETING".equals(fr.getString("format")) ? "ONLINE" : "ON_SITE";
      JsonObject fair = new JsonObject().put("id", fairId).put("name", fr.getString("name")).put("format", fr.getString("format"))
          .put("channel", format);
      return pool.preparedQuery("""
              select b.id as booth_id, e.name as employer_name, s.id as slot_id, s.starts_at, s.ends_at, s.capacity
                from booth b join employer e on e.id = b.employer_id join slot s on s.booth_id = b.id
               where b.fair_id = $1 and s.removed_at is null order by e.name, b.id, s.starts_at, s.id""")
          .execute(Tuple.of(fairId))
          .compose(slots -> pool.preparedQuery("select k.id, k.slot_id, k.status, k.source, k.jobseeker_id, a.name as person_name, "
                  + "t.next_step, t.outcome_source, " + AttendanceStore.FACT_COLUMNS + """
                     , exists (select 1 from meeting_event e where e.booking_id = k.id and e.role = 'EMPLOYER' and e.kind = 'JOIN')
                       or exists (select 1 from meeting m where m.booking_id = k.id and m.phone_confirmed_at is not null) as employer_joined
                     , """ + relations.may(StaffAccess.Data.RECORD, StaffAccess.Mode.READ, "k.jobseeker_id", "$2", "$3") + " as shows_person, "
                  + relations.may(StaffAccess.Data.BENEFIT, StaffAccess.Mode.READ, "k.jobseeker_id", "$2", "$3") + """
                      as shows_health
                     from booking k join booth b on b.id = k.booth_id join account a on a.id = k.jobseeker_id
                     left join attendance t on t.booking_id = k.id
                    where b.fair_id = $1 order by lower(k.during), k.id""")
              .execute(Tuple.of(fairId, viewer.id(), Relations.roles(viewer)))
              .compose(bookings -> {
                Set<Long> sickNotesShown = new TreeSet<>();
                JsonObject out = assemble(fair, format, slots, bookings, now, sickNotesShown);
                return relations.logReads(viewer, sickNotesShown, "board_sick_note", StaffAccess.Data.BENEFIT).map(out);
              }));
    });
  }

  /**
   * What pages reported as failures of the meeting service in the last hour (video could not connect, Jitsi not
   * reachable): how many, in how many appointments, first and last. Staff decide from it whether to record an outage.
   */
  private Future<JsonObject> meetingFailures(long fairId) {
    return pool.preparedQuery("""
            select count(*) as n, count(distinct e.booking_id) as bookings, min(e.at) as first, max(e.at) as last
              from meeting_event e join booking k on k.id = e.booking_id join booth b on b.id = k.booth_id
             where b.fair_id = $1 and e.kind = 'FAILURE' and e.at > now() - interval '1 hour'""")
        .execute(Tuple.of(fairId))
        .map(rows -> {
          Row r = rows.iterator().next();
          Instant first = Rows.instant(r, "first");
          Instant last = Rows.instant(r, "last");
          return new JsonObject().put("lastHour", r.getLong("n")).put("bookings", r.getLong("bookings"))
              .put("first", first == null ? null : first.toString()).put("last", last == null ? null : last.toString());
        });
  }

  private JsonObject assemble(JsonObject fair, String format, Iterable<Row> slotRows, Iterable<Row> bookingRows, Instant now,
                              Set<Long> sickNotesShown) {
    Map<Long, JsonObject> booths = new LinkedHashMap<>();
    Map<Long, JsonObject> slots = new HashMap<>();
    for (Row r : slotRows) {
      JsonObject booth = booths.computeIfAbsent(r.getLong("booth_id"), id -> new JsonObject().put("id", id)
          .put("employer", r.getString("employer_name")).put("employerRoomUnattended", null)
          .put("counts", counters()).put("slots", new JsonArray()));
      JsonObject slot = new JsonObject().put("id", r.getLong("slot_id"))
          .put("start", Rows.instant(r, "starts_at").toString()).put("end", Rows.instant(r, "ends_at").toString())
          .put("capacity", r.getInteger("capacity")).put("employerRoomUnattended", null)
          .put("counts", counters()).put("bookings", new JsonArray());
      booth.getJsonArray("slots").add(slot);
      slots.put(slot.getLong("id"), slot);
      slot.put("boothId", booth.getLong("id"));
    }
    JsonObject totals = counters();
    Map<String, int[]> byChannel = new LinkedHashMap<>();
    byChannel.put("BINDING", new int[2]);
    byChannel.put("VOLUNTARY", new int[2]);
    int[] byFormat = new int[2];
    for (Row r : bookingRows) {
      JsonObject slot = slots.get(r.getLong("slot_id"));
      if (slot == null) continue;
      Facts f = AttendanceStore.facts(r);
      State state = AttendancePolicy.state(f, now, attendance.grace());
      boolean showsPerson = Boolean.TRUE.equals(r.getBoolean("shows_person"));
      // a sick note is health data: without the right to it, the board says "excused" as for any other excuse
      boolean sick = state == State.EXCUSED_SICK;
      boolean showsHealth = showsPerson && Boolean.TRUE.equals(r.getBoolean("shows_health"));
      if (sick && showsHealth) sickNotesShown.add(r.getLong("jobseeker_id"));
      slot.getJsonArray("bookings").add(new JsonObject().put("id", r.getLong("id"))
          .put("jobseeker", showsPerson ? new JsonObject().put("id", r.getLong("jobseeker_id")).put("name", r.getString("person_name")) : null)
          .put("status", r.getString("status")).put("source", r.getString("source")).put("legalBasis", f.legalBasis().name())
          .put("state", sick && !showsHealth ? "EXCUSED" : state.name()).put("checkedInAt", f.checkedInAt() == null ? null : f.checkedInAt().toString())
          .put("outcome", f.outcome() == null ? null : f.outcome().name()).put("nextStep", r.getString("next_step"))
          .put("outcomeBy", r.getString("outcome_source"))
          .put("offerAnotherSlot", state == State.EMPLOYER_NO_SHOW));
      if (!f.active()) continue;
      JsonObject booth = booths.get(slot.getLong("boothId"));
      if (!now.isBefore(f.start()) && now.isBefore(f.end())) {
        boolean unattended = !r.getBoolean("employer_joined");
        for (JsonObject o : new JsonObject[] {slot, booth}) {
          o.put("employerRoomUnattended", Boolean.TRUE.equals(o.getBoolean("employerRoomUnattended")) || unattended);
        }
      }
      for (JsonObject counts : new JsonObject[] {slot.getJsonObject("counts"), booth.getJsonObject("counts"), totals}) {
        count(counts, f, state, now);
      }
      if (AttendancePolicy.countsForParticipation(f, now, attendance.grace())) {
        boolean took = AttendancePolicy.participated(f, now, attendance.grace());
        int[] c = byChannel.get(f.legalBasis().name());
        c[0]++;
        if (took) c[1]++;
        byFormat[0]++;
        if (took) byFormat[1]++;
      }
    }
    JsonObject channels = new JsonObject();
    byChannel.forEach((k, v) -> channels.put(k, rate(v)));
    return new JsonObject().put("fair", fair).put("generatedAt", now.toString()).put("counts", totals)
        .put("participation", new JsonObject().put("byChannel", channels).put("byFormat", new JsonObject().put(format, rate(byFormat))))
        .put("booths", new JsonArray(new java.util.ArrayList<>(booths.values())));
  }

  private static void count(JsonObject c, Facts f, State state, Instant now) {
    inc(c, "booked");
    if (f.checkedIn()) inc(c, "checkedIn");
    boolean started = !now.isBefore(f.start());
    if (f.checkedIn() && f.outcome() == null && started) inc(c, "waiting");
    if (state == State.IN_MEETING) inc(c, "inMeeting");
    if (state == State.LATE || state == State.NO_SHOW_DUE) inc(c, "late");
    if (state == State.NO_SHOW) inc(c, "noShow");
    if (state == State.EMPLOYER_NO_SHOW) inc(c, "employerNoShow");
    if (state == State.EXCUSED_SICK || state == State.EXCUSED_OUTAGE) inc(c, "excused");
    if (state == State.APPEARED || state == State.UNSUITABLE || state == State.CANDIDATE_DECLINED) inc(c, "participated");
  }

  private static JsonObject rate(int[] dueAndAttended) {
    return new JsonObject().put("due", dueAndAttended[0]).put("participated", dueAndAttended[1])
        .put("rate", dueAndAttended[0] == 0 ? null : Math.round(1000.0 * dueAndAttended[1] / dueAndAttended[0]) / 1000.0);
  }

  private static JsonObject counters() {
    JsonObject c = new JsonObject();
    for (String k : COUNTERS) c.put(k, 0);
    return c;
  }

  private static void inc(JsonObject c, String key) {
    c.put(key, c.getInteger(key) + 1);
  }
}
