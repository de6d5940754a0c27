package at.jobfair.privacy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Erases or anonymises a person's data (GDPR art. 17) in the caller's transaction, except what the law makes the service
 * keep: the case records under retention (cascade and its steps, hearings, requests for reasons and their answers,
 * letters, sick notes, attendance, the worklist) stay until {@code retention/} removes them; they refer to the person by
 * account id only, and the account then holds no name or email. The audit trail is not touched: it holds ids and hashes,
 * never a person's words (see docs/PRIVACY.md), so it still verifies.
 */
final class Erasure {

  /** What was done, for the audit record (counts only) and for ending the person's sessions after the commit. */
  record Result(List<String> sessionIds, int mails, int bookingsCancelled) {
    String summary() {
      return "sessions " + sessionIds.size() + "; mails " + mails + "; bookings cancelled " + bookingsCancelled;
    }
  }

  private Erasure() {
  }

  /**
   * A case still running: a cascade at a station or waiting for a decision, or a request for reasons not yet decided.
   * Erasing then would take the person's name from a case someone is deciding; the organiser refuses with a reason.
   */
  static Future<Boolean> openCase(SqlClient c, long personId) {
    return c.preparedQuery("""
            select exists (select 1 from cascade where jobseeker_id = $1
                            and state in ('WAITING', 'AT_STATION', 'SANCTION_PROPOSED', 'DECISION_PENDING', 'SENT_BACK', 'WAIVER_CONSIDERATION'))
                or exists (select 1 from reasons_request where jobseeker_id = $1 and state in ('ASKED', 'ANSWERED', 'NO_ANSWER', 'CASE_OPEN'))""")
        .execute(Tuple.of(personId)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  static Future<Result> run(SqlClient tx, long personId) {
    Tuple id = Tuple.of(personId);
    List<String> sessions = new ArrayList<>();
    int[] counts = new int[2];
    // The old address first: mails and failed sign-ins are kept by address, not by account. The account is locked
    // against a second erasure, but not against what refers to it (no key update): a "next" at a booth's queue that
    // is making the person a walk-up booking finishes first and its booking is cancelled below, rather than the two
    // waiting for each other (a deadlock).
    return tx.preparedQuery("select email::text from account where id = $1 for no key update").execute(id).compose(rows -> {
      String email = rows.iterator().next().getString(0);
      Tuple idEmail = Tuple.of(personId, email);
      // Sessions keep the signed-in account (with its email) in their data: found by it, ended after the commit.
      return tx.preparedQuery("select id from http_session where position(convert_to($2, 'UTF8') in data) > 0 or position(convert_to($1, 'UTF8') in data) > 0")
          .execute(Tuple.of("\"id\":" + personId + ",", "\"" + email + "\""))
          .compose(found -> {
            for (Row r : found) sessions.add(r.getString(0));
            return tx.preparedQuery("delete from http_session where id = any($1)").execute(Tuple.of(sessions.toArray(new String[0])));
          })
          .compose(v -> tx.preparedQuery("delete from sign_in_failure where email = $1::citext").execute(Tuple.of(email)))
          // Their waiting walk-up queue places end as when they leave (everyone behind moves up live, V35). Before the
          // bookings are cancelled: a "next" that called them meanwhile (its row lock waited for) made a walk-up booking
          // the cancelling below then sees.
          .compose(v -> tx.preparedQuery("update queue_place set status = 'LEFT', ended_at = now() where account_id = $1 "
              + "and status = 'WAITING'").execute(id))
          // Mails to the person: the address and the text go; that a mail of its kind was sent, and when, stays (delivery
          // of a binding invitation is evidence). A letter's PDF stays in the letter, under retention. Mails not yet sent
          // are not sent any more.
          .compose(v -> tx.preparedQuery("""
                  update mail_outbox set to_address = 'erased-' || id || '@erased.invalid', to_name = null,
                         subject = '-', body_text = '-', body_html = null, attachments = '[]',
                         status = case when status = 'QUEUED' then 'FAILED' else status end,
                         last_error = case when status = 'QUEUED' then 'recipient erased' else last_error end
                   where to_address = $2::citext and $1 > 0""").execute(idEmail))
          // What the person wrote for employers (profile, CV, answers to booths' questions) is no evidence: it goes.
          .compose(r -> tx.preparedQuery("delete from job_profile where jobseeker_id = $1").execute(id)
              .compose(x -> tx.preparedQuery("delete from job_profile_cv where jobseeker_id = $1").execute(id))
              .compose(x -> tx.preparedQuery("delete from booking_answer a using booking k where k.id = a.booking_id and k.jobseeker_id = $1")
                  .execute(id)).map(r))
          .compose(r -> {
            counts[0] = r.rowCount();
            return tx.preparedQuery("""
                update booking set status = 'CANCELLED', cancelled_at = now(), cancelled_as = 'SYSTEM', cancel_reason = 'erasure'
                 where jobseeker_id = $1 and status = 'ACTIVE' and upper(during) > now()""").execute(id);
          })
          .compose(r -> {
            counts[1] = r.rowCount();
            return tx.preparedQuery("update meeting set callback_phone = null, callback_at = null where booking_id in (select id from booking where jobseeker_id = $1)").execute(id);
          })
          .compose(v -> tx.preparedQuery("delete from meeting_peer where account_id = $1").execute(id))
          // Their waitlist places end (a seat held for them passes to the next in line in the same statement).
          .compose(v -> tx.preparedQuery("update waitlist_entry set status = 'LEFT', ended_at = now() where jobseeker_id = $1 "
              + "and status in ('WAITING', 'OFFERED')").execute(id))
          // ... and, ended, they go with the ones ended before (the bookings a held seat became stay with the bookings).
          .compose(v -> tx.preparedQuery("delete from waitlist_entry where jobseeker_id = $1 and status not in ('WAITING', 'OFFERED')")
              .execute(id))
          // Their finished walk-up queue places go too (ended above; V42 refuses to remove a waiting place); a walk-up
          // booking stays with the bookings.
          .compose(v -> tx.preparedQuery("delete from queue_place where account_id = $1").execute(id))
          // What they wrote in chats is no evidence: their conversations with booths go (messages and reports on them
          // with them), and what they wrote elsewhere (a group session's chat) and the copies of what they reported.
          .compose(v -> tx.preparedQuery("delete from chat_conversation where jobseeker_id = $1").execute(id))
          .compose(v -> tx.preparedQuery("delete from chat_message where sender_id = $1").execute(id))
          .compose(v -> tx.preparedQuery("delete from chat_report where reporter_id = $1").execute(id))
          .compose(v -> tx.preparedQuery("update invitation set registered_ip = null where jobseeker_id = $1").execute(id))
          .compose(v -> tx.preparedQuery("delete from account_totp where account_id = $1").execute(id))
          .compose(v -> tx.preparedQuery("delete from email_link where account_id = $1").execute(id))
          .compose(v -> tx.preparedQuery("""
                  update jobseeker set phone = null, region = null, languages = '{}', target_group = null, benefit_type = null,
                         caseworker_id = null where account_id = $1""").execute(id))
          // The person's own words in earlier requests go; the requests themselves (that they were made) stay.
          .compose(v -> tx.preparedQuery("update rights_request set text = null where jobseeker_id = $1").execute(id))
          .compose(v -> tx.preparedQuery("""
                  update account set email = 'erased-' || id || '@erased.invalid', name = 'erased #' || id, password_hash = null,
                         active = false, erased_at = now() where id = $1""").execute(id))
          .map(v -> new Result(List.copyOf(sessions), counts[0], counts[1]));
    });
  }

  static JsonObject json(Result r) {
    return new JsonObject().put("sessions", r.sessionIds().size()).put("mails", r.mails()).put("bookingsCancelled", r.bookingsCancelled());
  }
}
