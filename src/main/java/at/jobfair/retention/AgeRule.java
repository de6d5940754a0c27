package at.jobfair.retention;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import static at.jobfair.db.Rows.utc;

/**
 * The one shape of a retention rule: what (one statement that removes or blanks the due items and returns one row per
 * item, its id first) and how old (one or more ages). A feature states only that; this class runs it, turns the rows
 * into {@link Removed} entries (by id) and, where a feature needs it, takes one further step on the items done.
 *
 * <p>The statement's parameters: {@code $1} the most items to take, {@code $2} (and {@code $3}, ...) the time before
 * which an item is due, one per age given ({@code now - age}), and after them the run's time, for a statement that
 * stamps it ({@code anonymised_at}) and only if it names it (PostgreSQL types no parameter a statement leaves unused).
 * The statement locks the items it takes with {@code for update skip locked}, so a row another transaction holds is
 * left for the next run.
 */
public class AgeRule implements RetentionRule {

  private final String kind;
  private final String action;
  private final String sql;
  private final Function<Row, String> why;
  private final List<Duration> ages;

  /**
   * @param kind   the kind, as the audit trail names it
   * @param action what is done to each item ({@code DELETED}, {@code ANONYMISED})
   * @param sql    the statement (parameters as in the class description), answering the id in its first column
   * @param why    the audit record's reason for one returned row
   * @param ages   how old an item must be, each bound as {@code now - age}, from {@code $2} on
   */
  public AgeRule(String kind, String action, String sql, Function<Row, String> why, Duration... ages) {
    if (ages.length == 0) throw new IllegalArgumentException("a retention rule needs an age");
    this.kind = kind;
    this.action = action;
    this.sql = sql;
    this.why = why;
    this.ages = List.of(ages);
  }

  @Override
  public final String kind() {
    return kind;
  }

  @Override
  public final Future<List<Removed>> apply(SqlClient tx, Instant now, int limit) {
    Tuple args = Tuple.of(limit);
    for (Duration age : ages) args.addValue(utc(now.minus(age)));
    if (sql.contains("$" + (ages.size() + 2))) args.addValue(utc(now));
    return tx.preparedQuery(sql).execute(args).compose(rows -> {
      List<Removed> out = new ArrayList<>();
      for (Row r : rows) out.add(new Removed(r.getLong(0), action, why.apply(r)));
      out.sort(Comparator.comparingLong(Removed::id));
      return out.isEmpty() ? Future.succeededFuture(out) : then(tx, out).map(v -> out);
    });
  }

  /** A further step on the items just done, in the same transaction (none unless a feature needs one). */
  protected Future<Void> then(SqlClient tx, List<Removed> done) {
    return Future.succeededFuture();
  }

  /** The ids of items done, as a statement's array parameter. */
  protected static Long[] ids(List<Removed> done) {
    return done.stream().map(Removed::id).toArray(Long[]::new);
  }
}
