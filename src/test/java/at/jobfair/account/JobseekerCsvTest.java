package at.jobfair.account;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JobseekerCsvTest {

  static final java.util.List<String> AT = java.util.List.of("UNEMPLOYMENT_BENEFIT", "EMERGENCY_ASSISTANCE", "MINIMUM_INCOME");

  static java.util.List<JobseekerCsv.Row> parse(String text) {
    return JobseekerCsv.parse(text, AT);
  }


  @Test
  void readsCommaSeparatedRowsWithOptionalColumns() {
    var rows = parse("email,name,region,languages\nanna@example.org,Anna Muster,Wien,de en\nbert@example.org,Bert,,\n");
    assertEquals(2, rows.size());
    assertEquals("anna@example.org", rows.get(0).email());
    assertEquals("Wien", rows.get(0).region());
    assertEquals(List.of("de", "en"), rows.get(0).languages());
    assertEquals(null, rows.get(1).region());
    assertEquals("de", rows.get(1).language());
    assertEquals(3, rows.get(1).line());
  }

  @Test
  void readsSpreadsheetExportsWithSemicolonsBomQuotesAndCrLf() {
    var rows = parse("\uFEFFEmail;Name;Phone;Language\r\n\"c@example.org\";\"Muster; Carla \"\"Cari\"\"\";\"+43 1\";en\r\n");
    assertEquals(1, rows.size());
    assertEquals("Muster; Carla \"Cari\"", rows.get(0).name());
    assertEquals("+43 1", rows.get(0).phone());
    assertEquals("en", rows.get(0).language());
  }

  @Test
  void aQuotedFieldMayHoldALineBreakAndLinesAreStillCountedRight() {
    var e = assertThrows(JobseekerCsv.Invalid.class,
        () -> parse("email,name\n\"a@example.org\",\"Two\nLines\"\nnot-an-email,X\n"));
    assertEquals(List.of(new JobseekerCsv.Problem(4, "csv_email_invalid", "not-an-email")), e.problems());
  }

  @Test
  void reportsEveryProblemWithItsLine() {
    var e = assertThrows(JobseekerCsv.Invalid.class, () -> parse(String.join("\n",
        "email,name,language",
        "ok@example.org,Ok,de",
        "broken,Name,de",
        "ok@example.org,Again,de",
        "x@example.org,,de",
        "y@example.org,Y,fr",
        "z@example.org,Z")));
    assertEquals(List.of(
        new JobseekerCsv.Problem(3, "csv_email_invalid", "broken"),
        new JobseekerCsv.Problem(4, "csv_email_repeated", "ok@example.org"),
        new JobseekerCsv.Problem(5, "csv_name_invalid", ""),
        new JobseekerCsv.Problem(6, "csv_language_invalid", "fr"),
        new JobseekerCsv.Problem(7, "csv_field_count", "3")), e.problems());
  }

  @Test
  void headerProblems() {
    assertEquals("csv_missing_column", assertThrows(JobseekerCsv.Invalid.class,
        () -> parse("email\na@example.org\n")).problems().get(0).code());
    assertEquals("csv_unknown_column", assertThrows(JobseekerCsv.Invalid.class,
        () -> parse("email,name,salary\na@example.org,A,1\n")).problems().get(0).code());
    assertEquals("csv_duplicate_column", assertThrows(JobseekerCsv.Invalid.class,
        () -> parse("email,name,name\na@example.org,A,B\n")).problems().get(0).code());
    assertEquals("csv_empty", assertThrows(JobseekerCsv.Invalid.class, () -> parse("")).problems().get(0).code());
    assertEquals("csv_empty", assertThrows(JobseekerCsv.Invalid.class, () -> parse("email,name\n\n")).problems().get(0).code());
  }

  @Test
  void brokenQuoting() {
    assertEquals(new JobseekerCsv.Problem(2, "csv_open_quote", ""), assertThrows(JobseekerCsv.Invalid.class,
        () -> parse("email,name\n\"a@example.org,A\n")).problems().get(0));
    assertEquals(new JobseekerCsv.Problem(2, "csv_stray_quote", ""), assertThrows(JobseekerCsv.Invalid.class,
        () -> parse("email,name\na@exa\"mple.org,A\n")).problems().get(0));
  }

  @Test
  void tooManyRowsIsRefusedWhole() {
    StringBuilder sb = new StringBuilder("email,name\n");
    for (int i = 0; i <= JobseekerCsv.MAX_ROWS; i++) sb.append("p").append(i).append("@example.org,P\n");
    assertEquals("csv_too_many_rows", assertThrows(JobseekerCsv.Invalid.class, () -> parse(sb.toString()))
        .problems().get(0).code());
  }
}
