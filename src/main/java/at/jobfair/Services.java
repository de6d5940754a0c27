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
import at.jobfair.chat.ChatService;
import at.jobfair.cascade.Dossier;
import at.jobfair.catalog.CatalogService;
import at.jobfair.config.Config;
import at.jobfair.fair.FairService;
import at.jobfair.invitation.InvitationService;
import at.jobfair.legal.Catalogue;
import at.jobfair.letter.Letters;
import at.jobfair.live.LiveHub;
import at.jobfair.mail.MailSender;
import at.jobfair.mail.Outbox;
import at.jobfair.meeting.Meetings;
import at.jobfair.node.Health;
import at.jobfair.noshow.NoShowService;
import at.jobfair.observe.Metrics;
import at.jobfair.queue.QueueService;
import at.jobfair.web.Limits;
import at.jobfair.web.Messages;
import at.jobfair.web.Pages;
import at.jobfair.web.PgSessionStore;
import at.jobfair.web.RequestContract;
import at.jobfair.waitlist.WaitlistService;
import io.vertx.sqlclient.Pool;

/**
 * What a node shares, built once in {@link App} and used by every server instance: the route table
 * ({@link AppRouter}) only adapts these to HTTP and constructs none of them. Grouped by area, so that a reader finds a
 * service where its feature sits in the layers (docs/ARCHITECTURE.md).
 */
public record Services(Config config, Pool pool, Web web, Platform platform, People people, Fair fair, Cases cases) {

  /**
   * The HTTP toolkit's shared parts: texts, pages, the request contract (openapi.json), the session store and its
   * signing secret, the limits per address.
   */
  public record Web(Messages messages, Pages pages, RequestContract contract, PgSessionStore sessions, String sessionSecret,
                    Limits limits) {
  }

  /** What every feature leans on: live updates, mail (outbox and sender), the audit trail, health and metrics. */
  public record Platform(LiveHub live, Outbox outbox, MailSender mailSender, AuditLog audit, Health health,
                         Metrics metrics) {
  }

  /** Who someone is and what they may: accounts, the second factor, re-authentication, staff's relations to people. */
  public record People(AccountService accounts, SecondFactor secondFactor, Reauthentication reauthentication,
                       Relations relations) {
  }

  /**
   * The fair before and on the day: the catalogue, fairs, booths, bookings, invitations, attendance, meetings, the
   * waitlists, the text chat between people and booths, and the walk-up queues.
   */
  public record Fair(CatalogService catalog, FairService fairs, BoothService booths, BookingService bookings,
                     InvitationService invitations, AttendanceService attendance, Meetings meetings, WaitlistService waitlist,
                     ChatService chats, QueueService queues) {
  }

  /**
   * The cases after a fair that concern a person's benefits: cascades and their dossiers, requests for reasons, the
   * letters they write and the legal bases they rest on.
   */
  public record Cases(CascadeService cascades, Dossier dossiers, NoShowService noShows, Letters letters, Catalogue legal) {
  }
}
