package at.jobfair.retention;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.Instant;
import java.util.List;

/**
 * One kind of evidence whose personal content is deleted or anonymised after its retention period. Each feature that
 * keeps evidence about a person (sick notes, hearing records, later the no-show path's reasons and attachments)
 * implements one; the composition root lists them for the {@link RetentionJob}, the one place to add another.
 *
 * <p>A rule never touches the audit trail: audit records hold references and hashes, not the personal text, so
 * anonymising changes no hashed content and the chain still verifies.
 */
public interface RetentionRule {

  /** The kind, as the audit trail names it ({@code retention:<kind>:<id>}), e.g. {@code sick_note}. */
  String kind();

  /**
   * In the caller's transaction: removes or blanks the personal content of at most {@code limit} items whose period
   * ended before {@code now}, rows other transactions hold skipped, and answers what it did, one entry per item.
   */
  Future<List<Removed>> apply(SqlClient tx, Instant now, int limit);

  /** One item done: its id, what was done ({@code ANONYMISED}, {@code DELETED}) and why (the period that ended). */
  record Removed(long id, String action, String why) {
  }
}
