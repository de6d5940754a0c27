package at.jobfair.meeting;

import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.meeting.MeetingStore.Kind;
import at.jobfair.refusal.Reason;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;

/**
 * The fair's orientation part as one-to-many session: organisers and employer-service counsellors present (moderators),
 * every signed-in jobseeker and the fair's employers may watch. Jitsi when configured; built in up to
 * {@code meeting.groupMaxParticipants} at once (every browser connects to every other one). Joins and leaves are logged
 * with the fair.
 */
public final class GroupSessions {

  /** Someone allowed into a fair's group session. */
  public record Group(long fairId, String fairName, Account user, String role, boolean moderator, String room,
                      JoinWindow.Result window) {
  }

  private final MeetingService meetings;

  public GroupSessions(MeetingService meetings) {
    this.meetings = meetings;
  }

  public Future<Group> enter(Account user, long fairId) {
    if (user == null) return Future.failedFuture(Reason.NOT_YOUR_MEETING.refuse());
    return meetings.pool().preparedQuery("""
            select f.name, f.orientation_starts_at, f.orientation_minutes, f.status = 'PUBLISHED' as published,
                   exists (select 1 from booth b where b.fair_id = f.id and b.employer_id = $2) as exhibits
              from fair f where f.id = $1""")
        .execute(Tuple.of(fairId, user.employerId()))
        .compose(rows -> {
          Row r = rows.size() == 0 ? null : rows.iterator().next();
          if (r == null || r.getOffsetDateTime("orientation_starts_at") == null || !r.getBoolean("published")) {
            return Future.failedFuture(Reason.GROUP_NOT_FOUND.refuse());
          }
          boolean presenter = user.has(Role.ORGANIZER) || user.has(Role.SFU);
          boolean allowed = user.isStaff() || user.has(Role.JOBSEEKER) || (user.has(Role.EMPLOYER) && r.getBoolean("exhibits"));
          if (!allowed) return Future.failedFuture(Reason.NOT_YOUR_MEETING.refuse());
          Instant start = r.getOffsetDateTime("orientation_starts_at").toInstant();
          Instant end = start.plus(Duration.ofMinutes(r.getInteger("orientation_minutes")));
          JoinWindow.Result window = JoinWindow.open(start, end, meetings.config().joinBefore(), meetings.clock().instant());
          MeetingAccess.Decision d = MeetingAccess.byWindow(window, MeetingAccess.Outcome.ENTER_AS_GUEST);
          if (!d.entered()) return Future.failedFuture(meetings.refusal(d));
          String role = user.has(Role.JOBSEEKER) ? "JOBSEEKER" : user.has(Role.EMPLOYER) ? "EMPLOYER" : "STAFF";
          return Future.succeededFuture(new Group(fairId, r.getString("name"), user, role, presenter,
              meetings.rooms().forGroup(fairId), window));
        });
  }

  public JsonObject describe(Group g) {
    JsonObject out = new JsonObject().put("provider", meetings.config().provider().code()).put("room", g.room()).put("fairId", g.fairId())
        .put("role", g.role()).put("moderator", g.moderator()).put("displayName", g.user().name())
        .put("opensAt", g.window().opensAt().toString()).put("closesAt", g.window().closesAt().toString())
        .put("maxParticipants", meetings.config().groupMaxParticipants());
    return meetings.connection(out, g.room(), () -> new JitsiTokens.Participant(meetings.participantId(g.user().id()),
        g.user().name(), "JOBSEEKER".equals(g.role()) ? null : g.user().email(), g.moderator()),
        g.window().closesAt(), "/fairs/" + g.fairId() + "/orientation/signal");
  }

  /** Someone entered or left the group session (reported by its signalling or by the Jitsi page): recorded. */
  public Future<Void> event(Group g, Kind kind) {
    return meetings.store().groupEvent(meetings.pool(), g.fairId(), g.user().id(), g.role(), kind, meetings.provider());
  }
}
