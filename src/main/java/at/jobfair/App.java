package at.jobfair;

import at.jobfair.access.Relations;
import at.jobfair.access.StaffAccess;
import at.jobfair.account.AccountService;
import at.jobfair.account.Reauthentication;
import at.jobfair.account.SealedSecret;
import at.jobfair.account.SecondFactor;
import at.jobfair.account.AccountStore;
import at.jobfair.account.PasswordHasher;
import at.jobfair.attendance.AttendanceService;
import at.jobfair.attendance.AttendanceStore;
import at.jobfair.booking.BookingCalendar;
import at.jobfair.booking.BookingMails;
import at.jobfair.booking.BookingRehearsal;
import at.jobfair.booking.BookingService;
import at.jobfair.booking.BookingStore;
import at.jobfair.cascade.CascadeLetters;
import at.jobfair.cascade.CascadeService;
import at.jobfair.cascade.CascadeStore;
import at.jobfair.audit.AuditLog;
import at.jobfair.catalog.CatalogService;
import at.jobfair.catalog.CatalogStore;
import at.jobfair.config.Config;
import at.jobfair.invitation.InvitationMails;
import at.jobfair.letter.Letters;
import at.jobfair.invitation.InvitationService;
import at.jobfair.invitation.LinkSigner;
import at.jobfair.invitation.ReminderJob;
import at.jobfair.retention.RetentionJob;
import at.jobfair.chat.ChatConfig;
import at.jobfair.demo.DemoChat;
import at.jobfair.chat.ChatRetention;
import at.jobfair.chat.ChatService;
import at.jobfair.chat.ChatStore;
import at.jobfair.attendance.SickNoteRetention;
import at.jobfair.cascade.HearingRetention;
import at.jobfair.legal.Catalogue;
import at.jobfair.legal.CatalogueFile;
import at.jobfair.legal.CatalogueStore;
import at.jobfair.legal.TranslationAids;
import at.jobfair.live.LiveHub;
import at.jobfair.live.Topic;
import at.jobfair.mail.MailSender;
import at.jobfair.mail.Outbox;
import at.jobfair.mail.OutboxStore;
import at.jobfair.noshow.NoShowConfig;
import at.jobfair.noshow.NoShowLetters;
import at.jobfair.noshow.NoShowMails;
import at.jobfair.noshow.NoShowService;
import at.jobfair.noshow.NoShowStore;
import at.jobfair.noshow.ReasonsRetention;
import at.jobfair.meeting.MeetingConfig;
import at.jobfair.meeting.Meetings;
import at.jobfair.queue.QueueConfig;
import at.jobfair.queue.QueueRetention;
import at.jobfair.queue.QueueService;
import at.jobfair.queue.QueueStore;
import at.jobfair.db.Database;
import at.jobfair.observe.JobRuns;
import at.jobfair.observe.Logs;
import at.jobfair.observe.Metrics;
import at.jobfair.db.EventLoopPools;
import at.jobfair.demo.DemoData;
import at.jobfair.demo.DemoDecision;
import at.jobfair.demo.DemoReasons;
import at.jobfair.node.Cluster;
import at.jobfair.node.Warmup;
import at.jobfair.node.Health;
import at.jobfair.node.Readiness;
import at.jobfair.booth.BoothService;
import at.jobfair.booth.BoothStore;
import at.jobfair.cascade.Dossier;
import at.jobfair.fair.FairService;
import at.jobfair.fair.FairStore;
import at.jobfair.web.WallClock;
import at.jobfair.waitlist.WaitlistConfig;
import at.jobfair.waitlist.WaitlistMails;
import at.jobfair.waitlist.WaitlistService;
import at.jobfair.waitlist.WaitlistStore;
import at.jobfair.web.Limits;
import at.jobfair.web.Messages;
import at.jobfair.web.Pages;
import at.jobfair.web.RequestContract;
import at.jobfair.web.PgSessionStore;
import at.jobfair.db.StoredSecret;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The running product: database, schema, demo data, and the HTTP servers. */
public final class App implements AutoCloseable {

