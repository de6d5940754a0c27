package at.jobfair.attendance;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The board's export: names with separators, quotes and line breaks come back whole; a formula is never one. */
class BoardCsvTest {

  @Test
  void namesComeBackWholeAndFormulasAreDefused() throws Exception {
    List<String> names = List.of("Muster; Anna", "Bau \"Nord\" GmbH", "Zwei\nZeilen", "=HYPERLINK(\"http://x\")", "+43 1 234", "-1",
        "@SUM(A1)", "Jörg Müller");
    StringBuilder sb = new StringBuilder();
    try (CSVPrinter out = new CSVPrinter(sb, BoardExport.EXPORT)) {
      for (String n : names) out.printRecord(1, BoardExport.cell(n), "", "", "", "", "", "", "", "", "", "", "");
    }
    assertEquals("booking;employer;", sb.substring(0, "booking;employer;".length()));
    try (CSVParser in = CSVParser.parse(new StringReader(sb.toString()),
        CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get())) {
      List<String> back = in.getRecords().stream().map((CSVRecord r) -> r.get("employer")).toList();
      assertEquals(List.of("Muster; Anna", "Bau \"Nord\" GmbH", "Zwei\nZeilen", "'=HYPERLINK(\"http://x\")", "'+43 1 234", "'-1",
          "'@SUM(A1)", "Jörg Müller"), back);
    }
  }
}
