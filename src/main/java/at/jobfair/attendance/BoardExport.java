package at.jobfair.attendance;

import io.vertx.core.json.JsonObject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The board's appointments and outcomes as a CSV file (Commons CSV writes it; the formula guard is ours). */
public final class BoardExport {

  /** Semicolon-separated, UTF-8 with a byte-order mark (Excel), times in the configured zone (Commons CSV writes it). */
  static final CSVFormat EXPORT = CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("\r\n")
      .setHeader("booking", "employer", "slot_start", "slot_end", "jobseeker", "legal_basis", "source", "booking_status",
          "checked_in_at", "state", "outcome", "next_step", "outcome_by")
      .get();

  private BoardExport() {
  }

  /** One line per booking of the board's appointments ({@link BoardService#appointments}), times in {@code zone}. */
  static String csv(JsonObject board, ZoneId zone) {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    StringBuilder sb = new StringBuilder("\uFEFF");
    try (CSVPrinter out = new CSVPrinter(sb, EXPORT)) {
      for (Object bo : board.getJsonArray("booths")) {
        JsonObject booth = (JsonObject) bo;
        for (Object so : booth.getJsonArray("slots")) {
          JsonObject slot = (JsonObject) so;
          for (Object ko : slot.getJsonArray("bookings")) {
            JsonObject k = (JsonObject) ko;
            String checkedIn = k.getString("checkedInAt");
            out.printRecord(k.getLong("id"), cell(booth.getString("employer")),
                f.format(Instant.parse(slot.getString("start"))), f.format(Instant.parse(slot.getString("end"))),
                cell(k.getJsonObject("jobseeker") == null ? null : k.getJsonObject("jobseeker").getString("name")),
                k.getString("legalBasis"), k.getString("source"), k.getString("status"),
                checkedIn == null ? "" : f.format(Instant.parse(checkedIn)), k.getString("state"),
                nz(k.getString("outcome")), nz(k.getString("nextStep")), nz(k.getString("outcomeBy")));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not fail
    }
    return sb.toString();
  }

  /**
   * A name as a spreadsheet must not run it: a leading formula character is defused with an apostrophe (names are
   * people's and employers' own words). Quoting is the CSV library's.
   */
  static String cell(String v) {
    if (v == null) return "";
    return !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
