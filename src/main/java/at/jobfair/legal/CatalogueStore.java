package at.jobfair.legal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the catalogue's versions in the database, where invitations, bookings and cascades point at them. At start:
 * each (code, version) not stored yet is stored; a stored version whose text differs from the file stops the start
 * (a reviewed text never changes under existing records: a new text is a new version); then every stored version of
 * the jurisdiction, also those the file no longer lists, is read back so that older records still show theirs.
 * Several nodes starting at once store each version once (the primary key) and compare the same way.
 */
public final class CatalogueStore {

  private final Pool pool;

  public CatalogueStore(Pool pool) {
    this.pool = pool;
  }

  /** Stores what is new, refuses a changed version, and returns the catalogue with its archive. */
  public Future<Catalogue> sync(Catalogue catalogue) {
    List<Tuple> rows = new ArrayList<>();
    for (Basis b : catalogue.bases()) {
      rows.add(Tuple.of(b.code(), b.version(), b.scope().jurisdiction(), b.obligation().name(), b.scope().validFrom().atOffset(java.time.ZoneOffset.UTC),
          b.definition()));
    }
    return pool.withTransaction(tx -> tx.preparedQuery("""
            insert into legal_basis (code, version, jurisdiction, obligation, valid_from, definition)
            values ($1, $2, $3, $4, $5, $6) on conflict (code, version) do nothing""").executeBatch(rows)
        .compose(done -> tx.preparedQuery("select code, version, jurisdiction, definition from legal_basis where jurisdiction = $1 order by code, version")
            .execute(Tuple.of(catalogue.jurisdiction()))))
        .map(stored -> {
          List<String> problems = new ArrayList<>();
          List<Basis> archive = new ArrayList<>();
          for (Row r : stored) {
            JsonObject definition = (JsonObject) r.getValue("definition");
            catalogue.bases().stream()
                .filter(b -> b.code().equals(r.getString("code")) && b.version() == r.getInteger("version"))
                .filter(b -> !b.definition().equals(definition))
                .forEach(b -> problems.add(b.ref() + " was stored with another text: a changed text needs a new version"));
            // read as it was stored: its benefit types may be ones the file no longer lists
            List<String> benefits = definition.getJsonArray("benefits", new io.vertx.core.json.JsonArray()).stream().map(String::valueOf).toList();
            Basis old = CatalogueFile.basis(definition, r.getString("jurisdiction"), benefits, new ArrayList<>());
            if (old != null) archive.add(old);
          }
          if (!problems.isEmpty()) throw new InvalidCatalogue("for " + catalogue.jurisdiction(), problems);
          return catalogue.withArchive(archive);
        });
  }
}
