package at.jobfair.demo;

import at.jobfair.account.Account;
import at.jobfair.account.Role;
import at.jobfair.cascade.CascadeService;
import at.jobfair.cascade.Event;
import at.jobfair.cascade.Station;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.EnumSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The demo's decided case: Dora (reads English) runs through the campaign fair's cascade as staff would run her,
 * through the real service and its guards: the offer declined, heard by the inquiry service, and her caseworker
 * imposes the sanction, which produces the decision letter (PDF/A, English with the binding German text) in her
 * letters, in the dossier and in the outbox. Runs once, right after the demo was seeded.
 */
public final class DemoDecision {

  private static final Logger LOG = Logger.getLogger(DemoDecision.class.getName());

  private DemoDecision() {
  }

  /** Runs Dora's case to its decision; a guard that refuses a step is logged, and the demo goes on without the letter. */
  public static Future<Void> run(Pool pool, CascadeService cascades) {
    return pool.preparedQuery("""
            select (select id from account where email = 'dora@demo.test') as dora,
                   (select id from account where email = 'sfu@demo.test') as sfu,
                   (select id from account where email = 'erhebung@demo.test') as erhebung,
                   (select id from account where email = 'sfa@demo.test') as sfa,
                   (select id from fair where format = 'CAMPAIGN' order by id limit 1) as fair""").execute()
        .compose(rows -> {
          Row r = rows.iterator().next();
          if (r.getLong("dora") == null || r.getLong("fair") == null) return Future.succeededFuture();
          long fair = r.getLong("fair");
          Account sfu = staff(r.getLong("sfu"), "sfu@demo.test", Role.SFU);
          Account erhebung = staff(r.getLong("erhebung"), "erhebung@demo.test", Role.ERHEBUNG);
          Account sfa = staff(r.getLong("sfa"), "sfa@demo.test", Role.SFA);
          return cascades.playbook(fair).compose(sp -> pool.preparedQuery("""
                  select v.id from vacancy v join booth b on b.id = v.booth_id
                   where b.fair_id = $1 and v.title like 'Backstuben%' order by v.id limit 1""").execute(Tuple.of(fair)).compose(vacancies -> {
            String vacancy = String.valueOf(vacancies.iterator().next().getLong("id"));
            long offer = sp.station(Station.OFFER).id();
            long check = sp.station(Station.SANCTION_CHECK).id();
            return cascades.admit(sfu, fair, r.getLong("dora")).compose(id -> cascades.next(sfu, offer)
                // the SfU hands the proposal over at the station: only a decline with a provably delivered notice counts
                .compose(x -> cascades.handOver(sfu, id, vacancy))
                .compose(x -> cascades.act(sfu, id, new Event(Event.Type.OFFER_DECLINED, vacancy,
                    "The night shift does not suit me.", null, null, null), null))
                .compose(x -> cascades.next(erhebung, check))
                .compose(x -> cascades.act(erhebung, id, new Event(Event.Type.STATEMENT, null,
                    "My mother has a carer until 2 pm; a night shift would be possible, I just do not want it.", null, null, null), null))
                .compose(x -> cascades.act(erhebung, id, new Event(Event.Type.FINDING, null,
                    "Care duties cover the day only; the night shift was reasonable and declined without good cause.",
                    Event.Finding.NOT_JUSTIFIED, null, null), null))
                .compose(x -> cascades.act(sfa, id, new Event(Event.Type.DECIDE, null,
                    "Eine zumutbare Beschäftigung (Backstubenhelfer:in, Nachtschicht, Wien) wurde ohne wichtigen Grund abgelehnt; "
                        + "die Betreuungspflicht betrifft nur den Tag.", null, Event.Decision.IMPOSE, null), null)))
                .mapEmpty();
          }));
        })
        .recover(e -> {
          LOG.log(Level.WARNING, "the demo's decided case (dora@demo.test) was not run to its decision: " + e.getMessage());
          return Future.succeededFuture();
        })
        .mapEmpty();
  }

  private static Account staff(long id, String email, Role role) {
    return new Account(id, email, email, "de", null, EnumSet.of(role));
  }
}
