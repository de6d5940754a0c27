package at.jobfair.config;

import at.jobfair.config.Config.ConfigException;

import java.time.Duration;

/**
 * Outgoing email ({@code mail.*}).
 *
 * @param smtpHost    the SMTP server; empty: send nothing, keep every email in the outbox
 * @param smtpUser    user name for SMTP AUTH; empty: no authentication
 * @param from        sender of every email: an address, optionally with a name
 * @param poll        how often the outbox is looked at
 * @param maxAttempts tries while the server cannot be reached or answers "try later"
 * @param retry       pause before the second try, doubled for each further one
 */
public record MailConfig(String smtpHost, int smtpPort, String smtpUser, String smtpPassword, StartTls starttls, String from,
                         Duration poll, int maxAttempts, Duration retry) {

  /** Whether the connection to the SMTP server is upgraded to TLS (the names of Vert.x's StartTLSOptions). */
  public enum StartTls { DISABLED, OPTIONAL, REQUIRED }

  static MailConfig from(Config c) {
    int port = c.integer("mail.smtpPort", 1, 65535);
    int poll = c.integer("mail.pollMillis", 10, 3_600_000);
    int attempts = c.integer("mail.maxAttempts", 1, 100);
    int retry = c.integer("mail.retryMillis", 10, 86_400_000);
    String host = c.string("mail.smtpHost").strip();
    if (!host.matches("[A-Za-z0-9.:\\[\\]_-]*")) {
      throw new ConfigException("mail.smtpHost", "must be a host name or address (empty = keep mails instead of sending)");
    }
    String tls = c.string("mail.starttls");
    StartTls starttls;
    try {
      starttls = StartTls.valueOf(tls);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("mail.starttls", "must be DISABLED, OPTIONAL or REQUIRED, was '" + tls + "'");
    }
    String from = c.string("mail.from");
    if (!from.matches("[^@\\s<>\",;]+@[^@\\s<>\",;]+|[^\"<>()\\r\\n]*<[^@\\s<>\",;]+@[^@\\s<>\",;]+>")) {
      throw new ConfigException("mail.from", "must be an address, optionally with a name: Jobbörse <noreply@example.org>");
    }
    return new MailConfig(host, port, c.string("mail.smtpUser"), c.string("mail.smtpPassword"), starttls, from,
        Duration.ofMillis(poll), attempts, Duration.ofMillis(retry));
  }

  /** False when no SMTP server is configured: emails are kept in the outbox. */
  public boolean sends() {
    return !smtpHost.isEmpty();
  }
}
