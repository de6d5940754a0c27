package at.jobfair.noshow;

import at.jobfair.access.Relations;
import at.jobfair.attendance.WorklistKind;
import at.jobfair.audit.AuditLog;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.legal.Basis;
import at.jobfair.legal.Catalogue;
import at.jobfair.legal.Decider;
import at.jobfair.legal.LegalOutcome;
import at.jobfair.mail.MailSender;
import at.jobfair.mail.Outbox;
import at.jobfair.noshow.NoShowStore.Evidence;
import at.jobfair.noshow.NoShowStore.Request;
import at.jobfair.noshow.ReasonsLetters.Letter;
import at.jobfair.noshow.ReasonsPolicy.State;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Requests for reasons and their cases: the job that asks (once per no-show or overdue proposal, on every node) and
 * records missed deadlines, the person's answer and proof, and the decider's steps. Every step is written with its
 * audit record and its letter in one transaction, under a lock on the request.
 */
public final class NoShowService {

  private final Pool pool;
  private final Relations relations;
  private final NoShowStore store;
  private final MailSender mailSender;
  private final Catalogue catalogue;
  private final ReasonsSteps steps;
  private final ReasonsJob job;
  private final Clock clock;
  private final NoShowConfig config;
  private volatile ReasonsLetters letters = ReasonsLetters.NONE;

  public NoShowService(Pool pool, NoShowStore store, AuditLog audit, Outbox outbox, MailSender mailSender, NoShowMails mails,
                       Catalogue catalogue, Clock clock, NoShowConfig config, Relations relations) {
    this.pool = pool;
    this.relations = relations;
    this.store = store;
    this.mailSender = mailSender;
    this.catalogue = catalogue;
    this.clock = clock;
    this.config = config;
    this.steps = new ReasonsSteps(store, audit, clock);
    this.job = new ReasonsJob(pool, store, steps, outbox, mailSender, mails, () -> this.letters, clock, config.reasonsDays());
  }

  /** Set once at start-up, before requests are taken. */
  public void letters(ReasonsLetters letters) {
    this.letters = letters;
  }

  public NoShowConfig config() {
    return config;
  }

  // ---- the job (ReasonsJob) ------------------------------------------------------------------------------------------

  /** One run of the request job: asks where due, records missed deadlines, withdraws what was excused. Answers how many. */
  public Future<Integer> run() {
    return job.run();
  }

  /** Opens a request for every due no-show and overdue proposal (each once), mails the person, and writes the letter. */
  public Future<Integer> ask() {
    return job.ask();
  }

  /** Requests whose deadline passed without an answer: recorded as NO_ANSWER once, by the platform. */
  public Future<Integer> recordNoAnswers() {
    return job.recordNoAnswers();
  }

  // ---- the person ---------------------------------------------------------------------------------------------------

  public Future<List<Request>> mine(Account person) {
    return store.ofPerson(pool, person.id());
  }

  /** The person adds their reasons in their own words (again and again until the deadline). */
  public Future<Request> answer(Account person, long id, String text) {
    String clean = text == null ? null : text.strip();
    Reason bad = ReasonsPolicy.text(clean);
    if (bad != null) return Future.failedFuture(bad.refuse());
    return pool.withTransaction(tx -> own(tx, person, id).compose(r -> {
      Reason refusal = ReasonsPolicy.answer(r.progress().state(), r.progress().deadline(), clock.instant());
      if (refusal != null) return Future.failedFuture(refusal.refuse());
      return store.answer(tx, id, clean)
          .compose(v -> store.update(tx, id, State.ANSWERED, null, null, true))
          .compose(v -> steps.write(tx, r, "ANSWER", r.progress().state(), State.ANSWERED, null, person.id(), "JOBSEEKER", null, null))
          .compose(v -> store.get(tx, id, false));
    }));
  }

