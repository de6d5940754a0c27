package at.jobfair.meeting;

import at.jobfair.attendance.AttendanceService;
import at.jobfair.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/**
 * The meeting rooms as the application runs them: the service, the fair's group sessions, and the signalling relay
 * (whose sockets may be on any node of the cluster; {@code nodeId} names this one).
 */
public record Meetings(MeetingService service, GroupSessions groups, MeetingRelay relay) {

  /** Builds them from the configuration; the room key is the configured one or the one kept in the database. */
  public static Future<Meetings> start(Vertx vertx, Config config, Pool pool, AttendanceService attendance, String nodeId) {
    MeetingConfig mc = MeetingConfig.from(config);
    return MeetingService.roomKey(pool, mc).compose(key -> {
      MeetingService service = new MeetingService(pool, new MeetingStore(), mc, key, attendance, Clock.systemUTC(), config.zone());
      MeetingRelay relay = new MeetingRelay(vertx, service, nodeId);
      // The node's heartbeat (and the clean-up of rooms left by nodes that died) before the first socket can come.
      return new NodeWatch(vertx, relay, mc).start().map(new Meetings(service, new GroupSessions(service), relay));
    });
  }
}
