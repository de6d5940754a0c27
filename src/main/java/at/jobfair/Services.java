package at.jobfair;

import at.jobfair.access.Relations;
import at.jobfair.account.AccountService;
import at.jobfair.account.Reauthentication;
import at.jobfair.account.SecondFactor;
import at.jobfair.attendance.AttendanceService;
import at.jobfair.audit.AuditLog;
import at.jobfair.booking.BookingService;
import at.jobfair.booth.BoothService;
import at.jobfair.cascade.CascadeService;
import at.jobfair.cascade.Dossier;
import at.jobfair.catalog.CatalogStore;
import at.jobfair.fair.FairService;
import at.jobfair.invitation.InvitationService;
import at.jobfair.legal.Catalogue;
import at.jobfair.letter.Letters;
import at.jobfair.live.LiveHub;
import at.jobfair.config.Config;
import at.jobfair.mail.MailSender;
import at.jobfair.mail.Outbox;
import at.jobfair.noshow.NoShowService;
import at.jobfair.meeting.Meetings;
import at.jobfair.observe.Metrics;
import at.jobfair.node.Health;
import at.jobfair.web.Limits;
import at.jobfair.web.Messages;
import at.jobfair.web.Pages;
import at.jobfair.web.PgSessionStore;
import io.vertx.sqlclient.Pool;

/**
 * What a node shares, built once in {@link App} and used by every server instance: the route table
 * ({@link AppRouter}) only adapts these to HTTP and constructs none of them.
 */
public record Services(Config config, Pool pool, Messages messages, Pages pages, AccountService accounts,
                       PgSessionStore sessions, String sessionSecret,
                       CatalogStore catalog, BookingService bookings, LiveHub live, Outbox outbox, MailSender mailSender,
                       InvitationService invitations, AttendanceService attendance,
                       Meetings meetings, CascadeService cascades,
                       FairService fairs, BoothService booths, Dossier dossiers, AuditLog audit,
                       Health health, Metrics metrics, Catalogue legal, Limits limits,
                       SecondFactor secondFactor, Reauthentication reauthentication,
                       Relations relations, Letters letters, NoShowService noShows) {
}
