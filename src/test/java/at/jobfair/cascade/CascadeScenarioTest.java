package at.jobfair.cascade;

import at.jobfair.cascade.Event.Decision;
import at.jobfair.cascade.Event.Finding;
import at.jobfair.cascade.Event.Type;
import at.jobfair.identity.Role;
import at.jobfair.legal.Obligation;
import at.jobfair.refusal.Reason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The stories of the domain, step by step. */
class CascadeScenarioTest {

  private static final Instant T = Instant.parse("2026-03-10T09:00:00Z");
  private static final Actor SYS = Actor.SYSTEM;
  private static final Actor SFU = new Actor(Role.SFU, "sfu-7");
  private static final Actor ERHEBUNG = new Actor(Role.ERHEBUNG, "ed-3");
  private static final Actor PROVIDER = new Actor(Role.PROVIDER, "bfi-1");
  private static final Actor EMPLOYER = new Actor(Role.EMPLOYER, "emp-9");
  private static final Actor OWN_SFA = new Actor(Role.SFA, "cw-1");
  private static final Actor OTHER_SFA = new Actor(Role.SFA, "cw-2");
  private static final Actor ORGANIZER = new Actor(Role.ORGANIZER, "org-1");
  private static final Actor KOMMUNE = new Actor(Role.KOMMUNE, "graz-1");

  /** The vacancies proposed with a provably delivered notice in the binding stories (v-2 and v-graz-4 were not). */
  private static final java.util.Set<String> NOTICED = java.util.Set.of("v-1", "v-tirol-1");

  private Transition last;

  private Cascade ok(Playbook pb, Cascade c, Event e, Actor a, Instant now) {
    Outcome.Moved m = assertInstanceOf(Outcome.Moved.class, CascadeMachine.apply(pb, c, e, a, now), e + " by " + a);
    last = m.transition();
    return m.cascade();
  }

  private static void refused(Reason code, Playbook pb, Cascade c, Event e, Actor a, Instant now) {
    assertEquals(new Outcome.Refusal(code), CascadeMachine.apply(pb, c, e, a, now), e + " by " + a);
  }

  /** Booked and checked in: waiting at the first station. */
  private Cascade checkedIn(Playbook pb, Cascade c) {
    c = ok(pb, c, Event.of(Type.BOOK), SYS, T);
    return ok(pb, c, Event.of(Type.CHECK_IN), SYS, T);
  }

  /** Checked in, taken at the offer station, the offer declined: waiting at the next station (the sanction check). */
  private Cascade waitingAtCheck(Playbook pb, Cascade invited) {
    Cascade c = checkedIn(pb, invited);
    c = ok(pb, c, Event.of(Type.TAKE), SFU, T);
    return ok(pb, c, Event.offerDeclined("v-1", "Passt nicht"), SFU, T);
  }

