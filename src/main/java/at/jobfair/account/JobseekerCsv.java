package at.jobfair.account;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a jobseeker import file (see README, "Importing jobseekers"): UTF-8 (a byte-order mark is ignored), a
 * header line naming the columns, comma or semicolon separated (as spreadsheet programs export), fields
 * optionally in double quotes with "" for a quote. Columns: email and name (required), phone, region,
 * languages (separated by spaces or |), language (the interface's: de, en, tr, bs, ar, uk or de-simple), benefit (the benefit type, one of the
 * configured jurisdiction's, e.g. UNEMPLOYMENT_BENEFIT; empty: none recorded). Every problem is reported
 * with its line; a file with any problem is refused whole.
 */
public final class JobseekerCsv {

  public static final int MAX_ROWS = 10_000;
  private static final Set<String> COLUMNS = Set.of("email", "name", "phone", "region", "languages", "language", "benefit");

  public record Row(int line, String email, String name, String phone, String region, List<String> languages, String language,
                    String benefit) {
  }

  /** One problem: the line (1 is the header), a code for the message bundle, and its argument. */
  public record Problem(int line, String code, String arg) {
  }

  public static final class Invalid extends RuntimeException {
    private final List<Problem> problems;

    public Invalid(List<Problem> problems) {
      super("invalid import file", null, false, false);
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  private JobseekerCsv() {
  }

  /** Reads the file; {@code benefitTypes} are the benefit types a row may name. */
  public static List<Row> parse(String text, List<String> benefitTypes) {
    if (text.startsWith("\uFEFF")) text = text.substring(1);
    List<List<String>> records;
    List<Integer> lines = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    String firstLine = text.lines().findFirst().orElse("");
    char sep = firstLine.indexOf(';') >= 0 && firstLine.indexOf(',') < 0 ? ';' : ',';
    records = split(text, sep, lines, problems);
    if (!problems.isEmpty()) throw new Invalid(problems);
    if (records.isEmpty()) throw new Invalid(List.of(new Problem(1, "csv_empty", "")));

    List<String> header = records.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      if (!COLUMNS.contains(h)) problems.add(new Problem(1, "csv_unknown_column", h));
      else if (col.put(h, i) != null) problems.add(new Problem(1, "csv_duplicate_column", h));
    }
    for (String required : List.of("email", "name")) {
      if (!col.containsKey(required)) problems.add(new Problem(1, "csv_missing_column", required));
    }
    if (!problems.isEmpty()) throw new Invalid(problems);
    if (records.size() - 1 > MAX_ROWS) throw new Invalid(List.of(new Problem(1, "csv_too_many_rows", String.valueOf(MAX_ROWS))));

    List<Row> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int r = 1; r < records.size(); r++) {
      List<String> fields = records.get(r);
      int line = lines.get(r);
      if (fields.size() == 1 && fields.get(0).isBlank()) continue;
      if (fields.size() != header.size()) {
        problems.add(new Problem(line, "csv_field_count", String.valueOf(header.size())));
        continue;
      }
      String email = get(fields, col, "email");
      String name = get(fields, col, "name");
      String language = get(fields, col, "language");
      if (email == null || !NewAccount.EMAIL.matcher(email).matches() || email.length() > 254) {
        problems.add(new Problem(line, "csv_email_invalid", email == null ? "" : email));
      } else if (!seen.add(email.toLowerCase(Locale.ROOT))) {
        problems.add(new Problem(line, "csv_email_repeated", email));
      }
      if (name == null || name.length() > 200) problems.add(new Problem(line, "csv_name_invalid", name == null ? "" : name));
      if (language != null && at.jobfair.web.Messages.Lang.ofCode(language) == null) {
        problems.add(new Problem(line, "csv_language_invalid", language));
      }
      String benefit = get(fields, col, "benefit");
      if (benefit != null && !benefitTypes.contains(benefit)) problems.add(new Problem(line, "csv_benefit_invalid", benefit));
      String langs = get(fields, col, "languages");
      List<String> languages = langs == null ? List.of()
          : List.of(langs.toLowerCase(Locale.ROOT).split("[\\s|]+")).stream().filter(s -> !s.isBlank()).distinct().toList();
      rows.add(new Row(line, email, name, get(fields, col, "phone"), get(fields, col, "region"), languages,
          language == null ? "de" : language, benefit));
    }
    if (!problems.isEmpty()) throw new Invalid(problems);
    if (rows.isEmpty()) throw new Invalid(List.of(new Problem(2, "csv_empty", "")));
    return rows;
  }

  private static String get(List<String> fields, Map<String, Integer> col, String name) {
    Integer i = col.get(name);
    if (i == null) return null;
    String v = fields.get(i).trim();
    return v.isEmpty() ? null : v;
  }

  /**
   * RFC 4180 records read by Commons CSV (quoted fields may hold separators, quotes ("") and line breaks), each with the
   * line it starts on. Two mistakes of hand-made files are named rather than guessed at: a quote that is never closed,
   * and a quote inside a field that was not quoted (Commons CSV would keep it as a letter).
   */
  private static List<List<String>> split(String text, char sep, List<Integer> lineOfRecord, List<Problem> problems) {
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(sep).setIgnoreSurroundingSpaces(true).get();
    List<CSVRecord> read = new ArrayList<>();
    long linesRead = 0;
    try (CSVParser parser = CSVParser.parse(text, format)) {
      for (CSVRecord record : parser) {
        read.add(record);
        linesRead = parser.getCurrentLineNumber();
      }
    } catch (IOException | UncheckedIOException e) {
      problems.add(new Problem((int) linesRead + 1, "csv_open_quote", ""));
      return List.of();
    }
    List<List<String>> records = new ArrayList<>();
    int line = 1;
    int counted = 0;
    for (int i = 0; i < read.size(); i++) {
      CSVRecord record = read.get(i);
      int from = (int) record.getCharacterPosition();
      // the line the record starts on, counted on from the previous record (once over the text, not once per record)
      for (; counted < from; counted++) if (text.charAt(counted) == '\n') line++;
      String raw = text.substring(from, i + 1 < read.size() ? (int) read.get(i + 1).getCharacterPosition() : text.length());
      for (String value : record) {
        // A value with a quote is fine only where it was written quoted, its quotes doubled.
        if (value.indexOf('"') >= 0 && !raw.contains('"' + value.replace("\"", "\"\"") + '"')) {
          problems.add(new Problem(line, "csv_stray_quote", ""));
          return records;
        }
      }
      records.add(record.toList());
      lineOfRecord.add(line);
    }
    return records;
  }
}
