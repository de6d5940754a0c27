package at.jobfair.letter;

import at.jobfair.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** All SQL on letters. */
final class LetterStore {

  /** The person a letter goes to. */
  record Person(String name, String email, String language) {
  }

  /** A letter as lists show it (without its bytes). */
  record Summary(long id, LetterKind kind, LetterOutcome outcome, long jobseekerId, String caseRef, String reference, List<String> languages,
                 String decidedBy, String decidedRole, Instant createdAt, int size) {
  }

  /** A letter's file and whose it is. */
  record File(long id, long jobseekerId, String reference, byte[] pdf) {
  }

  Future<Person> person(SqlClient c, long accountId) {
    return c.preparedQuery("select name, email::text as email, language from account where id = $1").execute(Tuple.of(accountId))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new Person(r.getString("name"), r.getString("email"), r.getString("language"));
        });
  }

  Future<String> name(SqlClient c, Long accountId) {
    if (accountId == null) return Future.succeededFuture(null);
    return c.preparedQuery("select name from account where id = $1").execute(Tuple.of(accountId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  /** The next letter's id, taken before the letter is written: its reference number is printed in it. */
  Future<Long> nextId(SqlClient tx) {
    return tx.query("select nextval(pg_get_serial_sequence('letter', 'id'))").execute().map(rows -> rows.iterator().next().getLong(0));
  }

  Future<Void> insert(SqlClient tx, long id, LetterRequest r, String reference, List<String> languages, byte[] pdf, String sha256,
                      long outboxId, long auditSeq) {
    LetterBasis basis = r.content().basis();
    return tx.preparedQuery("""
            insert into letter (id, kind, outcome, jobseeker_id, case_ref, cascade_id, cascade_step_id, reference, languages,
                                basis_code, basis_version, decided_by, decided_role, pdf, sha256, outbox_id, audit_seq, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)""")
        .execute(Tuple.tuple().addLong(id).addString(r.kind().name()).addString(r.outcome() == null ? null : r.outcome().name()).addLong(r.about().jobseekerId())
            .addString(r.about().ref()).addValue(r.about().cascadeId()).addValue(r.about().cascadeStepId()).addString(reference)
            .addArrayOfString(languages.toArray(new String[0]))
            .addString(basis == null ? null : basis.code()).addValue(basis == null ? null : basis.version())
            .addValue(r.deciderId()).addString(r.deciderRole())
            .addValue(Buffer.buffer(pdf)).addString(sha256).addLong(outboxId).addLong(auditSeq).addValue(Rows.utc(r.at())))
        .mapEmpty();
  }

  private static final String SUMMARY = """
      select l.id, l.kind, l.outcome, l.jobseeker_id, l.case_ref, l.reference, l.languages, l.decided_role, l.created_at,
             length(l.pdf) as size, d.name as decided_by
        from letter l left join account d on d.id = l.decided_by
      """;

  /** The person's letters, newest first. */
  Future<List<Summary>> ofPerson(SqlClient c, long jobseekerId) {
    return c.preparedQuery(SUMMARY + " where l.jobseeker_id = $1 order by l.created_at desc, l.id desc")
        .execute(Tuple.of(jobseekerId)).map(LetterStore::summaries);
  }

  /** A case's letters, oldest first (as the dossier reads). */
  Future<List<Summary>> ofCase(SqlClient c, String caseRef) {
    return c.preparedQuery(SUMMARY + " where l.case_ref = $1 order by l.created_at, l.id").execute(Tuple.of(caseRef))
        .map(LetterStore::summaries);
  }

  Future<File> file(SqlClient c, long id) {
    return c.preparedQuery("select id, jobseeker_id, reference, pdf from letter where id = $1").execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) return null;
      Row r = rows.iterator().next();
      return new File(r.getLong("id"), r.getLong("jobseeker_id"), r.getString("reference"), r.getBuffer("pdf").getBytes());
    });
  }

  private static List<Summary> summaries(Iterable<Row> rows) {
    List<Summary> out = new ArrayList<>();
    for (Row r : rows) {
      String outcome = r.getString("outcome");
      out.add(new Summary(r.getLong("id"), LetterKind.valueOf(r.getString("kind")),
          outcome == null ? null : LetterOutcome.valueOf(outcome), r.getLong("jobseeker_id"), r.getString("case_ref"),
          r.getString("reference"), List.of(r.getArrayOfStrings("languages")), r.getString("decided_by"), r.getString("decided_role"),
          Rows.instant(r, "created_at"), r.getInteger("size")));
    }
    return out;
  }
}
