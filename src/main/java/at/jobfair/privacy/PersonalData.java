package at.jobfair.privacy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the product holds about one person (GDPR art. 15 and 20), gathered in one place: one plain SQL per kind
 * of data, each answering rows as JSON. {@link #COVERED} and {@link #NOT_PERSONAL} name every column that refers to an
 * account; a test lists those columns from the database and fails on one that is on neither list, so a new personal
 * table cannot be forgotten here.
 */
public final class PersonalData {

  /** One kind of data: its name (the export's key and the page's section) and the SQL ($1 = the person's account). */
  public record Section(String name, String sql) {
  }

  /** In the order the page shows them. */
  public static final List<Section> SECTIONS = List.of(
      new Section("account", """
          select a.id, a.email::text as email, a.name, a.language, a.active, a.created_at, a.erased_at,
                 (select array_agg(r.role order by r.role) from account_role r where r.account_id = a.id) as roles,
                 exists (select 1 from account_totp t where t.account_id = a.id and t.confirmed_at is not null) as second_factor
            from account a where a.id = $1"""),
      new Section("record", """
          select j.phone, j.region, j.languages, j.target_group, j.benefit_type, c.name as caseworker
            from jobseeker j left join account c on c.id = j.caseworker_id where j.account_id = $1"""),
      new Section("registrations", """
          select i.id, f.name as fair, i.created_at, i.registered_ip, i.first_opened_at
            from invitation i join fair f on f.id = i.fair_id where i.jobseeker_id = $1 and i.kind = 'PUBLIC_LINK' order by i.id"""),
      new Section("invitations", """
          select i.id, i.kind, i.legal_basis, i.basis_code, i.basis_version, f.name as fair, i.vacancy_title, i.deadline,
                 i.notice_version, i.notice_language, o.sent_at as delivered_at, i.first_opened_at, i.created_at
            from invitation i join fair f on f.id = i.fair_id left join mail_outbox o on o.id = i.outbox_id and o.status = 'SENT'
           where i.jobseeker_id = $1 and i.kind <> 'PUBLIC_LINK' order by i.id"""),
      new Section("bookings", """
          select b.id, f.name as fair, e.name as employer, lower(b.during) as starts_at, upper(b.during) as ends_at, b.status,
                 b.source, b.legal_basis, b.created_at, b.confirmed_at, b.cancelled_at, b.cancelled_as, b.cancel_reason,
                 (select array_agg(r.offset_minutes order by r.offset_minutes) from booking_reminder r where r.booking_id = b.id) as reminders_minutes
            from booking b join booth bo on bo.id = b.booth_id join fair f on f.id = bo.fair_id join employer e on e.id = bo.employer_id
           where b.jobseeker_id = $1 order by lower(b.during)"""),
      new Section("attendance", """
          select b.id as booking, lower(b.during) as starts_at, a.checked_in_at, a.outcome, a.outcome_source, a.outcome_at,
                 a.next_step, a.note, m.callback_phone, m.callback_at, m.admitted_at, m.phone_confirmed_at,
                 (select json_agg(json_build_object('kind', ev.kind, 'provider', ev.provider, 'at', ev.at) order by ev.at)
                    from meeting_event ev where ev.booking_id = b.id and ev.account_id = $1) as meeting_events,
                 (select count(*) from meeting_peer p where p.account_id = $1 and p.booking_id = b.id) as connected_now
            from booking b left join attendance a on a.booking_id = b.id left join meeting m on m.booking_id = b.id
           where b.jobseeker_id = $1 and (a.booking_id is not null or m.booking_id is not null
                 or exists (select 1 from meeting_event ev where ev.booking_id = b.id and ev.account_id = $1))
           order by lower(b.during)"""),
      new Section("queue", """
          select q.id, f.name as fair, e.name as employer, q.ticket, q.status, q.passed_why, q.joined_at, q.seen_at, q.ended_at,
                 q.booking_id as booking
            from queue_place q join booth bo on bo.id = q.booth_id join fair f on f.id = q.fair_id join employer e on e.id = bo.employer_id
           where q.account_id = $1 order by q.joined_at"""),
      new Section("sickNotes", """
          select s.booking_id as booking, s.note, s.recorded_at from sick_note s where s.jobseeker_id = $1 order by s.recorded_at"""),
      new Section("cascade", """
          select c.id, f.name as fair, c.state, c.station, c.legal_basis, c.minimum_income, c.decision_due, c.imposed_at,
                 c.job_start, c.created_at, c.updated_at,
                 (select json_agg(json_build_object('at', s.at, 'event', s.event, 'from', s.from_state, 'to', s.to_state,
                         'role', s.actor_role, 'vacancy', s.vacancy_title, 'finding', s.finding, 'decision', s.decision,
                         'reasons', s.reasons, 'jobStart', s.job_start) order by s.id)
                    from cascade_step s where s.cascade_id = c.id) as steps,
                 (select json_agg(json_build_object('at', h.at, 'vacancy', h.vacancy_title, 'station', h.station,
                         'noticeVersion', h.notice_version) order by h.id)
                    from cascade_handover h where h.cascade_id = c.id) as handovers,
                 (select json_agg(json_build_object('at', r.heard_at, 'language', r.language, 'interpreter', r.interpreter,
                         'confirmed', r.confirmed, 'statement', r.statement,
                         'items', (select json_agg(json_build_object('topic', it.topic, 'words', it.words, 'finding', it.finding))
                                     from hearing_item it where it.record_id = r.id)) order by r.id)
                    from hearing_record r where r.cascade_id = c.id) as hearings
            from cascade c join fair f on f.id = c.fair_id where c.jobseeker_id = $1 order by c.id"""),
      new Section("reasons", """
          select q.id, q.kind, q.basis_code, q.basis_version, q.obligation, q.decider, q.state, q.outcome, q.asked_at,
                 q.deadline, q.answered_at, q.no_answer_at, q.resumed_on,
                 (select json_agg(json_build_object('at', a.at, 'text', a.text) order by a.id)
                    from reasons_answer a where a.request_id = q.id) as answers,
                 (select json_agg(json_build_object('file', e.file_name, 'type', e.media_type, 'size', e.size, 'at', e.uploaded_at) order by e.id)
                    from reasons_evidence e where e.request_id = q.id) as evidence,
                 (select json_agg(json_build_object('at', s.at, 'event', s.event, 'to', s.to_state, 'outcome', s.outcome,
                         'role', s.actor_role, 'reasons', s.reasons) order by s.id)
                    from reasons_step s where s.request_id = q.id) as steps
            from reasons_request q where q.jobseeker_id = $1 order by q.id"""),
      new Section("worklist", """
          select w.kind, w.booking_id as booking, w.created_at, w.result, w.result_note, w.result_at
            from worklist_item w where w.jobseeker_id = $1 order by w.id"""),
      new Section("letters", """
          select l.id, l.kind, l.outcome, l.reference, l.case_ref, l.languages, l.basis_code, l.basis_version, l.created_at,
                 '/api/letters/' || l.id || '/pdf' as download
            from letter l where l.jobseeker_id = $1 order by l.id"""),
      new Section("mails", """
          select o.kind, o.subject, o.status, o.created_at, o.sent_at
            from mail_outbox o where o.to_address = (select email from account where id = $1) order by o.id"""),
      new Section("dataAccess", """
          select d.staff_name as by, d.what, d.why, d.at from data_access d where d.jobseeker_id = $1 order by d.at desc, d.id desc"""),
      new Section("rightsRequests", """
          select r.id, r.kind, r.text, r.state, r.due_at, r.reply, r.created_at, r.closed_at
            from rights_request r where r.jobseeker_id = $1 order by r.id"""),
      new Section("signInFailures", """
          select f.at, f.ip from sign_in_failure f where f.email = (select email from account where id = $1) order by f.at"""),
      // the links mailed to sign in once or to set a new password: when asked, until when, when used (never the token)
      new Section("emailLinks", """
          select l.purpose, l.created_at, l.expires_at, l.used_at from email_link l where l.account_id = $1 order by l.created_at"""),
      // the person's conversations with booths and what was written in them (by either side), and what they reported
      new Section("chats", """
          select c.id, e.name as booth, c.created_at, c.blocked_at,
                 (select json_agg(json_build_object('seq', m.seq, 'side', m.side, 'from', m.sender_name, 'text', m.body, 'at', m.sent_at)
                                  order by m.seq) from chat_message m where m.conversation_id = c.id) as messages,
                 (select json_agg(json_build_object('message', r.body, 'reason', r.reason, 'at', r.reported_at))
                    from chat_report r where r.conversation_id = c.id and r.reporter_id = $1) as reported
            from chat_conversation c left join booth bo on bo.id = c.booth_id left join employer e on e.id = bo.employer_id
           where c.jobseeker_id = $1 or exists (select 1 from chat_message m where m.conversation_id = c.id and m.sender_id = $1)
           order by c.id"""),
      // the booths' waitlists the person joined, offers of a freed seat and how each place ended
      new Section("waitlists", """
          select w.id, e.name as booth, w.status, w.joined_at, w.offered_at, w.hold_until, w.booking_id, w.ended_at
            from waitlist_entry w join booth bo on bo.id = w.booth_id join employer e on e.id = bo.employer_id
           where w.jobseeker_id = $1 order by w.id"""),
      // the profile the person keeps for employers, what they share, their CV (its facts; the file at /api/me/cv) and
      // their answers to booths' questions
      new Section("profile", """
          select p.skills, p.languages, p.licences, p.available_from, p.hours_per_week, p.shifts, p.max_commute_minutes,
                 p.max_commute_km, p.relocate, p.shared, p.updated_at,
                 (select json_build_object('name', c.file_name, 'size', c.size, 'uploadedAt', c.uploaded_at)
                    from job_profile_cv c where c.jobseeker_id = x.id) as cv,
                 (select json_agg(json_build_object('booking', a.booking_id, 'question', a.question, 'answer', a.answer) order by a.booking_id, a.position)
                    from booking_answer a join booking k on k.id = a.booking_id where k.jobseeker_id = x.id) as answers
            from (select $1::bigint as id) x left join job_profile p on p.jobseeker_id = x.id"""));

  /**
   * Every column referring to an account whose rows are about the person, and the section that exports them. The
   * password hash and the second factor's secret are never exported (their existence is: {@code second_factor}).
   */
  public static final Map<String, String> COVERED = Map.ofEntries(
      Map.entry("account_role.account_id", "account"),
      Map.entry("account_totp.account_id", "account"),
      Map.entry("jobseeker.account_id", "record"),
      Map.entry("invitation.jobseeker_id", "invitations"),
      Map.entry("booking.jobseeker_id", "bookings"),
      Map.entry("sick_note.jobseeker_id", "sickNotes"),
      Map.entry("meeting_event.account_id", "attendance"),
      Map.entry("meeting_peer.account_id", "attendance"),
      Map.entry("cascade.jobseeker_id", "cascade"),
      Map.entry("reasons_request.jobseeker_id", "reasons"),
      Map.entry("worklist_item.jobseeker_id", "worklist"),
      Map.entry("letter.jobseeker_id", "letters"),
      Map.entry("data_access.jobseeker_id", "dataAccess"),
      Map.entry("rights_request.jobseeker_id", "rightsRequests"),
      Map.entry("email_link.account_id", "emailLinks"),
      Map.entry("queue_place.account_id", "queue"),
      Map.entry("job_profile.jobseeker_id", "profile"),
      Map.entry("job_profile_cv.jobseeker_id", "profile"),
      Map.entry("chat_conversation.jobseeker_id", "chats"),
      Map.entry("chat_message.sender_id", "chats"),
      Map.entry("chat_report.reporter_id", "chats"),
      Map.entry("waitlist_entry.jobseeker_id", "waitlists"));

  /**
   * Columns referring to an account that name who of the staff (or an employer) acted, not whom it was about: the
   * person's rows they belong to are exported through the column above (the booking, the step), staff's own data is not
   * a jobseeker's. A jobseeker's own id in one of them (a person cancelling their booking) is in that booking's row.
   */
  public static final Map<String, String> NOT_PERSONAL = Map.ofEntries(
      Map.entry("account.created_by", "who created the account (staff); the account itself is exported"),
      Map.entry("jobseeker.caseworker_id", "the caseworker: exported by name in record"),
      Map.entry("booth_staff.account_id", "employer staff of a booth"),
      Map.entry("booking.cancelled_by", "who cancelled: cancelled_as is exported with the booking"),
      Map.entry("consequence_notice.created_by", "staff who wrote a notice text"),
      Map.entry("mass_mailing.created_by", "staff who sent a mailing"),
      Map.entry("invitation.created_by", "staff who invited"),
      Map.entry("attendance.outcome_by", "who recorded the outcome: outcome_source is exported"),
      Map.entry("sick_note.recorded_by", "staff who recorded the sick note"),
      Map.entry("fair_outage.recorded_by", "staff who recorded an outage; no person's data"),
      Map.entry("worklist_item.result_by", "the caseworker who closed the item"),
      Map.entry("meeting.admitted_by", "employer staff who admitted; the meeting row is exported in attendance"),
      Map.entry("meeting.phone_confirmed_by", "employer staff who confirmed a call"),
      Map.entry("queue_place.called_by", "the booth's representative who called the person: the walk-up booking is exported"),
      Map.entry("booth_queue.changed_by", "booth staff who opened or paused a queue; no person's data"),
      Map.entry("employer_signup.representative_id", "an employer's first representative (not a jobseeker)"),
      Map.entry("employer_signup.decided_by", "the organiser who decided a sign-up"),
      Map.entry("exhibitor_application.applied_by", "the employer's representative who applied to exhibit"),
      Map.entry("exhibitor_application.decided_by", "the organiser who decided an application"),
      Map.entry("cascade_playbook.updated_by", "organiser who changed a playbook"),
      Map.entry("cascade.caseworker_id", "the decider at that time (staff)"),
      Map.entry("cascade.taken_by", "station staff serving the person"),
      Map.entry("cascade_step.actor_id", "who took the step: its role is exported with the step"),
      Map.entry("cascade_handover.handed_by", "SfU who handed a proposal over: exported through cascade"),
      Map.entry("hearing_record.heard_by", "who heard the person: the record is exported through cascade"),
      Map.entry("letter.decided_by", "who decided: the letter itself names them"),
      Map.entry("reasons_step.actor_id", "who took the step: its role is exported with the step"),
      Map.entry("data_access.staff_id", "staff who read: exported by name in dataAccess"),
      Map.entry("rights_request.closed_by", "staff who closed a request"),
      // who stands in for whom, and municipalities' areas (access/CoverService): staff accounts only, no jobseeker's data
      Map.entry("caseworker_deputy.caseworker_id", "the caseworker stood in for (staff)"),
      Map.entry("caseworker_deputy.deputy_id", "the deputy (staff)"),
      Map.entry("caseworker_deputy.created_by", "the organiser who entered the deputy"),
      Map.entry("caseworker_team.sfa_id", "an SfA's team (staff)"),
      Map.entry("municipality_area.account_id", "a municipality's regions (staff account)"),
      // hand-off to a colleague (handoff/HandoffService): employer staff of the booth; the booking is exported
      Map.entry("booking.interviewer_id", "the booth's staff member who interviews (employer staff)"),
      Map.entry("booking_handoff.from_id", "employer staff who had the appointment"),
      Map.entry("booking_handoff.to_id", "employer staff who took the appointment over"),
      Map.entry("booking_handoff.by_id", "employer staff who handed the appointment over"),
      Map.entry("meeting_invite.invitee_id", "employer staff asked into a call"),
      Map.entry("meeting_invite.invited_by", "employer staff who asked a colleague in"),
      // chat reports handled (chat/ChatService#handle): the organiser who handled one; the report is exported as chats
      Map.entry("chat_report.handled_by", "the organiser who handled a report (staff)"));

  private final Pool pool;

  public PersonalData(Pool pool) {
    this.pool = pool;
  }

  /** The export: {@code {"generatedAt", "sections": {name: [rows]}}}, read in one snapshot. */
  public Future<JsonObject> export(long personId) {
    return pool.withTransaction(tx -> tx.query("set transaction isolation level repeatable read, read only").execute()
        .compose(v -> gather(tx, personId)));
  }

  private Future<JsonObject> gather(SqlClient tx, long personId) {
    Map<String, JsonArray> out = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (Section s : SECTIONS) {
      chain = chain.compose(v -> tx.preparedQuery("select coalesce(json_agg(x), '[]'::json) from (" + s.sql() + ") x")
          .execute(Tuple.of(personId)).map(rows -> {
            Object rowsJson = rows.iterator().next().getValue(0);
            out.put(s.name(), rowsJson instanceof JsonArray a ? a : new JsonArray(String.valueOf(rowsJson)));
            return null;
          }));
    }
    return chain.map(v -> {
      JsonObject sections = new JsonObject();
      out.forEach(sections::put);
      return new JsonObject().put("generatedAt", java.time.Instant.now().toString()).put("sections", sections);
    });
  }
}
