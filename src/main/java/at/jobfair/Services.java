package at.jobfair;

import at.jobfair.account.AccountService;
import at.jobfair.attendance.AttendanceService;
import at.jobfair.booking.BookingService;
import at.jobfair.cascade.CascadeService;
import at.jobfair.catalog.CatalogStore;
import at.jobfair.invitation.InvitationService;
import at.jobfair.live.LiveHub;
import at.jobfair.config.Config;
import at.jobfair.mail.MailSender;
import at.jobfair.mail.Outbox;
import at.jobfair.meeting.Meetings;
import at.jobfair.observe.Metrics;
import at.jobfair.web.Messages;
import at.jobfair.web.Pages;
import at.jobfair.web.PgSessionStore;
import io.vertx.sqlclient.Pool;

/** What the HTTP layer needs, built once per application and shared by every server instance. */
public record Services(Config config, Pool pool, Messages messages, Pages pages, AccountService accounts,
                       PgSessionStore sessions, String sessionSecret,
                       CatalogStore catalog, BookingService bookings, LiveHub live, Outbox outbox, MailSender mailSender,
                       InvitationService invitations, AttendanceService attendance,
                       Meetings meetings, CascadeService cascades, Metrics metrics) {
}
