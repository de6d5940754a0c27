package at.jobfair.cascade;

import at.jobfair.cascade.Playbook.Stage;
import at.jobfair.identity.Role;
import at.jobfair.refusal.Reason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static at.jobfair.cascade.Station.DECISION;
import static at.jobfair.cascade.Station.LOCAL_OFFER;
import static at.jobfair.cascade.Station.OFFER;
import static at.jobfair.cascade.Station.SANCTION_CHECK;
import static at.jobfair.cascade.Station.TRAINING_SCREENING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The default playbook of every format, and every order and every staffing an organiser could ask for. */
class PlaybookTest {

  private static String shape(Playbook p) {
    StringBuilder b = new StringBuilder();
    for (Stage s : p.stages()) {
      List<String> roles = new ArrayList<>();
      for (Role r : Role.values()) if (s.staffedBy().contains(r)) roles.add(r.name());
      b.append(s.station()).append(roles).append(' ');
    }
    return b.append(p.decisionDays()).append('/').append(p.waiverDays()).toString();
  }

  @Test
  void defaults() {
    String regional = "TRAINING_SCREENING[PROVIDER] OFFER[SFU] SANCTION_CHECK[ERHEBUNG] DECISION[SFA, KOMMUNE] 14/0";
    String campaign = "OFFER[SFU] SANCTION_CHECK[ERHEBUNG] DECISION[SFA, KOMMUNE] 14/28";
    String supra = "OFFER[SFU] LOCAL_OFFER[SFU] SANCTION_CHECK[SFA] DECISION[SFA, KOMMUNE] 14/0";
    String offerOnly = "OFFER[EMPLOYER, SFU] 0/0";
    String escalated = "OFFER[EMPLOYER, SFU] SANCTION_CHECK[ERHEBUNG] DECISION[SFA, KOMMUNE] 14/28";
    for (boolean esc : new boolean[] {false, true}) {
      assertEquals(regional, shape(Playbook.defaultFor(Format.REGIONAL, esc)));
      assertEquals(campaign, shape(Playbook.defaultFor(Format.CAMPAIGN, esc)));
      assertEquals(supra, shape(Playbook.defaultFor(Format.SUPRA_REGIONAL, esc)));
      assertEquals(esc ? escalated : offerOnly, shape(Playbook.defaultFor(Format.E_JOBMEETING, esc)));
      assertEquals(esc ? escalated : offerOnly, shape(Playbook.defaultFor(Format.SECTOR, esc)));
    }
    assertEquals(Format.SECTOR, Playbook.defaultFor(Format.SECTOR, true).format());
  }

  /** Every sequence of distinct stations (and some with repeats), staffed plausibly, against the rules as written. */
  @Test
  void everyOrder() {
    List<List<Station>> sequences = new ArrayList<>();
    sequences(new ArrayList<>(), sequences);
    assertEquals(326, sequences.size());
    sequences.add(List.of(OFFER, OFFER));
    sequences.add(List.of(TRAINING_SCREENING, OFFER, SANCTION_CHECK, SANCTION_CHECK, DECISION));
    int valid = 0;
    for (List<Station> seq : sequences) {
      List<Stage> stages = seq.stream().map(PlaybookTest::plausible).toList();
      boolean decides = seq.contains(DECISION);
      Reason expected = expectedOrder(seq);
      assertEquals(expected, Playbook.problem(stages, decides ? 10 : 0, 0), seq.toString());
      if (expected == null) {
        valid++;
        assertEquals(seq, Playbook.defaultFor(Format.CAMPAIGN, false).adjust(stages, decides ? 10 : 0, 0)
            .stages().stream().map(Stage::station).toList());
      } else {
        InvalidPlaybook ex = assertThrows(InvalidPlaybook.class,
            () -> Playbook.defaultFor(Format.CAMPAIGN, false).adjust(stages, decides ? 10 : 0, 0));
        assertEquals(expected, ex.code());
      }
    }
    // OFFER; TS OFFER; each with or without LOCAL_OFFER; each with or without (CHECK, DECISION): 2*2*2
    assertEquals(8, valid);
  }

  private static void sequences(List<Station> prefix, List<List<Station>> out) {
    out.add(List.copyOf(prefix));
    for (Station s : Station.values()) {
      if (prefix.contains(s)) continue;
      prefix.add(s);
      sequences(prefix, out);
      prefix.remove(prefix.size() - 1);
    }
  }

  private static Stage plausible(Station s) {
    return switch (s) {
      case TRAINING_SCREENING -> Stage.of(s, Role.PROVIDER);
      case OFFER, LOCAL_OFFER -> Stage.of(s, Role.SFU);
      case SANCTION_CHECK -> Stage.of(s, Role.ERHEBUNG);
      case DECISION -> Stage.of(s, Role.SFA, Role.KOMMUNE);
    };
  }

