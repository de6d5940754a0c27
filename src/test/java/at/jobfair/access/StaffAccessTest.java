package at.jobfair.access;

import at.jobfair.access.StaffAccess.Data;
import at.jobfair.access.StaffAccess.Mode;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every set of relations, every kind of data, read and write, against a table written from issue 13 independently. */
class StaffAccessTest {

  /** relation → rights it grants: R read, W write; record then benefit data. */
  static final Map<Relation, String> TABLE = Map.of(
      Relation.CASEWORKER, "RW RW",
      Relation.DEPUTY, "RW RW",
      Relation.MUNICIPALITY, "R- R-",
      Relation.SANCTION_CHECK, "R- R-",
      Relation.STATION, "R- --",
      Relation.ADMINISTRATION, "RW --");

  @Test
  void eachRightComesFromARelationThatGrantsItAndNothingElse() {
    int checked = 0;
    Relation[] all = Relation.values();
    for (int mask = 0; mask < 1 << all.length; mask++) {
      Set<Relation> rel = EnumSet.noneOf(Relation.class);
      for (int i = 0; i < all.length; i++) if ((mask & 1 << i) != 0) rel.add(all[i]);
      for (Data d : Data.values()) {
        for (Mode m : Mode.values()) {
          boolean expected = rel.stream().anyMatch(r -> TABLE.get(r).charAt((d == Data.RECORD ? 0 : 3) + (m == Mode.READ ? 0 : 1)) != '-');
          assertEquals(expected, StaffAccess.may(rel, d, m), rel + " " + d + " " + m);
          assertEquals(expected, StaffAccess.because(rel, d, m) != null, rel + " " + d + " " + m);
          checked++;
        }
      }
    }
    assertEquals(64 * 4, checked);
  }

  @Test
  void theAccessLogNamesADeputyAsSuchUnlessTheReaderIsAlsoTheCaseworker() {
    assertEquals(Relation.DEPUTY, StaffAccess.because(EnumSet.of(Relation.DEPUTY, Relation.STATION), Data.BENEFIT, Mode.READ));
    assertEquals(Relation.CASEWORKER, StaffAccess.because(EnumSet.of(Relation.DEPUTY, Relation.CASEWORKER), Data.BENEFIT, Mode.READ));
    assertEquals(Relation.MUNICIPALITY, StaffAccess.because(EnumSet.of(Relation.MUNICIPALITY, Relation.ADMINISTRATION), Data.BENEFIT, Mode.READ));
  }

  @Test
  void withoutARelationThereIsNothing() {
    for (Data d : Data.values()) for (Mode m : Mode.values()) assertEquals(false, StaffAccess.may(Set.of(), d, m));
  }
}
