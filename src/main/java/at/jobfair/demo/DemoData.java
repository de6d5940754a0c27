package at.jobfair.demo;

import at.jobfair.legal.Basis;
import at.jobfair.legal.Catalogue;
import at.jobfair.legal.Obligation;
import at.jobfair.account.AccountStore;
import at.jobfair.account.NewAccount;
import at.jobfair.account.PasswordHasher;
import at.jobfair.identity.Role;
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

import static at.jobfair.db.Rows.utc;

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
      // Eva Huber's colleague at the Hotel Alpenblick booth: appointments are handed to her, she is asked into calls.
      new Person("employer3@demo.test", "Julia Moser", Role.EMPLOYER, 0, "de"),
      new Person("sfu@demo.test", "Sabine Fuchs", Role.SFU, -1, "de"),
      new Person("sfa@demo.test", "Markus Lehner", Role.SFA, -1, "de"),
      new Person("erhebung@demo.test", "Petra Gruber", Role.ERHEBUNG, -1, "de"),
      new Person("provider@demo.test", "Thomas Bauer", Role.PROVIDER, -1, "de"),
      new Person("organizer@demo.test", "Lena Steiner", Role.ORGANIZER, -1, "de"),
      new Person("kommune@demo.test", "Karin Mayr", Role.KOMMUNE, -1, "de"),
      // The people of the cascade demo: at the supra-regional and the regional fair.
      new Person("anna@demo.test", "Anna Novak", Role.JOBSEEKER, -1, "de"),
      new Person("ben@demo.test", "Ben Yilmaz", Role.JOBSEEKER, -1, "de"),
      new Person("clara@demo.test", "Clara Weiss", Role.JOBSEEKER, -1, "de"),
      // Her cascade at the campaign fair is already decided (DemoDecision): the decision letter, in English and German.
      new Person("dora@demo.test", "Dora Berisha", Role.JOBSEEKER, -1, "en"),
      // The waitlist demo: Stadthotel's booth at the e-Jobmeeting is fully booked; she holds one of its appointments
      // (cancelling it offers the seat to the first in line), he is first on its waitlist.
      new Person("booked@demo.test", "Vera Koller", Role.JOBSEEKER, -1, "de"),
      new Person("wait@demo.test", "Emil Schuster", Role.JOBSEEKER, -1, "de"));

  static {
    LOGINS.put("seeker@demo.test", "jobseeker / Arbeitssuchende:r");
    LOGINS.put("seeker2@demo.test", "jobseeker (English) / Arbeitssuchende:r");
    LOGINS.put("interview@demo.test", "jobseeker with a video interview at Hotel Alpenblick now / Videogespräch jetzt");
    LOGINS.put("employer@demo.test", "employer, Hotel Alpenblick / Arbeitgeber:in");
    LOGINS.put("employer2@demo.test", "employer, Gasthof Donaublick / Arbeitgeber:in");
    LOGINS.put("employer3@demo.test", "employer, Hotel Alpenblick, Eva Huber's colleague (hand-off) / Kollegin am Stand");
    LOGINS.put("gaertnerei@demo.test", "employer who signed up itself, applying to exhibit / selbst registriertes Unternehmen");
    LOGINS.put("sfu@demo.test", "employer-service counsellor / SfU");
    LOGINS.put("sfa@demo.test", "jobseeker counsellor / SfA");
    LOGINS.put("erhebung@demo.test", "inquiry service / Erhebungsdienst");
    LOGINS.put("provider@demo.test", "training provider / Kursinstitut");
    LOGINS.put("organizer@demo.test", "organiser / Projektteam");
    LOGINS.put("kommune@demo.test", "municipality / Kommune");
    LOGINS.put("anna@demo.test", "jobseeker, binding, supra-regional fair / Arbeitssuchende:r (überregional, verbindlich)");
    LOGINS.put("ben@demo.test", "jobseeker, binding, minimum income, regional fair / Arbeitssuchende:r (regional, Mindestsicherung)");
    LOGINS.put("clara@demo.test", "jobseeker, voluntary, regional fair / Arbeitssuchende:r (regional, freiwillig)");
    LOGINS.put("dora@demo.test", "jobseeker (English), decided case with its decision letter / Arbeitssuchende:r mit Bescheid");
    LOGINS.put("booked@demo.test", "jobseeker with an appointment at the fully booked Stadthotel booth / Arbeitssuchende:r mit Termin am ausgebuchten Stand");
    LOGINS.put("wait@demo.test", "jobseeker first on the Stadthotel waitlist / Arbeitssuchende:r auf der Warteliste");
  }

  private static final String BOOTH_TEXT = "Wir stellen uns im Videogespräch vor: 20 Minuten, Sie brauchen nur ein Handy "
      + "oder einen Computer mit Kamera. Ein Lebenslauf ist willkommen, aber keine Bedingung.";

  /**
   * Hotel Alpenblick's booth in English and Turkish (headline, description, the company's description), so that the
   * demo shows employer texts in the reader's language; the other booths stay German only.
   */
  private static final Map<String, Map<String, String[]>> BOOTH_TRANSLATIONS = Map.of("Hotel Alpenblick GmbH", Map.of(
      "en", new String[] {"Seasonal jobs with accommodation",
          "We introduce ourselves in a video interview: 20 minutes, all you need is a phone or a computer with a camera. "
              + "A CV is welcome but not required.",
          "Family-run 4-star hotel on the Arlberg with 80 rooms."},
      "tr", new String[] {"Konaklamalı sezonluk işler",
          "Kendimizi görüntülü bir görüşmede tanıtıyoruz: 20 dakika, sadece kameralı bir telefon ya da bilgisayar yeterli. "
              + "Özgeçmiş getirmeniz iyi olur ama şart değil.",
          "Arlberg'de 80 odalı, aile işletmesi 4 yıldızlı otel."}));

  /** Hotel Alpenblick's vacancies in English and Turkish (title, description, pay; places keep their names). */
  private static final Map<String, Map<String, String[]>> VACANCY_TRANSLATIONS = Map.of(
      "Koch / Köchin", Map.of(
          "en", new String[] {"Cook", "À la carte kitchen, winter season December to April.", "€2,450 gross/month"},
          "tr", new String[] {"Aşçı", "Alakart mutfak, aralıktan nisana kış sezonu.", "Aylık brüt 2.450 €"}),
      "Rezeptionist:in", Map.of(
          "en", new String[] {"Receptionist", "Check-in, looking after guests, reservations.", "€2,200 gross/month"},
          "tr", new String[] {"Resepsiyon görevlisi", "Check-in, misafir ilişkileri, rezervasyonlar.", "Aylık brüt 2.200 €"}),
      "Zimmermädchen / Roomboy", Map.of(
          "en", new String[] {"Room attendant", "Cleaning the rooms and public areas.", "€1,750 gross/month"},
          "tr", new String[] {"Kat görevlisi", "Odaların ve ortak alanların temizliği.", "Aylık brüt 1.750 €"}));

  private DemoData() {
  }

  /** Seeds the demo once: only into a database without any account. Safe against two starts at once. */
  public static Future<Boolean> seedIfEmpty(Pool pool, PasswordHasher hasher, ZoneId zone, Clock clock, Catalogue legal) {
    List<String> hashes = PEOPLE.stream().map(p -> hasher.hash(PASSWORD)).toList();
    return pool.withTransaction(tx -> tx.query("select pg_advisory_xact_lock(7212001)").execute()
        .compose(v -> tx.query("select exists (select 1 from account)").execute())
        .compose(rows -> rows.iterator().next().getBoolean(0) ? Future.succeededFuture(false) : seed(tx, new AccountStore(pool), hashes, zone, clock, legal).map(true)));
  }

  private static Future<Void> seed(SqlConnection tx, AccountStore accounts, List<String> hashes, ZoneId zone, Clock clock, Catalogue legal) {
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
        Tuple.of(accountIds.get("seeker@demo.test"), "Wien", new String[] {"de"}, accountIds.get("sfa@demo.test"), benefit(legal, "UNEMPLOYMENT_BENEFIT")),
        Tuple.of(accountIds.get("seeker2@demo.test"), "Wien", new String[] {"en", "ar"}, accountIds.get("sfa@demo.test"), benefit(legal, "MINIMUM_INCOME")))).mapEmpty());
    // The demo municipality decides for Vienna, where every demo jobseeker lives (the MUNICIPALITY relation needs the area).
    chain = chain.compose(v -> tx.preparedQuery("insert into municipality_area (account_id, region) values ($1, 'Wien')")
        .execute(Tuple.of(accountIds.get("kommune@demo.test"))).mapEmpty());

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
        })
        // Hand-off (issue 16): Julia Moser staffs the Hotel Alpenblick booth too; the running interview is Eva Huber's.
        .compose(v -> tx.preparedQuery("insert into booth_staff (booth_id, account_id) select b.id, $1 from booth b where b.employer_id = $2")
            .execute(Tuple.of(accountIds.get("employer3@demo.test"), employerIds.get(0))).mapEmpty())
        .compose(v -> tx.preparedQuery("update booking set interviewer_id = $1 where jobseeker_id = $2")
            .execute(Tuple.of(accountIds.get("employer@demo.test"), accountIds.get("interview@demo.test"))).mapEmpty())
        // ... handed to her by Julia Moser, so the page of who met the person (/bookings/{id}/handoffs) has a record to show.
        .compose(v -> tx.preparedQuery("""
                insert into booking_handoff (booking_id, from_id, to_id, by_id, at)
                select id, $1, $2, $1, now() - interval '1 hour' from booking where jobseeker_id = $3""")
            .execute(Tuple.of(accountIds.get("employer3@demo.test"), accountIds.get("employer@demo.test"), accountIds.get("interview@demo.test")))
            .mapEmpty())
        // The cascade fairs run from the same start as the e-Jobmeeting (now at the latest): admission waits for a fair's start.
        .compose(v -> seedCascadeFairs(tx, employerIds, accountIds, fairStart, firstSlot, fairEnd, legal))
        .compose(v -> seedWaitlist(tx, accountIds))
        .compose(v -> seedSignups(tx, hashes.get(0)));
  }

  /** The booth of the e-Jobmeeting that the waitlist demo shows fully booked. */
  public static final String FULL_BOOTH_EMPLOYER = "Stadthotel Wien Mitte";

  /**
   * The waitlist demo: Stadthotel's booth at the e-Jobmeeting keeps its last slot only, booked by booked@demo.test,
   * and wait@demo.test, then seeker2@demo.test wait in line. Cancelling that appointment offers the seat to
   * wait@demo.test, live and by email; seeker@demo.test sees "Join the waitlist".
   */
  private static Future<Void> seedWaitlist(SqlConnection tx, Map<String, Long> accountIds) {
    return tx.preparedQuery("""
            select b.id from booth b join fair f on f.id = b.fair_id join employer e on e.id = b.employer_id
             where f.format = 'E_JOBMEETING' and e.name = $1""").execute(Tuple.of(FULL_BOOTH_EMPLOYER))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(booth -> tx.preparedQuery("""
                delete from slot where booth_id = $1
                   and id not in (select id from slot where booth_id = $1 order by starts_at desc limit 1)""")
            .execute(Tuple.of(booth))
            .compose(v -> tx.preparedQuery("""
                insert into booking (slot_id, booth_id, jobseeker_id, during)
                select id, booth_id, $2, tstzrange(starts_at, ends_at) from slot where booth_id = $1""")
                .execute(Tuple.of(booth, accountIds.get("booked@demo.test"))))
            .compose(v -> tx.preparedQuery("""
                insert into waitlist_entry (booth_id, jobseeker_id, joined_at)
                values ($1, $2, now() - interval '20 minutes'), ($1, $3, now() - interval '5 minutes')""")
                .execute(Tuple.of(booth, accountIds.get("wait@demo.test"), accountIds.get("seeker2@demo.test")))))
        .mapEmpty();
  }

  /**
   * Employers who signed up themselves (signup/): one sign-up awaiting the organiser's decision (its address confirmed,
   * its representative sabine@baeckerei-morgenrot.example not yet able to sign in), and an approved one that applied to exhibit at the
   * e-Jobmeeting, awaiting the organiser's decision on the admin fair page.
   */
  private static Future<Void> seedSignups(SqlConnection tx, String passwordHash) {
    return tx.query("""
            with e as (insert into employer (name, phone, status) values ('Bäckerei Morgenrot', '+43 1 555 0101', 'PENDING') returning id),
                 a as (insert into account (email, name, password_hash, language, employer_id, active)
                       select 'sabine@baeckerei-morgenrot.example', 'Sabine Morgenrot', '%s', 'de', id, false from e returning id, employer_id),
                 r as (insert into account_role (account_id, role) select id, 'EMPLOYER' from a)
            insert into employer_signup (employer_id, representative_id, address, region, contact_phone, email_confirmed_at)
            select employer_id, id, 'Praterstraße 12, 1020 Wien', 'Wien', '+43 1 555 0101', now() from a""".formatted(passwordHash.replace("'", "''")))
        .execute()
        .compose(v -> tx.query("""
            with e as (insert into employer (name, description, phone) values ('Stadtgärtnerei Grün',
                         'Wir pflegen Parks und Gärten in Wien und bilden Gärtnerinnen und Gärtner aus.', '+43 1 555 0202') returning id),
                 a as (insert into account (email, name, password_hash, language, employer_id)
                       select 'gaertnerei@demo.test', 'Tomas Grün', '%s', 'de', id from e returning id, employer_id),
                 r as (insert into account_role (account_id, role) select id, 'EMPLOYER' from a),
                 s as (insert into employer_signup (employer_id, representative_id, address, region, email_confirmed_at, decision, decided_at)
                       select employer_id, id, 'Gartenweg 3, 1100 Wien', 'Wien', now(), 'APPROVED', now() from a)
            insert into exhibitor_application (fair_id, employer_id, applied_by)
            select f.id, a.employer_id, a.id from a, fair f where f.name = 'e-Jobmeeting Tourismus & Gastronomie'"""
            .formatted(passwordHash.replace("'", "''"))).execute())
        .mapEmpty();
  }

  /**
   * The cascade demo: a supra-regional fair (a seasonal job in Tirol first, then a local job in Vienna, then the SfA
   * on site) and a regional fair (training advice, offer, inquiry service), with people invited bindingly (one a
   * minimum-income recipient, decided by the municipality) and one who came voluntarily. Staff admit them on the
   * fair's station page and run them through.
   */
  private static Future<Void> seedCascadeFairs(SqlConnection tx, List<Long> employerIds, Map<String, Long> accountIds, Instant start,
                                               Instant firstSlot, Instant end, Catalogue legal) {
    long sfa = accountIds.get("sfa@demo.test");
    String anna = benefit(legal, "UNEMPLOYMENT_BENEFIT");
    String ben = benefit(legal, "MINIMUM_INCOME");
    return tx.preparedQuery("update jobseeker set region = 'Wien', languages = $2, caseworker_id = $3, benefit_type = $4 where account_id = $1")
        .executeBatch(List.of(
            Tuple.of(accountIds.get("anna@demo.test"), new String[] {"de"}, sfa, anna),
            Tuple.of(accountIds.get("ben@demo.test"), new String[] {"de", "tr"}, sfa, ben),
            Tuple.of(accountIds.get("clara@demo.test"), new String[] {"de"}, sfa, benefit(legal, "EMERGENCY_ASSISTANCE")),
            Tuple.of(accountIds.get("dora@demo.test"), new String[] {"en", "sq"}, sfa, anna)))
        .compose(v -> cascadeFair(tx, "Überregionale Jobbörse Tourismus", "SUPRA_REGIONAL", start, end,
            "Saisonstellen in Tirol mit Unterkunft, danach Angebote in Wien. Vor Ort im Saal A.",
            employerIds, List.of(0, 2), firstSlot, // Hotel Alpenblick (Tirol), Bäckerei Sonnenschein (Wien)
            List.of(new String[] {"OFFER", "SFU", "Saal A, Tische 1–4"}, new String[] {"LOCAL_OFFER", "SFU", "Saal A, Tisch 5"},
                new String[] {"SANCTION_CHECK", "SFA", "Raum 2 (SfA)"}, new String[] {"DECISION", "KOMMUNE,SFA", null})))
        .compose(supra -> invite(tx, supra, accountIds.get("anna@demo.test"), sfa, proposal(legal, anna), 0, firstSlot)
            .map(supra))
        .compose(supra -> cascadeFair(tx, "Regionale Jobbörse Wien-Favoriten", "REGIONAL", start, end,
            "Verbindliche Einladung: Kursberatung, dann Stellenangebote, vor Ort im Kursinstitut Favoriten.",
            employerIds, List.of(1, 3), firstSlot, // Gasthof Donaublick, Stadthotel
            List.of(new String[] {"TRAINING_SCREENING", "PROVIDER", "Raum 1 (Kursinstitut)"}, new String[] {"OFFER", "SFU", "Saal B"},
                new String[] {"SANCTION_CHECK", "ERHEBUNG", "Raum 3 (Erhebungsdienst)"}, new String[] {"DECISION", "KOMMUNE,SFA", null})))
        .compose(regional -> invite(tx, regional, accountIds.get("ben@demo.test"), sfa, proposal(legal, ben), 0, firstSlot)
            .compose(v -> invite(tx, regional, accountIds.get("clara@demo.test"), sfa, voluntary(legal), 1, firstSlot)))
        // Dora's campaign fair: her case is run to its decision after seeding (DemoDecision), so the demo shows a decision letter.
        .compose(v -> cascadeFair(tx, "Kampagne Bäckerei & Backstube Wien", "CAMPAIGN", start, end,
            "Verbindliche Einladung: Stellen in der Bäckerei, Erhebungsdienst vor Ort.", employerIds, List.of(2), firstSlot,
            List.of(new String[] {"OFFER", "SFU", "Saal C"}, new String[] {"SANCTION_CHECK", "ERHEBUNG", "Raum 4 (Erhebungsdienst)"},
                new String[] {"DECISION", "KOMMUNE,SFA", null})))
        .compose(campaign -> invite(tx, campaign, accountIds.get("dora@demo.test"), sfa, proposal(legal, anna), 0, firstSlot))
        .mapEmpty();
  }

  /**
   * A fair of the format with booths (vacancies, ten slots each) of the demo employers at these positions (their ids
   * in {@code employerIds}), and its playbook with places (no waiver tracking).
   */
  private static Future<Long> cascadeFair(SqlConnection tx, String name, String format, Instant start, Instant end, String description,
                                          List<Long> employerIds, List<Integer> employers, Instant firstSlot, List<String[]> stations) {
    return tx.preparedQuery("""
            insert into fair (name, format, region, description, starts_at, ends_at, status, booking_cutoff_minutes)
            values ($1, $2, 'Wien', $3, $4, $5, 'PUBLISHED', 0) returning id""")
        .execute(Tuple.of(name, format, description, utc(start), utc(end)))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(fairId -> {
          Future<Void> f = Future.succeededFuture();
          for (int i : employers) {
            f = f.compose(v -> seedBooth(tx, fairId, employerIds.get(i), EMPLOYERS.get(i), null, firstSlot, null, null));
          }
          f = f.compose(v -> tx.preparedQuery("insert into cascade_playbook (fair_id, decision_days, waiver_days) values ($1, 14, 0)")
              .execute(Tuple.of(fairId)).mapEmpty());
          List<Tuple> rows = new ArrayList<>();
          for (int i = 0; i < stations.size(); i++) {
            String[] st = stations.get(i);
            rows.add(Tuple.of(fairId, st[0], i + 1, st[1].split(","), st[2]));
          }
          return f.compose(v -> tx.preparedQuery("insert into cascade_station (fair_id, station, position, roles, place) values ($1, $2, $3, $4, $5)")
              .executeBatch(rows)).map(fairId);
        });
  }

  /**
   * The demo's benefit type in the configured jurisdiction: Austria's as named; in Germany unemployment benefit stays
   * (Arbeitslosengeld), the others become citizen's benefit (Bürgergeld).
   */
  static String benefit(Catalogue legal, String austrian) {
    if (legal.benefits().contains(austrian)) return austrian;
    return legal.benefits().contains("CITIZENS_BENEFIT") ? "CITIZENS_BENEFIT" : legal.benefits().get(0);
  }

  /** The basis of a placement proposal to a person with this benefit type (the catalogue must have one). */
  private static Basis proposal(Catalogue legal, String benefit) {
    return legal.resolve("PLACEMENT_PROPOSAL", benefit, Instant.now())
        .orElseThrow(() -> new IllegalStateException("the catalogue has no placement proposal basis for " + benefit));
  }

  private static Basis voluntary(Catalogue legal) {
    return legal.resolve("MASS_MAILING", Catalogue.NO_BENEFIT, Instant.now())
        .orElseThrow(() -> new IllegalStateException("the catalogue has no voluntary basis for a mass mailing"));
  }

  /**
   * The person is invited to the fair's first booth: bindingly with a placement proposal (on the catalogue's basis for
   * their benefit type) or by a mass mailing (voluntary); and booked into that booth's slot {@code slot}.
   */
  private static Future<Void> invite(SqlConnection tx, long fairId, long person, long by, Basis basis, int slot, Instant firstSlot) {
    boolean binding = basis.obligation() == Obligation.BINDING;
    return tx.preparedQuery("select b.id, (select title from vacancy v where v.booth_id = b.id order by v.id limit 1), "
            + "(select id from vacancy v where v.booth_id = b.id order by v.id limit 1) from booth b "
            + "where b.fair_id = $1 order by b.id limit 1").execute(Tuple.of(fairId))
        .compose(rows -> {
          long booth = rows.iterator().next().getLong(0);
          String title = rows.iterator().next().getString(1);
          Long vacancy = rows.iterator().next().getLong(2);
          // The proposal names its vacancy, so the station's offer form preselects it (its mail is not sent in the demo:
          // the SfU hands the proposal over at the station to make a decline count for the sanction check).
          Future<Long> invitation = binding
              ? tx.preparedQuery("""
                  insert into invitation (kind, legal_basis, jobseeker_id, fair_id, booth_id, vacancy_id, vacancy_title, deadline, created_by,
                                          basis_code, basis_version, notice_language)
                  values ('PLACEMENT_PROPOSAL', 'BINDING', $1, $2, $3, $9, $4, $5, $6, $7, $8, 'de') returning id""")
              .execute(Tuple.of(person, fairId, booth, title, utc(firstSlot.plus(Duration.ofDays(1))), by, basis.code(), basis.version())
                  .addValue(vacancy))
              .map(r -> r.iterator().next().getLong(0))
              : tx.preparedQuery("insert into mass_mailing (fair_id, criteria, recipients, created_by) values ($1, '{\"region\": \"Wien\"}'::jsonb, 1, $2) returning id")
              .execute(Tuple.of(fairId, by))
              .compose(m -> tx.preparedQuery("""
                  insert into invitation (kind, legal_basis, jobseeker_id, fair_id, mailing_id, created_by, basis_code, basis_version)
                  values ('MASS_MAILING', 'VOLUNTARY', $1, $2, $3, $4, $5, $6) returning id""")
                  .execute(Tuple.of(person, fairId, m.iterator().next().getLong(0), by, basis.code(), basis.version())))
              .map(r -> r.iterator().next().getLong(0));
          return invitation.compose(inv -> tx.preparedQuery("""
                  insert into booking (slot_id, booth_id, jobseeker_id, during, source, legal_basis, invitation_id, basis_code, basis_version)
                  select s.id, s.booth_id, $2, tstzrange(s.starts_at, s.ends_at), $3, $4, $5, i.basis_code, i.basis_version
                    from slot s join invitation i on i.id = $5
                   where s.booth_id = $1 order by s.starts_at offset $6 limit 1""")
              .execute(Tuple.of(booth, person, binding ? "PLACEMENT_PROPOSAL" : "MASS_MAILING", binding ? "BINDING" : "VOLUNTARY", inv, slot)))
              .mapEmpty();
        });
  }

  private static Future<Void> seedBooth(SqlConnection tx, long fairId, long employerId, Employer e, Long staffId, Instant firstSlot,
                                        Instant interview, Long interviewee) {
    return tx.preparedQuery("insert into fair_employer (fair_id, employer_id) values ($1, $2)").execute(Tuple.of(fairId, employerId))
        .compose(v -> tx.preparedQuery("insert into booth (fair_id, employer_id, headline, description, phone, offers_callback) values ($1, $2, $3, $4, $5::text, $5::text is not null) returning id")
            .execute(Tuple.of(fairId, employerId, e.headline(), BOOTH_TEXT, e.phone())))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(boothId -> {
          List<Tuple> vacancies = e.vacancies().stream().map(v -> Tuple.of(boothId, v.title(), v.description(), v.hours(), v.pay(),
              v.workplace(), v.region(), v.german(), v.housing())).toList();
          List<Tuple> slots = new ArrayList<>();
          Instant interviewEnd = interviewee == null ? null : interview.plus(DEMO_INTERVIEW);
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
              .compose(v -> translations(tx, boothId, e))
              .compose(v -> tx.preparedQuery("insert into slot (booth_id, starts_at, ends_at, capacity) values ($1, $2, $3, 1)")
                  .executeBatch(slots))
              // The walk-up queue is open at every booth while the fair runs: anyone without a booking can queue.
              .compose(v -> tx.preparedQuery("insert into booth_queue (booth_id, open) values ($1, true)").execute(Tuple.of(boothId)))
              .compose(v -> interviewee == null ? Future.succeededFuture() : tx.preparedQuery("""
                  insert into booking (slot_id, booth_id, jobseeker_id, during)
                  select id, booth_id, $3, tstzrange(starts_at, ends_at) from slot where booth_id = $1 and starts_at = $2""")
                  .execute(Tuple.of(boothId, utc(interview), interviewee)))
              .compose(v -> interviewee == null ? Future.succeededFuture() : screening(tx, boothId, interviewee))
              .mapEmpty();
        });
  }

  /** The booth's and its vacancies' translations, where the demo has them ({@link #BOOTH_TRANSLATIONS}). */
  private static Future<?> translations(SqlConnection tx, long boothId, Employer e) {
    Map<String, String[]> booth = BOOTH_TRANSLATIONS.get(e.name());
    if (booth == null) return Future.succeededFuture();
    List<Tuple> boothRows = new ArrayList<>();
    booth.forEach((lang, t) -> boothRows.add(Tuple.of(boothId, lang, t[0], t[1], t[2])));
    List<Tuple> vacancyRows = new ArrayList<>();
    for (Vacancy v : e.vacancies()) {
      Map<String, String[]> texts = VACANCY_TRANSLATIONS.get(v.title());
      if (texts != null) texts.forEach((lang, t) -> vacancyRows.add(Tuple.of(boothId, v.title(), lang, t[0], t[1], t[2])));
    }
    return tx.preparedQuery("""
            insert into booth_translation (booth_id, lang, headline, description, company_description) values ($1, $2, $3, $4, $5)""")
        .executeBatch(boothRows)
        .compose(v -> vacancyRows.isEmpty() ? Future.succeededFuture() : tx.preparedQuery("""
            insert into vacancy_translation (vacancy_id, lang, title, description, pay)
            select v.id, $3, $4, $5, $6 from vacancy v where v.booth_id = $1 and v.title = $2""").executeBatch(vacancyRows));
  }

  /**
   * Issue 16's profile at Hotel Alpenblick: two pre-screening questions on its first vacancy (one required), and Sam
   * Novak's profile, shared with the booths he books (skills, languages, availability), with his answers to the
   * questions on his running interview, so the schedule shows them and "Profil" opens what he shares.
   */
  private static Future<Void> screening(io.vertx.sqlclient.SqlClient tx, long boothId, long person) {
    return tx.preparedQuery("""
            insert into vacancy_question (vacancy_id, position, text, required)
            select v.id, q.position, q.text, q.required from (select id from vacancy where booth_id = $1 order by id limit 1) v
              cross join (values (1, 'Seit wann arbeiten Sie in der Küche oder im Service?', true),
                                 (2, 'Ab wann könnten Sie anfangen?', false)) as q (position, text, required)""")
        .execute(Tuple.of(boothId))
        .compose(v -> tx.preparedQuery("""
            insert into job_profile (jobseeker_id, skills, languages, licences, available_from, hours_per_week, shifts,
                                     max_commute_minutes, relocate, shared)
            values ($1, '{Frühstücksservice,Barista,Kassa}', '[{"code":"de","level":"C1"},{"code":"en","level":"B2"}]',
                    '{B}', current_date + 14, 30, '{MORNING,WEEKEND}', 45, false, '{SKILLS,LANGUAGES,AVAILABILITY}')""")
            .execute(Tuple.of(person)))
        .compose(v -> tx.preparedQuery("""
            insert into booking_answer (booking_id, question_id, position, vacancy, question, answer)
            select k.id, q.id, q.position, v.title, q.text, 'Seit drei Jahren im Frühstücksservice eines Wiener Hotels.'
              from booking k join vacancy v on v.booth_id = k.booth_id join vacancy_question q on q.vacancy_id = v.id and q.position = 1
             where k.booth_id = $1 and k.jobseeker_id = $2""").execute(Tuple.of(boothId, person)))
        .mapEmpty();
  }

  private static Instant nextHalfHour(Instant now) {
    Instant hour = now.truncatedTo(ChronoUnit.HOURS);
    Instant half = hour.plus(Duration.ofMinutes(30));
    return now.isBefore(half) ? half : hour.plus(Duration.ofHours(1));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
