package at.jobfair;

import at.jobfair.access.CoverApi;
import at.jobfair.access.CoverPages;
import at.jobfair.access.CoverService;
import at.jobfair.account.AccountStore;
import at.jobfair.account.AuthenticatorReset;
import at.jobfair.account.EmailLinkApi;
import at.jobfair.account.EmailLinkPages;
import at.jobfair.account.EmailLinks;
import at.jobfair.account.LanguageChoice;
import at.jobfair.account.PasswordHasher;
import at.jobfair.account.SignInApi;
import at.jobfair.account.SignInPages;
import at.jobfair.account.UserApi;
import at.jobfair.account.UserPages;
import at.jobfair.attendance.AttendanceApi;
import at.jobfair.attendance.AttendanceService;
import at.jobfair.attendance.BoardApi;
import at.jobfair.attendance.BoardPages;
import at.jobfair.attendance.BoardService;
import at.jobfair.attendance.BoardStore;
import at.jobfair.attendance.WorklistApi;
import at.jobfair.attendance.WorklistPages;
import at.jobfair.attendance.WorklistService;
import at.jobfair.attendance.WorklistStore;
import at.jobfair.audit.AuditApi;
import at.jobfair.booking.BookingApi;
import at.jobfair.booking.BookingPages;
import at.jobfair.booth.BoothApi;
import at.jobfair.booth.BoothPages;
import at.jobfair.cascade.CascadeApi;
import at.jobfair.cascade.CascadePages;
import at.jobfair.cascade.CascadeService;
import at.jobfair.cascade.Dossier;
import at.jobfair.chat.ChatApi;
import at.jobfair.chat.ChatPages;
import at.jobfair.catalog.CatalogApi;
import at.jobfair.catalog.CatalogPages;
import at.jobfair.waitlist.WaitlistApi;
import at.jobfair.waitlist.WaitlistPages;
import at.jobfair.catalog.HomePage;
import at.jobfair.fair.FairApi;
import at.jobfair.fair.FairPages;
import at.jobfair.fair.FairStore;
import at.jobfair.identity.Role;
import at.jobfair.invitation.InvitationApi;
import at.jobfair.invitation.InvitationPages;
import at.jobfair.jobseeker.JobseekerApi;
import at.jobfair.jobseeker.JobseekerPages;
import at.jobfair.jobseeker.JobseekerService;
import at.jobfair.jobseeker.JobseekerStore;
import at.jobfair.legal.LegalBasesApi;
import at.jobfair.legal.LegalBasesPages;
import at.jobfair.letter.LetterApi;
import at.jobfair.letter.LetterPages;
import at.jobfair.live.LiveSocket;
import at.jobfair.mail.OutboxApi;
import at.jobfair.mail.OutboxPages;
import at.jobfair.mail.OutboxService;
import at.jobfair.handoff.HandoffApi;
import at.jobfair.handoff.HandoffPages;
import at.jobfair.handoff.HandoffService;
import at.jobfair.handoff.HandoffStore;
import at.jobfair.meeting.MeetingApi;
import at.jobfair.meeting.MeetingPages;
import at.jobfair.noshow.NoShowApi;
import at.jobfair.noshow.NoShowDossier;
import at.jobfair.noshow.NoShowPages;
import at.jobfair.observe.AccessLog;
import at.jobfair.observe.RequestIds;
import at.jobfair.privacy.PersonalData;
import at.jobfair.profile.ProfileApi;
import at.jobfair.profile.ProfileConfig;
import at.jobfair.profile.ProfilePages;
import at.jobfair.profile.ProfileService;
import at.jobfair.profile.ProfileStore;
import at.jobfair.privacy.PrivacyPages;
import at.jobfair.privacy.RightsApi;
import at.jobfair.privacy.RightsPages;
import at.jobfair.privacy.RightsRequests;
import at.jobfair.queue.QueueApi;
import at.jobfair.queue.QueuePages;
import at.jobfair.refusal.Reason;
import at.jobfair.signup.SignupApi;
import at.jobfair.signup.SignupPages;
import at.jobfair.signup.SignupService;
import at.jobfair.site.Branding;
import at.jobfair.site.SitePages;
import at.jobfair.site.StaffStart;
import at.jobfair.web.Access;
import at.jobfair.web.Csrf;
import at.jobfair.web.Failures;
import at.jobfair.web.Limits;
import at.jobfair.web.OpenApi;
import at.jobfair.web.Pages;
import at.jobfair.web.SecurityHeaders;
import at.jobfair.web.Sessions;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static at.jobfair.identity.Role.EMPLOYER;
import static at.jobfair.identity.Role.ERHEBUNG;
import static at.jobfair.identity.Role.JOBSEEKER;
import static at.jobfair.identity.Role.KOMMUNE;
import static at.jobfair.identity.Role.ORGANIZER;
import static at.jobfair.identity.Role.PROVIDER;
import static at.jobfair.identity.Role.SFA;
import static at.jobfair.identity.Role.SFU;
import static at.jobfair.web.Access.anyone;
import static at.jobfair.web.Access.roles;
import static at.jobfair.web.Access.signedIn;
import static at.jobfair.web.Access.staff;
import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

/** The product's table of contents: every route, who may use it, and what handles it. */
public final class AppRouter {

  private static final long MAX_BODY = 2L * 1024 * 1024;

  private AppRouter() {
  }

  /** The key response header naming the node that answered: behind a balancer, operators and tests see who served. */
  public static final String NODE_HEADER = "X-Node";

