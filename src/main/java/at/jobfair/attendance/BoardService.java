package at.jobfair.attendance;

import at.jobfair.access.Relations;
import at.jobfair.access.StaffAccess;
import at.jobfair.attendance.AttendancePolicy.Facts;
import at.jobfair.attendance.AttendancePolicy.State;
import at.jobfair.identity.Account;
import at.jobfair.refusal.Reason;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The live staff board of a fair: per booth and slot who is booked, checked in, waiting, in a meeting, late or absent,
 * with counts and the participation rate by channel (binding, voluntary) and format (online, on site).
 *
 * <p>{@code employerRoomUnattended} (per slot and booth): true while an appointment is in its time (start to end) and
 * nobody of the booth's staff has joined its meeting room (nor confirmed it by phone); false when they have; null when
 * no appointment is running. "In meeting" is derived from the check-in (joining the room checks the jobseeker in).
 */
public final class BoardService {

  private static final String[] COUNTERS = {"booked", "checkedIn", "waiting", "inMeeting", "late", "noShow", "employerNoShow",
      "excused", "participated"};

  /** The cascade's funnel of a fair (invited, attended, offer, accepted, declined, local offer, sanction check, decided). */
  @FunctionalInterface
  public interface Funnel {
    Future<JsonObject> of(long fairId);
  }

  private final BoardStore store;
  private final Relations relations;
  private final AttendanceService attendance;
  private final Funnel funnel;

  public BoardService(BoardStore store, Relations relations, AttendanceService attendance, Funnel funnel) {
    this.store = store;
    this.relations = relations;
    this.attendance = attendance;
    this.funnel = funnel;
  }

  /** The board as {@code viewer} may see it: its appointments, the meeting failures of the last hour and the cascade's funnel. */
  public Future<JsonObject> board(long fairId, Account viewer) {
    return appointments(fairId, viewer)
        .compose(board -> store.meetingFailures(fairId).map(f -> board.put("meetingFailures", f)))
        .compose(b -> funnel.of(fairId).map(f -> b.put("funnel", f)));
  }

  /**
   * The fair with its booths, slots and bookings, each booking's attendance state and counts (all the CSV needs). Counts
   * are everyone's; a booking names its person only to staff who may read the person's record, and tells a sick note
   * apart from other excuses only to staff who may read their benefit and health data (Relations decides both; such a
   * read goes into the person's access log).
   */
  public Future<JsonObject> appointments(long fairId, Account viewer) {
    Instant now = attendance.clock().instant();
    return store.fair(fairId).compose(fr -> {
      if (fr == null) return Future.failedFuture(Reason.FAIR_NOT_FOUND.refuse());
      String format = "E_JOBMEETING".equals(fr.format()) ? "ONLINE" : "ON_SITE";
      JsonObject fair = new JsonObject().put("id", fairId).put("name", fr.name()).put("format", fr.format()).put("channel", format);
      return store.slots(fairId).compose(slots -> store.bookings(fairId, viewer).compose(bookings -> {
        Set<Long> sickNotesShown = new TreeSet<>();
        JsonObject out = assemble(fair, format, slots, bookings, now, sickNotesShown);
        return relations.logReads(viewer, sickNotesShown, "board_sick_note", StaffAccess.Data.BENEFIT).map(out);
      }));
    });
  }

  private JsonObject assemble(JsonObject fair, String format, List<BoardStore.Slot> slotRows, List<BoardStore.Booking> bookingRows,
                              Instant now, Set<Long> sickNotesShown) {
    Map<Long, JsonObject> booths = new LinkedHashMap<>();
    Map<Long, JsonObject> slots = new HashMap<>();
    for (BoardStore.Slot r : slotRows) {
      JsonObject booth = booths.computeIfAbsent(r.boothId(), id -> new JsonObject().put("id", id)
          .put("employer", r.employer()).put("employerRoomUnattended", null)
          .put("counts", counters()).put("slots", new JsonArray()));
      JsonObject slot = new JsonObject().put("id", r.id())
          .put("start", r.start().toString()).put("end", r.end().toString())
          .put("capacity", r.capacity()).put("employerRoomUnattended", null)
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
    for (BoardStore.Booking r : bookingRows) {
      JsonObject slot = slots.get(r.slotId());
      if (slot == null) continue;
      Facts f = r.facts();
      State state = AttendancePolicy.state(f, now, attendance.grace());
      boolean showsPerson = r.showsPerson();
      // a sick note is health data: without the right to it, the board says "excused" as for any other excuse
      boolean sick = state == State.EXCUSED_SICK;
      boolean showsHealth = showsPerson && r.showsHealth();
      if (sick && showsHealth) sickNotesShown.add(r.jobseekerId());
      slot.getJsonArray("bookings").add(new JsonObject().put("id", r.id())
          .put("jobseeker", showsPerson ? new JsonObject().put("id", r.jobseekerId()).put("name", r.personName()) : null)
          .put("status", r.status()).put("source", r.source()).put("legalBasis", f.legalBasis().name())
          .put("state", sick && !showsHealth ? "EXCUSED" : state.name()).put("checkedInAt", f.checkedInAt() == null ? null : f.checkedInAt().toString())
          .put("outcome", f.outcome() == null ? null : f.outcome().name()).put("nextStep", r.nextStep())
          .put("outcomeBy", r.outcomeBy())
          .put("offerAnotherSlot", state == State.EMPLOYER_NO_SHOW));
      if (!f.active()) continue;
      JsonObject booth = booths.get(slot.getLong("boothId"));
      if (!now.isBefore(f.start()) && now.isBefore(f.end())) {
        boolean unattended = !r.employerJoined();
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
        .put("booths", new JsonArray(new ArrayList<>(booths.values())));
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
