package at.jobfair.web;

import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pages' own HTML escaping writes exactly what Handlebars' default escaping writes. */
class PagesTest {

  @Test
  void escapingIsHandlebarsOwn() {
    List<String> texts = List.of("", "plain text", "<script>alert('x')</script>", "a & b = \"c\" `d`", "&amp;&lt;",
        "Übernahme – Café “Zürich” 😀 <b>", "ends with <", ">", "=", "'", "`", "\u0000\u007f", "العربية <و> Українська & ");
    for (String t : texts) {
      assertEquals(EscapingStrategy.HTML_ENTITY.escape(t).toString(), Pages.escapeHtml(t).toString(), t);
    }
    assertEquals("<b>", Pages.escapeHtml(new Handlebars.SafeString("<b>")).toString(), "safe strings stay as they are");
    assertEquals("", Pages.escapeHtml(null).toString());
  }
}
