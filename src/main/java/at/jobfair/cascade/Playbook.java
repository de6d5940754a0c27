package at.jobfair.cascade;

import at.jobfair.identity.Role;
import at.jobfair.refusal.Reason;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The stations of a fair's cascade and who staffs each. Pure and always valid: every constructor call is checked
 * against {@link #problem}, so an organiser's adjustment can never produce a cascade that skips the law (a sanction
 * check without an offer first, a decision by someone other than the caseworker or the municipality).
 *
 * @param decisionDays days after the sanction check within which the decision is due (0 when there is no decision)
 * @param waiverDays   days after an imposed sanction within which a job start lets the caseworker waive it; 0 = no
 *                     waiver tracking
 */
public record Playbook(Format format, List<Stage> stages, int decisionDays, int waiverDays) {

  /** One station and the roles that may staff it. */
  public record Stage(Station station, Set<Role> staffedBy) {
    public Stage {
      staffedBy = staffedBy == null ? Set.of() : Set.copyOf(staffedBy);
    }

    public static Stage of(Station station, Role... roles) {
      return new Stage(station, Set.of(roles));
    }
  }

  /** Who may ever staff a station. DECISION must be staffed by exactly SFA and KOMMUNE (the person decides which). */
  static final Map<Station, Set<Role>> ALLOWED = Map.of(
      Station.TRAINING_SCREENING, EnumSet.of(Role.PROVIDER, Role.SFU),
      Station.OFFER, EnumSet.of(Role.SFU, Role.EMPLOYER),
      Station.LOCAL_OFFER, EnumSet.of(Role.SFU),
      Station.SANCTION_CHECK, EnumSet.of(Role.ERHEBUNG, Role.SFA),
      Station.DECISION, EnumSet.of(Role.SFA, Role.KOMMUNE));

  public static final int DEFAULT_DECISION_DAYS = 14;
  public static final int DEFAULT_WAIVER_DAYS = 28;
  public static final int MAX_DAYS = 365;

  public Playbook {
    stages = stages == null ? List.of() : List.copyOf(stages);
    Reason p = problem(stages, decisionDays, waiverDays);
    if (p != null) throw new InvalidPlaybook(p);
  }

  public static Playbook defaultFor(Format format, boolean escalationEnabled) {
    Stage offerSfu = Stage.of(Station.OFFER, Role.SFU);
    Stage check = Stage.of(Station.SANCTION_CHECK, Role.ERHEBUNG);
    Stage decision = Stage.of(Station.DECISION, Role.SFA, Role.KOMMUNE);
    return switch (format) {
      case REGIONAL -> new Playbook(format, List.of(Stage.of(Station.TRAINING_SCREENING, Role.PROVIDER), offerSfu, check,
          decision), DEFAULT_DECISION_DAYS, 0);
      case CAMPAIGN -> new Playbook(format, List.of(offerSfu, check, decision), DEFAULT_DECISION_DAYS, DEFAULT_WAIVER_DAYS);
      case SUPRA_REGIONAL -> new Playbook(format, List.of(offerSfu, Stage.of(Station.LOCAL_OFFER, Role.SFU),
          Stage.of(Station.SANCTION_CHECK, Role.SFA), decision), DEFAULT_DECISION_DAYS, 0);
      case E_JOBMEETING, SECTOR -> escalationEnabled
          ? new Playbook(format, List.of(Stage.of(Station.OFFER, Role.EMPLOYER, Role.SFU), check, decision),
          DEFAULT_DECISION_DAYS, DEFAULT_WAIVER_DAYS)
          : new Playbook(format, List.of(Stage.of(Station.OFFER, Role.EMPLOYER, Role.SFU)), 0, 0);
    };
  }

  /** The organiser's adjustment of this playbook; throws {@link InvalidPlaybook} with the first problem found. */
  public Playbook adjust(List<Stage> newStages, int newDecisionDays, int newWaiverDays) {
    return new Playbook(format, newStages, newDecisionDays, newWaiverDays);
  }

  /**
   * The first problem of a playbook as a refusal code, or null. Checked in this order: empty, duplicate, order
   * (strictly the order of {@link Station}), OFFER present, DECISION present exactly when SANCTION_CHECK is, staffing,
   * deadlines.
   */
  public static Reason problem(List<Stage> stages, int decisionDays, int waiverDays) {
    if (stages == null || stages.isEmpty()) return Reason.PLAYBOOK_EMPTY;
    EnumSet<Station> seen = EnumSet.noneOf(Station.class);
    for (Stage s : stages) {
      if (s == null || s.station() == null) return Reason.PLAYBOOK_STATION_MISSING;
      if (!seen.add(s.station())) return Reason.PLAYBOOK_DUPLICATE_STATION;
    }
    for (int i = 1; i < stages.size(); i++) {
      if (stages.get(i).station().ordinal() < stages.get(i - 1).station().ordinal()) return Reason.PLAYBOOK_ORDER;
    }
    if (!seen.contains(Station.OFFER)) return Reason.PLAYBOOK_OFFER_MISSING;
    if (seen.contains(Station.DECISION) && !seen.contains(Station.SANCTION_CHECK)) return Reason.PLAYBOOK_DECISION_WITHOUT_CHECK;
    if (seen.contains(Station.SANCTION_CHECK) && !seen.contains(Station.DECISION)) return Reason.PLAYBOOK_CHECK_WITHOUT_DECISION;
    for (Stage s : stages) {
      if (s.staffedBy().isEmpty()) return Reason.PLAYBOOK_STATION_UNSTAFFED;
      if (!ALLOWED.get(s.station()).containsAll(s.staffedBy())) return Reason.PLAYBOOK_STAFF_ROLE;
      if (s.station() == Station.DECISION && !s.staffedBy().equals(ALLOWED.get(Station.DECISION))) {
        return Reason.PLAYBOOK_DECISION_STAFF;
      }
    }
    boolean decides = seen.contains(Station.DECISION);
    if (decides ? decisionDays < 1 || decisionDays > MAX_DAYS : decisionDays != 0) return Reason.PLAYBOOK_DECISION_DAYS;
    if (waiverDays < 0 || waiverDays > MAX_DAYS || (!decides && waiverDays != 0)) return Reason.PLAYBOOK_WAIVER_DAYS;
    return null;
  }

  public Optional<Stage> stage(Station station) {
    return stages.stream().filter(s -> s.station() == station).findFirst();
  }

  public Station first() {
    return stages.get(0).station();
  }

  /** The station after this one, or null at the end. */
  public Station after(Station station) {
    for (int i = 0; i < stages.size() - 1; i++) {
      if (stages.get(i).station() == station) return stages.get(i + 1).station();
    }
    return null;
  }

  public boolean staffs(Station station, Role role) {
    return role != null && stage(station).map(s -> s.staffedBy().contains(role)).orElse(false);
  }

  public boolean tracksWaiver() {
    return waiverDays > 0;
  }
}