  @Test
  void supraRegionalDeclinesOfferAndLocalOfferThenOwnSfaDecides() {
    Playbook pb = Playbook.defaultFor(Format.SUPRA_REGIONAL, false);
    Cascade c = checkedIn(pb, Cascade.invited(Obligation.BINDING, false, "cw-1").withNoticed(NOTICED));
    assertEquals(Station.OFFER, last.nextStation());
    c = ok(pb, c, Event.of(Type.TAKE), SFU, T);
    refused(Reason.WRONG_STATION, pb, c, Event.localOfferDeclined("v-2", "zu weit"), SFU, T);
    c = ok(pb, c, Event.offerDeclined("v-tirol-1", "Ich kann nicht nach Tirol ziehen, mein Kind geht hier zur Schule"), SFU, T);
    assertEquals(State.WAITING, c.state());
    assertEquals(Station.LOCAL_OFFER, c.station());
    assertEquals(Station.LOCAL_OFFER, last.nextStation());
    assertEquals("Ich kann nicht nach Tirol ziehen, mein Kind geht hier zur Schule", last.reasons());
    assertEquals("v-tirol-1", last.vacancyId());
    refused(Reason.NOT_TAKEN, pb, c, Event.localOfferDeclined("v-2", "Schichtdienst"), SFU, T);
    c = ok(pb, c, Event.of(Type.TAKE), SFU, T);
    c = ok(pb, c, Event.localOfferDeclined("v-graz-4", "Schichtdienst geht nicht"), SFU, T);
    assertEquals(Station.SANCTION_CHECK, last.nextStation());
    refused(Reason.NOT_STAFF_OF_STATION, pb, c, Event.of(Type.TAKE), ERHEBUNG, T); // supra-regional: SfA on site
    c = ok(pb, c, Event.of(Type.TAKE), OTHER_SFA, T);
    refused(Reason.STATEMENT_MISSING, pb, c, Event.finding(Finding.NOT_JUSTIFIED, "keine Gründe"), OTHER_SFA, T);
    c = ok(pb, c, Event.statement("Ich will einfach nicht Schicht arbeiten"), OTHER_SFA, T);
    c = ok(pb, c, Event.finding(Finding.NOT_JUSTIFIED, "Keine triftigen Gründe"), OTHER_SFA, T);
    assertEquals(State.SANCTION_PROPOSED, c.state());
    assertEquals(T.plus(Duration.ofDays(14)), c.dates().decisionDue());
    Instant after = T.plus(Duration.ofDays(2));
    refused(Reason.NOT_RESPONSIBLE_DECIDER, pb, c, Event.decide(Decision.IMPOSE, "x"), OTHER_SFA, after);
    refused(Reason.NOT_RESPONSIBLE_DECIDER, pb, c, Event.decide(Decision.IMPOSE, "x"), ORGANIZER, after);
    refused(Reason.NOT_RESPONSIBLE_DECIDER, pb, c, Event.decide(Decision.IMPOSE, "x"), KOMMUNE, after);
    refused(Reason.PLATFORM_NEVER_DECIDES, pb, c, Event.decide(Decision.IMPOSE, "x"), SYS, after);
    c = ok(pb, c, Event.decide(Decision.IMPOSE, "Vereitelung einer Beschäftigung"), OWN_SFA, after);
    assertEquals(State.IMPOSED, c.state());
    assertEquals(after, c.dates().imposedAt());
    assertEquals("SFA", last.actorRole());
    assertEquals("cw-1", last.actorId());
    refused(Reason.NO_WAIVER_TRACKING, pb, c, Event.jobStart(after), SYS, after);
    c = ok(pb, c, Event.of(Type.CLOSE), SYS, after);
    refused(Reason.CASCADE_CLOSED, pb, c, Event.of(Type.CLOSE), SYS, after);
  }

  @Test
  void voluntaryParticipantDecliningEverythingEndsWithoutSanctionCheck() {
    Playbook pb = Playbook.defaultFor(Format.REGIONAL, false);
    Cascade c = checkedIn(pb, Cascade.invited(Obligation.VOLUNTARY, false, "cw-1"));
    assertEquals(Station.TRAINING_SCREENING, c.station());
    c = ok(pb, c, Event.of(Type.TAKE), PROVIDER, T);
    refused(Reason.REASONS_REQUIRED, pb, c, Event.courseDeclined("   "), PROVIDER, T);
    c = ok(pb, c, Event.courseDeclined("Ich habe den Kurs schon gemacht"), PROVIDER, T);
    assertEquals(Station.OFFER, c.station());
    c = ok(pb, c, Event.of(Type.TAKE), SFU, T);
    c = ok(pb, c, Event.offerDeclined("v-1", "Die Arbeitszeiten passen nicht"), SFU, T);
    assertEquals(State.ENDED_NO_SANCTION_CHECK, c.state());
    assertNull(c.station());
    assertNull(last.nextStation());
  }

