package at.jobfair.meeting;

import at.jobfair.attendance.AttendanceService;
import at.jobfair.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/** The meeting rooms as the application runs them: the service, the fair's group sessions, and the signalling relay. */
public record Meetings(MeetingService service, GroupSessions groups, MeetingRelay relay) {

  /** Builds them from the configuration; the room key is the configured one or the one kept in the database. */
  public static Future<Meetings> start(Vertx vertx, Config config, Pool pool, AttendanceService attendance) {
    MeetingConfig mc = MeetingConfig.from(config);
    return MeetingService.roomKey(pool, mc).map(key -> {
      MeetingService service = new MeetingService(pool, new MeetingStore(), mc, key, attendance, Clock.systemUTC(), config.zone());
      return new Meetings(service, new GroupSessions(service), new MeetingRelay(vertx, service));
    });
  }
}