  /** The person attaches a file (PDF, JPEG or PNG by content) until the deadline, at most {@code noshow.maxFiles}. */
  public Future<Long> attach(Account person, long id, String name, byte[] content) {
    String type;
    try {
      type = EvidenceFile.check(content, config.maxFileBytes());
    } catch (Refused e) {
      return Future.failedFuture(e);
    }
    return pool.withTransaction(tx -> own(tx, person, id).compose(r -> {
      Reason refusal = ReasonsPolicy.answer(r.progress().state(), r.progress().deadline(), clock.instant());
      if (refusal != null) return Future.failedFuture(refusal.refuse());
      return store.evidenceCount(tx, id).compose(n -> {
        if (n >= config.maxFiles()) return Future.failedFuture(Reason.EVIDENCE_TOO_MANY.refuse(config.maxFileBytes() / 1024, config.maxFiles()));
        return store.addEvidence(tx, id, EvidenceFile.label(name, type), type, content)
            .compose(fileId -> store.update(tx, id, State.ANSWERED, null, null, true)
                .compose(v -> steps.write(tx, r, "EVIDENCE", r.progress().state(), State.ANSWERED, null, person.id(), "JOBSEEKER",
                    "file " + fileId + " (" + type + ", " + content.length + " bytes)", null))
                .map(fileId));
      });
    }));
  }

  // ---- reading (the person and the decider) ---------------------------------------------------------------------------

  /** The request with answers, files and steps, for the person or its decider; a 404 for anyone else. */
  public Future<JsonObject> view(Account user, long id) {
    return visible(pool, user, id).compose(r -> store.record(pool, id).map(rec -> json(r, user).mergeIn(rec)));
  }

  /** One attached file, for the person or its decider. */
  public Future<Evidence> evidence(Account user, long id, long fileId) {
    return visible(pool, user, id).compose(r -> store.evidence(pool, id, fileId))
        .compose(e -> e == null ? Future.failedFuture(Reason.EVIDENCE_NOT_FOUND.refuse()) : Future.succeededFuture(e));
  }

  /** The requests this decider decides; {@code open}: only those not closed. */
  public Future<List<Request>> decides(Account user, boolean open) {
    return store.ofDecider(pool, user.id(), !user.has(Role.SFA) && user.has(Role.KOMMUNE), open, standsIn());
  }

  /** SQL: the SfA ({@code $1}) stands in for the request's caseworker ({@code j.caseworker_id}); access/Relations. */
  private String standsIn() {
    return relations.standsInFor("j.caseworker_id", "$1");
  }

  /** The caseworker's worklist items: their people's requests waiting for them (and those they stand in for). */
  public Future<List<JsonObject>> caseworkerItems(long caseworkerId) {
    return store.ofDecider(pool, caseworkerId, false, true, standsIn()).map(list -> list.stream()
        .filter(r -> r.progress().state().needsDecider())
        .map(r -> new JsonObject().put("kind", WorklistKind.REASONS.name()).put("id", r.id()).put("request", r.id()).put("state", r.progress().state().name())
            .put("deadline", NoShowStore.str(r.progress().deadline())).put("occasion", r.occasion().what()).put("fair", r.occasion().fairName())
            .put("person", new JsonObject().put("id", r.person().id()).put("name", r.person().name())))
        .toList());
  }

  // ---- the decider ---------------------------------------------------------------------------------------------------

  /** The decider accepts the person's reasons: closed, nothing follows. */
  public Future<Request> accept(Account user, long id, String reasons) {
    String clean = clean(reasons);
    return decider(user, id, (tx, r) -> {
      Reason refusal = ReasonsPolicy.accept(r.progress().state(), true, clean);
      if (refusal != null) return Future.failedFuture(refusal(refusal));
      return store.update(tx, id, State.REASONS_ACCEPTED, null, null, false)
          .compose(v -> steps.write(tx, r, "ACCEPT", r.progress().state(), State.REASONS_ACCEPTED, null, user.id(), role(r), clean, null))
          .compose(v -> letters.issue(tx, new Letter("REASONS_ACCEPTED", null, r, user.id(), role(r), clean, clock.instant())));
    });
  }

