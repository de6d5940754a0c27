package at.jobfair.config;

import java.time.Duration;

/**
 * Attendance ({@code attendance.*}).
 *
 * @param grace             after a slot's end, before an appointment without check-in or outcome counts as a no-show
 * @param poll              how often the no-show check runs
 * @param sickNoteFlagAfter the sick note for appointments with an obligation from which on staff are told
 * @param outageReporters   this many different people reporting their room failing at one fair make an outage
 * @param outageWindow      how recent those reports must be
 */
public record AttendanceConfig(Duration grace, Duration poll, int sickNoteFlagAfter, int outageReporters, Duration outageWindow) {

  static AttendanceConfig from(Config c) {
    return new AttendanceConfig(Duration.ofMinutes(c.integer("attendance.graceMinutes", 0, 24 * 60)),
        Duration.ofSeconds(c.integer("attendance.pollSeconds", 1, 24 * 3600)),
        c.integer("attendance.sickNoteFlagAfter", 1, 100),
        c.integer("attendance.outageReporters", 2, 1000),
        Duration.ofMinutes(c.integer("attendance.outageMinutes", 1, 240)));
  }
}
