package at.jobfair.mail;

import at.jobfair.config.Config;
import at.jobfair.observe.JobRuns;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

/**
 * Sends the outbox. With {@code mail.smtpHost} set it claims due messages every {@code mail.pollMillis} (and at once
 * on {@link #wake()}), hands each to the SMTP server with a Message-ID that stays the same for every try, and
 * records the outcome. Several application instances may run it on one database: a message is claimed by one
 * sender only. Without SMTP it keeps queued messages (status KEPT) for staff to read.
 *
 * <p>Never twice: a message whose send did not end with a clear answer (the process died, the server went silent)
 * is marked UNCERTAIN and is not sent again unless staff ask for it. Only failures that certainly delivered
 * nothing (no connection, a 4xx reply) are retried, after a pause that doubles each time, until
 * {@code mail.maxAttempts}; a 5xx reply fails the message at once.
 */
public final class MailSender extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(MailSender.class.getName());
  /** Messages claimed at once. */
  static final int BATCH = 20;
  /** The longest a send may take; after that the message is UNCERTAIN. */
  static final long SEND_TIMEOUT_MILLIS = 60_000;
  /**
   * A message SENDING for longer than this was cut off (no live sender holds one that long): it becomes UNCERTAIN.
   * Checked at start and at every poll, so a crashed peer's messages are found too.
   */
  static final long STALE_AFTER_MILLIS = 2 * SEND_TIMEOUT_MILLIS + 30_000;
  /** How long stopping waits for sends under way. */
  static final long STOP_WAIT_MILLIS = 10_000;
  static final String CUT_OFF = "interrupted while sending (the application stopped?); it may have been sent";
  private static final Pattern ANGLE_ADDRESS = Pattern.compile("<([^<>]+)>\\s*$");

  private final OutboxStore store;
  private final MailConfig smtp;
  private final String from;
  private final String bounceAddress;
  private final String messageIdHost;
  private final long pollMillis;
  private JobRuns jobs = JobRuns.NONE;
  private final int maxAttempts;
  private final long retryMillis;
  private final String senderId;

  private volatile Context context;
  private MailClient client;
  private long timer = -1;
  private boolean busy;
  private boolean again;
  private boolean stopping;
  private boolean lastRoundFailed;
  private Promise<Void> idle;

  public MailSender(OutboxStore store, Config config) {
    this.store = store;
    var mail = config.mail();
    this.smtp = mail.sends() ? smtpConfig(mail) : null;
    this.from = mail.from();
    Matcher m = ANGLE_ADDRESS.matcher(from);
    this.bounceAddress = m.find() ? m.group(1).trim() : from.trim();
    this.messageIdHost = config.http().publicUrl().getHost();
    this.pollMillis = mail.poll().toMillis();
    this.maxAttempts = mail.maxAttempts();
    this.retryMillis = mail.retry().toMillis();
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    this.senderId = ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
  }

  /** True when an SMTP server is configured and messages go out; false when they are kept. */
  public boolean delivers() {
    return smtp != null;
  }

  /** This sender's name in the outbox's {@code claimed_by}. */
  public String senderId() {
    return senderId;
  }

  /** Reports each look at the outbox to the job metrics (lag since the last good one, duration). */
  public MailSender tracked(JobRuns jobs) {
    this.jobs = jobs;
    return this;
  }

  /** Look at the outbox now (e.g. right after a commit that enqueued a message) instead of at the next poll. */
  public void wake() {
    Context c = context;
    if (c != null) c.runOnContext(v -> poll());
  }

  @Override
  public Future<?> start() {
    context = vertx.getOrCreateContext();
    if (smtp != null) client = MailClient.create(vertx, smtp);
    return store.abandonStale(STALE_AFTER_MILLIS, CUT_OFF).onSuccess(n -> {
      if (n > 0) LOG.warning(n + " message(s) were cut off while sending and are now UNCERTAIN: staff decide on the outbox page");
      // The first look follows after pollMillis (or a wake), so the start does not wait on the SMTP server.
      timer = vertx.setPeriodic(pollMillis, t -> poll());
    });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    context = null;
    if (timer >= 0) vertx.cancelTimer(timer);
    Future<Void> drained = Future.succeededFuture();
    if (busy) {
      idle = Promise.promise();
      // Sends still under way after this stay SENDING and are found UNCERTAIN later: never sent twice.
      drained = idle.future().timeout(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS).recover(e -> Future.succeededFuture());
    }
    return drained.compose(v -> client == null ? Future.succeededFuture() : client.close());
  }

  private void poll() {
    if (stopping) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    again = false;
    jobs.track("outbox", this::round).onComplete(ar -> {
      busy = false;
      if (ar.failed()) {
        if (!lastRoundFailed) LOG.log(Level.WARNING, "mail outbox: cannot work on the outbox (will keep trying)", ar.cause());
        lastRoundFailed = true;
      } else {
        lastRoundFailed = false;
      }
      if (stopping) {
        if (idle != null) idle.tryComplete();
        return;
      }
      if (again || ar.succeeded() && ar.result()) poll();
    });
  }

  /** One look at the outbox; answers whether more may be waiting right now. */
  private Future<Boolean> round() {
    Future<Integer> stale = store.abandonStale(STALE_AFTER_MILLIS, CUT_OFF);
    if (client == null) return stale.compose(n -> store.keepQueued()).map(false);
    return stale.compose(n -> store.claim(senderId, messageIdHost, BATCH)).compose(batch -> {
      List<Future<Void>> sends = batch.stream().map(this::send).toList();
      return Future.join(sends).transform(ar -> Future.succeededFuture(batch.size() == BATCH));
    });
  }

  private Future<Void> send(OutboxStore.Claimed c) {
    MailMessage m = new MailMessage()
        .setFrom(from)
        .setBounceAddress(bounceAddress)
        .setTo(address(c.to(), c.toName()))
        .setSubject(c.subject())
        .setText(c.text());
    if (c.html() != null) m.setHtml(c.html());
    if (!c.attachments().isEmpty()) {
      m.setAttachment(c.attachments().stream().map(a -> MailAttachment.create()
          .setName(a.filename()).setContentType(a.contentType()).setDisposition("attachment")
          .setData(Buffer.buffer(a.bytes()))).toList());
    }
    m.addHeader("Message-ID", c.messageId());
    Future<io.vertx.ext.mail.MailResult> sent;
    try {
      sent = client.sendMail(m).timeout(SEND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    return sent.compose(
        r -> store.markSent(c.id(), senderId).<Void>mapEmpty(),
        err -> outcome(c, err)).recover(e -> {
          // The outcome could not be recorded: the message stays SENDING and becomes UNCERTAIN later.
          LOG.log(Level.WARNING, "mail outbox: could not record the outcome of message " + c.id(), e);
          return Future.succeededFuture();
        });
  }

  private Future<Void> outcome(OutboxStore.Claimed c, Throwable err) {
    String error = describe(err);
    return switch (classify(err)) {
      case RETRY -> store.markNotSent(c.id(), senderId, error, false, maxAttempts, retryMillis).mapEmpty();
      case REFUSED -> store.markNotSent(c.id(), senderId, error, true, maxAttempts, retryMillis).mapEmpty();
      case UNKNOWN -> {
        LOG.warning("mail outbox: message " + c.id() + " may or may not have been sent (" + error + "); it is UNCERTAIN");
        yield store.markUncertain(c.id(), senderId, error).mapEmpty();
      }
    };
  }

  enum Failure { RETRY, REFUSED, UNKNOWN }

  /** Retry only what certainly did not deliver; a send that broke off half-way may have gone out. */
  static Failure classify(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof SMTPException e) return e.isPermanent() ? Failure.REFUSED : Failure.RETRY;
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof SSLHandshakeException) {
        return Failure.RETRY;
      }
    }
    return Failure.UNKNOWN;
  }

  private static String describe(Throwable err) {
    String message = err.getMessage();
    return err.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.strip());
  }

  /**
   * {@code Name <address>}. The mail client writes the name as a comment, {@code address (Name)}, encoded when it
   * is not ASCII; quotes, brackets and parentheses are left out of the name so that it cannot break that form.
   */
  static String address(String to, String name) {
    if (name == null) return to;
    String clean = name.replaceAll("[\"\\\\()<>\\p{Cntrl}]", " ").replaceAll("\\s+", " ").strip();
    return clean.isEmpty() ? to : clean + " <" + to + ">";
  }

  private static MailConfig smtpConfig(at.jobfair.config.MailConfig mail) {
    String user = mail.smtpUser();
    MailConfig c = new MailConfig()
        .setHostname(mail.smtpHost())
        .setPort(mail.smtpPort())
        .setStarttls(StartTLSOptions.valueOf(mail.starttls().name()))
        .setLogin(user.isEmpty() ? LoginOption.DISABLED : LoginOption.REQUIRED)
        .setKeepAlive(true)
        .setMaxPoolSize(4);
    c.setConnectTimeout(10_000);
    if (!user.isEmpty()) c.setUsername(user).setPassword(mail.smtpPassword());
    return c;
  }
}