  /** The decider opens a case once the deadline is over: a decision follows. */
  public Future<Request> openCase(Account user, long id, String reasons) {
    String clean = clean(reasons);
    return decider(user, id, (tx, r) -> {
      Reason refusal = ReasonsPolicy.openCase(r.progress().state(), r.progress().deadline(), clock.instant(), true, clean);
      if (refusal != null) return Future.failedFuture(refusal(refusal));
      return store.update(tx, id, State.CASE_OPEN, null, null, false)
          .compose(v -> steps.write(tx, r, "OPEN_CASE", r.progress().state(), State.CASE_OPEN, null, user.id(), role(r), clean, null))
          .compose(v -> letters.issue(tx, new Letter("CASE_OPENED", null, r, user.id(), role(r), clean, clock.instant())));
    });
  }

  /** The decider decides an outcome the basis lists; "resumed" names the day the person reported again. */
  public Future<Request> decide(Account user, long id, LegalOutcome outcome, String reasons, LocalDate reportedOn) {
    String clean = clean(reasons);
    return decider(user, id, (tx, r) -> {
      Basis basis = basis(r);
      Reason refusal = ReasonsPolicy.decide(basis, r.progress().state(), outcome, true, clean, reportedOn);
      if (refusal != null) return Future.failedFuture(refusal(refusal));
      if (reportedOn != null && reportedOn.isAfter(LocalDate.now(clock))) return Future.failedFuture(Reason.REASONS_REPORTED_ON_FUTURE.refuse());
      State to = ReasonsPolicy.after(outcome);
      return store.update(tx, id, to, outcome.name(), reportedOn, false)
          .compose(v -> steps.write(tx, r, "DECIDE", r.progress().state(), to, outcome, user.id(), role(r), clean, reportedOn))
          .compose(v -> letters.issue(tx, letter(outcome, r, user, clean)));
    });
  }

  /** The basis a request rests on, as stored with it. */
  public Basis basis(Request r) {
    return basisOf(r.basis().code(), r.basis().version());
  }

  /** A stored basis version (every record names one the catalogue read back at start). */
  public Basis basisOf(String code, int version) {
    return catalogue.find(code, version)
        .orElseThrow(() -> new IllegalStateException("basis " + code + "/" + version + " is not stored"));
  }

  /** Whether the account decides this request: the person's own caseworker, or the municipality (by the basis). */
  public static boolean isDecider(Account a, Request r) {
    return r.basis().decider() == Decider.MUNICIPALITY ? a.has(Role.KOMMUNE)
        : a.has(Role.SFA) && r.person().caseworkerId() != null && r.person().caseworkerId() == a.id();
  }

  // ---- inside ----------------------------------------------------------------------------------------------------------

  private Letter letter(LegalOutcome outcome, Request r, Account user, String reasons) {
    Instant now = clock.instant();
    return switch (outcome) {
      case SANCTION_IMPOSED -> new Letter("DECISION", "IMPOSED", r, user.id(), role(r), reasons, now);
      case SANCTION_NOT_IMPOSED -> new Letter("DECISION", "NOT_IMPOSED", r, user.id(), role(r), reasons, now);
      case SANCTION_WAIVED -> new Letter("WAIVER", "GRANTED", r, user.id(), role(r), reasons, now);
      case PAYMENT_SUSPENDED -> new Letter("PAYMENT_SUSPENDED", null, r, user.id(), role(r), reasons, now);
      case PAYMENT_RESUMED -> new Letter("PAYMENT_RESUMED", null, r, user.id(), role(r), reasons, now);
    };
  }

  @FunctionalInterface
  private interface DeciderStep {
    Future<?> apply(SqlClient tx, Request r);
  }

  /** Every step below runs only for the request's decider ({@link #decides}), so the policy is told so. */
  private Future<Request> decider(Account user, long id, DeciderStep step) {
    return pool.withTransaction(tx -> store.get(tx, id, true).compose(r -> decides(tx, user, r).compose(yes -> {
      if (!yes) return Future.failedFuture(Reason.REASONS_NOT_FOUND.refuse());
      return step.apply(tx, r).compose(v -> store.get(tx, id, false));
    }))).onSuccess(r -> mailSender.wake()); // the step's letter goes out at once
  }

