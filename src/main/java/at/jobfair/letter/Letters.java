package at.jobfair.letter;

import at.jobfair.audit.AuditChain;
import at.jobfair.audit.AuditLog;
import at.jobfair.legal.Catalogue;
import at.jobfair.mail.Mail;
import at.jobfair.mail.MailSender;
import at.jobfair.mail.Outbox;
import at.jobfair.refusal.Reason;
import at.jobfair.web.Messages.Lang;
import at.jobfair.web.Messages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Letters to the person: every step of a case that concerns them produces one (see {@link LetterKind}). Other
 * features call {@link #issue} inside the transaction of the step that causes the letter; it renders the PDF/A, keeps
 * it with the case (table {@code letter}, append-only), queues the email that carries it in the outbox and appends an
 * audit record, all in that transaction: a step rolled back sends no letter, a committed one always does, once.
 *
 * <pre>{@code
 * pool.withTransaction(tx -> recordTheStep(tx, ...)
 *         .compose(stepId -> letters.issue(tx, new LetterRequest(LetterKind.CASE_OPENED, null,
 *             LetterRequest.Case.of(personId, "noshow:" + caseId),
 *             new LetterRequest.Content(letters.basis(code, version).orElse(null), occasion, reasons, null), null, now)))
 *     .onSuccess(letterId -> letters.sent());
 * }</pre>
 *
 * A DECISION or WAIVER letter needs the decision's step and its decider: the database refuses one without them (V20).
 */
public final class Letters {

  private final Vertx vertx;
  private final Pool pool;
  private final LetterStore store = new LetterStore();
  private final LetterPdf pdf = new LetterPdf();
  private final LetterTexts texts;
  private final Messages messages;
  private final Catalogue legal;
  private final Outbox outbox;
  private final MailSender mailSender;
  private final AuditLog audit;
  private final Clock clock;
  private final ZoneId zone;
  private final String authority;
  private final String referencePrefix;
  private final String publicUrl;

  /**
   * {@code authority}: who letters come from, the same in every language; empty: the catalogue's authority per language,
   * and the municipality for a basis it decides under.
   */
  public Letters(Vertx vertx, Pool pool, Messages messages, Catalogue legal, Outbox outbox, MailSender mailSender, AuditLog audit,
                 Clock clock, ZoneId zone, String authority, String referencePrefix, String publicUrl) {
    this.vertx = vertx;
    this.pool = pool;
    this.messages = messages;
    this.legal = legal;
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.audit = audit;
    this.clock = clock;
    this.zone = zone;
    this.authority = authority;
    this.referencePrefix = referencePrefix;
    this.publicUrl = publicUrl;
    this.texts = new LetterTexts(messages, zone);
  }

  /** The version of a basis a record names (in force or stored earlier), as letters quote it; empty when unknown. */
  public Optional<LetterBasis> basis(String code, int version) {
    return legal.find(code, version).map(LetterBasis::of);
  }

  /**
   * The basis in force at {@code at} for an invitation of the kind to a person with the benefit type (see
   * {@link Catalogue#resolve}), for records that do not name theirs; empty when the catalogue has none.
   */
  public Optional<LetterBasis> basisFor(String invitationKind, String benefitType, Instant at) {
    return legal.resolve(invitationKind, benefitType, at).map(LetterBasis::of);
  }

  /** Who the letter comes from, per language. */
  private Function<Lang, String> authority(LetterRequest r) {
    if (!authority.isBlank()) return lang -> authority;
    if ((r.content().basis() != null && r.content().basis().municipality())
        || (r.actor() != null && "KOMMUNE".equals(r.actor().role()))) {
      return lang -> messages.get(lang, "letter.authority.municipality");
    }
    return lang -> legal.authority(lang.code());
  }

  /**
   * Writes the letter, keeps it and queues the email that carries it, on the caller's transaction; answers the letter's
   * id. Call {@link #sent()} once the transaction committed, so the email goes out at once rather than at the next poll.
   */
  public Future<Long> issue(SqlClient tx, LetterRequest r) {
    return prepare(tx, r).compose(p -> keep(tx, p, r.about().cascadeStepId()));
  }

  /** A letter rendered and numbered but not yet kept: {@link #keep} writes it. */
  public record Prepared(long id, LetterRequest request, String reference, byte[] pdf, String sha256, Mail mail, List<String> languages) {
  }

  /**
   * The first half of {@link #issue}: reads the person, takes the letter's number and renders the PDF (off the event
   * loop), writing nothing. A step that takes a lock (the audit trail's) prepares its letter before, so the rendering
   * does not hold the lock. A number taken by a transaction that rolls back stays unused: numbers may have gaps.
   */
  public Future<Prepared> prepare(SqlClient tx, LetterRequest r) {
    return store.person(tx, r.about().jobseekerId()).compose(person -> {
      if (person == null) return Future.failedFuture(Reason.JOBSEEKER_NOT_FOUND.refuse());
      Lang lang = Lang.parse(person.language()) == null ? Lang.DE : Lang.parse(person.language());
      return store.name(tx, r.deciderId()).compose(decider -> store.nextId(tx).compose(id -> {
        String reference = reference(id, r.at());
        LetterTexts.People people = new LetterTexts.People(person.name(), lang, decider);
        Function<Lang, String> from = authority(r);
        var model = texts.model(r, people, reference, from);
        // Rendering takes a good tenth of a second of CPU: not on the event loop.
        return vertx.executeBlocking(() -> pdf.render(model), false).map(bytes -> {
          String[] mail = texts.mail(r, people, reference, publicUrl + "/me/letters", from.apply(lang));
          Mail m = new Mail(person.email(), person.name(), mail[0], mail[1], null,
              List.of(new Mail.Attachment(fileName(reference), "application/pdf", bytes)), "LETTER", "letter:" + id);
          return new Prepared(id, r, reference, bytes, sha256(bytes), m, LetterTexts.languages(lang).stream().map(Lang::code).toList());
        });
      }));
    });
  }

  /**
   * The second half of {@link #issue}: queues the email, appends the audit record and keeps the letter, on the caller's
   * transaction; {@code cascadeStepId} is the step that caused it (written after {@link #prepare}), or null.
   */
  public Future<Long> keep(SqlClient tx, Prepared p, Long cascadeStepId) {
    LetterRequest r = p.request().withCascadeStep(cascadeStepId);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Long actor = r.deciderId();
    String role = r.kind().decided() ? r.deciderRole() : "SYSTEM";
    return outbox.enqueue(tx, p.mail()).compose(outboxId -> audit.append(tx, AuditChain.Entry.of(now, actor, role, r.about().ref(), "LETTER",
            null, r.kind().name() + (r.outcome() == null ? "" : "/" + r.outcome()),
            "letter " + p.id() + " " + p.reference() + " to account " + r.about().jobseekerId() + ", sha256 " + p.sha256()))
        .compose(entry -> store.insert(tx, p.id(), r, p.reference(), p.languages(), p.pdf(), p.sha256(), outboxId, entry.seq())))
        .map(p.id());
  }

  /**
   * Renders one letter nobody receives, off the event loop: the renderer's first letter takes seconds (stylesheets,
   * fonts, the JIT), and a real letter is rendered inside its step's transaction, holding its row locks that long. An
   * Arabic one, so that the right-to-left ordering and the shaping (ICU4J) are loaded too.
   */
  public Future<Void> warmUp() {
    LetterRequest sample = new LetterRequest(LetterKind.DECISION, LetterOutcome.NOT_IMPOSED, LetterRequest.Case.of(0, "cascade:0"),
        new LetterRequest.Content(null, null, "-", null), new LetterRequest.Actor(0L, "SFA"), clock.instant());
    var model = texts.model(sample, new LetterTexts.People("-", Lang.AR, "-"), referencePrefix + "-0", lang -> "-");
    return vertx.executeBlocking(() -> pdf.render(model), false).mapEmpty();
  }

  /** After the transaction that issued letters committed: the outbox sends at once. */
  public void sent() {
    mailSender.wake();
  }

  /** The letter's reference number: prefix, year (in the configured zone) and the letter's number. */
  String reference(long id, Instant at) {
    return referencePrefix + "-" + at.atZone(zone).getYear() + "-" + String.format("%06d", id);
  }

  static String fileName(String reference) {
    return "Schreiben-" + reference.replaceAll("[^A-Za-z0-9-]", "_") + ".pdf";
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- reading -----------------------------------------------------------------------------------------------------

  /** The person's own letters, newest first, with subjects in {@code lang}. */
  public Future<JsonArray> mine(long jobseekerId, Lang lang) {
    return store.ofPerson(pool, jobseekerId).map(list -> json(list, lang));
  }

  /** A case's letters ({@code cascade:42}), oldest first, for entitled staff. */
  public Future<JsonArray> ofCase(String caseRef, Lang lang) {
    return store.ofCase(pool, caseRef).map(list -> json(list, lang));
  }

  /** A letter's PDF for the person it went to, or for staff who may read cases; anyone else learns nothing of it (404). */
  public Future<LetterStore.File> file(long id, long accountId, boolean staff) {
    return store.file(pool, id).compose(f -> f == null || (!staff && f.jobseekerId() != accountId)
        ? Future.failedFuture(Reason.LETTER_NOT_FOUND.refuse()) : Future.succeededFuture(f));
  }

  private JsonArray json(List<LetterStore.Summary> list, Lang lang) {
    JsonArray out = new JsonArray();
    for (LetterStore.Summary s : list) {
      String key = s.kind().textKey(s.outcome()) + ".subject";
      out.add(new JsonObject().put("id", s.id()).put("kind", s.kind().name())
          .put("outcome", s.outcome() == null ? null : s.outcome().name()).put("case", s.caseRef())
          .put("reference", s.reference()).put("subject", messages.get(lang, key)).put("languages", new JsonArray(s.languages()))
          .put("decidedBy", s.decidedBy()).put("decidedRole", s.decidedRole()).put("createdAt", s.createdAt().toString())
          .put("size", s.size()).put("download", "/api/letters/" + s.id() + "/pdf"));
    }
    return out;
  }
}