  public static Router create(Vertx vertx, Services s, String node) {
    // What the routes adapt, by area (see Services).
    Services.Web web = s.web();
    Services.Platform platform = s.platform();
    Services.People people = s.people();
    Services.Fair fair = s.fair();
    Services.Cases cases = s.cases();
    Pages pages = web.pages();
    Router router = Router.router(vertx);
    // First: every request gets its id (and, with log.access, its access line) before anything can answer it.
    router.route().handler(RequestIds::handle);
    // One count per node, shared by its server instances (see Limits).
    Limits limits = web.limits();
    router.route().handler(limits::address);
    if (s.config().log().access()) router.route().handler(AccessLog::handle);
    router.route().handler(ctx -> {
      ctx.response().putHeader(NODE_HEADER, node);
      ctx.next();
    });
    router.route().handler(SecurityHeaders::apply);
    // A change this node answered drops the catalogue pages' short-lived copies (see CatalogCache).
    router.route().handler(fair.catalog().pageCopies()::dropOnChange);
    // Health: /health answers as /health/ready does (tools and tests know it).
    router.get("/health/live").handler(platform.health()::live);
    router.get("/health/ready").handler(platform.health()::ready);
    router.get("/health").handler(platform.health()::ready);
    // Prometheus figures of this node (no personal data); metrics.token, when set, asks for a bearer token.
    if (platform.metrics().enabled()) router.get("/metrics").handler(platform.metrics().scrapeHandler());
    router.route("/static/*").handler(Pages::staticCaching).handler(StaticHandler.create("webroot").setMaxAgeSeconds(3600));
    router.get("/api/openapi.json").handler(OpenApi::serve);
    // The operator's colours (a stylesheet: the content policy allows no inline styles), logo and favicon from data.dir.
    Branding branding = new Branding(s.config().operator());
    router.get("/branding/theme.css").handler(branding::theme);
    router.get("/branding/logo").handler(branding::logo);
    router.get("/branding/favicon").handler(branding::favicon);

    Path uploads = s.config().data().dir().resolve("uploads");
    // Sessions are in PostgreSQL, shared by every node (see PgSessionStore).
    SessionHandler sessions = SessionHandler.create(web.sessions())
        .setSessionCookieName(Sessions.COOKIE)
        .setCookieHttpOnlyFlag(true)
        .setCookieSecureFlag(s.config().session().secureCookie())
        .setCookieSameSite(CookieSameSite.LAX)
        .setSessionTimeout(s.config().session().timeout().toMillis())
        .setSigningSecret(web.sessionSecret())
        .setMinLength(32)
        .setLazySession(true);
    // Live updates: a WebSocket upgrade must not pass the body handler; it checks each topic it is asked for.
    CascadeService cascades = cases.cascades();
    router.get("/live").handler(sessions).handler(limits.sockets()).handler(new LiveSocket(platform.live(), fair.bookings()::staffsBooth, cascades::mayWatch,
        fair.chats()::mayWatch, fair.chats()::answersForEmployer)::upgrade);
    // Meeting signalling (built-in video): one socket per participant, authorised per room before the upgrade.
    router.get("/meetings/:id/signal").handler(sessions).handler(limits.sockets()).handler(fair.meetings().relay()::upgradeBooking);
    router.get("/fairs/:id/orientation/signal").handler(sessions).handler(limits.sockets()).handler(ctx -> fair.meetings().relay().upgradeGroup(ctx, fair.meetings().groups()));
    // A CV may be larger than other bodies (profile.cvMaxBytes): its two upload routes get a limit of their own, just above it.
    long cvBody = Math.max(MAX_BODY, ProfileConfig.from(s.config()).cvMaxBytes() + 64L * 1024);
    for (String cv : List.of("/api/me/cv", "/me/profile/cv")) {
      router.post(cv).handler(BodyHandler.create(uploads.toString()).setBodyLimit(cvBody).setDeleteUploadedFilesOnEnd(true));
    }
    router.route().handler(BodyHandler.create(uploads.toString()).setBodyLimit(MAX_BODY).setDeleteUploadedFilesOnEnd(true));
    // Signing in hashes a password and registering creates an account: a few a minute per address, before the session.
    // Asking for a link by email sends a mail, and using one is worth guessing at: the same few a minute.
    for (String expensive : List.of("/api/session", "/signin", "/api/session/second-factor", "/signin/second-factor",
        "/api/fairs/:id/registrations", "/fairs/:id/register", "/signin/link", "/signin/link/:token", "/api/session/link",
        "/password-reset", "/password-reset/:token", "/api/password-reset", "/api/password-reset/confirm")) {
      router.post(expensive).handler(limits.attempts(expensive));
    }
    // Employers signing up create an account and mail a link; using a link is worth guessing at (signup/)
    for (String expensive : List.of("/employers/signup", "/api/employer-signups", "/employers/signup/confirm/:token",
        "/api/employer-signups/confirm", "/employers/invitation/:token", "/api/employer-invitations/accept")) {
      router.post(expensive).handler(limits.attempts(expensive));
    }
    router.route().handler(sessions);
    router.route().handler(new Csrf(Set.of("POST /api/session", "POST /api/fairs/*/registrations", "POST /api/session/link",
        "POST /api/password-reset", "POST /api/password-reset/confirm", "POST /api/employer-signups",
        "POST /api/employer-signups/confirm", "POST /api/employer-invitations/accept")));
    router.route().handler(new LanguageChoice(new AccountStore(s.pool()))::remember);

    Failures failures = new Failures(pages);
    Endpoints e = new Endpoints(router, failures, web.contract());
    // The ways in by email: a one-time sign-in link (jobseekers) and a password reset (everyone), see EmailLinks.
    EmailLinks emailLinks = new EmailLinks(vertx, s.pool(), new PasswordHasher(s.config().auth().argon2MemoryKiB(),
        s.config().auth().argon2Iterations()), platform.outbox(), platform.mailSender(), platform.audit(), web.messages(),
        s.config().http().publicUrl().toString(), s.config().auth().emailLinkValid(), s.config().auth().emailLinksPerHour(),
        java.time.Clock.systemUTC(), web.sessions()::delete);
    EmailLinkPages emailLinkPages = new EmailLinkPages(emailLinks, people.secondFactor(), pages);
    EmailLinkApi emailLinkApi = new EmailLinkApi(emailLinks);
    SignInPages signInPages = new SignInPages(people.accounts(), people.secondFactor(), pages, sessions, emailLinkPages);
    SignInApi signInApi = new SignInApi(people.accounts(), people.secondFactor(), sessions);
    AuthenticatorReset authenticatorReset = new AuthenticatorReset(s.pool(), people.secondFactor(), platform.audit(), platform.outbox(), web.messages(), java.time.Clock.systemUTC());
    UserPages userPages = new UserPages(people.accounts(), pages, people.secondFactor(), authenticatorReset, people.reauthentication());
    UserApi userApi = new UserApi(people.accounts(), web.messages(), authenticatorReset, people.reauthentication());
    CatalogApi catalogApi = new CatalogApi(fair.catalog());
    BookingApi bookingApi = new BookingApi(fair.bookings(), fair.bookings().calendar());
    // Hand-off to a colleague (issue 16, point 5): built here from what the platform shares (stateless, one per router).
    HandoffService handoffs = new HandoffService(s.pool(), new HandoffStore(), fair.meetings().service(), platform.outbox(),
        platform.mailSender(), platform.audit(), web.messages(), s.config().zone(), s.config().http().publicUrl().toString(),
        java.time.Clock.systemUTC());
    // The person's profile and CV, what booths see of it, a booth's pre-screening questions (issue 16, point 4)
    ProfileService profiles = new ProfileService(s.pool(), new ProfileStore(), new at.jobfair.booth.BoothStore(s.pool()),
        platform.audit(), ProfileConfig.from(s.config()));
    // The walk-up queue's panels appear on the booth page, the booth's schedule and the board (see QueuePages).
    QueuePages queuePages = new QueuePages(fair.queues(), pages);
    QueueApi queueApi = new QueueApi(fair.queues());
    BookingPages bookingPages = new BookingPages(fair.bookings(), fair.catalog(), pages, fair.meetings().service(), cases.legal(), profiles, handoffs)
        .withQueue(queuePages::staffPanel);
    CatalogPages catalog = new CatalogPages(fair.catalog(), pages, bookingPages::ownAt, queuePages::boothPanel);
    // The waitlist's parts of the booking, schedule and booth pages (the waitlist sits above booking and the catalogue).
    WaitlistPages waitlistPages = new WaitlistPages(fair.waitlist(), bookingPages);
    WaitlistApi waitlistApi = new WaitlistApi(fair.waitlist());
    bookingPages.waitlists(new BookingPages.Waitlists() {
      @Override
      public io.vertx.core.Future<java.util.List<java.util.Map<String, Object>>> places(long jobseekerId) {
        return waitlistPages.places(jobseekerId);
      }

      @Override
      public io.vertx.core.Future<java.util.Map<String, Object>> line(long boothId) {
        return waitlistPages.line(boothId);
      }
    });
    catalog.waitlist(waitlistPages::at);
    InvitationPages invitationPages = new InvitationPages(fair.invitations(), pages);
    HomePage home = new HomePage(pages, fair.catalog(), bookingPages::next, invitationPages::openObligations,
        new StaffStart(s.pool(), java.time.Clock.systemUTC(), s.config().zone()));
    OutboxService outbox = new OutboxService(platform.outbox().store(), people.relations());
    OutboxPages outboxPages = new OutboxPages(outbox, platform.mailSender(), pages, s.config().zone());
    OutboxApi outboxApi = new OutboxApi(outbox);

    // Start page, privacy notice
    e.publicPage(GET, "/", home::show);
    PrivacyPages privacy = new PrivacyPages(pages, cases.legal(), new PrivacyPages.Periods(
        (int) s.config().retention().sickNote().toDays(), (int) s.config().retention().voluntary().toDays(),
        (int) s.config().retention().caseEvidence().toDays(), (int) s.config().session().timeout().toMinutes(),
        (int) s.config().privacy().erasure().toDays(),
        at.jobfair.queue.QueueConfig.from(s.config()).retentionDays()), people.relations()); // queue places: issue 16
    e.publicPage(GET, "/privacy", privacy::notice);
    // Imprint, accessibility statement, help: linked from every page's footer
    SitePages site = new SitePages(pages, s.config().operator());
    e.publicPage(GET, "/imprint", site::imprint);
    e.publicPage(GET, "/accessibility", site::accessibility);
    e.publicPage(GET, "/help", site::help);
    PersonalData personalData = new PersonalData(s.pool());
    RightsRequests rightsRequests = new RightsRequests(s.pool(), platform.audit(), people.relations(),
        (int) s.config().privacy().erasure().toDays(), web.sessions()::delete);
    RightsPages rightsPages = new RightsPages(personalData, rightsRequests, pages, s.config().zone());
    RightsApi rightsApi = new RightsApi(personalData, rightsRequests, people.relations(), s.config().zone());
    // Who of the staff read one's staff-only data (the person's own access log)
    e.page(GET, "/me/data-access", roles(JOBSEEKER), privacy::accessLogPage);
    e.api(GET, "/api/me/data-access", roles(JOBSEEKER), rightsApi::accessLog);
    // People's rights over their data: the export (art. 15, 20), correction (16) and erasure (17) requests. Corrections
    // are closed by staff who may change the person's record (RightsRequests#open: the relation decides), erasures by
    // organisers.
    Access closesRights = roles(SFA, ORGANIZER);
    e.page(GET, "/me/data", roles(JOBSEEKER), rightsPages::page);
    e.page(POST, "/me/data/requests", roles(JOBSEEKER), rightsPages::askForm);
    e.api(GET, "/api/me/data", roles(JOBSEEKER), rightsApi::export);
    e.api(GET, "/api/me/rights-requests", roles(JOBSEEKER), rightsApi::mine);
    e.api(GET, "/api/me/rights-requests/:id", roles(JOBSEEKER), rightsApi::mineOne);
    e.api(POST, "/api/me/rights-requests", roles(JOBSEEKER), rightsApi::ask);
    e.api(GET, "/api/rights-requests", closesRights, rightsApi::open);
    e.api(POST, "/api/rights-requests/:id/close", closesRights, rightsApi::close);
    e.page(GET, "/staff/rights-requests", closesRights, rightsPages::staffPage);
    e.page(POST, "/staff/rights-requests/:id", closesRights, rightsPages::closeForm);

    // Accounts and sessions
    e.page(GET, "/signin", anyone(), signInPages::page);
    e.page(POST, "/signin", anyone(), signInPages::form);
    e.page(POST, "/signout", anyone(), signInPages::formSignOut);
    e.api(POST, "/api/session", anyone(), signInApi::signIn);
    e.api(DELETE, "/api/session", anyone(), signInApi::signOut);
    // The second factor after the password, for staff roles that decide or read benefit data (auth.secondFactorRoles)
    e.page(GET, "/signin/second-factor", anyone(), signInPages::secondFactorPage);
    e.page(POST, "/signin/second-factor", anyone(), signInPages::secondFactorForm);
    e.api(POST, "/api/session/second-factor", anyone(), signInApi::verifySecondFactor);
    e.api(POST, "/api/session/second-factor/enrolment", anyone(), signInApi::enrol);
    e.api(GET, "/api/me", signedIn(), signInApi::me);
    // Ways in by email: a link that signs a jobseeker in once; a link to set a new password. Asking answers alike for
    // every address; a link works once and for auth.emailLinkMinutes; the link's page asks for a tap before using it.
    e.page(POST, "/signin/link", anyone(), emailLinkPages::requestSignInLinkForm);
    e.page(GET, "/signin/link/:token", anyone(), emailLinkPages::signInLinkPage);
    e.page(POST, "/signin/link/:token", anyone(), emailLinkPages::signInLinkForm);
    e.api(POST, "/api/session/link", anyone(), emailLinkApi::requestSignInLink);
    e.page(GET, "/password-reset", anyone(), emailLinkPages::resetPage);
    e.page(POST, "/password-reset", anyone(), emailLinkPages::resetRequestForm);
    e.page(GET, "/password-reset/:token", anyone(), emailLinkPages::newPasswordPage);
    e.page(POST, "/password-reset/:token", anyone(), emailLinkPages::newPasswordForm);
    e.api(POST, "/api/password-reset", anyone(), emailLinkApi::requestReset);
    e.api(POST, "/api/password-reset/confirm", anyone(), emailLinkApi::confirmReset);

    // Account administration (organisers)
    e.page(GET, "/admin/users", roles(ORGANIZER), userPages::page);
    e.page(POST, "/admin/users", roles(ORGANIZER), userPages::createForm);
    e.page(POST, "/admin/users/import", roles(ORGANIZER), userPages::importForm);
    e.api(GET, "/api/users", roles(ORGANIZER), userApi::list);
    e.api(POST, "/api/users", roles(ORGANIZER), userApi::create);
    e.api(POST, "/api/users/import", roles(ORGANIZER), userApi::importJobseekers);
    // A lost authenticator: another organiser removes it (after proving who they are); the person sets up a new one.
    e.page(POST, "/admin/users/second-factor/reset", roles(ORGANIZER), userPages::resetSecondFactorForm);
    e.api(POST, "/api/users/:id/second-factor/reset", roles(ORGANIZER), userApi::resetSecondFactor);
    // Who stands in for whom (deputies with dates, teams) and the municipalities' areas: data Relations reads (organisers)
    CoverService coverService = new CoverService(s.pool(), platform.audit(), java.time.Clock.systemUTC());
    CoverPages coverPages = new CoverPages(coverService, pages);
    CoverApi coverApi = new CoverApi(coverService);
    e.page(GET, "/admin/cover", roles(ORGANIZER), coverPages::page);
    e.page(POST, "/admin/cover/deputies", roles(ORGANIZER), coverPages::deputyForm);
    e.page(POST, "/admin/cover/deputies/:id/delete", roles(ORGANIZER), coverPages::removeDeputyForm);
    e.page(POST, "/admin/cover/caseworkers/:id/team", roles(ORGANIZER), coverPages::teamForm);
    e.page(POST, "/admin/cover/municipalities/:id/area", roles(ORGANIZER), coverPages::areaForm);
    e.api(GET, "/api/caseload-cover", roles(ORGANIZER), coverApi::overview);
    e.api(POST, "/api/caseworkers/:id/deputies", roles(ORGANIZER), coverApi::addDeputy);
    e.api(DELETE, "/api/deputies/:id", roles(ORGANIZER), coverApi::removeDeputy);
    e.api(PUT, "/api/caseworkers/:id/team", roles(ORGANIZER), coverApi::setTeam);
    e.api(PUT, "/api/municipalities/:id/area", roles(ORGANIZER), coverApi::setArea);

    // Fairs, booths, vacancies and free slots (browsing)
    e.publicPage(GET, "/fairs", catalog::fairsPage);
    e.publicPage(GET, "/fairs/:id", catalog::fairPage);
    e.publicPage(GET, "/booths/:id", catalog::boothPage);
    e.api(GET, "/api/fairs", anyone(), catalogApi::fairs);
    e.api(GET, "/api/fairs/:id", anyone(), catalogApi::fair);
    e.api(GET, "/api/fairs/:id/booths", anyone(), catalogApi::booths);
    e.api(GET, "/api/booths/:id", anyone(), catalogApi::booth);

    // Booking, cancelling, rebooking (jobseekers); a booth's schedule and cancellations (its employer, organisers)
    e.page(GET, "/me/appointments", roles(JOBSEEKER), bookingPages::myAppointments);
    e.page(GET, "/me/appointments/:id/confirmation", roles(JOBSEEKER), bookingPages::confirmationPage);
    e.page(POST, "/bookings", roles(JOBSEEKER), bookingPages::bookForm);
    e.page(POST, "/bookings/:id/rebook", roles(JOBSEEKER), bookingPages::rebookForm);
    e.page(GET, "/bookings/:id/cancel", roles(JOBSEEKER), bookingPages::cancelPage);
    e.page(POST, "/bookings/:id/cancel", roles(JOBSEEKER, EMPLOYER, ORGANIZER), bookingPages::cancelForm);
    e.page(POST, "/bookings/:id/restore", roles(JOBSEEKER), bookingPages::restoreForm);
    e.page(GET, "/booths/:id/schedule", signedIn(), bookingPages::schedule);
    e.api(POST, "/api/slots/:id/bookings", roles(JOBSEEKER), bookingApi::book);
    e.api(GET, "/api/me/bookings", roles(JOBSEEKER), bookingApi::mine);
    e.api(GET, "/api/bookings/:id", signedIn(), bookingApi::one);
    e.api(DELETE, "/api/bookings/:id", roles(JOBSEEKER, EMPLOYER, ORGANIZER), bookingApi::cancel);
    e.api(POST, "/api/bookings/:id/rebook", roles(JOBSEEKER), bookingApi::rebook);
    e.api(POST, "/api/bookings/:id/restore", roles(JOBSEEKER), bookingApi::restore);
    e.api(GET, "/api/bookings/:id/ics", signedIn(), bookingApi::ics);
    e.api(GET, "/api/booths/:id/bookings", roles(EMPLOYER, ORGANIZER, SFU, SFA), bookingApi::ofBooth);
    e.api(DELETE, "/api/slots/:id", roles(EMPLOYER, ORGANIZER), bookingApi::removeSlot);
    // Waitlists (issue 16): a jobseeker joins a full booth's line, takes or passes on the seat held for them, leaves;
    // the booth's staff (BookingService.staffsBooth) see the line's length. Each place is its person's own.
    e.page(POST, "/booths/:id/waitlist", roles(JOBSEEKER), waitlistPages::joinForm);
    e.page(POST, "/waitlist/:id/accept", roles(JOBSEEKER), waitlistPages::acceptForm);
    e.page(POST, "/waitlist/:id/decline", roles(JOBSEEKER), waitlistPages::declineForm);
    e.page(POST, "/waitlist/:id/leave", roles(JOBSEEKER), waitlistPages::leaveForm);
    e.api(POST, "/api/booths/:id/waitlist", roles(JOBSEEKER), waitlistApi::join);
    e.api(GET, "/api/booths/:id/waitlist", roles(EMPLOYER, ORGANIZER, SFU), waitlistApi::length);
    e.api(GET, "/api/me/waitlist", roles(JOBSEEKER), waitlistApi::mine);
    e.api(DELETE, "/api/waitlist/:id", roles(JOBSEEKER), waitlistApi::leave);
    e.api(POST, "/api/waitlist/:id/accept", roles(JOBSEEKER), waitlistApi::accept);
    e.api(POST, "/api/waitlist/:id/decline", roles(JOBSEEKER), waitlistApi::decline);
    // Profile and CV (the person's own), what a booth sees of its candidates (only with a relation, access/BoothRelation,
    // and only what the person shares: ProfileService), and a booth's pre-screening questions per vacancy (asked when booking)
    ProfileApi profileApi = new ProfileApi(profiles);
    ProfilePages profilePages = new ProfilePages(profiles, pages, web.contract());
    e.page(GET, "/me/profile", roles(JOBSEEKER), profilePages::page);
    e.page(POST, "/me/profile", roles(JOBSEEKER), profilePages::form);
    e.page(POST, "/me/profile/cv", roles(JOBSEEKER), profilePages::cvForm);
    e.page(POST, "/me/profile/cv/delete", roles(JOBSEEKER), profilePages::deleteCvForm);
    e.api(GET, "/api/me/job-profile", roles(JOBSEEKER), profileApi::mine);
    e.api(PUT, "/api/me/job-profile", roles(JOBSEEKER), profileApi::save);
    e.api(GET, "/api/me/cv", roles(JOBSEEKER), profileApi::ownCv);
    e.api(POST, "/api/me/cv", roles(JOBSEEKER), profileApi::uploadCv);
    e.api(DELETE, "/api/me/cv", roles(JOBSEEKER), profileApi::deleteCv);
    e.page(GET, "/booths/:id/candidates/:jobseekerId", roles(EMPLOYER), profilePages::candidatePage);
    e.api(GET, "/api/booths/:id/candidates/:jobseekerId", roles(EMPLOYER), profileApi::candidate);
    e.api(GET, "/api/booths/:id/candidates/:jobseekerId/cv", roles(EMPLOYER), profileApi::candidateCv);
    e.api(GET, "/api/booths/:id/questions", anyone(), profileApi::boothQuestions);
    e.api(PUT, "/api/vacancies/:id/questions", roles(EMPLOYER, ORGANIZER), profileApi::setQuestions);
    e.page(GET, "/booths/:id/manage/questions", roles(EMPLOYER, ORGANIZER), profilePages::questionsPage);
    e.page(POST, "/booths/:id/manage/vacancies/:vacancyId/questions", roles(EMPLOYER, ORGANIZER), profilePages::questionsForm);
    // Mail outbox: Role.OUTBOX (it holds everyone's letters)
    Access mailsOut = Access.anyOf(Role.OUTBOX);
    e.page(GET, "/admin/outbox", mailsOut, outboxPages::page);
    e.page(GET, "/admin/outbox/:id", mailsOut, outboxPages::message);
    e.page(GET, "/admin/outbox/:id/attachments/:index", mailsOut, outboxPages::attachment);
    e.page(POST, "/admin/outbox/:id/resend", mailsOut, outboxPages::resendForm);
    e.api(GET, "/api/outbox", mailsOut, outboxApi::list);

    // Employers who sign up themselves (issue 16): the public sign-up and its links, the representative's page (colleagues,
    // applying to exhibit), the organisers' decisions on sign-ups and on applications (on the admin fair page)
    SignupService signups = new SignupService(vertx, s.pool(), new FairStore(s.pool()), new PasswordHasher(s.config().auth().argon2MemoryKiB(),
        s.config().auth().argon2Iterations()), platform.outbox(), platform.mailSender(), platform.audit(), web.messages(),
        s.config().http().publicUrl().toString(), java.time.Duration.ofDays(3), java.time.Clock.systemUTC());
    SignupPages signupPages = new SignupPages(signups, pages, web.contract());
    SignupApi signupApi = new SignupApi(signups);
    e.page(GET, "/employers/signup", anyone(), signupPages::signupPage);
    e.page(POST, "/employers/signup", anyone(), signupPages::signupForm);
    e.page(GET, "/employers/signup/confirm/:token", anyone(), signupPages::confirmPage);
    e.page(POST, "/employers/signup/confirm/:token", anyone(), signupPages::confirmForm);
    e.page(GET, "/employers/invitation/:token", anyone(), signupPages::invitationPage);
    e.page(POST, "/employers/invitation/:token", anyone(), signupPages::invitationForm);
    e.page(GET, "/employer", roles(EMPLOYER), signupPages::employerPage);
    e.page(POST, "/employer/colleagues", roles(EMPLOYER), signupPages::inviteForm);
    e.page(POST, "/employer/fairs/:id/apply", roles(EMPLOYER), signupPages::applyForm);
    e.page(GET, "/admin/employer-signups", roles(ORGANIZER), signupPages::adminPage);
    e.page(POST, "/admin/employer-signups/:id/approve", roles(ORGANIZER), signupPages::approveForm);
    e.page(POST, "/admin/employer-signups/:id/reject", roles(ORGANIZER), signupPages::rejectForm);
    e.page(POST, "/admin/fairs/:id/applications/:applicationId", roles(ORGANIZER), signupPages::applicationForm);
    e.api(POST, "/api/employer-signups", anyone(), signupApi::signUp);
    e.api(POST, "/api/employer-signups/confirm", anyone(), signupApi::confirm);
    e.api(GET, "/api/employer-signups", roles(ORGANIZER), signupApi::pending);
    e.api(POST, "/api/employer-signups/:id/decision", roles(ORGANIZER), signupApi::decide);
    e.api(POST, "/api/employer/colleagues", roles(EMPLOYER), signupApi::inviteColleague);
    e.api(POST, "/api/employer-invitations/accept", anyone(), signupApi::acceptInvitation);
    e.api(POST, "/api/fairs/:id/exhibitor-applications", roles(EMPLOYER), signupApi::apply);
    e.api(GET, "/api/fairs/:id/exhibitor-applications", roles(ORGANIZER), signupApi::applications);
    e.api(POST, "/api/fairs/:id/exhibitor-applications/:applicationId/decision", roles(ORGANIZER), signupApi::decideApplication);

    // Fairs and booths: management (organisers, employers)
    FairPages fairPages = new FairPages(fair.fairs(), pages, web.contract(), signupPages::applicationsFor);
    FairApi fairApi = new FairApi(fair.fairs());
    BoothApi boothApi = new BoothApi(fair.booths());
    BoothPages boothPages = new BoothPages(fair.booths(), pages, web.contract());
    Access runsBooth = roles(EMPLOYER, ORGANIZER); // and BoothAccess: employers only their own employer's booths
    e.page(GET, "/admin/fairs", roles(ORGANIZER), fairPages::listPage);
    e.page(POST, "/admin/fairs", roles(ORGANIZER), fairPages::createForm);
    e.page(GET, "/admin/fairs/:id", roles(ORGANIZER), fairPages::editPage);
    e.page(POST, "/admin/fairs/:id", roles(ORGANIZER), fairPages::updateForm);
    e.page(POST, "/admin/fairs/:id/publish", roles(ORGANIZER), fairPages::publishForm);
    e.page(POST, "/admin/fairs/:id/employers", roles(ORGANIZER), fairPages::addEmployerForm);
    e.page(POST, "/admin/fairs/:id/employers/new", roles(ORGANIZER), fairPages::inviteEmployerForm);
    e.api(POST, "/api/fairs", roles(ORGANIZER), fairApi::create);
    e.api(PUT, "/api/fairs/:id", roles(ORGANIZER), fairApi::update);
    e.api(POST, "/api/fairs/:id/publish", roles(ORGANIZER), fairApi::publish);
    e.api(POST, "/api/fairs/:id/employers", roles(ORGANIZER), fairApi::addEmployer);
    e.api(POST, "/api/employers", roles(ORGANIZER), fairApi::createEmployer);
    e.api(PUT, "/api/employers/:id", runsBooth, boothApi::updateEmployer);
    e.api(POST, "/api/employers/:id/logo", runsBooth, boothApi::uploadLogo);
    e.api(GET, "/api/employers/:id/logo", anyone(), boothApi::logo);
    e.api(PUT, "/api/booths/:id", runsBooth, boothApi::updateBooth);
    e.api(POST, "/api/booths/:id/vacancies", runsBooth, boothApi::addVacancy);
    e.api(PUT, "/api/vacancies/:id", runsBooth, boothApi::updateVacancy);
    e.api(DELETE, "/api/vacancies/:id", runsBooth, boothApi::deleteVacancy);
    e.api(POST, "/api/booths/:id/translations", runsBooth, boothApi::putBoothTranslation);
    e.api(DELETE, "/api/booths/:id/translations/:language", runsBooth, boothApi::deleteBoothTranslation);
    e.api(POST, "/api/vacancies/:id/translations", runsBooth, boothApi::putVacancyTranslation);
    e.api(DELETE, "/api/vacancies/:id/translations/:language", runsBooth, boothApi::deleteVacancyTranslation);
    e.api(POST, "/api/booths/:id/staff", runsBooth, boothApi::addStaff);
    e.api(DELETE, "/api/booths/:id/staff/:accountId", runsBooth, boothApi::removeStaff);
    e.api(POST, "/api/booths/:id/schedule", runsBooth, boothApi::schedule);
    e.api(POST, "/api/booths/:id/slots", runsBooth, boothApi::addSlot);
    e.page(GET, "/booths/:id/manage", runsBooth, boothPages::managePage);
    e.page(POST, "/booths/:id/manage/booth", runsBooth, boothPages::boothForm);
    e.page(POST, "/booths/:id/manage/company", runsBooth, boothPages::companyForm);
    e.page(POST, "/booths/:id/manage/logo", runsBooth, boothPages::logoForm);
    e.page(POST, "/booths/:id/manage/vacancies", runsBooth, boothPages::addVacancyForm);
    e.page(POST, "/booths/:id/manage/vacancies/:vacancyId", runsBooth, boothPages::updateVacancyForm);
    e.page(POST, "/booths/:id/manage/vacancies/:vacancyId/delete", runsBooth, boothPages::deleteVacancyForm);
    e.page(POST, "/booths/:id/manage/translations", runsBooth, boothPages::boothTranslationForm);
    e.page(POST, "/booths/:id/manage/translations/:language/delete", runsBooth, boothPages::deleteBoothTranslationForm);
    e.page(POST, "/booths/:id/manage/vacancies/:vacancyId/translations", runsBooth, boothPages::vacancyTranslationForm);
    e.page(POST, "/booths/:id/manage/vacancies/:vacancyId/translations/:language/delete", runsBooth, boothPages::deleteVacancyTranslationForm);
    e.page(POST, "/booths/:id/manage/staff", runsBooth, boothPages::addStaffForm);
    e.page(POST, "/booths/:id/manage/staff/:accountId/delete", runsBooth, boothPages::removeStaffForm);
    e.page(POST, "/booths/:id/manage/schedule", runsBooth, boothPages::scheduleForm);
    e.page(POST, "/booths/:id/manage/slots", runsBooth, boothPages::slotForm);

    // Invitations and reminders: placement proposals, control appointments and mass mailings (staff), one's own invitations (jobseekers),
    // public registration, personal links (signed; they sign the person in), "I am coming" from a reminder (signed)
    InvitationApi invitationApi = new InvitationApi(fair.invitations());
    Access invites = roles(SFU, SFA, ORGANIZER);
    e.api(POST, "/api/fairs/:id/invitations", invites, invitationApi::invite);
    e.api(GET, "/api/me/invitations", roles(JOBSEEKER), invitationApi::mine);
    e.api(POST, "/api/fairs/:id/registrations", anyone(), invitationApi::register);
    e.api(GET, "/api/consequence-notices", staff(), invitationApi::notices);
    e.page(POST, "/fairs/:id/invitations/control", invites, invitationPages::controlForm);
    // The legal bases in force and earlier versions: the reviewed catalogue, read-only for staff (the consequence
    // notices above are those of records from before it)
    e.api(GET, "/api/legal-bases", staff(), new LegalBasesApi(cases.legal())::list);
    e.page(GET, "/staff/legal-bases", staff(), new LegalBasesPages(cases.legal(), pages)::page);
    e.page(GET, "/fairs/:id/invitations", invites, invitationPages::staffPage);
    e.page(POST, "/fairs/:id/invitations/proposal", invites, invitationPages::proposalForm);
    e.page(POST, "/fairs/:id/invitations/mailing", invites, invitationPages::mailingForm);
    e.page(GET, "/me/invitations", roles(JOBSEEKER), invitationPages::myPage);
    e.page(GET, "/fairs/:id/register", anyone(), invitationPages::registerPage);
    e.page(POST, "/fairs/:id/register", anyone(), invitationPages::registerForm);
    e.page(GET, "/invitations/link/:token", anyone(), invitationPages::linkPage);
    e.page(POST, "/invitations/link/:token", anyone(), invitationPages::linkForm);
    e.page(GET, "/appointments/confirm/:token", anyone(), invitationPages::confirmPage);
    e.page(POST, "/appointments/confirm/:token", anyone(), invitationPages::confirmForm);
    // Attendance, worklist and the live staff board
    AttendanceService attendance = fair.attendance();
    AttendanceApi attendanceApi = new AttendanceApi(attendance, fair.fairs().clock());
    JobseekerService jobseekers = new JobseekerService(new JobseekerStore(s.pool()), cases.legal().benefits(), people.relations());
    JobseekerApi records = new JobseekerApi(jobseekers);
    JobseekerPages recordPages = new JobseekerPages(jobseekers, pages);
    // The caseworker's list also holds their people's sanction decisions and "consider waiver" after a job start.
    // No-shows and overdue binding proposals reach it as requests for reasons (the no-show package asks the person).
    WorklistService worklistService = new WorklistService(new WorklistStore(s.pool(), people.relations()), people.relations(), attendance,
        cases.noShows()::caseworkerItems, cascades::caseworkerItems);
    WorklistApi worklistApi = new WorklistApi(worklistService);
    WorklistPages worklist = new WorklistPages(worklistService, pages);
    BoardService boards = new BoardService(new BoardStore(s.pool(), people.relations()), people.relations(), attendance, fairId -> cascades.funnel(s.pool(), fairId));
    BoardApi boardApi = new BoardApi(boards, s.config().zone());
    BoardPages board = new BoardPages(boards, pages, queuePages::boardPanel);
    Access readsRecords = roles(SFA, SFU, ORGANIZER, ERHEBUNG, KOMMUNE); // never employers, jobseekers or providers
    e.api(GET, "/api/jobseekers/:id", readsRecords, records::get);
    e.api(PUT, "/api/jobseekers/:id", readsRecords, records::put);
    e.page(GET, "/staff/jobseekers/:id", readsRecords, recordPages::page);
    e.page(POST, "/staff/jobseekers/:id", readsRecords, recordPages::form);
    e.api(GET, "/api/me/profile", roles(JOBSEEKER), records::mine);
    e.api(POST, "/api/bookings/:id/checkin", roles(JOBSEEKER), attendanceApi::checkin);
    e.page(POST, "/bookings/:id/checkin", roles(JOBSEEKER), attendanceApi::checkinForm);
    e.api(PUT, "/api/bookings/:id/outcome", roles(EMPLOYER, ORGANIZER), attendanceApi::outcome);
    e.page(POST, "/bookings/:id/outcome", roles(EMPLOYER, ORGANIZER), attendanceApi::outcomeForm);
    e.api(POST, "/api/bookings/:id/sick-note", roles(SFA, ORGANIZER), attendanceApi::sickNote);
    e.api(POST, "/api/fairs/:id/outages", roles(ORGANIZER), attendanceApi::outage);
    e.page(POST, "/staff/bookings/:id/sick-note", roles(SFA, ORGANIZER), attendanceApi::sickNoteForm);
    e.page(POST, "/staff/fairs/:id/outages", roles(ORGANIZER), attendanceApi::outageForm);
    e.api(GET, "/api/worklist", roles(SFA), worklistApi::list);
    e.page(GET, "/staff/worklist", roles(SFA), worklist::page);
    e.api(POST, "/api/worklist/:itemId/result", roles(SFA), worklistApi::result);
    e.page(POST, "/staff/worklist/:itemId/result", roles(SFA), worklist::resultForm);
    e.page(GET, "/staff/fairs/:id/board", staff(), board::page);
    e.api(GET, "/api/fairs/:id/board", staff(), boardApi::board);
    e.api(GET, "/api/fairs/:id/board.csv", staff(), boardApi::csv);

    // The walk-up queue per booth while a fair runs: a jobseeker takes a place (one per fair), follows their position
    // live and is called into a room by "next"; the booth's staff open or pause it and call (QueueService decides who).
    e.api(GET, "/api/booths/:id/queue", anyone(), queueApi::state);
    e.api(POST, "/api/booths/:id/queue", roles(JOBSEEKER), queueApi::join);
    e.api(PUT, "/api/booths/:id/queue", roles(EMPLOYER, ORGANIZER), queueApi::settings);
    e.api(POST, "/api/booths/:id/queue/next", roles(EMPLOYER), queueApi::next);
    e.api(GET, "/api/booths/:id/queue/waiting", roles(EMPLOYER, ORGANIZER, SFU), queueApi::waiting);
    e.api(GET, "/api/fairs/:id/queues", staff(), queueApi::ofFair);
    e.api(GET, "/api/me/queue", roles(JOBSEEKER), queueApi::mine);
    e.api(POST, "/api/me/queue/here", roles(JOBSEEKER), queueApi::here);
    e.api(DELETE, "/api/me/queue", roles(JOBSEEKER), queueApi::leave);
    e.page(GET, "/me/queue", roles(JOBSEEKER), queuePages::minePage);
    e.page(POST, "/me/queue/leave", roles(JOBSEEKER), queuePages::leaveForm);
    e.page(POST, "/booths/:id/queue/join", roles(JOBSEEKER), queuePages::joinForm);
    e.page(POST, "/booths/:id/queue/settings", roles(EMPLOYER, ORGANIZER), queuePages::settingsForm);
    e.page(POST, "/booths/:id/queue/next", roles(EMPLOYER), queuePages::nextForm);

    // Video meetings: a room per appointment (built in or Jitsi), its lobby, join/leave evidence, the phone fallback;
    // the fair's orientation part as a group session. Who may enter is decided per room (MeetingAccess).
    MeetingPages meetingPages = new MeetingPages(fair.meetings().service(), fair.meetings().groups(), pages)
        .colleagues(boothId -> handoffs.staff(boothId).map(list -> list.stream()
            .map(c -> java.util.Map.<String, Object>of("id", c.id(), "name", c.name())).toList()));
    MeetingApi meetingApi = new MeetingApi(fair.meetings().service(), fair.meetings().groups());
    e.page(GET, "/meetings/:id", signedIn(), meetingPages::roomPage);
    e.page(GET, "/fairs/:id/orientation", signedIn(), meetingPages::groupPage);
    e.page(POST, "/bookings/:id/phone", roles(EMPLOYER), meetingPages::phoneForm);
    e.page(POST, "/meetings/:id/callback", roles(JOBSEEKER), meetingPages::callbackForm);
    // Everyone who may sit in an interview (the person, the booth's staff, the caseworker, organisers) can test first.
    e.page(GET, "/me/device-check", signedIn(), meetingPages::deviceCheckPage);
    e.api(GET, "/api/bookings/:id/meeting", signedIn(), meetingApi::meeting);
    e.api(POST, "/api/bookings/:id/meeting/admit", roles(EMPLOYER), meetingApi::admit);
    e.api(PUT, "/api/bookings/:id/meeting/auto-admit", roles(EMPLOYER), meetingApi::autoAdmit);
    e.api(GET, "/api/bookings/:id/meeting/events", signedIn(), meetingApi::events);
    e.api(POST, "/api/bookings/:id/meeting/events", signedIn(), meetingApi::event);
    e.api(POST, "/api/bookings/:id/meeting/phone", roles(EMPLOYER), meetingApi::phone);
    e.api(POST, "/api/bookings/:id/meeting/callback", roles(JOBSEEKER), meetingApi::callback);
    e.api(GET, "/api/fairs/:id/orientation", signedIn(), meetingApi::group);
    e.api(POST, "/api/fairs/:id/orientation/events", signedIn(), meetingApi::groupEvent);

    // Text chat (issue 16): a person writes to a booth ("write to this booth"), the booth's employer representatives
    // answer from its inbox; every meeting room has the conversation beside the video (also when video fails). Who reads
    // and writes a conversation is decided per conversation (ChatPolicy: the two sides; a caseworker reads only for an
    // open case involving the booth, logged); a conversation one has no seat at answers 404.
    ChatApi chatApi = new ChatApi(fair.chats());
    ChatPages chatPages = new ChatPages(fair.chats(), pages);
    e.api(GET, "/api/me/chats", roles(JOBSEEKER), chatApi::mine);
    e.api(GET, "/api/me/chats/unread", roles(JOBSEEKER, EMPLOYER), chatApi::unread);
    e.api(GET, "/api/booths/:id/chat", roles(JOBSEEKER), chatApi::withBooth);
    e.api(POST, "/api/booths/:id/chat/messages", roles(JOBSEEKER), chatApi::writeToBooth);
    e.api(GET, "/api/booths/:id/chats", roles(EMPLOYER), chatApi::inbox);
    e.api(GET, "/api/chats/:id", signedIn(), chatApi::read); // a seat at the conversation decides
    e.api(POST, "/api/chats/:id/messages", signedIn(), chatApi::write); // group sessions: whoever is in the room
    e.api(PUT, "/api/chats/:id/block", roles(JOBSEEKER), chatApi::block);
    e.api(POST, "/api/chat-messages/:id/report", signedIn(), chatApi::report);
    e.api(GET, "/api/bookings/:id/chat", roles(JOBSEEKER, EMPLOYER), chatApi::ofBooking);
    e.api(GET, "/api/fairs/:id/orientation/chat", signedIn(), chatApi::ofGroup);
    e.api(GET, "/api/chat-reports", roles(ORGANIZER), chatApi::reports);
    e.page(GET, "/me/chats", roles(JOBSEEKER), chatPages::minePage);
    e.page(GET, "/booths/:id/chat", roles(JOBSEEKER), chatPages::boothPage);
    e.page(POST, "/booths/:id/chat", roles(JOBSEEKER), chatPages::writeToBoothForm);
    e.page(GET, "/employer/chats", roles(EMPLOYER), chatPages::employerPage);
    e.page(GET, "/booths/:id/inbox", roles(EMPLOYER), chatPages::inboxPage);
    e.page(GET, "/chats/:id", signedIn(), chatPages::conversationPage);
    e.page(POST, "/chats/:id/messages", signedIn(), chatPages::writeForm);
    e.page(POST, "/chats/:id/block", roles(JOBSEEKER), chatPages::blockForm);
    e.page(POST, "/chats/:conversation/messages/:id/report", signedIn(), chatPages::reportForm);
    e.page(GET, "/admin/chat-reports", roles(ORGANIZER), chatPages::reportsPage);
    // Organisers mark a report handled with a short outcome (one of two at once wins, the other 409); live on organisers:0
    e.api(POST, "/api/chat-reports/:id/handled", roles(ORGANIZER), chatApi::handle);
    e.page(POST, "/admin/chat-reports/:id/handled", roles(ORGANIZER), chatPages::handleForm);
    // Hand-off to a colleague: booth staff pass an appointment to a colleague of the booth, or ask one into the running
    // call; the evidence lists every member of staff who met the person. Only the booth's own employer (HandoffPolicy).
    HandoffApi handoffApi = new HandoffApi(handoffs);
    HandoffPages handoffPages = new HandoffPages(handoffs, pages);
    e.page(POST, "/bookings/:id/handoff", roles(EMPLOYER), handoffPages::handOffForm);
    e.page(POST, "/bookings/:id/meeting/invite", roles(EMPLOYER), handoffPages::inviteForm);
    // the evidence of who met the person as a page for the booth's own employer (linked from the schedule; others 404)
    e.page(GET, "/bookings/:id/handoffs", roles(EMPLOYER), handoffPages::evidencePage);
    e.api(POST, "/api/bookings/:id/handoff", roles(EMPLOYER), handoffApi::handOff);
    e.api(POST, "/api/bookings/:id/meeting/invite", roles(EMPLOYER), handoffApi::invite);
    e.api(GET, "/api/bookings/:id/handoffs", roles(EMPLOYER), handoffApi::evidence);

    // The interview cascade: playbook and stations per fair, live queues, steps, decisions, dossier, one's own history
    Dossier dossier = cases.dossiers();
    CascadeApi cascadeApi = new CascadeApi(cascades, dossier, people.reauthentication());
    CascadePages cascadePages = new CascadePages(cascades, dossier, pages, s.config().zone(), people.reauthentication(),
        fair.bookings()::counsellor);
    Access stationStaff = roles(PROVIDER, SFU, EMPLOYER, ERHEBUNG, SFA, KOMMUNE, ORGANIZER); // and: a role the station names
    Access readsCases = roles(SFU, SFA, ERHEBUNG, ORGANIZER, KOMMUNE); // never employers or providers
    Access readsDossier = roles(SFA, ERHEBUNG, KOMMUNE); // and a relation to the person (Dossier#readBy); never organisers
    Access decides = roles(SFA, KOMMUNE); // and: the person's own caseworker, or the municipality for minimum income
    e.api(GET, "/api/fairs/:id/stations", staff(), cascadeApi::stations);
    e.api(PUT, "/api/fairs/:id/playbook", roles(ORGANIZER), cascadeApi::adjust);
    e.api(POST, "/api/fairs/:id/cascades", staff(), cascadeApi::admit);
    e.api(GET, "/api/stations/:id/queue", stationStaff, cascadeApi::queue);
    e.api(POST, "/api/stations/:id/next", stationStaff, cascadeApi::next);
    e.api(GET, "/api/cascades/:id", roles(JOBSEEKER, SFU, SFA, ERHEBUNG, ORGANIZER, KOMMUNE), cascadeApi::get);
    e.api(POST, "/api/cascades/:id/events", stationStaff, cascadeApi::event);
    e.api(POST, "/api/cascades/:id/handovers", roles(SFU), cascadeApi::handover);
    e.api(POST, "/api/cascades/:id/hearing", roles(ERHEBUNG, SFA), cascadeApi::hearing);
    e.api(GET, "/api/cascades/:id/dossier", readsDossier, cascadeApi::dossier);
    e.api(GET, "/api/me/cascades", roles(JOBSEEKER), cascadeApi::mine);
    e.api(GET, "/api/cascade-tasks", decides, cascadeApi::tasks);
    e.api(GET, "/api/employers/:id/answers", runsBooth, cascadeApi::answers);
    e.page(GET, "/staff/fairs/:id/cascade", staff(), cascadePages::fairPage);
    e.page(POST, "/staff/fairs/:id/cascade/playbook", roles(ORGANIZER), cascadePages::playbookForm);
    e.page(POST, "/staff/fairs/:id/cascade/admit", staff(), cascadePages::admitForm);
    e.page(GET, "/staff/stations/:id", stationStaff, cascadePages::stationPage);
    e.page(POST, "/staff/stations/:id/next", stationStaff, cascadePages::nextForm);
    e.page(GET, "/staff/cascades/:id", readsCases, cascadePages::casePage);
    e.page(POST, "/staff/cascades/:id/events", stationStaff, cascadePages::eventForm);
    e.page(POST, "/staff/cascades/:id/hearing", roles(ERHEBUNG, SFA), cascadePages::hearingForm);
    e.page(GET, "/staff/cascades/:id/dossier", readsDossier, cascadePages::dossierPage);
    e.page(GET, "/staff/decisions", decides, cascadePages::tasksPage);
    e.page(GET, "/me/cascade", roles(JOBSEEKER), cascadePages::minePage);
    e.page(GET, "/employer/answers", roles(EMPLOYER), cascadePages::answersPage);

    // Requests for reasons after a no-show or an unbooked binding proposal: the person answers with proof until the
    // deadline; the decider (the person's own caseworker, or the municipality by the basis) accepts, or opens a case and
    // decides. Who sees which request is decided per request (NoShowService: the person, or its decider; else 404).
    NoShowDossier reasonsDossier = new NoShowDossier(s.pool(), cases.noShows(), people.relations());
    NoShowApi reasonsApi = new NoShowApi(cases.noShows(), reasonsDossier, people.reauthentication());
    NoShowPages reasonsPages = new NoShowPages(cases.noShows(), reasonsDossier, pages, people.reauthentication(),
        fair.bookings()::counsellor);
    Access decidesReasons = roles(SFA, KOMMUNE); // and: the person's own caseworker, or the municipality by the basis
    Access readsReasons = roles(JOBSEEKER, SFA, KOMMUNE); // and: the person, or the decider
    e.api(GET, "/api/me/reasons", roles(JOBSEEKER), reasonsApi::mine);
    e.api(GET, "/api/reasons", decidesReasons, reasonsApi::decides);
    e.api(GET, "/api/reasons/:id", readsReasons, reasonsApi::get);
    e.api(POST, "/api/reasons/:id/answers", roles(JOBSEEKER), reasonsApi::answer);
    e.api(POST, "/api/reasons/:id/evidence", roles(JOBSEEKER), reasonsApi::attach);
    e.api(GET, "/api/reasons/:id/evidence/:fileId", readsReasons, reasonsApi::evidence);
    e.api(POST, "/api/reasons/:id/accept", decidesReasons, reasonsApi::accept);
    e.api(POST, "/api/reasons/:id/case", decidesReasons, reasonsApi::openCase);
    e.api(POST, "/api/reasons/:id/decision", decidesReasons, reasonsApi::decide);
    e.api(GET, "/api/reasons/:id/dossier", decidesReasons, reasonsApi::dossier);
    e.page(GET, "/me/reasons", roles(JOBSEEKER), reasonsPages::minePage);
    e.page(GET, "/me/reasons/:id", roles(JOBSEEKER), reasonsPages::myRequestPage);
    e.page(POST, "/me/reasons/:id", roles(JOBSEEKER), reasonsPages::answerForm);
    e.page(GET, "/staff/reasons", decidesReasons, reasonsPages::listPage);
    e.page(GET, "/staff/reasons/:id", decidesReasons, reasonsPages::casePage);
    e.page(GET, "/staff/reasons/:id/dossier", decidesReasons, reasonsPages::dossierPage);
    e.page(POST, "/staff/reasons/:id/accept", decidesReasons, reasonsPages::acceptForm);
    e.page(POST, "/staff/reasons/:id/case", decidesReasons, reasonsPages::openCaseForm);
    e.page(POST, "/staff/reasons/:id/decision", decidesReasons, reasonsPages::decideForm);
    // Letters to the person (PDF/A): the person's own, and a case's for staff who read its dossier; never employers.
    LetterApi letters = new LetterApi(cases.letters(), people.relations(),
        id -> cascades.view(id).map(v -> v == null ? null : v.getJsonObject("person").getLong("id")));
    e.page(GET, "/me/letters", roles(JOBSEEKER), new LetterPages(cases.letters(), pages)::minePage);
    e.api(GET, "/api/me/letters", roles(JOBSEEKER), letters::mine);
    e.api(GET, "/api/cascades/:id/letters", readsDossier, letters::ofCascade);
    e.api(GET, "/api/letters/:id/pdf", roles(JOBSEEKER, SFA, ERHEBUNG, ORGANIZER, KOMMUNE), letters::pdf); // and: the person only their own

    // The audit trail (staff): is it whole?
    e.api(GET, "/api/audit/verify", staff(), new AuditApi(platform.audit())::verify);

    // Anything else: not found, as JSON under /api and as a page elsewhere.
    router.route().handler(ctx -> ctx.fail(Reason.NOT_FOUND.refuse()));
    router.route().failureHandler(failures);
    return router;
  }
}
