package at.jobfair.demo;

import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
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
 * through the real service and its guards: the proposal handed over and declined, heard by the inquiry service, and her caseworker
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
          long dora = r.getLong("dora");
          return cascades.playbook(fair).compose(sp -> pool.preparedQuery("""
                  select vacancy_id from invitation where fair_id = $1 and jobseeker_id = $2 and kind = 'PLACEMENT_PROPOSAL'
                   order by id limit 1""").execute(Tuple.of(fair, dora)).compose(proposals -> {
            // The vacancy her proposal names, handed over at the station (the notice's provable delivery in the demo).
            String vacancy = String.valueOf(proposals.iterator().next().getLong("vacancy_id"));
            long offer = sp.station(Station.OFFER).id();
            long check = sp.station(Station.SANCTION_CHECK).id();
            return cascades.admit(sfu, fair, dora).compose(id -> cascades.next(sfu, offer)
                .compose(x -> cascades.handOver(sfu, id, vacancy))
                .compose(x -> cascades.act(sfu, id, new Event(Event.Type.OFFER_DECLINED, vacancy,
                    "I do not want to start work at 6 in the morning.", null, null, null), null))
                .compose(x -> cascades.next(erhebung, check))
                .compose(x -> cascades.act(erhebung, id, new Event(Event.Type.STATEMENT, null,
                    "I simply do not like early shifts; nothing else keeps me from it.", null, null, null), null))
                .compose(x -> cascades.act(erhebung, id, new Event(Event.Type.FINDING, null,
                    "No care duties, health or travel reasons given; an early shift in Vienna is reasonable.",
                    Event.Finding.NOT_JUSTIFIED, null, null), null))
                .compose(x -> cascades.act(sfa, id, new Event(Event.Type.DECIDE, null,
                    "Eine zumutbare Beschäftigung (Verkäufer:in Filiale, Frühschicht, Wien-Favoriten) wurde ohne wichtigen Grund "
                        + "abgelehnt; Gründe, die sie unzumutbar machten, wurden nicht genannt.", null, Event.Decision.IMPOSE, null), null)))
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
