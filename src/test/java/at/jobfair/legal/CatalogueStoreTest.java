package at.jobfair.legal;

import at.jobfair.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalogue in PostgreSQL: stored once per version, never changed under existing records, guarding the records. */
class CatalogueStoreTest {

  static TestApp app;
  static CatalogueStore store;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("demo", false));
    store = new CatalogueStore(app.app().pool());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void aStartedNodeHasStoredEveryBasisOfItsJurisdictionAndServesThem() {
    assertEquals(4, app.count("select count(*) from legal_basis where jurisdiction = 'AT' and version = 1"));
    assertEquals("AT", app.app().services().cases().legal().jurisdiction());
  }

  @Test
  void nodesStartingAtOnceStoreEachVersionOnce() throws Exception {
    List<Future<Catalogue>> syncs = new ArrayList<>();
    for (int i = 0; i < 8; i++) syncs.add(store.sync(CatalogueFile.builtIn("AT")));
    Future.all(syncs).await(30, TimeUnit.SECONDS);
    assertEquals(4, app.count("select count(*) from legal_basis where jurisdiction = 'AT' and version = 1"));
  }

  @Test
  void aTextChangedWithoutANewVersionIsRefusedAndNothingIsStored() {
    JsonObject root = CatalogueFileTest.at();
    root.getJsonArray("bases").getJsonObject(1).getJsonObject("notice").put("de", "Stillschweigend geändert.");
    Catalogue changed = CatalogueFile.parse(root.encode(), "test", "AT");
    Exception e = assertThrows(Exception.class, () -> store.sync(changed).await(30, TimeUnit.SECONDS));
    assertTrue(e.getMessage().contains("AT_ALVG_10/1 was stored with another text"), e.getMessage());
    assertEquals(0, app.count("select count(*) from legal_basis where definition::text like '%Stillschweigend%'"));
  }

  @Test
  void aNodeWhoseCatalogueFileChangedAStoredTextDoesNotStart() throws Exception {
    JsonObject root = CatalogueFileTest.at();
    root.getJsonArray("bases").getJsonObject(2).getJsonObject("law").put("en", "Quietly changed");
    Path file = Files.createTempFile("catalogue", ".json");
    Files.writeString(file, root.encode());
    Exception e = assertThrows(Exception.class, () -> app.another(Map.of("legal.catalogueFile", file.toString())));
    assertTrue(String.valueOf(e.getMessage()).contains("AT_ALVG_49/1") || String.valueOf(e.getCause()).contains("AT_ALVG_49/1"), String.valueOf(e));
  }

  @Test
  void aNewVersionIsStoredBesideTheOldOneWhichOlderRecordsKeepEvenWhenTheFileDropsIt() throws Exception {
    JsonObject root = CatalogueFileTest.at();
    JsonObject v2 = root.getJsonArray("bases").getJsonObject(3).copy().put("version", 2).put("validFrom", "2026-06-01T00:00:00Z");
    v2.getJsonObject("consequence").put("de", "Neue Fassung der Rechtsfolgen.");
    root.getJsonArray("bases").remove(3);
    root.getJsonArray("bases").add(v2);
    Catalogue synced = store.sync(CatalogueFile.parse(root.encode(), "test", "AT")).await(30, TimeUnit.SECONDS);
    assertEquals(2, synced.resolve("PLACEMENT_PROPOSAL", "MINIMUM_INCOME", Instant.now()).orElseThrow().version());
    Basis v1 = synced.find("AT_MINDESTSICHERUNG", 1).orElseThrow();
    assertTrue(v1.consequence("de").startsWith("Wer eine zumutbare"), v1.consequence("de"));
    assertEquals(Decider.MUNICIPALITY, v1.decision().decider());
  }

  @Test
  void aStoredVersionCannotBeChangedOrRemovedEvenBySql() {
    assertThrows(SQLException.class, () -> exec("update legal_basis set definition = '{}' where code = 'AT_ALVG_10'"));
    assertThrows(SQLException.class, () -> exec("delete from legal_basis where code = 'AT_ALVG_10'"));
  }

  @Test
  void aRecordUnderAControlAppointmentBasisCannotBeFiledAsBindingEvenBySql() throws SQLException {
    long person = app.insert("insert into account (email, name) values ('c@example.org', 'C') returning id");
    long fair = app.insert("""
        insert into fair (name, format, starts_at, ends_at) values ('F', 'E_JOBMEETING', now() + interval '1 day', now() + interval '1 day 4 hours')
        returning id""");
    SQLException e = assertThrows(SQLException.class, () -> exec("insert into cascade (fair_id, jobseeker_id, state, legal_basis, basis_code, basis_version) "
        + "values (" + fair + ", " + person + ", 'INVITED', 'BINDING', 'AT_ALVG_49', 1)"));
    assertTrue(e.getMessage().contains("obliges CONTROL, not BINDING"), e.getMessage());
    exec("insert into cascade (fair_id, jobseeker_id, state, legal_basis, basis_code, basis_version) "
        + "values (" + fair + ", " + person + ", 'INVITED', 'CONTROL', 'AT_ALVG_49', 1)");
    // ... and a control case can never reach a sanction step (the cascade's check allows those only for BINDING)
    assertThrows(SQLException.class, () -> exec("update cascade set state = 'NO_SANCTION' where jobseeker_id = " + person));
  }

  private static void exec(String sql) throws SQLException {
    try (var c = app.jdbc(); var st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
