package at.jobfair.attendance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Binding placement proposals not booked by their deadline (the view {@code overdue_binding_proposal}), as items on
 * the responsible caseworker's worklist. Each proposal becomes one {@code worklist_item} the first time it is seen,
 * so that the caseworker's result can be recorded like any other; a proposal booked after all drops off the list.
 */
public final class OverdueProposalItems implements Worklist.ItemSource {

  private final Pool pool;

  public OverdueProposalItems(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<JsonObject>> of(long caseworkerId) {
    return pool.preparedQuery("""
            insert into worklist_item (kind, jobseeker_id, proposal_id)
            select 'OVERDUE_PROPOSAL', v.jobseeker_id, v.invitation_id
              from overdue_binding_proposal v join jobseeker j on j.account_id = v.jobseeker_id
             where j.caseworker_id = $1
            on conflict (proposal_id) where kind = 'OVERDUE_PROPOSAL' do nothing""")
        .execute(Tuple.of(caseworkerId))
        .compose(v -> pool.preparedQuery("""
            select w.id, w.created_at, a.id as person_id, a.name as person_name, v.invitation_id, v.deadline, v.notice_version,
                   v.delivered_at, v.first_opened_at, v.invited_at, v.vacancy_title, f.id as fair_id, f.name as fair_name,
                   e.name as employer_name,
                   (select i.basis_code || '/' || i.basis_version from invitation i where i.id = v.invitation_id) as basis
              from worklist_item w
              join overdue_binding_proposal v on v.invitation_id = w.proposal_id
              join jobseeker j on j.account_id = w.jobseeker_id
              join account a on a.id = w.jobseeker_id
              join fair f on f.id = v.fair_id
              join booth b on b.id = v.booth_id
              join employer e on e.id = b.employer_id
             where w.kind = 'OVERDUE_PROPOSAL' and w.result is null and j.caseworker_id = $1
             order by v.deadline, w.id""").execute(Tuple.of(caseworkerId)))
        .map(rows -> {
          List<JsonObject> out = new ArrayList<>();
          for (Row r : rows) {
            JsonObject proposal = new JsonObject().put("invitationId", r.getLong("invitation_id"))
                .put("invitedAt", str(r.getOffsetDateTime("invited_at"))).put("deadline", str(r.getOffsetDateTime("deadline")))
                .put("noticeVersion", r.getInteger("notice_version")).put("basis", r.getString("basis"))
                .put("deliveredAt", str(r.getOffsetDateTime("delivered_at"))).put("firstOpenedAt", str(r.getOffsetDateTime("first_opened_at")))
                .put("vacancy", r.getString("vacancy_title")).put("employer", r.getString("employer_name"))
                .put("fair", new JsonObject().put("id", r.getLong("fair_id")).put("name", r.getString("fair_name")));
            out.add(new JsonObject().put("id", r.getLong("id")).put("kind", "OVERDUE_PROPOSAL")
                .put("createdAt", str(r.getOffsetDateTime("created_at")))
                .put("person", new JsonObject().put("id", r.getLong("person_id")).put("name", r.getString("person_name")))
                .put("evidence", new JsonObject().put("proposal", proposal)));
          }
          return out;
        });
  }

  private static String str(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
