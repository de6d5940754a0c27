package at.jobfair.demo;

import at.jobfair.account.AccountStore;
import at.jobfair.account.NewAccount;
import at.jobfair.account.PasswordHasher;
import at.jobfair.account.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills an empty database with a demo: an e-Jobmeeting running today with an orientation part, four employer
 * booths with vacancies and bookable slots, and one account for every role (password {@value #PASSWORD}).
 */
public final class DemoData {

  public static final String PASSWORD = "demo";
  public static final int SLOTS_PER_BOOTH = 10;
  public static final Duration INTERVIEW = Duration.ofMinutes(20);
  public static final Duration CADENCE = Duration.ofMinutes(30);
  /** The demo's video interview that runs from the start of the demo. */
  public static final Duration DEMO_INTERVIEW = Duration.ofMinutes(45);

  /** Demo sign-ins: email and what the account is for. */
  public static final Map<String, String> LOGINS = new LinkedHashMap<>();

  private record Person(String email, String name, Role role, int employer, String language) {
  }

  private record Employer(String name, String description, String phone, String headline, List<Vacancy> vacancies) {
  }

  private record Vacancy(String title, String description, double hours, String pay, String workplace, String region,
                         String german, boolean housing) {
  }

  private static final List<Employer> EMPLOYERS = List.of(
      new Employer("Hotel Alpenblick GmbH", "Familiengeführtes 4-Sterne-Hotel am Arlberg mit 80 Zimmern.", "+43 5446 1234",
          "Saisonstellen mit Unterkunft", List.of(
          new Vacancy("Koch / Köchin", "À-la-carte-Küche, Wintersaison Dezember bis April.", 40, "2.450 € brutto/Monat", "St. Anton am Arlberg", "Tirol", "NOT_REQUIRED", true),
          new Vacancy("Rezeptionist:in", "Check-in, Gästebetreuung, Reservierungen.", 40, "2.200 € brutto/Monat", "St. Anton am Arlberg", "Tirol", "ENGLISH_POSSIBLE", true),
          new Vacancy("Zimmermädchen / Roomboy", "Reinigung der Zimmer und öffentlichen Bereiche.", 30, "1.750 € brutto/Monat", "St. Anton am Arlberg", "Tirol", "NOT_REQUIRED", true))),
      new Employer("Gasthof Donaublick", "Traditionelles Wirtshaus mit Gastgarten in der Wachau.", "+43 2713 5678",
          "Wir suchen Verstärkung für Küche und Service", List.of(
          new Vacancy("Servicekraft", "Service im Gastgarten und Restaurant.", 38, "2.050 € brutto/Monat", "Spitz an der Donau", "Niederösterreich", "REQUIRED", false),
          new Vacancy("Abwäscher:in", "Abwasch und Küchenhilfe, auch Teilzeit.", 20, "1.150 € brutto/Monat", "Spitz an der Donau", "Niederösterreich", "NOT_REQUIRED", false))),
      new Employer("Bäckerei Sonnenschein", "Bäckerei mit zwölf Filialen in Wien.", "+43 1 234 5678",
          "Frisches Brot braucht frische Leute", List.of(
          new Vacancy("Verkäufer:in Filiale", "Verkauf und Beratung, Frühschicht ab 6 Uhr.", 30, "1.900 € brutto/Monat", "Wien-Favoriten", "Wien", "REQUIRED", false),
          new Vacancy("Backstubenhelfer:in", "Mithilfe in der Produktion, Nachtschicht.", 40, "2.300 € brutto/Monat", "Wien-Simmering", "Wien", "NOT_REQUIRED", false))),
      new Employer("Stadthotel Wien Mitte", "Businesshotel mit 200 Zimmern und Konferenzbereich.", "+43 1 987 6543",
          "Karriere in der Hotellerie", List.of(
          new Vacancy("Frühstückskellner:in", "Frühstücksservice 6 bis 11 Uhr.", 25, "1.500 € brutto/Monat", "Wien-Landstraße", "Wien", "ENGLISH_POSSIBLE", false),
          new Vacancy("Haustechniker:in", "Wartung und kleine Reparaturen.", 40, "2.600 € brutto/Monat", "Wien-Landstraße", "Wien", "REQUIRED", false))));

  private static final List<Person> PEOPLE = List.of(
      new Person("seeker@demo.test", "Alex Berger", Role.JOBSEEKER, -1, "de"),
      new Person("seeker2@demo.test", "Mina Haddad", Role.JOBSEEKER, -1, "en"),
      new Person("interview@demo.test", "Sam Novak", Role.JOBSEEKER, -1, "de"),
      new Person("employer@demo.test", "Eva Huber", Role.EMPLOYER, 0, "de"),
      new Person("employer2@demo.test", "Jonas Wimmer", Role.EMPLOYER, 1, "de"),
      new Person("sfu@demo.test", "Sabine Fuchs", Role.SFU, -1, "de"),
      new Person("sfa@demo.test", "Markus Lehner", Role.SFA, -1, "de"),
      new Person("erhebung@demo.test", "Petra Gruber", Role.ERHEBUNG, -1, "de"),
      new Person("provider@demo.test", "Thomas Bauer", Role.PROVIDER, -1, "de"),
      new Person("organizer@demo.test", "Lena Steiner", Role.ORGANIZER, -1, "de"),
      new Person("kommune@demo.test", "Karin Mayr", Role.KOMMUNE, -1, "de"));

  static {
    LOGINS.put("seeker@demo.test", "jobseeker / Arbeitssuchende:r");
    LOGINS.put("seeker2@demo.test", "jobseeker (English) / Arbeitssuchende:r");
    LOGINS.put("interview@demo.test", "jobseeker with a video interview at Hotel Alpenblick now / Videogespräch jetzt");
    LOGINS.put("employer@demo.test", "employer, Hotel Alpenblick / Arbeitgeber:in");
    LOGINS.put("employer2@demo.test", "employer, Gasthof Donaublick / Arbeitgeber:in");
    LOGINS.put("sfu@demo.test", "employer-service counsellor / SfU");
    LOGINS.put("sfa@demo.test", "jobseeker counsellor / SfA");
    LOGINS.put("erhebung@demo.test", "inquiry service / Erhebungsdienst");
    LOGINS.put("provider@demo.test", "training provider / Kursinstitut");
    LOGINS.put("organizer@demo.test", "organiser / Projektteam");
    LOGINS.put("kommune@demo.test", "municipality / Kommune");
  }

  private static final String BOOTH_TEXT = "Wir stellen uns im Videogespräch vor: 20 Minuten, Sie brauchen nur ein Handy "
      + "oder einen Computer mit Kamera. Ein Lebenslauf ist willkommen, aber keine Bedingung.";

  private DemoData() {
  }

  /** Seeds the demo once: only into a database without any account. Safe against two starts at once. */
  public static Future<Boolean> seedIfEmpty(Pool pool, PasswordHasher hasher, ZoneId zone, Clock clock) {
    List<String> hashes = PEOPLE.stream().map(p -> hasher.hash(PASSWORD)).toList();
    return pool.withTransaction(tx -> tx.query("select pg_advisory_xact_lock(7212001)").execute()
        .compose(v -> tx.query("select exists (select 1 from account)").execute())
        .compose(rows -> rows.iterator().next().getBoolean(0) ? Future.succeededFuture(false) : seed(tx, new AccountStore(pool), hashes, zone, clock).map(true)));
  }

  private static Future<Void> seed(SqlConnection tx, AccountStore accounts, List<String> hashes, ZoneId zone, Clock clock) {
    List<Long> employerIds = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Employer e : EMPLOYERS) {
      chain = chain.compose(v -> tx.preparedQuery("insert into employer (name, description, phone) values ($1, $2, $3) returning id")
          .execute(Tuple.of(e.name(), e.description(), e.phone()))
          .map(rows -> {
            employerIds.add(rows.iterator().next().getLong(0));
            return null;
          }));
    }
    Map<String, Long> accountIds = new LinkedHashMap<>();
    for (int i = 0; i < PEOPLE.size(); i++) {
      Person p = PEOPLE.get(i);
      String hash = hashes.get(i);
      chain = chain.compose(v -> accounts.insert(tx, new NewAccount(p.email(), p.name(), null, EnumSet.of(p.role()),
              p.employer() < 0 ? null : employerIds.get(p.employer()), p.language()), hash, null)
          .map(id -> {
            accountIds.put(p.email(), id);
            return null;
          }));
    }
    // Both demo jobseekers are looked after by the demo SfA caseworker (whose worklist shows them); the benefit type is staff-only.
    chain = chain.compose(v -> tx.preparedQuery("""
            update jobseeker set region = $2, languages = $3, caseworker_id = $4, benefit_type = $5 where account_id = $1""").executeBatch(List.of(
        Tuple.of(accountIds.get("seeker@demo.test"), "Wien", new String[] {"de"}, accountIds.get("sfa@demo.test"), "UNEMPLOYMENT_BENEFIT"),
        Tuple.of(accountIds.get("seeker2@demo.test"), "Wien", new String[] {"en", "ar"}, accountIds.get("sfa@demo.test"), "MINIMUM_INCOME"))).mapEmpty());

    LocalDate today = LocalDate.now(clock.withZone(zone));
    Instant orientation = ZonedDateTime.of(today, LocalTime.of(9, 0), zone).toInstant();
    Instant firstSlot = later(orientation.plus(CADENCE), nextHalfHour(clock.instant()));
    Instant fairEnd = firstSlot.plus(CADENCE.multipliedBy(SLOTS_PER_BOOTH));
    // A video interview running from now (the last five minutes) at Hotel Alpenblick, so that two people can try the
    // rooms at once: interview@demo.test and employer@demo.test.
    Instant interview = Instant.ofEpochSecond(clock.instant().getEpochSecond() / 300 * 300);
    Instant fairStart = interview.isBefore(orientation) ? interview : orientation;
    return chain.compose(v -> tx.preparedQuery("""
            insert into fair (name, format, sector, region, description, starts_at, ends_at, orientation_starts_at,
                              orientation_minutes, status, booking_cutoff_minutes)
            values ($1, 'E_JOBMEETING', 'Tourismus und Gastronomie', 'Wien', $2, $5, $4, $3, 30, 'PUBLISHED', 0) returning id""")
        .execute(Tuple.of("e-Jobmeeting Tourismus & Gastronomie",
            "Lernen Sie Arbeitgeber aus Hotellerie und Gastronomie im Videogespräch kennen. Zu Beginn gibt es einen "
                + "Orientierungsteil für alle.", utc(orientation), utc(fairEnd), utc(fairStart)))
        .map(rows -> rows.iterator().next().getLong(0)))
        .compose(fairId -> {
          Future<Void> booths = Future.succeededFuture();
          for (int i = 0; i < EMPLOYERS.size(); i++) {
            Employer e = EMPLOYERS.get(i);
            long employerId = employerIds.get(i);
            Long staff = i == 0 ? accountIds.get("employer@demo.test") : i == 1 ? accountIds.get("employer2@demo.test") : null;
            Long interviewee = i == 0 ? accountIds.get("interview@demo.test") : null;
            booths = booths.compose(v -> seedBooth(tx, fairId, employerId, e, staff, firstSlot, interview, interviewee));
          }
          return booths;
        });
  }

  private static Future<Void> seedBooth(SqlConnection tx, long fairId, long employerId, Employer e, Long staffId, Instant firstSlot,
                                        Instant interview, Long interviewee) {
    return tx.preparedQuery("insert into fair_employer (fair_id, employer_id) values ($1, $2)").execute(Tuple.of(fairId, employerId))
        .compose(v -> tx.preparedQuery("insert into booth (fair_id, employer_id, headline, description, phone) values ($1, $2, $3, $4, $5) returning id")
            .execute(Tuple.of(fairId, employerId, e.headline(), BOOTH_TEXT, e.phone())))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(boothId -> {
          List<Tuple> vacancies = e.vacancies().stream().map(v -> Tuple.of(boothId, v.title(), v.description(), v.hours(), v.pay(),
              v.workplace(), v.region(), v.german(), v.housing())).toList();
          List<Tuple> slots = new ArrayList<>();
          Instant interviewEnd = interview.plus(DEMO_INTERVIEW);
          if (interviewee != null) slots.add(Tuple.of(boothId, utc(interview), utc(interviewEnd)));
          for (int s = 0; s < SLOTS_PER_BOOTH; s++) {
            Instant start = firstSlot.plus(CADENCE.multipliedBy(s));
            if (interviewee != null && start.isBefore(interviewEnd)) continue; // slots of a booth never overlap
            slots.add(Tuple.of(boothId, utc(start), utc(start.plus(INTERVIEW))));
          }
          Future<?> staff = staffId == null ? Future.succeededFuture()
              : tx.preparedQuery("insert into booth_staff (booth_id, account_id) values ($1, $2)").execute(Tuple.of(boothId, staffId));
          return staff
              .compose(v -> tx.preparedQuery("""
                  insert into vacancy (booth_id, title, description, hours_per_week, pay, workplace, region, german, housing)
                  values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""").executeBatch(vacancies))
              .compose(v -> tx.preparedQuery("insert into slot (booth_id, starts_at, ends_at, capacity) values ($1, $2, $3, 1)")
                  .executeBatch(slots))
              .compose(v -> interviewee == null ? Future.succeededFuture() : tx.preparedQuery("""
                  insert into booking (slot_id, booth_id, jobseeker_id, during)
                  select id, booth_id, $3, tstzrange(starts_at, ends_at) from slot where booth_id = $1 and starts_at = $2""")
                  .execute(Tuple.of(boothId, utc(interview), interviewee)))
              .mapEmpty();
        });
  }

  private static Instant nextHalfHour(Instant now) {
    Instant hour = now.truncatedTo(ChronoUnit.HOURS);
    Instant half = hour.plus(Duration.ofMinutes(30));
    return now.isBefore(half) ? half : hour.plus(Duration.ofHours(1));
  }

  private static java.time.OffsetDateTime utc(Instant i) {
    return i.atOffset(java.time.ZoneOffset.UTC);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