  private final Config config;
  private final Database database;
  private final Cluster cluster;
  private final Vertx vertx;
  private final Pool pool;
  private final int port;

  private final Services services;
  private final Readiness readiness;
  private final List<HttpVerticle> servers;

  private App(Config config, Database database, Cluster cluster, Pool pool, List<HttpVerticle> servers, Services services,
              Readiness readiness) {
    this.services = services;
    this.readiness = readiness;
    this.servers = List.copyOf(servers);
    this.config = config;
    this.database = database;
    this.cluster = cluster;
    this.vertx = cluster.vertx();
    this.pool = pool;
    this.port = servers.get(0).port();
  }

  /** The readiness hold a warm-up keeps in place while it runs (shown in /health/ready). */
  public static final String WARM_UP = "warm-up";

  /** Starts everything and returns once the servers listen. Blocks; a failure stops what had started. */
  public static App start(Config config) {
    // JSON lines (log.json) from the first line on, the database's start included; the node id follows once known.
    Logs.configure(config, null);
    // The features' own sections are checked before anything starts: a wrong value stops the start naming its key.
    MeetingConfig.from(config);
    WaitlistConfig.from(config);
    QueueConfig queueConfig = QueueConfig.from(config);
    NoShowConfig noShowConfig = NoShowConfig.from(config);
    at.jobfair.profile.ProfileConfig.from(config);
    Metrics metrics = Metrics.from(config);
    Database database = Database.open(config);
    Vertx vertx = null;
    Cluster cluster = null;
    // What /health/ready reports besides the database and the cluster: holds (a warm-up puts one) and the drain on stop.
    Readiness readiness = new Readiness();
    try {
      database.migrate();
      // One event loop per HTTP server instance (at least two): the servers, jobs and database connections share them.
      int loops = Math.max(2, config.http().instances());
      cluster = Cluster.start(config, new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(loops), metrics::builder);
      vertx = cluster.vertx();
      Logs.configure(config, cluster.nodeId());
      JobRuns jobs = new JobRuns(metrics.registry());
      Vertx shared = vertx;
      // db.poolSize connections shared out over the event loops, each loop with its own (see EventLoopPools)
      int perLoop = (config.db().poolSize() + loops - 1) / loops;
      // Each pool named (db-0 start-up and background work, db-1… one per event loop): the metrics show them apart.
      AtomicInteger poolNumber = new AtomicInteger();
      EventLoopPools pool = new EventLoopPools(() -> PgBuilder.pool()
          .with(new PoolOptions().setName("db-" + poolNumber.getAndIncrement()).setMaxSize(perLoop).setConnectionTimeout(5).setConnectionTimeoutUnit(TimeUnit.SECONDS))
          // Cache prepared statements, long ones too: the booking read is planned once per connection, not per request.
          .connectingTo(database.appOptions().setCachePreparedStatements(true).setPreparedStatementCacheMaxSize(256)
              .setPreparedStatementCacheSqlLimit(16_384))
          .using(shared)
          .build());
      // The legal bases of the configured jurisdiction, stored (and checked against what was stored) before anything uses them.
      // The built-in translations of its texts (an aid, not part of a version) are added to the built-in catalogue only.
      Catalogue synced = new CatalogueStore(pool).sync(catalogue(config)).await(30, TimeUnit.SECONDS);
      Catalogue legal = config.legal().catalogueFile().isPresent() ? synced : TranslationAids.builtIn(synced);
      PasswordHasher hasher = new PasswordHasher(config.auth().argon2MemoryKiB(), config.auth().argon2Iterations());
      boolean seeded = config.demo()
          && DemoData.seedIfEmpty(pool, hasher, config.zone(), Clock.systemUTC(), legal).await(60, TimeUnit.SECONDS);
      Messages messages = new Messages();
      AccountService accounts = new AccountService(vertx, pool, new AccountStore(pool), hasher,
          config.auth().signInMaxFailures(), (int) config.auth().signInWindow().toMinutes(), legal.benefits());
      LiveHub live = new LiveHub(vertx, database.appOptions());
      live.start().await(30, TimeUnit.SECONDS);
      // The outbox sender runs before the servers take requests, so a mail enqueued by the first request is noticed.
      OutboxStore outboxStore = new OutboxStore(pool);
      MailSender mailSender = new MailSender(outboxStore, config).tracked(jobs.declare("outbox"));
      vertx.deployVerticle(mailSender).await(30, TimeUnit.SECONDS);
      Outbox outbox = new Outbox(outboxStore, mailSender.delivers());
      // Invitations and reminders: personal links are signed with a key kept in the database (the same after a restart).
      InvitationService invitations = new InvitationService(pool, outbox, mailSender,
          new InvitationMails(messages, config.zone(), config.http().publicUrl().toString(), legal),
          LinkSigner.load(pool).await(30, TimeUnit.SECONDS), (int) config.invitations().linkValid().toDays(), config.zone(), legal);
      vertx.deployVerticle(new ReminderJob(pool, outbox, mailSender, invitations,
          config.reminders().offsets().stream().map(o -> (int) o.toMinutes()).toList(), (int) config.reminders().poll().toSeconds()).tracked(jobs.declare("reminders"))).await(30, TimeUnit.SECONDS);
      AttendanceService attendance = attendanceService(config, pool);
      Meetings meetings = Meetings.start(vertx, config, pool, attendance, cluster.nodeId()).await(30, TimeUnit.SECONDS);
      AuditLog audit = new AuditLog(pool);
      // How staff stand to a person (the one place access is decided; routes, lists and stores ask it)
      Relations relations = new Relations(pool, config.zone());
      // A sick note is health data: the person's caseworker or deputy records it; organisers record an excuse for anyone
      // (the administration of attendance), without reading anything back.
      attendance.sickNoteRight((actor, person) -> actor.has(at.jobfair.identity.Role.ORGANIZER) ? Future.succeededFuture(true)
          : relations.of(actor, person).map(rel -> StaffAccess.may(rel, StaffAccess.Data.BENEFIT, StaffAccess.Mode.WRITE)));
      CascadeService cascades = new CascadeService(pool, new CascadeStore(), audit, Clock.systemUTC(),
          (int) config.cascade().waiver().toDays(), relations);
      // Every step that concerns the person produces a letter (PDF/A), kept with the case and mailed in the step's transaction.
      Letters letters = new Letters(vertx, pool, messages, legal, outbox, mailSender, audit, Clock.systemUTC(), config.zone(),
          config.letters().authority(), config.letters().referencePrefix(), config.http().publicUrl().toString());
      cascades.letters(new CascadeLetters(letters));
      // In the background: the renderer's cold first letter takes seconds, better not a person's.
      letters.warmUp().onFailure(e -> Logger.getLogger(App.class.getName()).log(Level.WARNING, "rendering a letter failed", e));
      // The demo's decided case runs through the service (and produces its decision letter) once, right after seeding.
      if (seeded) DemoDecision.run(pool, cascades).await(60, TimeUnit.SECONDS);
      // An employer's no-show or an outage recorded late ends the cases it bars from the sanction check, in the same transaction.
      attendance.sanctionBars(cascades::endBarred);
      // Requests for reasons after a no-show or an unbooked binding proposal, and the cases after them.
      NoShowService noShows = new NoShowService(pool, new NoShowStore(), audit, outbox, mailSender,
          new NoShowMails(messages, config.zone(), config.http().publicUrl().toString(), legal), legal, Clock.systemUTC(), noShowConfig, relations);
      // Each step that concerns the person writes its letter in the step's transaction.
      noShows.letters(new NoShowLetters(letters));
      // The demo's requests for reasons (one open, one answered) through the service, once, right after seeding.
      if (seeded) DemoReasons.run(pool, noShows, legal, Clock.systemUTC()).await(60, TimeUnit.SECONDS);
      WallClock clock = new WallClock(config.zone());
      // Sessions in the database, signed with a key every node shares (configured, or generated once and kept there).
      // A session whose data did not change is written again (its expiry moved) at most once a minute, and at least four
      // times within its timeout, so a person active within the timeout is never signed out.
      // Each node keeps a copy of the sessions it served for session.cacheSeconds; a node that changes one waits until
      // every other node has dropped its copy.
      PgSessionStore sessions = new PgSessionStore(vertx, pool,
          java.time.Duration.ofSeconds(Math.min(60, config.session().timeout().toSeconds() / 4)),
          config.session().cache(), cluster.nodeId(), cluster::otherNodes);
      SecondFactor secondFactor = new SecondFactor(pool, config.auth().secondFactorRoles(), Clock.systemUTC(), new SealedSecret(secretKey(config, pool)));
      // Authenticators set up before their secrets were sealed are sealed now (each once, whichever node starts first).
      secondFactor.sealPlainSecrets().await(30, TimeUnit.SECONDS);
      Pages pages = new Pages(messages, config.zone());
      // The operator's name, logo and hotline in every page's header and footer.
      pages.common("site", new at.jobfair.site.Branding(config.operator()).site());
      // Pages name live topics through the live feature's one definition: {{liveTopic 'booth-staff' booth.id}}.
      pages.helper("liveTopic", (com.github.jknack.handlebars.Helper<String>) (name, options) -> Topic.named(name).of(options.param(0)));
      // The booths' waitlists: who gets a freed seat is the database's (V37); the hold's length is written there.
      WaitlistConfig waitlistConfig = WaitlistConfig.from(config);
      WaitlistStore waitlistStore = new WaitlistStore(pool);
      waitlistStore.holdFor(waitlistConfig.hold()).await(30, TimeUnit.SECONDS);
      BookingService bookingService = new BookingService(pool, new BookingStore(pool), Clock.systemUTC(), outbox, mailSender,
          new BookingMails(messages, config.zone(), config.http().publicUrl().toString(),
              new BookingCalendar(messages, config.http().publicUrl().toString(), config.mail().from())), metrics.registry(), relations,
          config.bookings().undo(), config.reminders().offsets());
      WaitlistService waitlist = new WaitlistService(pool, waitlistStore, bookingService, outbox, mailSender,
          new WaitlistMails(messages, config.zone(), config.http().publicUrl().toString()), Clock.systemUTC());
      // The walk-up queue per booth: "next" makes a walk-up booking and lets the person into its room (the meeting feature's).
      QueueService queues = new QueueService(pool, new QueueStore(), queueConfig, bookingService, meetings.service(), audit, Clock.systemUTC());
      // The catalogue's pages keep what they show for a moment; a seat change announced on the live channel drops it.
      CatalogService catalog = new CatalogService(new CatalogStore(pool));
      live.listen(catalog.pageCopies()::changed);
      Services services = new Services(config, pool,
          new Services.Web(messages, pages, RequestContract.load(vertx).await(30, TimeUnit.SECONDS), sessions, sessionSecret(config, pool),
              new Limits(config.http().trustedProxies(),
                  config.limits().websocketsPerAddress(), config.limits().signInsPerMinute())),
          new Services.Platform(live, outbox, mailSender, audit, new Health(vertx, pool, cluster, readiness), metrics),
          new Services.People(accounts, secondFactor, new Reauthentication(accounts, secondFactor, config.auth().reauth()), relations),
          new Services.Fair(catalog, new FairService(pool, new FairStore(pool), clock),
              new BoothService(pool, new BoothStore(pool), clock),
              bookingService, invitations, attendance, meetings, waitlist,
              // Text chat between a person and a booth, and in every meeting room (issue 16)
              new ChatService(pool, new ChatStore(relations), meetings.groups(), audit, relations, ChatConfig.from(config), Clock.systemUTC(),
                  new ChatService.Mails(outbox, mailSender, messages, config.http().publicUrl().toString())),
              queues),
          new Services.Cases(cascades, new Dossier(pool, cascades, letters, relations), noShows, letters, legal));
      NodeMetrics.register(metrics, vertx, services, outboxStore, cluster::members);
      // The demo's chat (a question to Hotel Alpenblick, its answer, one unread each way) through the service, once.
      if (seeded) DemoChat.run(pool, services.fair().chats()).await(60, TimeUnit.SECONDS);

      int port = config.http().port();
      int instances = port == 0 ? 1 : config.http().instances();
      List<HttpVerticle> started = new CopyOnWriteArrayList<>();
      // Warm before ready: held before the servers listen, so the balancer never sees this node ready while it is cold.
      if (config.warmup().enabled()) readiness.hold(WARM_UP, "serving its own hot paths until the JIT has compiled them");
      String node = cluster.nodeId();
      vertx.deployVerticle(() -> {
        HttpVerticle v = new HttpVerticle(services, node);
        started.add(v);
        return v;
      }, new DeploymentOptions().setInstances(instances)).await(30, TimeUnit.SECONDS);
      every(vertx, jobs, Duration.ofMinutes(5), "session_sweep", "sweeping expired sessions", sessions::sweep);
      if (config.warmup().enabled()) {
        // In the background: the node is live (and says it runs) while it warms up; ready once the warm-up ends.
        BookingRehearsal rehearsal = new BookingRehearsal(pool, services.fair().bookings());
        Warmup.run(vertx, config.http().host(), started.get(0).port(), sessions, services.web().sessionSecret(), rehearsal::run,
            (int) config.warmup().longest().toSeconds())
            // Fresh connections after it: PostgreSQL plans their statements from real requests, not the warm-up's (see renew).
            .onComplete(done -> {
              pool.renew(shared, java.time.Duration.ofSeconds(60));
              readiness.release(WARM_UP);
            });
      }
      // Waitlists: ends holds whose time is up (the seat passes on), mails new offers, offers seats left free (each once).
      every(vertx, jobs, waitlistConfig.poll(), "waitlist", "waitlist holds and offers", waitlist::run);
      // Passes over absent people in the walk-up queues and calls nobody answered (each place once, on any node).
      every(vertx, jobs, queueConfig.sweep(), "queue_sweep", "walk-up queue sweep", queues::sweep);
      // Marks due no-shows (each booking once).
      every(vertx, jobs, config.attendance().poll(), "no_shows", "no-show check", attendance::markNoShows);
      // Asks for reasons after each due no-show and overdue proposal, records missed deadlines (each once, on any node).
      every(vertx, jobs, Duration.ofSeconds(noShowConfig.pollSeconds()), "reasons_requests", "requests for reasons", noShows::run);
      // Ends cases a late sanction bar left at the sanction check (safety net), then closes the due cascades (each once).
      java.time.Duration grace = config.cascade().closeGrace();
      every(vertx, jobs, config.cascade().closePoll(), "closing_cascades", "closing cascades",
          () -> cascades.endBarredEverywhere().compose(n -> cascades.closeDue(grace)));
      // Retention: evidence about people is blanked after its period, once per run across all nodes, audited. The one
      // place to add a kind of evidence (the no-show path's reasons and attachments: a RetentionRule of their own).
      RetentionJob retention = retentionJob(config, pool, audit);
      every(vertx, jobs, config.retention().poll(), "retention", "retention", retention::run);
      return new App(config, database, cluster, pool, started, services, readiness);
    } catch (Exception e) {
      if (vertx != null) vertx.close();
      database.close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /** The retention job with every kind of evidence it removes after its period, as configured (tests run it directly). */
  public static RetentionJob retentionJob(Config config, Pool pool, AuditLog audit) {
    return new RetentionJob(pool, audit, Clock.systemUTC(), List.of(
        new SickNoteRetention((int) config.retention().sickNote().toDays(), (int) config.retention().voluntary().toDays()),
        new HearingRetention((int) config.retention().caseEvidence().toDays()),
        new ReasonsRetention((int) config.retention().caseEvidence().toDays()),
        // reports first: a conversation left empty goes, and its reports with it
        new ChatRetention.Reports(ChatConfig.from(config).retentionDays()),
        new ChatRetention(ChatConfig.from(config).retentionDays()),
        new QueueRetention(QueueConfig.from(config).retentionDays())));
  }

  /** Check-in, outcomes, excuses and the no-show job, as configured. */
  public static AttendanceService attendanceService(Config config, Pool pool) {
    return new AttendanceService(pool, new AttendanceStore(), Clock.systemUTC(), (int) config.attendance().grace().toMinutes(),
        config.attendance().sickNoteFlagAfter(), config.attendance().outageReporters(),
        (int) config.attendance().outageWindow().toMinutes());
  }

  /**
   * Runs a job every {@code poll}, one run at a time per instance (a run still going skips the next tick); a
   * failure is logged and the next tick tries again. Several instances may run the same job against one database:
   * each job's statements do their work once. {@code job} names it in the metrics, {@code what} in the log.
   */
  private static void every(Vertx vertx, JobRuns jobs, Duration poll, String job, String what, Supplier<Future<?>> run) {
    AtomicBoolean running = new AtomicBoolean();
    jobs.declare(job);
    vertx.setPeriodic(poll.toMillis(), id -> {
      if (!running.compareAndSet(false, true)) return;
      jobs.track(job, run::get)
          .onFailure(e -> Logger.getLogger(App.class.getName()).log(Level.WARNING, what + " failed", e))
          .onComplete(ar -> running.set(false));
    });
  }

  /** The attendance service the no-show job runs on (tests run the job directly). */
  public AttendanceService attendance() {
    return services.fair().attendance();
  }

  /** What the HTTP servers were built from (tests build a router of their own from it). */
  public Services services() {
    return services;
  }

  public int port() {
    return port;
  }

  /** What /health/ready answers besides the database and the cluster: holds (a warm-up) and draining. */
  public Readiness readiness() {
    return readiness;
  }

  /**
   * The graceful stop (SIGTERM): not ready at once, then after {@code shutdown.readyDelaySeconds} the sockets are told
   * to reconnect elsewhere, requests in flight finish, the node leaves the cluster, all within
   * {@code shutdown.drainSeconds}. See {@link GracefulStop}.
   */
  public void stopGracefully() {
    new GracefulStop(this, servers).run(config.shutdown().readyDelay(), config.shutdown().drain());
  }

  /** The node: its id, and the cluster it is part of (if any). */
  public Cluster cluster() {
    return cluster;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Pool pool() {
    return pool;
  }

  public Config config() {
    return config;
  }

  public Database database() {
    return database;
  }

  /** Stops the servers, then the database if the application started it. */
  @Override
  public void close() {
    try {
      // Undeploy before closing: the mail sender finishes what it is handing to the SMTP server and records it while
      // the database pool is still open (vertx.close() would close both at the same time).
      for (String id : List.copyOf(vertx.deploymentIDs())) vertx.undeploy(id).await(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
    try {
      vertx.close().await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
    database.close();
  }

  /** The operator's reviewed catalogue file when one is configured, else the one built in for the jurisdiction. */
  static Catalogue catalogue(Config config) {
    String jurisdiction = config.legal().jurisdiction().name();
    return config.legal().catalogueFile().map(file -> CatalogueFile.read(file, jurisdiction))
        .orElseGet(() -> CatalogueFile.builtIn(jurisdiction));
  }

  /** {@code auth.secretKey} (32 bytes), or a key generated once and kept in the database when it is empty. */
  private static byte[] secretKey(Config config, Pool pool) throws Exception {
    byte[] key = config.auth().secretKey();
    if (key == null) {
      if (!config.auth().secondFactorRoles().isEmpty() && !config.demo()) {
        Logger.getLogger(App.class.getName()).warning("auth.secretKey is empty: the authenticators' secrets are sealed under a key kept in the same database");
      }
      return StoredSecret.load(pool, "second-factor").await(30, TimeUnit.SECONDS);
    }
    return key;
  }

  /** {@code session.secret}, or a key generated once and kept in the database, so that every node and restart shares it. */
  private static String sessionSecret(Config config, Pool pool) throws Exception {
    String secret = config.session().secret();
    if (!secret.isEmpty()) return secret;
    return Base64.getEncoder().encodeToString(StoredSecret.load(pool, "session-cookie").await(30, TimeUnit.SECONDS));
  }
}