  @Test
  void employerNoShowAndOutageBlockTheSanctionCheck() {
    Playbook pb = Playbook.defaultFor(Format.CAMPAIGN, false);
    for (boolean noShow : new boolean[] {true, false}) {
      Cascade c = checkedIn(pb, Cascade.invited(Obligation.BINDING, false, "cw-1").withNoticed(NOTICED)).withEmployerNoShow(noShow)
          .withOutage(!noShow);
      c = ok(pb, c, Event.of(Type.TAKE), SFU, T);
      c = ok(pb, c, Event.offerDeclined("v-1", "Passt nicht"), SFU, T);
      assertEquals(State.ENDED_NO_SANCTION_CHECK, c.state());
    }
    // recorded only after the person reached the queue: the check still may not start
    Cascade c = waitingAtCheck(pb, Cascade.invited(Obligation.BINDING, false, "cw-1").withNoticed(NOTICED));
    assertEquals(Station.SANCTION_CHECK, c.station());
    refused(Reason.SANCTION_BARRED_OUTAGE, pb, c.withOutage(true), Event.of(Type.TAKE), ERHEBUNG, T);
    refused(Reason.SANCTION_BARRED_EMPLOYER_NO_SHOW, pb, c.withEmployerNoShow(true), Event.of(Type.TAKE), ERHEBUNG, T);
    refused(Reason.SANCTION_BARRED_VOLUNTARY, pb, c.withBasis(Obligation.VOLUNTARY), Event.of(Type.TAKE), ERHEBUNG, T);
    ok(pb, c, Event.of(Type.TAKE), ERHEBUNG, T);
  }

  @Test
  void aLateBarEndsTheCaseWhereverItWaitsForASanctionStep() {
    Playbook pb = Playbook.defaultFor(Format.CAMPAIGN, false);
    Cascade c = checkedIn(pb, Cascade.invited(Obligation.BINDING, false, "cw-1").withNoticed(NOTICED));
    c = ok(pb, c, Event.of(Type.TAKE), SFU, T);
    Cascade waiting = ok(pb, c, Event.offerDeclined("v-1", "Passt nicht"), SFU, T);
    // no bar: the platform may not end the check
    refused(Reason.NO_SANCTION_BAR, pb, waiting, Event.sanctionBarred(null), SYS, T);
    // only the platform records a bar's consequence, never a person
    refused(Reason.NOT_PERMITTED, pb, waiting.withOutage(true), Event.sanctionBarred("sanction_barred_outage"), ERHEBUNG, T);
    Cascade ended = ok(pb, waiting.withOutage(true), Event.sanctionBarred("sanction_barred_outage"), SYS, T);
    assertEquals(State.ENDED_NO_SANCTION_CHECK, ended.state());
    assertNull(ended.station());
    assertNull(last.nextStation());
    assertEquals("sanction_barred_outage", last.reasons());
    assertEquals("SYSTEM", last.actorRole());
    assertEquals(State.CLOSED, ok(pb, ended, Event.of(Type.CLOSE), SYS, T).state());

    Cascade at = ok(pb, waiting, Event.of(Type.TAKE), ERHEBUNG, T);
    at = ok(pb, at, Event.statement("Ich war krank"), ERHEBUNG, T);
    assertEquals(State.ENDED_NO_SANCTION_CHECK,
        ok(pb, at.withEmployerNoShow(true), Event.sanctionBarred("sanction_barred_employer_no_show"), SYS, T).state());

    Cascade proposed = ok(pb, at, Event.finding(Finding.NOT_JUSTIFIED, "Keine Gründe"), ERHEBUNG, T);
    refused(Reason.SANCTION_BARRED_OUTAGE, pb, proposed.withOutage(true), Event.decide(Decision.IMPOSE, "x"), OWN_SFA, T);
    refused(Reason.SANCTION_BARRED_OUTAGE, pb, proposed.withOutage(true), Event.decide(Decision.DO_NOT_IMPOSE, "x"), OWN_SFA, T);
    assertEquals(State.ENDED_NO_SANCTION_CHECK,
        ok(pb, proposed.withOutage(true), Event.sanctionBarred("sanction_barred_outage"), SYS, T).state());
    Cascade sentBack = ok(pb, proposed, Event.decide(Decision.SEND_BACK, "Stellungnahme fehlt"), OWN_SFA, T);
    assertEquals(State.ENDED_NO_SANCTION_CHECK,
        ok(pb, sentBack.withOutage(true), Event.sanctionBarred("sanction_barred_outage"), SYS, T).state());
    Cascade pending = ok(pb, at, Event.finding(Finding.UNCLEAR, "Belege fehlen"), ERHEBUNG, T);
    assertEquals(State.ENDED_NO_SANCTION_CHECK,
        ok(pb, pending.withOutage(true), Event.sanctionBarred("sanction_barred_outage"), SYS, T).state());

    // once decided, the platform does not undo a human's decision; nor does a bar end an earlier station
    Cascade imposed = ok(pb, proposed, Event.decide(Decision.IMPOSE, "Vereitelung"), OWN_SFA, T);
    refused(Reason.EVENT_NOT_ALLOWED, pb, imposed.withOutage(true), Event.sanctionBarred("sanction_barred_outage"), SYS, T);
    refused(Reason.EVENT_NOT_ALLOWED, pb, c.withOutage(true), Event.sanctionBarred("sanction_barred_outage"), SYS, T);
  }