  /**
   * {@link #isDecider}, an SfA standing in for the caseworker (deputy or team member), and a municipality only for a
   * person of its area (access/Relations).
   */
  private Future<Boolean> decides(SqlClient c, Account a, Request r) {
    if (r == null) return Future.succeededFuture(false);
    if (!isDecider(a, r)) {
      return r.basis().decider() == Decider.MUNICIPALITY ? Future.succeededFuture(false) : relations.standsIn(c, r.person().caseworkerId(), a);
    }
    if (r.basis().decider() != Decider.MUNICIPALITY) return Future.succeededFuture(true);
    return c.preparedQuery("select " + at.jobfair.access.Relations.inArea("$1::bigint", "$2::bigint"))
        .execute(io.vertx.sqlclient.Tuple.of(r.person().id(), a.id())).map(rows -> rows.iterator().next().getBoolean(0));
  }

  private Future<Request> own(SqlClient tx, Account person, long id) {
    return store.get(tx, id, true).compose(r -> r == null || r.person().id() != person.id()
        ? Future.failedFuture(Reason.REASONS_NOT_FOUND.refuse()) : Future.succeededFuture(r));
  }

  private Future<Request> visible(SqlClient c, Account user, long id) {
    // the person, or the decider (every staff member who gets here decides it: see json)
    return store.get(c, id, false).compose(r -> r != null && r.person().id() == user.id() ? Future.succeededFuture(true) : decides(c, user, r))
        .compose(yes -> yes ? store.get(c, id, false) : Future.failedFuture(Reason.REASONS_NOT_FOUND.refuse()));
  }

  JsonObject json(Request r, Account viewer) {
    Basis b = basis(r);
    String lang = viewer.language();
    JsonObject j = new JsonObject().put("id", r.id()).put("kind", r.kind().name()).put("state", r.progress().state().name()).put("outcome", r.progress().outcome() == null ? null : r.progress().outcome().name())
        .put("person", new JsonObject().put("id", r.person().id()).put("name", r.person().name()))
        .put("occasion", new JsonObject().put("what", r.occasion().what()).put("fair", r.occasion().fairName()).put("at", NoShowStore.str(r.occasion().at()))
            .put("bookingId", r.occasion().bookingId()).put("invitationId", r.occasion().invitationId()))
        .put("basis", new JsonObject().put("code", r.basis().code()).put("version", r.basis().version()).put("obligation", r.basis().obligation().name())
            .put("decider", r.basis().decider().name()).put("law", b.law(lang)).put("consequence", b.consequence(lang)))
        .put("askedAt", NoShowStore.str(r.progress().askedAt())).put("deadline", NoShowStore.str(r.progress().deadline()))
        .put("deadlineOver", !clock.instant().isBefore(r.progress().deadline()))
        .put("answeredAt", NoShowStore.str(r.progress().answeredAt())).put("noAnswerAt", NoShowStore.str(r.progress().noAnswerAt()))
        .put("resumedOn", r.progress().resumedOn() == null ? null : r.progress().resumedOn().toString())
        .put("mayAnswer", viewer.id() == r.person().id() && ReasonsPolicy.answer(r.progress().state(), r.progress().deadline(), clock.instant()) == null)
        .put("maxFiles", config.maxFiles()).put("maxFileKiB", config.maxFileBytes() / 1024);
    // whoever reads a request is the person or its decider (view, and the decider's lists, let nobody else through)
    if (viewer.id() != r.person().id() && viewer.isStaff()) {
      JsonArray choices = new JsonArray();
      ReasonsPolicy.choices(b, r.progress().state()).forEach(o -> choices.add(o.name()));
      j.put("decider", true).put("choices", choices)
          .put("mayAccept", ReasonsPolicy.accept(r.progress().state(), true, "xxx") == null)
          .put("mayOpenCase", ReasonsPolicy.openCase(r.progress().state(), r.progress().deadline(), clock.instant(), true, "xxx") == null);
    }
    return j;
  }

  private static String role(Request r) {
    return r.basis().decider().role().name();
  }

  private static String clean(String s) {
    return s == null ? null : s.strip();
  }

  /** A refusal of the rules; someone who does not decide this case is told it is not there, as for a stranger. */
  private static Refused refusal(Reason reason) {
    return (reason == Reason.REASONS_NOT_DECIDER ? Reason.REASONS_NOT_FOUND : reason).refuse();
  }
}
