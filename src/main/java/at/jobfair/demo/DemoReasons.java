package at.jobfair.demo;

import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.legal.Basis;
import at.jobfair.legal.Catalogue;
import at.jobfair.noshow.NoShowService;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.logging.Level;
import java.util.logging.Logger;

import static at.jobfair.db.Rows.utc;

/**
 * The demo's requests for reasons: at a job fair last week Alex (seeker@demo.test, unemployment benefit, § 10 AlVG) and
 * Mina (seeker2@demo.test, reads English, minimum income: the municipality decides; in Germany both on their SGB basis) missed their binding appointments at
 * Hotel Alpenblick. The request job asks both (email, letter); Mina has already answered. So the demo shows an open
 * request on Alex's page and an answered one on the municipality's list (kommune@demo.test). Runs once, right after the
 * demo was seeded, through the real service and its guards.
 */
public final class DemoReasons {

  private static final Logger LOG = Logger.getLogger(DemoReasons.class.getName());

  private DemoReasons() {
  }

  /** The bases are the configured catalogue's for each person's benefit type (in Germany § 31 SGB II or § 159 SGB III). */
  public static Future<Void> run(Pool pool, NoShowService noShows, Catalogue legal, Clock clock) {
    Instant lastWeek = clock.instant().minus(Duration.ofDays(6)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    return pool.withTransaction(tx -> tx.preparedQuery("""
            select (select id from account where email = 'seeker@demo.test') as alex,
                   (select id from account where email = 'seeker2@demo.test') as mina,
                   (select benefit_type from jobseeker j join account a on a.id = j.account_id where a.email = 'seeker@demo.test') as alex_benefit,
                   (select benefit_type from jobseeker j join account a on a.id = j.account_id where a.email = 'seeker2@demo.test') as mina_benefit,
                   (select id from account where email = 'sfa@demo.test') as sfa,
                   (select id from employer order by id limit 1) as hotel""").execute()
        .compose(rows -> {
          Row r = rows.iterator().next();
          if (r.getLong("alex") == null || r.getLong("mina") == null || r.getLong("hotel") == null) return Future.succeededFuture();
          long hotel = r.getLong("hotel");
          Basis alex = legal.resolve("PLACEMENT_PROPOSAL", r.getString("alex_benefit"), clock.instant()).orElse(null);
          Basis mina = legal.resolve("PLACEMENT_PROPOSAL", r.getString("mina_benefit"), clock.instant()).orElse(null);
          if (alex == null || mina == null) return Future.succeededFuture();
          return tx.preparedQuery("""
                  insert into fair (name, format, region, description, starts_at, ends_at, status, booking_cutoff_minutes)
                  values ('Branchenjobbörse Hotellerie (letzte Woche)', 'SECTOR', 'Wien', 'Verbindliche Vermittlungsvorschläge an die Rezeption.',
                          $1, $2, 'PUBLISHED', 0) returning id""").execute(Tuple.of(utc(lastWeek), utc(lastWeek.plus(Duration.ofHours(3)))))
              .map(f -> f.iterator().next().getLong(0))
              .compose(fair -> tx.preparedQuery("insert into fair_employer (fair_id, employer_id) values ($1, $2)").execute(Tuple.of(fair, hotel))
                  .compose(v -> tx.preparedQuery("insert into booth (fair_id, employer_id, headline) values ($1, $2, 'Rezeption') returning id")
                      .execute(Tuple.of(fair, hotel)))
                  .map(b -> b.iterator().next().getLong(0))
                  .compose(booth -> tx.preparedQuery("""
                          insert into vacancy (booth_id, title, description, hours_per_week, pay, workplace, region, german, housing)
                          values ($1, 'Rezeptionist:in', 'Empfang und Check-in, Schichtdienst.', 40, '2.100 € brutto/Monat', 'Wien-Landstraße',
                                  'Wien', 'REQUIRED', false)""").execute(Tuple.of(booth)).map(booth))
                  .compose(booth -> missed(tx, fair, booth, r.getLong("alex"), alex, "de", lastWeek, r.getLong("sfa"))
                      .compose(v -> missed(tx, fair, booth, r.getLong("mina"), mina, "en", lastWeek.plus(Duration.ofMinutes(30)), r.getLong("sfa")))));
        }))
        .compose(v -> noShows.ask())
        .compose(n -> pool.preparedQuery("""
            select r.id, a.id as account from reasons_request r join account a on a.id = r.jobseeker_id
             where a.email = 'seeker2@demo.test' order by r.id limit 1""").execute())
        .compose(rows -> {
          if (rows.size() == 0) return Future.succeededFuture();
          Row r = rows.iterator().next();
          Account mina = new Account(r.getLong("account"), "seeker2@demo.test", "Mina Haddad", "en", null, EnumSet.of(Role.JOBSEEKER));
          return noShows.answer(mina, r.getLong("id"), "My daughter had a high fever that morning and I could not leave her alone. "
              + "I called the hotel but nobody answered. I can bring the doctor's confirmation.").mapEmpty();
        })
        .recover(e -> {
          LOG.log(Level.WARNING, "the demo's requests for reasons were not made: " + e.getMessage());
          return Future.succeededFuture();
        })
        .mapEmpty();
  }

  /** A placement proposal under the basis, its booking in a past slot, and the no-show the platform recorded. */
  private static Future<Void> missed(io.vertx.sqlclient.SqlConnection tx, long fair, long booth, long person, Basis basis, String language,
                                     Instant start, long by) {
    return tx.preparedQuery("insert into slot (booth_id, starts_at, ends_at, capacity) values ($1, $2, $3, 1) returning id")
        .execute(Tuple.of(booth, utc(start), utc(start.plus(Duration.ofMinutes(20)))))
        .compose(s -> tx.preparedQuery("""
                insert into invitation (kind, legal_basis, jobseeker_id, fair_id, booth_id, vacancy_title, deadline,
                                        basis_code, basis_version, notice_language, created_by, created_at)
                values ('PLACEMENT_PROPOSAL', 'BINDING', $1, $2, $3, 'Rezeptionist:in', $4, $5, $6, $7, $8, $9) returning id""")
            .execute(Tuple.of(person, fair, booth, utc(start.minus(Duration.ofDays(1))), basis.code(), basis.version(), language, by,
                utc(start.minus(Duration.ofDays(5)))))
            .compose(i -> tx.preparedQuery("""
                    insert into booking (slot_id, booth_id, jobseeker_id, during, source, legal_basis, invitation_id, basis_code, basis_version, created_at)
                    values ($1, $2, $3, tstzrange($4, $5), 'PLACEMENT_PROPOSAL', 'BINDING', $6, $7, $8, $9) returning id""")
                .execute(Tuple.of(s.iterator().next().getLong(0), booth, person, utc(start), utc(start.plus(Duration.ofMinutes(20))),
                    i.iterator().next().getLong(0), basis.code(), basis.version()).addValue(utc(start.minus(Duration.ofDays(4))))))
            .compose(k -> tx.preparedQuery("""
                insert into attendance (booking_id, outcome, outcome_source, outcome_at) values ($1, 'NO_SHOW', 'SYSTEM', $2)""")
                .execute(Tuple.of(k.iterator().next().getLong(0), utc(start.plus(Duration.ofMinutes(35)))))))
        .mapEmpty();
  }
}
