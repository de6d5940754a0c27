package at.jobfair.invitation;

import at.jobfair.audit.AuditChain;
import at.jobfair.audit.AuditLog;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.legal.Basis;
import at.jobfair.legal.Catalogue;
import at.jobfair.mail.MailSender;
import at.jobfair.refusal.Reason;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Placement proposals and control appointments: one person, one booth, a deadline, on the catalogue's basis for the
 * person's benefit type; written, audited and mailed in one transaction.
 */
final class PersonalInvitations {

  private final InvitationService invitations;
  private final Pool pool;
  private final MailSender mailSender;
  private final Catalogue legal;
  private final AuditLog audit;

  PersonalInvitations(InvitationService invitations, Pool pool, MailSender mailSender, Catalogue legal, AuditLog audit) {
    this.invitations = invitations;
    this.pool = pool;
    this.mailSender = mailSender;
    this.legal = legal;
    this.audit = audit;
  }

  /**
   * {@code {"type":"PLACEMENT_PROPOSAL","jobseekerEmail"|"jobseekerId","vacancyId","deadline"}}: one binding proposal,
   * on the basis the catalogue gives for the person's benefit type.
   */
  Future<JsonObject> propose(Account actor, long fairId, JsonObject body) {
    Object vacancy = body.getValue("vacancyId");
    if (!(vacancy instanceof Number vacancyId)) throw Reason.INVITATION_VACANCY_MISSING.refuse();
    OffsetDateTime deadline = invitations.deadline(body.getValue("deadline"));
    return personal(actor, fairId, body, PROPOSAL, tx -> InvitationStore.vacancy(tx, fairId, vacancyId.longValue()).map(vac -> {
      if (vac == null) throw Reason.INVITATION_VACANCY_UNKNOWN.refuse();
      return new Target((Long) vac[0], vacancyId.longValue(), (String) vac[1]);
    }), deadline);
  }

  /**
   * {@code {"type":"CONTROL_APPOINTMENT","jobseekerEmail"|"jobseekerId","boothId","deadline"}}: the person must book and
   * attend an appointment at this booth by the deadline (§ 49 AlVG, § 32 SGB II, § 159 SGB III); no vacancy: it is no job
   * offer and can never become a refusal-of-work case.
   */
  Future<JsonObject> control(Account actor, long fairId, JsonObject body) {
    Object booth = body.getValue("boothId");
    if (!(booth instanceof Number boothId)) throw Reason.INVITATION_BOOTH_MISSING.refuse();
    OffsetDateTime deadline = invitations.deadline(body.getValue("deadline"));
    return personal(actor, fairId, body, CONTROL, tx -> InvitationStore.booth(tx, fairId, boothId.longValue()).map(employer -> {
      if (employer == null) throw Reason.INVITATION_BOOTH_UNKNOWN.refuse();
      return new Target(boothId.longValue(), null, null);
    }), deadline);
  }

  static final String PROPOSAL = "PLACEMENT_PROPOSAL";
  static final String CONTROL = "CONTROL_APPOINTMENT";

  /** Where a personal invitation leads: the booth, and for a proposal the vacancy. */
  private record Target(long boothId, Long vacancyId, String vacancyTitle) {
  }

  private Future<JsonObject> personal(Account actor, long fairId, JsonObject body, String kind,
                                      java.util.function.Function<SqlClient, Future<Target>> target, OffsetDateTime deadline) {
    Object id = body.getValue("jobseekerId");
    Object email = body.getValue("jobseekerEmail");
    if (!(id instanceof Number) && !(email instanceof String s && !s.isBlank())) throw Reason.INVITATION_JOBSEEKER_MISSING.refuse();
    if (!deadline.toInstant().isAfter(Instant.now())) throw Reason.INVITATION_DEADLINE.refuse();
    return pool.withTransaction(tx -> InvitationService.publishedFair(tx, fairId)
        .compose(v -> target.apply(tx))
        .compose(t -> InvitationStore.jobseeker(tx, id instanceof Number n ? n.longValue() : null, email instanceof String s ? s.strip() : null)
            .compose(person -> {
              if (person == null) return Future.failedFuture(Reason.INVITATION_JOBSEEKER_UNKNOWN.refuse());
              return InvitationStore.benefitType(tx, person.id()).compose(benefit -> {
                Basis basis = basis(kind, benefit);
                String language = InvitationMails.lang(person.language()).code();
                return InvitationStore.insertPersonal(tx, kind, basis, person.id(), fairId, t.boothId(), t.vacancyId(), t.vacancyTitle(),
                        deadline, language, actor.id())
                    .compose(invitationId -> audit.append(tx, sent(actor, kind, invitationId, person.id(), basis, benefit, language, t, deadline))
                        .map(invitationId));
              });
            }))
        .compose(invitationId -> invitations.send(tx, invitationId)))
        .onSuccess(i -> mailSender.wake())
        .map(InvitationService::json);
  }

  /**
   * The basis a personal invitation of this kind rests on for a person with this benefit type: none recorded, or none in
   * the catalogue for it, is refused in plain words, and nothing is written.
   */
  Basis basis(String kind, String benefit) {
    if (benefit == null) throw Reason.INVITATION_BENEFIT_MISSING.refuse();
    return legal.resolve(kind, benefit, Instant.now())
        .orElseThrow(() -> (PROPOSAL.equals(kind) ? Reason.INVITATION_NO_BINDING_BASIS : Reason.INVITATION_NO_CONTROL_BASIS).refuse());
  }

  /** Sending it is a step concerning the person: the trail names whom, on which basis version, and the notice's language. */
  private static AuditChain.Entry sent(Account actor, String kind, long invitationId, long personId, Basis basis, String benefit,
                                       String language, Target t, OffsetDateTime deadline) {
    String reasons = "jobseeker " + personId + "; basis " + basis.ref() + "; benefit " + benefit + "; notice " + language
        + "; booth " + t.boothId() + (t.vacancyId() == null ? "" : "; vacancy " + t.vacancyId()) + "; deadline " + deadline.toInstant();
    return AuditChain.Entry.of(Instant.now(), actor.id(), role(actor), "invitation:" + invitationId, kind, null, basis.obligation().name(),
        reasons);
  }

  /** The staff role the actor sends invitations in (the route lets SFA, SFU and organisers). */
  private static String role(Account actor) {
    for (Role r : List.of(Role.SFA, Role.SFU, Role.ORGANIZER)) if (actor.has(r)) return r.name();
    return actor.roles().stream().findFirst().map(Enum::name).orElse("UNKNOWN");
  }
}
