package at.jobfair.cascade;

import at.jobfair.cascade.Event.Decision;
import at.jobfair.cascade.Event.Finding;
import at.jobfair.cascade.Event.Type;
import at.jobfair.identity.Role;
import at.jobfair.legal.Obligation;
import at.jobfair.refusal.Reason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static at.jobfair.cascade.State.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Every playbook, every reachable state for every legal basis (binding, voluntary, control) and with or without a
 * vacancy proposed with a delivered notice (with the guard facts also changed afterwards, as when an outage or an
 * employer's no-show is recorded late), every event, every actor (job starts and closing also forty days later): against rules written out here
 * independently of the machine. Then the stories the domain tells, step by step.
 */
class CascadeMachineTest {

  /** The night Vienna switches to summer time: irrelevant, deadlines are counted on instants. */
  private static final Instant NOW = Instant.parse("2026-03-29T00:30:00Z");
  private static final Instant LATER = NOW.plus(Duration.ofDays(40));
  private static final String CASEWORKER = "cw-1";
  /** The vacancy proposed with a provably delivered notice, in the cascades that have one (v-2 never is). */
  private static final Set<String> NOTICED = Set.of("v-1");

  private static final Actor RESPONSIBLE_SFA = new Actor(Role.SFA, CASEWORKER);
  private static final List<Actor> ACTORS = actors();

  private static List<Actor> actors() {
    List<Actor> list = new ArrayList<>();
    list.add(Actor.SYSTEM);
    for (Role r : Role.values()) list.add(new Actor(r, "u-" + r.name().toLowerCase()));
    list.add(RESPONSIBLE_SFA);
    return list;
  }

  private static final List<Event> EVENTS = List.of(
      Event.of(Type.BOOK), Event.of(Type.CHECK_IN), Event.of(Type.NO_SHOW), Event.excuse("Krankmeldung"),
      Event.excuse(" "), Event.of(Type.TAKE),
      Event.of(Type.COURSE_ACCEPTED), Event.courseDeclined("Ich habe schon einen Kurs gemacht"), Event.courseDeclined(""),
      Event.offerAccepted("v-1"), Event.offerAccepted(" "),
      Event.offerDeclined("v-1", "Zu weit weg, kein Auto"), Event.offerDeclined("v-1", "  "),
      Event.offerDeclined(null, "Zu weit weg"), Event.offerDeclined("v-1", "x".repeat(2001)),
      Event.localOfferAccepted("v-2"), Event.localOfferAccepted(null),
      Event.localOfferDeclined("v-2", "Kinderbetreuung"), Event.localOfferDeclined("v-2", null),
      Event.statement("Ich muss meine Mutter pflegen"), Event.statement(""),
      Event.finding(Finding.JUSTIFIED, "Pflege belegt"), Event.finding(Finding.NOT_JUSTIFIED, "Keine Gründe"),
      Event.finding(Finding.UNCLEAR, "Belege fehlen"), Event.finding(null, "?"), Event.finding(Finding.NOT_JUSTIFIED, " "),
      Event.decide(Decision.IMPOSE, "Vereitelung"), Event.decide(Decision.DO_NOT_IMPOSE, "Gründe glaubhaft"),
      Event.decide(Decision.SEND_BACK, "Stellungnahme fehlt"), Event.decide(null, "?"), Event.decide(Decision.IMPOSE, ""),
      Event.jobStart(NOW.minus(Duration.ofHours(1))), Event.jobStart(NOW.plus(Duration.ofDays(28))),
      Event.jobStart(NOW.plus(Duration.ofDays(28)).plusSeconds(1)), Event.jobStart(null),
      Event.waive("Arbeitsaufnahme am 1. April"), Event.waive(""), Event.refuseWaiver("Nur zwei Tage gearbeitet"),
      Event.refuseWaiver(null), Event.of(Type.CLOSE), Event.sanctionBarred("sanction_barred_outage"),
      Event.of(Type.SANCTION_BARRED));

  private static List<Playbook> playbooks() {
    List<Playbook> list = new ArrayList<>();
    for (Format f : Format.values()) for (boolean esc : new boolean[] {false, true}) list.add(Playbook.defaultFor(f, esc));
    return list;
  }

  /** All cascades reachable from INVITED at NOW, for every combination of the guard facts. */
  private static Set<Cascade> reachable(Playbook pb) {
    Set<Cascade> seen = new LinkedHashSet<>();
    ArrayDeque<Cascade> todo = new ArrayDeque<>();
    for (Obligation basis : Obligation.values()) {
      for (int facts = 0; facts < 16; facts++) {
        Cascade c = Cascade.invited(basis, (facts & 4) != 0, CASEWORKER).withEmployerNoShow((facts & 1) != 0)
            .withOutage((facts & 2) != 0).withNoticed((facts & 8) != 0 ? NOTICED : Set.of());
        if (seen.add(c)) todo.add(c);
      }
    }
    while (!todo.isEmpty()) {
      Cascade c = todo.poll();
      for (Event e : EVENTS) {
        for (Actor a : ACTORS) {
          if (CascadeMachine.apply(pb, c, e, a, NOW) instanceof Outcome.Moved m && seen.add(m.cascade())) {
            todo.add(m.cascade());
          }
        }
      }
    }
    return seen;
  }

  @Test
  void everyPlaybookStateEventActorAndMoment() {
    Map<String, Integer> moves = new HashMap<>();
    int checked = 0;
    Set<Reason> codes = new java.util.TreeSet<>();
    for (Playbook pb : playbooks()) {
      Set<Cascade> states = new LinkedHashSet<>();
      for (Cascade c : reachable(pb)) {
        for (int facts = 0; facts < 32; facts++) {
          if ((facts & 16) != 0 && (facts & 1) == 0) continue; // bit 16 picks CONTROL over VOLUNTARY only
          // also a case without a noticed decline where one would be needed (as before V19): the bar must hold there too
          states.add(c.withBasis((facts & 1) != 0 ? (facts & 16) != 0 ? Obligation.CONTROL : Obligation.VOLUNTARY : Obligation.BINDING)
              .withEmployerNoShow((facts & 2) != 0).withOutage((facts & 4) != 0)
              .withNoticeDeclined((facts & 8) != 0 ? !c.findings().noticeDeclined() : c.findings().noticeDeclined()));
        }
      }
      Set<String> labels = new java.util.TreeSet<>();
      for (Cascade c : states) {
        labels.add(c.state() + (c.station() == null ? "" : "(" + c.station() + ")"));
        for (Event e : EVENTS) {
          for (Actor a : ACTORS) {
            for (Instant now : e.type() == Type.JOB_START || e.type() == Type.CLOSE ? List.of(NOW, LATER) : List.of(NOW)) {
              Object want = expected(pb, c, e, a, now);
              Outcome got = CascadeMachine.apply(pb, c, e, a, now);
              String where = pb.format() + " " + pb.stages().size() + " " + c + " " + e + " " + a + " " + now;
              if (want instanceof Reason code) {
                assertEquals(new Outcome.Refusal(code), got, where);
                codes.add(code);
              } else {
                Outcome.Moved m = assertInstanceOf(Outcome.Moved.class, got, where);
                Cascade to = (Cascade) want;
                assertEquals(to, m.cascade(), where);
                Station queue = to.state() == WAITING || to.state() == SENT_BACK ? to.station() : null;
                assertEquals(new Transition(c.state(), c.station(), to.state(), to.station(), e.type(), a.roleCode(),
                    a.id(), e.vacancyId(), e.reasons(), now, queue), m.transition(), where);
                moves.merge(pb.format().name(), 1, Integer::sum);
              }
              checked++;
            }
          }
        }
      }
      assertEquals(expectedLabels(pb), labels, pb.toString());
    }
    assertEquals(Set.of(Reason.CASCADE_CLOSED, Reason.DECISION_REQUIRED, Reason.EVENT_NOT_ALLOWED, Reason.FINDING_REQUIRED,
        Reason.JOB_START_IN_FUTURE, Reason.JOB_START_REQUIRED, Reason.NO_SANCTION_BAR, Reason.NO_WAIVER_TRACKING, Reason.NOT_PERMITTED, Reason.NOT_RESPONSIBLE_DECIDER,
        Reason.NOT_STAFF_OF_STATION, Reason.NOT_TAKEN, Reason.PLATFORM_NEVER_DECIDES, Reason.REASONS_REQUIRED, Reason.REASONS_TOO_LONG,
        Reason.SANCTION_BARRED_CONTROL, Reason.SANCTION_BARRED_EMPLOYER_NO_SHOW, Reason.SANCTION_BARRED_NO_NOTICE, Reason.SANCTION_BARRED_OUTAGE, Reason.SANCTION_BARRED_VOLUNTARY, Reason.STATEMENT_MISSING,
        Reason.VACANCY_REQUIRED, Reason.WAIVER_DEADLINE_PASSED, Reason.WAIVER_PERIOD_OPEN, Reason.WRONG_STATION), codes);
    // pinned: a change in the reachable states or the allowed steps must be looked at
    assertEquals(7_399_680, checked);
    assertEquals(Map.of("E_JOBMEETING", 11572, "SECTOR", 11572, "SUPRA_REGIONAL", 12344, "CAMPAIGN", 12584, "REGIONAL", 12680),
        moves);
  }

  /** Which states each playbook can reach (station in brackets), written out from the domain. */
  private static Set<String> expectedLabels(Playbook pb) {
    Set<String> l = new java.util.TreeSet<>(List.of("INVITED", "BOOKED", "NO_SHOW", "EXCUSED", "ENDED_JOB_ACCEPTED",
        "ENDED_NO_SANCTION_CHECK", "CLOSED", "WAITING(OFFER)", "AT_STATION(OFFER)"));
    List<Station> st = pb.stages().stream().map(Playbook.Stage::station).toList();
    if (st.contains(Station.TRAINING_SCREENING)) {
      l.addAll(List.of("WAITING(TRAINING_SCREENING)", "AT_STATION(TRAINING_SCREENING)", "ENDED_COURSE_ACCEPTED"));
    }
    if (st.contains(Station.LOCAL_OFFER)) l.addAll(List.of("WAITING(LOCAL_OFFER)", "AT_STATION(LOCAL_OFFER)"));
    if (st.contains(Station.SANCTION_CHECK)) {
      l.addAll(List.of("WAITING(SANCTION_CHECK)", "AT_STATION(SANCTION_CHECK)", "NO_SANCTION",
          "SANCTION_PROPOSED(DECISION)", "DECISION_PENDING(DECISION)", "SENT_BACK(SANCTION_CHECK)", "IMPOSED",
          "NOT_IMPOSED"));
      if (pb.waiverDays() > 0) l.addAll(List.of("WAIVER_CONSIDERATION", "WAIVED"));
    }
    return l;
  }

  // ---- The rules, written out independently of the machine ----

  private static final Map<Type, Set<State>> OUTSIDE_STATIONS = Map.of(
      Type.BOOK, EnumSet.of(INVITED),
      Type.CHECK_IN, EnumSet.of(BOOKED),
      Type.NO_SHOW, EnumSet.of(BOOKED),
      Type.EXCUSE, EnumSet.of(INVITED, BOOKED),
      Type.TAKE, EnumSet.of(WAITING, SENT_BACK),
      Type.JOB_START, EnumSet.of(IMPOSED),
      Type.WAIVE, EnumSet.of(WAIVER_CONSIDERATION),
      Type.REFUSE_WAIVER, EnumSet.of(WAIVER_CONSIDERATION),
      Type.CLOSE, EnumSet.of(NO_SHOW, EXCUSED, ENDED_COURSE_ACCEPTED, ENDED_JOB_ACCEPTED, ENDED_NO_SANCTION_CHECK,
          NO_SANCTION, NOT_IMPOSED, IMPOSED, WAIVED));

  private static final Map<Type, Station> AT = Map.of(
      Type.COURSE_ACCEPTED, Station.TRAINING_SCREENING, Type.COURSE_DECLINED, Station.TRAINING_SCREENING,
      Type.OFFER_ACCEPTED, Station.OFFER, Type.OFFER_DECLINED, Station.OFFER,
      Type.LOCAL_OFFER_ACCEPTED, Station.LOCAL_OFFER, Type.LOCAL_OFFER_DECLINED, Station.LOCAL_OFFER,
      Type.STATEMENT, Station.SANCTION_CHECK, Type.FINDING, Station.SANCTION_CHECK, Type.DECIDE, Station.DECISION);

  private static boolean text(String s) {
    return s != null && !s.trim().isEmpty();
  }

  private static Reason reasonsProblem(String r) {
    return !text(r) ? Reason.REASONS_REQUIRED : r.length() > 2000 ? Reason.REASONS_TOO_LONG : null;
  }

  /** A refusal code, or the expected new cascade. */
  private static Object expected(Playbook pb, Cascade c, Event e, Actor a, Instant now) {
    State s = c.state();
    Type t = e.type();
    if (s == CLOSED) return Reason.CASCADE_CLOSED;
    Station eventStation = AT.get(t);
    if (t == Type.SANCTION_BARRED) {
      // A late bar ends a case that waits for, is at or was sent back to the sanction check, or awaits the decision.
      boolean atCheck = (s == WAITING || s == AT_STATION || s == SENT_BACK) && c.station() == Station.SANCTION_CHECK;
      if (!atCheck && s != SANCTION_PROPOSED && s != DECISION_PENDING) return Reason.EVENT_NOT_ALLOWED;
      if (a.role() != null) return Reason.NOT_PERMITTED;
      if (c.terms().basis() == Obligation.BINDING && !c.findings().employerNoShow() && !c.findings().outage() && c.findings().noticeDeclined()) return Reason.NO_SANCTION_BAR;
      return new Cascade(ENDED_NO_SANCTION_CHECK, null, terms(c),
          findings(c, c.findings().statementGiven()),
          new Cascade.Dates(c.dates().decisionDue(), c.dates().imposedAt(), c.dates().jobStart()));
    }
    if (eventStation == null && !OUTSIDE_STATIONS.get(t).contains(s)) return Reason.EVENT_NOT_ALLOWED;
    if (eventStation != null) {
      if (c.station() == null) return Reason.EVENT_NOT_ALLOWED;
      if (c.station() != eventStation) return Reason.WRONG_STATION;
      if (s == WAITING || s == SENT_BACK) return Reason.NOT_TAKEN;
    }
    boolean system = a.role() == null;
    boolean staff = !system && a.role() != Role.JOBSEEKER && a.role() != Role.EMPLOYER;
    boolean responsible = c.terms().minimumIncome() ? a.role() == Role.KOMMUNE
        : a.role() == Role.SFA && CASEWORKER.equals(a.id());
    Set<Role> staffing = c.station() == null ? Set.of()
        : pb.stages().stream().filter(x -> x.station() == c.station()).findFirst().orElseThrow().staffedBy();
    Reason who = switch (t) {
      case BOOK, CHECK_IN, NO_SHOW -> system || staff ? null : Reason.NOT_PERMITTED;
      case EXCUSE -> staff ? null : Reason.NOT_PERMITTED;
      case CLOSE -> system ? null : Reason.NOT_PERMITTED;
      case JOB_START -> system || responsible ? null : Reason.NOT_PERMITTED;
      case DECIDE, WAIVE, REFUSE_WAIVER -> system ? Reason.PLATFORM_NEVER_DECIDES : responsible ? null : Reason.NOT_RESPONSIBLE_DECIDER;
      default -> !system && staffing.contains(a.role()) ? null : Reason.NOT_STAFF_OF_STATION;
    };
    if (who != null) return who;
    boolean sanctionStep = t == Type.STATEMENT || t == Type.FINDING || t == Type.DECIDE
        || t == Type.TAKE && c.station() == Station.SANCTION_CHECK;
    if (sanctionStep) {
      if (c.terms().basis() == Obligation.VOLUNTARY) return Reason.SANCTION_BARRED_VOLUNTARY;
      if (c.terms().basis() == Obligation.CONTROL) return Reason.SANCTION_BARRED_CONTROL;
      if (c.findings().employerNoShow()) return Reason.SANCTION_BARRED_EMPLOYER_NO_SHOW;
      if (c.findings().outage()) return Reason.SANCTION_BARRED_OUTAGE;
      if (!c.findings().noticeDeclined()) return Reason.SANCTION_BARRED_NO_NOTICE;
    }
    Cascade base = new Cascade(s, null, terms(c),
        findings(c, c.findings().statementGiven()),
        new Cascade.Dates(c.dates().decisionDue(), c.dates().imposedAt(), c.dates().jobStart()));
    switch (t) {
      case BOOK: return state(base, BOOKED, null);
      case CHECK_IN: return state(base, WAITING, pb.stages().get(0).station());
      case NO_SHOW: return state(base, NO_SHOW, null);
      case EXCUSE: return reasonsProblem(e.reasons()) != null ? reasonsProblem(e.reasons()) : state(base, EXCUSED, null);
      case TAKE: return state(base, AT_STATION, c.station());
      case COURSE_ACCEPTED: return state(base, ENDED_COURSE_ACCEPTED, null);
      case OFFER_ACCEPTED, LOCAL_OFFER_ACCEPTED:
        return text(e.vacancyId()) ? state(base, ENDED_JOB_ACCEPTED, null) : Reason.VACANCY_REQUIRED;
      case COURSE_DECLINED, OFFER_DECLINED, LOCAL_OFFER_DECLINED: {
        if (t != Type.COURSE_DECLINED && !text(e.vacancyId())) return Reason.VACANCY_REQUIRED;
        if (reasonsProblem(e.reasons()) != null) return reasonsProblem(e.reasons());
        List<Station> order = pb.stages().stream().map(Playbook.Stage::station).toList();
        int i = order.indexOf(c.station());
        Station next = i + 1 < order.size() ? order.get(i + 1) : null;
        // a decline counts for a sanction check only when its vacancy was proposed with a delivered notice
        boolean noticedDecline = c.findings().noticeDeclined() || t != Type.COURSE_DECLINED && c.findings().noticed().contains(e.vacancyId());
        Cascade after = base.withNoticeDeclined(noticedDecline);
        boolean barred = c.terms().basis() != Obligation.BINDING || c.findings().employerNoShow() || c.findings().outage() || !noticedDecline;
        if (next == null || next == Station.SANCTION_CHECK && barred) return state(after, ENDED_NO_SANCTION_CHECK, null);
        return state(after, WAITING, next);
      }
      case STATEMENT:
        return reasonsProblem(e.reasons()) != null ? reasonsProblem(e.reasons())
            : new Cascade(s, c.station(), terms(c), findings(c, true),
                new Cascade.Dates(c.dates().decisionDue(), c.dates().imposedAt(), c.dates().jobStart()));
      case FINDING: {
        if (e.finding() == null) return Reason.FINDING_REQUIRED;
        if (!c.findings().statementGiven()) return Reason.STATEMENT_MISSING;
        if (reasonsProblem(e.reasons()) != null) return reasonsProblem(e.reasons());
        Instant due = now.plus(Duration.ofDays(pb.decisionDays()));
        return switch (e.finding()) {
          case JUSTIFIED -> state(base, NO_SANCTION, null);
          case NOT_JUSTIFIED -> new Cascade(SANCTION_PROPOSED, Station.DECISION, terms(c), findings(c, true),
              new Cascade.Dates(due, c.dates().imposedAt(), c.dates().jobStart()));
          case UNCLEAR -> new Cascade(DECISION_PENDING, Station.DECISION, terms(c), findings(c, true),
              new Cascade.Dates(due, c.dates().imposedAt(), c.dates().jobStart()));
        };
      }
      case DECIDE: {
        if (e.decision() == null) return Reason.DECISION_REQUIRED;
        if (reasonsProblem(e.reasons()) != null) return reasonsProblem(e.reasons());
        return switch (e.decision()) {
          case IMPOSE -> new Cascade(IMPOSED, null, terms(c),
              findings(c, c.findings().statementGiven()),
              new Cascade.Dates(c.dates().decisionDue(), now, c.dates().jobStart()));
          case DO_NOT_IMPOSE -> state(base, NOT_IMPOSED, null);
          case SEND_BACK -> new Cascade(SENT_BACK, Station.SANCTION_CHECK, terms(c), findings(c, false),
              new Cascade.Dates(c.dates().decisionDue(), c.dates().imposedAt(), c.dates().jobStart()));
        };
      }
      case JOB_START: {
        if (pb.waiverDays() == 0) return Reason.NO_WAIVER_TRACKING;
        if (e.jobStart() == null) return Reason.JOB_START_REQUIRED;
        if (e.jobStart().isAfter(now)) return Reason.JOB_START_IN_FUTURE;
        if (e.jobStart().isAfter(c.dates().imposedAt().plus(Duration.ofDays(pb.waiverDays())))) return Reason.WAIVER_DEADLINE_PASSED;
        return new Cascade(WAIVER_CONSIDERATION, null, terms(c),
            findings(c, c.findings().statementGiven()),
            new Cascade.Dates(c.dates().decisionDue(), c.dates().imposedAt(), e.jobStart()));
      }
      case WAIVE: return reasonsProblem(e.reasons()) != null ? reasonsProblem(e.reasons()) : state(base, WAIVED, null);
      case REFUSE_WAIVER:
        return reasonsProblem(e.reasons()) != null ? reasonsProblem(e.reasons()) : state(base, CLOSED, null);
      case CLOSE:
        if (s == IMPOSED && pb.waiverDays() > 0
            && now.compareTo(c.dates().imposedAt().plus(Duration.ofDays(pb.waiverDays()))) <= 0) {
          return Reason.WAIVER_PERIOD_OPEN;
        }
        return state(base, CLOSED, null);
      default: throw new AssertionError(t);
    }
  }

  /** The terms of {@code c}, under the person's own caseworker. */
  private static Cascade.Terms terms(Cascade c) {
    return new Cascade.Terms(c.terms().basis(), c.terms().minimumIncome(), CASEWORKER);
  }

  /** The findings of {@code c}, with the statement given or not. */
  private static Cascade.Findings findings(Cascade c, boolean statementGiven) {
    Cascade.Findings f = c.findings();
    return new Cascade.Findings(f.employerNoShow(), f.outage(), statementGiven, f.noticed(), f.noticeDeclined());
  }

  private static Cascade state(Cascade c, State s, Station st) {
    return new Cascade(s, st, new Cascade.Terms(c.terms().basis(), c.terms().minimumIncome(), c.terms().caseworkerId()),
        findings(c, c.findings().statementGiven()),
        new Cascade.Dates(c.dates().decisionDue(), c.dates().imposedAt(), c.dates().jobStart()));
  }
}