  @Test
  void minimumIncomeRecipientIsDecidedByTheMunicipalityOnly() {
    Playbook pb = Playbook.defaultFor(Format.CAMPAIGN, false);
    Cascade c = waitingAtCheck(pb, Cascade.invited(Obligation.BINDING, true, "cw-1").withNoticed(NOTICED));
    c = ok(pb, c, Event.of(Type.TAKE), ERHEBUNG, T);
    c = ok(pb, c, Event.statement("Ich will nicht"), ERHEBUNG, T);
    c = ok(pb, c, Event.finding(Finding.UNCLEAR, "Belege zur Pflege fehlen"), ERHEBUNG, T);
    assertEquals(State.DECISION_PENDING, c.state());
    refused(Reason.NOT_RESPONSIBLE_DECIDER, pb, c, Event.decide(Decision.DO_NOT_IMPOSE, "x"), OWN_SFA, T);
    refused(Reason.NOT_RESPONSIBLE_DECIDER, pb, c, Event.decide(Decision.DO_NOT_IMPOSE, "x"), ERHEBUNG, T);
    c = ok(pb, c, Event.decide(Decision.SEND_BACK, "Bitte Belege einholen"), KOMMUNE, T);
    assertEquals(State.SENT_BACK, c.state());
    assertEquals(Station.SANCTION_CHECK, last.nextStation());
    c = ok(pb, c, Event.of(Type.TAKE), ERHEBUNG, T);
    refused(Reason.STATEMENT_MISSING, pb, c, Event.finding(Finding.JUSTIFIED, "Pflege belegt"), ERHEBUNG, T);
    c = ok(pb, c, Event.statement("Hier ist die Bestätigung der Pflege"), ERHEBUNG, T);
    c = ok(pb, c, Event.finding(Finding.JUSTIFIED, "Pflege belegt"), ERHEBUNG, T);
    assertEquals(State.NO_SANCTION, c.state());
  }

  /** Imposed on 10 March; the deadline of 28 days runs across the switch to summer time, counted on instants. */
  @Test
  void waiverAfterAJobStartWithinTheDeadlineOnly() {
    Playbook pb = Playbook.defaultFor(Format.CAMPAIGN, false);
    Cascade c = waitingAtCheck(pb, Cascade.invited(Obligation.BINDING, false, "cw-1").withNoticed(NOTICED));
    c = ok(pb, c, Event.of(Type.TAKE), ERHEBUNG, T);
    c = ok(pb, c, Event.statement("Kein Interesse"), ERHEBUNG, T);
    c = ok(pb, c, Event.finding(Finding.NOT_JUSTIFIED, "Keine Gründe"), ERHEBUNG, T);
    c = ok(pb, c, Event.decide(Decision.IMPOSE, "Vereitelung"), OWN_SFA, T);
    Instant deadline = Instant.parse("2026-04-07T09:00:00Z");
    Instant reported = deadline.plus(Duration.ofDays(3));
    refused(Reason.WAIVER_PERIOD_OPEN, pb, c, Event.of(Type.CLOSE), SYS, deadline);
    refused(Reason.WAIVER_DEADLINE_PASSED, pb, c, Event.jobStart(deadline.plusSeconds(1)), SYS, reported);
    refused(Reason.JOB_START_IN_FUTURE, pb, c, Event.jobStart(deadline), SYS, deadline.minusSeconds(1));
    refused(Reason.NOT_PERMITTED, pb, c, Event.jobStart(deadline), OTHER_SFA, reported);
    Cascade w = ok(pb, c, Event.jobStart(deadline), OWN_SFA, reported);
    assertEquals(State.WAIVER_CONSIDERATION, w.state());
    assertEquals(deadline, w.dates().jobStart());
    refused(Reason.PLATFORM_NEVER_DECIDES, pb, w, Event.waive("Job angetreten"), SYS, reported);
    assertEquals(State.WAIVED, ok(pb, w, Event.waive("Job angetreten am 7. April"), OWN_SFA, reported).state());
    assertEquals(State.CLOSED, ok(pb, w, Event.refuseWaiver("Nach zwei Tagen gekündigt"), OWN_SFA, reported).state());
    assertEquals(State.CLOSED, ok(pb, c, Event.of(Type.CLOSE), SYS, deadline.plusSeconds(1)).state());
  }

