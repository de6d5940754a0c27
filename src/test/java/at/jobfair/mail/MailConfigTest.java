package at.jobfair.mail;

import at.jobfair.config.Config;
import at.jobfair.config.MailConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mail settings: defaults that keep mail, every key settable from the environment, wrong values named. */
class MailConfigTest {

  private static final Path DEFAULTS = Path.of("config", "application.json");

  @Test
  void byDefaultNothingIsSentAndEverythingIsKept() {
    Config c = Config.load(DEFAULTS, Map.of());
    assertEquals("", c.mail().smtpHost());
    assertEquals(25, c.mail().smtpPort());
    assertEquals("", c.mail().smtpUser());
    assertEquals("", c.mail().smtpPassword());
    assertEquals(MailConfig.StartTls.OPTIONAL, c.mail().starttls());
    assertEquals("Jobbörse <noreply@jobboerse.local>", c.mail().from());
    assertEquals(Duration.ofMillis(1000), c.mail().poll());
    assertEquals(5, c.mail().maxAttempts());
    assertEquals(Duration.ofMillis(60000), c.mail().retry());
    assertFalse(new MailSender(null, c).delivers());
  }

  @Test
  void theEnvironmentSetsEveryMailKey() {
    Config c = Config.load(DEFAULTS, Map.of(
        "JOBFAIR_MAIL_SMTP_HOST", "smtp.example.org",
        "JOBFAIR_MAIL_SMTP_PORT", "587",
        "JOBFAIR_MAIL_SMTP_USER", "jobs",
        "JOBFAIR_MAIL_SMTP_PASSWORD", "secret",
        "JOBFAIR_MAIL_STARTTLS", "REQUIRED",
        "JOBFAIR_MAIL_FROM", "noreply@example.org",
        "JOBFAIR_MAIL_POLL_MILLIS", "250",
        "JOBFAIR_MAIL_MAX_ATTEMPTS", "8",
        "JOBFAIR_MAIL_RETRY_MILLIS", "5000"));
    assertEquals("smtp.example.org", c.mail().smtpHost());
    assertEquals(587, c.mail().smtpPort());
    assertEquals("jobs", c.mail().smtpUser());
    assertEquals("secret", c.mail().smtpPassword());
    assertEquals(MailConfig.StartTls.REQUIRED, c.mail().starttls());
    assertEquals("noreply@example.org", c.mail().from());
    assertEquals(Duration.ofMillis(250), c.mail().poll());
    assertEquals(8, c.mail().maxAttempts());
    assertEquals(Duration.ofMillis(5000), c.mail().retry());
    assertTrue(new MailSender(null, c).delivers());
  }

  @Test
  void wrongMailSettingsStopTheStartNamingTheKey() {
    assertBad("mail.starttls", "JOBFAIR_MAIL_STARTTLS", "sometimes");
    assertBad("mail.starttls", "JOBFAIR_MAIL_STARTTLS", "optional");
    assertBad("mail.smtpPort", "JOBFAIR_MAIL_SMTP_PORT", "0");
    assertBad("mail.smtpPort", "JOBFAIR_MAIL_SMTP_PORT", "smtp");
    assertBad("mail.smtpHost", "JOBFAIR_MAIL_SMTP_HOST", "smtp example org");
    assertBad("mail.from", "JOBFAIR_MAIL_FROM", "Jobbörse");
    assertBad("mail.from", "JOBFAIR_MAIL_FROM", "Jobbörse <noreply@example.org>\r\nBcc: all@example.org");
    assertBad("mail.from", "JOBFAIR_MAIL_FROM", "Job (börse <noreply@example.org>");
    assertBad("mail.pollMillis", "JOBFAIR_MAIL_POLL_MILLIS", "0");
    assertBad("mail.maxAttempts", "JOBFAIR_MAIL_MAX_ATTEMPTS", "0");
    assertBad("mail.retryMillis", "JOBFAIR_MAIL_RETRY_MILLIS", "-1");
  }

  private static void assertBad(String key, String variable, String value) {
    var e = assertThrows(Config.ConfigException.class, () -> Config.load(DEFAULTS, Map.of(variable, value)), value);
    assertEquals(key, e.key());
    assertTrue(e.getMessage().contains(variable), e.getMessage());
  }
}
