package at.jobfair.cascade;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static at.jobfair.db.Rows.instant;
import static at.jobfair.db.Rows.utc;

/** The hearing records' SQL: written once (append-only, V19), read for the dossier, the person's words blanked by retention. */
public final class HearingStore {

  /** Writes the record and its items; answers the record's id. */
  public Future<Long> insert(SqlClient tx, long cascadeId, Hearing h, long heardBy, String heardRole, Instant at, String hash, long auditSeq) {
    return tx.preparedQuery("""
            insert into hearing_record (cascade_id, heard_by, heard_role, heard_at, language, interpreter, confirmed, statement, content_hash, audit_seq)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id""")
        .execute(Tuple.tuple().addLong(cascadeId).addLong(heardBy).addString(heardRole).addValue(utc(at)).addString(h.language())
            .addString(h.interpreter()).addBoolean(h.confirmed()).addString(h.statement()).addString(hash).addLong(auditSeq))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(id -> {
          if (h.items().isEmpty()) return Future.succeededFuture(id);
          List<Tuple> items = new ArrayList<>();
          for (Hearing.Item i : h.items()) items.add(Tuple.of(id, i.topic().name(), i.words(), i.finding().name()));
          return tx.preparedQuery("insert into hearing_item (record_id, topic, words, finding) values ($1, $2, $3, $4)")
              .executeBatch(items).map(id);
        });
  }

  /** The person's language (their account's), for a record given without one. */
  public Future<String> language(SqlClient c, long accountId) {
    return c.preparedQuery("select coalesce(language, 'de') from account where id = $1").execute(Tuple.of(accountId))
        .map(rows -> rows.size() == 0 ? "de" : rows.iterator().next().getString(0));
  }

  /** The records of a cascade, oldest first, each with its items in the order of {@link Hearing.Topic}. */
  public Future<JsonArray> of(SqlClient c, long cascadeId) {
    return c.preparedQuery("""
            select r.*, a.name as heard_by_name,
                   (select json_agg(json_build_object('topic', i.topic, 'words', i.words, 'finding', i.finding)
                                    order by array_position(array['PAY','HOURS','COMMUTE','CARE','HEALTH','OTHER'], i.topic))
                      from hearing_item i where i.record_id = r.id)::text as items
              from hearing_record r join account a on a.id = r.heard_by where r.cascade_id = $1 order by r.id""")
        .execute(Tuple.of(cascadeId)).map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            String items = r.getString("items");
            out.add(new JsonObject().put("id", r.getLong("id"))
                .put("heardBy", new JsonObject().put("id", r.getLong("heard_by")).put("name", r.getString("heard_by_name"))
                    .put("role", r.getString("heard_role")))
                .put("heardAt", CascadeStore.str(instant(r, "heard_at"))).put("language", r.getString("language"))
                .put("interpreter", r.getString("interpreter")).put("confirmed", r.getBoolean("confirmed"))
                .put("statement", r.getString("statement")).put("contentHash", r.getString("content_hash"))
                .put("auditSeq", r.getLong("audit_seq"))
                .put("anonymisedAt", CascadeStore.str(instant(r, "anonymised_at")))
                .put("items", items == null ? new JsonArray() : new JsonArray(items)));
          }
          return out;
        });
  }
}