  @Test
  void eJobmeetingEscalatesOnlyWhenEnabled() {
    for (boolean esc : new boolean[] {false, true}) {
      Playbook pb = Playbook.defaultFor(Format.E_JOBMEETING, esc);
      Cascade c = checkedIn(pb, Cascade.invited(Obligation.BINDING, false, "cw-1").withNoticed(NOTICED));
      c = ok(pb, c, Event.of(Type.TAKE), EMPLOYER, T);
      refused(Reason.EVENT_NOT_ALLOWED, pb, c, Event.of(Type.CLOSE), EMPLOYER, T); // the state is checked before the actor
      c = ok(pb, c, Event.offerDeclined("v-1", "Ich spreche zu wenig Deutsch für die Küche"), EMPLOYER, T);
      assertEquals(esc ? State.WAITING : State.ENDED_NO_SANCTION_CHECK, c.state());
      assertEquals(esc ? Station.SANCTION_CHECK : null, last.nextStation());
    }
  }

  @Test
  void aDeclineOfAVacancyNeverProposedWithANoticeIsRecordedButEndsWithoutASanctionCheck() {
    Playbook pb = Playbook.defaultFor(Format.CAMPAIGN, false);
    // Anna's proposal was the cook's job; the station offered her the bakery job as well
    Cascade invited = Cascade.invited(Obligation.BINDING, false, "cw-1").withNoticed(java.util.Set.of("v-koch"));
    Cascade c = ok(pb, checkedIn(pb, invited), Event.of(Type.TAKE), SFU, T);
    Cascade ended = ok(pb, c, Event.offerDeclined("v-backstube", "Nachtschicht geht nicht"), SFU, T);
    assertEquals(State.ENDED_NO_SANCTION_CHECK, ended.state());
    assertNull(last.nextStation());
    assertEquals("v-backstube", last.vacancyId());
    assertEquals(Reason.SANCTION_BARRED_NO_NOTICE, ended.sanctionBar());
    // the proposed vacancy declined: the check may follow
    Cascade waiting = ok(pb, c, Event.offerDeclined("v-koch", "Zu weit weg"), SFU, T);
    assertEquals(Station.SANCTION_CHECK, last.nextStation());
    assertEquals(true, waiting.findings().noticeDeclined());
    // a proposal whose notice was not provably delivered (mail still queued) is not among the noticed ones
    Cascade queued = ok(pb, checkedIn(pb, Cascade.invited(Obligation.BINDING, false, "cw-1")), Event.of(Type.TAKE), SFU, T);
    assertEquals(State.ENDED_NO_SANCTION_CHECK, ok(pb, queued, Event.offerDeclined("v-koch", "Zu weit weg"), SFU, T).state());
    // a case at the check without a noticed decline (recorded before the rule) can take no sanction step; the platform ends it
    Cascade legacy = waiting.withNoticeDeclined(false);
    refused(Reason.SANCTION_BARRED_NO_NOTICE, pb, legacy, Event.of(Type.TAKE), ERHEBUNG, T);
    assertEquals(State.ENDED_NO_SANCTION_CHECK, ok(pb, legacy, Event.sanctionBarred("sanction_barred_no_notice"), SYS, T).state());
  }
}