  /** The allowed shapes, written out: [TS] OFFER [LOCAL_OFFER] [SANCTION_CHECK DECISION]. */
  private static Reason expectedOrder(List<Station> seq) {
    if (seq.isEmpty()) return Reason.PLAYBOOK_EMPTY;
    if (Set.copyOf(seq).size() != seq.size()) return Reason.PLAYBOOK_DUPLICATE_STATION;
    List<Station> canonical = List.of(TRAINING_SCREENING, OFFER, LOCAL_OFFER, SANCTION_CHECK, DECISION);
    for (int i = 1; i < seq.size(); i++) {
      if (canonical.indexOf(seq.get(i)) < canonical.indexOf(seq.get(i - 1))) return Reason.PLAYBOOK_ORDER;
    }
    if (!seq.contains(OFFER)) return Reason.PLAYBOOK_OFFER_MISSING;
    if (seq.contains(DECISION) && !seq.contains(SANCTION_CHECK)) return Reason.PLAYBOOK_DECISION_WITHOUT_CHECK;
    if (seq.contains(SANCTION_CHECK) && !seq.contains(DECISION)) return Reason.PLAYBOOK_CHECK_WITHOUT_DECISION;
    return null;
  }

  /** Every set of roles at every station of the fullest playbook. */
  @Test
  void everyStaffing() {
    int checked = 0;
    List<Role> roles = List.of(Role.values());
    for (Station station : Station.values()) {
      for (int mask = 0; mask < 1 << roles.size(); mask++) {
        EnumSet<Role> set = EnumSet.noneOf(Role.class);
        for (int i = 0; i < roles.size(); i++) if ((mask & 1 << i) != 0) set.add(roles.get(i));
        List<Stage> stages = new ArrayList<>();
        for (Station s : List.of(TRAINING_SCREENING, OFFER, LOCAL_OFFER, SANCTION_CHECK, DECISION)) {
          stages.add(s == station ? new Stage(s, set) : plausible(s));
        }
        assertEquals(expectedStaffing(station, set), Playbook.problem(stages, 14, 28), station + " " + set);
        checked++;
      }
    }
    assertEquals(5 * 256, checked);
  }

  private static Reason expectedStaffing(Station station, Set<Role> roles) {
    if (roles.isEmpty()) return Reason.PLAYBOOK_STATION_UNSTAFFED;
    if (roles.contains(Role.JOBSEEKER) || roles.contains(Role.ORGANIZER)) return Reason.PLAYBOOK_STAFF_ROLE;
    if (roles.contains(Role.EMPLOYER) && station != OFFER) return Reason.PLAYBOOK_STAFF_ROLE;
    Set<Role> ok = switch (station) {
      case TRAINING_SCREENING -> Set.of(Role.PROVIDER, Role.SFU);
      case OFFER -> Set.of(Role.SFU, Role.EMPLOYER);
      case LOCAL_OFFER -> Set.of(Role.SFU);
      case SANCTION_CHECK -> Set.of(Role.ERHEBUNG, Role.SFA);
      case DECISION -> Set.of(Role.SFA, Role.KOMMUNE);
    };
    if (!ok.containsAll(roles)) return Reason.PLAYBOOK_STAFF_ROLE;
    if (station == DECISION && roles.size() != 2) return Reason.PLAYBOOK_DECISION_STAFF;
    return null;
  }

  @Test
  void deadlines() {
    List<Stage> full = List.of(plausible(OFFER), plausible(SANCTION_CHECK), plausible(DECISION));
    List<Stage> offerOnly = List.of(plausible(OFFER));
    int[] days = {-1, 0, 1, 14, 365, 366};
    for (int d : days) {
      for (int w : days) {
        Reason fullExpected = d < 1 || d > 365 ? Reason.PLAYBOOK_DECISION_DAYS : w < 0 || w > 365 ? Reason.PLAYBOOK_WAIVER_DAYS : null;
        assertEquals(fullExpected, Playbook.problem(full, d, w), "full " + d + "/" + w);
        Reason offerExpected = d != 0 ? Reason.PLAYBOOK_DECISION_DAYS : w != 0 ? Reason.PLAYBOOK_WAIVER_DAYS : null;
        assertEquals(offerExpected, Playbook.problem(offerOnly, d, w), "offer only " + d + "/" + w);
      }
    }
    assertEquals(Reason.PLAYBOOK_STATION_MISSING, Playbook.problem(java.util.Arrays.asList(plausible(OFFER), null), 0, 0));
    assertEquals(Reason.PLAYBOOK_EMPTY, Playbook.problem(null, 0, 0));
  }
}
