package at.jobfair.cascade;

import at.jobfair.cascade.Event.Type;
import at.jobfair.identity.Role;
import at.jobfair.refusal.Reason;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The rules of a cascade. Pure: the service loads the cascade under a lock, asks here, writes the new state and the
 * transition to the audit trail, and puts the person into the queue of {@link Transition#nextStation()} at once.
 *
 * <p>A step is checked in this order, and the first failing check is the refusal: the cascade is closed; the event
 * does not fit the state ({@code event_not_allowed}), belongs to another station ({@code wrong_station}) or the person
 * has not been taken from the queue yet ({@code not_taken}); the actor may not do it ({@code not_permitted},
 * {@code not_staff_of_station}, {@code platform_never_decides}, {@code not_responsible_decider}); the person may never
 * reach a sanction step ({@code sanction_barred_*}, among them {@code sanction_barred_no_notice}: no vacancy proposed
 * with a provably delivered notice of legal consequences was declined); the payload is incomplete; a deadline. A late sanction bar ({@code SANCTION_BARRED}, by the platform) is refused
 * with {@code no_sanction_bar} when the person has no bar.
 *
 * <p>The actor is checked before the sanction bar so that nobody without a part in the sanction check learns from a
 * refusal that a person participates voluntarily.
 */
public final class CascadeMachine {

  public static final int MAX_REASONS = 2000;

  /** States from which the platform may close a cascade (IMPOSED only once its waiver period has passed). */
  static final Set<State> CLOSABLE = EnumSet.of(State.NO_SHOW, State.EXCUSED, State.ENDED_COURSE_ACCEPTED,
      State.ENDED_JOB_ACCEPTED, State.ENDED_NO_SANCTION_CHECK, State.NO_SANCTION, State.NOT_IMPOSED, State.IMPOSED,
      State.WAIVED);

  /**
   * Where a late sanction bar ends the case: waiting for, at or sent back to the sanction check, or waiting for the
   * decision before any decision. A decision either way is a sanction step, and every sanction step is barred, so the
   * case cannot wait there. Once decided (IMPOSED, NOT_IMPOSED, ...) the bar does not move the case: undoing a decision
   * is the decider's, never the platform's.
   */
  static boolean barrable(Cascade c) {
    return barrable(c.state(), c.station());
  }

  /** The same for a state and station (null: none), so that queries can be derived from it (CascadeStore). */
  static boolean barrable(State state, Station station) {
    return switch (state) {
      case WAITING, AT_STATION, SENT_BACK -> station == Station.SANCTION_CHECK;
      case SANCTION_PROPOSED, DECISION_PENDING -> true;
      default -> false;
    };
  }

  public static Outcome apply(Playbook pb, Cascade c, Event e, Actor actor, Instant now) {
    Reason refusal = refusal(pb, c, e, actor, now);
    if (refusal != null) return new Outcome.Refusal(refusal);
    Cascade next = step(pb, c, e, now);
    Station queue = next.state() == State.WAITING || next.state() == State.SENT_BACK ? next.station() : null;
    return new Outcome.Moved(next, new Transition(c.state(), c.station(), next.state(), next.station(), e.type(),
        actor.roleCode(), actor.id(), e.vacancyId(), e.reasons(), now, queue));
  }

  static Reason refusal(Playbook pb, Cascade c, Event e, Actor actor, Instant now) {
    if (c.state() == State.CLOSED) return Reason.CASCADE_CLOSED;
    Reason fit = fit(c, e.type());
    if (fit != null) return fit;
    Reason who = who(pb, c, e.type(), actor);
    if (who != null) return who;
    if (sanctionStep(c, e.type()) && c.sanctionBar() != null) return c.sanctionBar();
    return payload(pb, c, e, now);
  }

  /** Whether the event fits the state and station. */
  private static Reason fit(Cascade c, Type t) {
    State s = c.state();
    if (t.station() != null) {
      if (c.station() == null) return Reason.EVENT_NOT_ALLOWED;
      if (t.station() != c.station()) return Reason.WRONG_STATION;
      if (s == State.WAITING || s == State.SENT_BACK) return Reason.NOT_TAKEN;
      return null;
    }
    boolean ok = switch (t) {
      case BOOK -> s == State.INVITED;
      case CHECK_IN, NO_SHOW -> s == State.BOOKED;
      case EXCUSE -> s == State.INVITED || s == State.BOOKED;
      case TAKE -> s == State.WAITING || s == State.SENT_BACK;
      case JOB_START -> s == State.IMPOSED;
      case WAIVE, REFUSE_WAIVER -> s == State.WAIVER_CONSIDERATION;
      case CLOSE -> CLOSABLE.contains(s);
      case SANCTION_BARRED -> barrable(c);
      default -> false;
    };
    return ok ? null : Reason.EVENT_NOT_ALLOWED;
  }

  /** Whether the actor may take this step. */
  private static Reason who(Playbook pb, Cascade c, Type t, Actor a) {
    switch (t) {
      case BOOK, CHECK_IN, NO_SHOW -> {
        return a.isSystem() || Role.STAFF.contains(a.role()) ? null : Reason.NOT_PERMITTED;
      }
      case EXCUSE -> {
        return !a.isSystem() && Role.STAFF.contains(a.role()) ? null : Reason.NOT_PERMITTED;
      }
      case CLOSE, SANCTION_BARRED -> {
        return a.isSystem() ? null : Reason.NOT_PERMITTED;
      }
      case JOB_START -> {
        return a.isSystem() || decides(c, a) ? null : Reason.NOT_PERMITTED;
      }
      case DECIDE, WAIVE, REFUSE_WAIVER -> {
        if (a.isSystem()) return Reason.PLATFORM_NEVER_DECIDES;
        return decides(c, a) ? null : Reason.NOT_RESPONSIBLE_DECIDER;
      }
      default -> {
        return pb.staffs(c.station(), a.role()) ? null : Reason.NOT_STAFF_OF_STATION;
      }
    }
  }

  /**
   * The responsible decider: KOMMUNE for minimum-income recipients, else the person's own SFA caseworker or an SfA
   * standing in for them (deputy or team member).
   */
  static boolean decides(Cascade c, Actor a) {
    if (c.terms().minimumIncome()) return a.role() == Role.KOMMUNE;
    if (a.role() != Role.SFA || c.terms().caseworkerId() == null) return false;
    return c.terms().caseworkerId().equals(a.id()) || c.terms().caseworkerId().equals(a.standsInFor());
  }

  private static boolean sanctionStep(Cascade c, Type t) {
    return t == Type.STATEMENT || t == Type.FINDING || t == Type.DECIDE
        || (t == Type.TAKE && c.station() == Station.SANCTION_CHECK);
  }

  private static Reason payload(Playbook pb, Cascade c, Event e, Instant now) {
    switch (e.type()) {
      case OFFER_ACCEPTED, LOCAL_OFFER_ACCEPTED -> {
        return given(e.vacancyId()) ? null : Reason.VACANCY_REQUIRED;
      }
      case OFFER_DECLINED, LOCAL_OFFER_DECLINED -> {
        return given(e.vacancyId()) ? reasons(e.reasons()) : Reason.VACANCY_REQUIRED;
      }
      case EXCUSE, COURSE_DECLINED, STATEMENT, WAIVE, REFUSE_WAIVER -> {
        return reasons(e.reasons());
      }
      case FINDING -> {
        if (e.finding() == null) return Reason.FINDING_REQUIRED;
        if (!c.findings().statementGiven()) return Reason.STATEMENT_MISSING;
        return reasons(e.reasons());
      }
      case DECIDE -> {
        return e.decision() == null ? Reason.DECISION_REQUIRED : reasons(e.reasons());
      }
      case JOB_START -> {
        if (!pb.tracksWaiver()) return Reason.NO_WAIVER_TRACKING;
        if (e.jobStart() == null) return Reason.JOB_START_REQUIRED;
        if (e.jobStart().isAfter(now)) return Reason.JOB_START_IN_FUTURE;
        return e.jobStart().isAfter(waiverDeadline(pb, c)) ? Reason.WAIVER_DEADLINE_PASSED : null;
      }
      case SANCTION_BARRED -> {
        return c.sanctionBar() == null ? Reason.NO_SANCTION_BAR : null;
      }
      case CLOSE -> {
        return c.state() == State.IMPOSED && pb.tracksWaiver() && !now.isAfter(waiverDeadline(pb, c))
            ? Reason.WAIVER_PERIOD_OPEN : null;
      }
      default -> {
        return null;
      }
    }
  }

  /** The last instant at which a job start still opens a waiver consideration: imposition plus the waiver days. */
  public static Instant waiverDeadline(Playbook pb, Cascade c) {
    return c.dates().imposedAt().plus(Duration.ofDays(pb.waiverDays()));
  }

  private static boolean given(String s) {
    return s != null && !s.isBlank();
  }

  private static Reason reasons(String r) {
    if (!given(r)) return Reason.REASONS_REQUIRED;
    return r.length() > MAX_REASONS ? Reason.REASONS_TOO_LONG : null;
  }

  private static Cascade step(Playbook pb, Cascade c, Event e, Instant now) {
    return switch (e.type()) {
      case BOOK -> c.at(State.BOOKED, null);
      case CHECK_IN -> c.at(State.WAITING, pb.first());
      case NO_SHOW -> c.at(State.NO_SHOW, null);
      case EXCUSE -> c.at(State.EXCUSED, null);
      case TAKE -> c.at(State.AT_STATION, c.station());
      case COURSE_ACCEPTED -> c.at(State.ENDED_COURSE_ACCEPTED, null);
      case OFFER_ACCEPTED, LOCAL_OFFER_ACCEPTED -> c.at(State.ENDED_JOB_ACCEPTED, null);
      case COURSE_DECLINED -> handOff(c, pb.after(c.station()));
      // Only the decline of a vacancy proposed with a provably delivered notice may lead to a sanction check.
      case OFFER_DECLINED, LOCAL_OFFER_DECLINED -> handOff(c.findings().noticed().contains(e.vacancyId()) ? c.withNoticeDeclined(true) : c,
          pb.after(c.station()));
      case STATEMENT -> c.withStatement(true);
      case FINDING -> switch (e.finding()) {
        case JUSTIFIED -> c.at(State.NO_SANCTION, null);
        case NOT_JUSTIFIED -> c.at(State.SANCTION_PROPOSED, Station.DECISION).withDecisionDue(due(pb, now));
        case UNCLEAR -> c.at(State.DECISION_PENDING, Station.DECISION).withDecisionDue(due(pb, now));
      };
      case DECIDE -> switch (e.decision()) {
        case IMPOSE -> c.at(State.IMPOSED, null).withImposedAt(now);
        case DO_NOT_IMPOSE -> c.at(State.NOT_IMPOSED, null);
        case SEND_BACK -> c.at(State.SENT_BACK, Station.SANCTION_CHECK).withStatement(false);
      };
      case JOB_START -> c.at(State.WAIVER_CONSIDERATION, null).withJobStart(e.jobStart());
      case WAIVE -> c.at(State.WAIVED, null);
      case REFUSE_WAIVER, CLOSE -> c.at(State.CLOSED, null);
      case SANCTION_BARRED -> c.at(State.ENDED_NO_SANCTION_CHECK, null);
    };
  }

  /** After a decline: straight into the next station's queue, or the end when there is none or no sanction may follow. */
  private static Cascade handOff(Cascade c, Station next) {
    if (next == null || (next == Station.SANCTION_CHECK && c.sanctionBar() != null)) {
      return c.at(State.ENDED_NO_SANCTION_CHECK, null);
    }
    return c.at(State.WAITING, next);
  }

  private static Instant due(Playbook pb, Instant now) {
    return now.plus(Duration.ofDays(pb.decisionDays()));
  }

  private CascadeMachine() {
  }
}
