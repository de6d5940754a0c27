package at.jobfair.access;

import at.jobfair.audit.AuditChain;
import at.jobfair.audit.AuditLog;
import at.jobfair.identity.Account;
import at.jobfair.refusal.Reason;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Organisers keep who stands in for whom (an SfA's deputy, with optional dates; teams whose members act for each
 * other's caseload) and which regions a municipality decides for: data, not code, read by {@link Relations}. Every
 * change is one transaction with its audit record (ids only: the chain keeps no names). {@link CoverApi} and
 * {@link CoverPages} speak HTTP around it.
 */
public final class CoverService {

  static final int MAX_REGIONS = 50;
  static final int MAX_TEXT = 100;

  private final Pool pool;
  private final AuditLog audit;
  private final Clock clock;

  public CoverService(Pool pool, AuditLog audit, Clock clock) {
    this.pool = pool;
    this.audit = audit;
    this.clock = clock;
  }

  /** Caseworkers with their deputies and teams, municipalities with their areas. */
  Future<JsonObject> overview() {
    return CoverStore.overview(pool);
  }

  // ---- the changes ---------------------------------------------------------------------------------------------------

  Future<Long> addDeputy(Account by, long caseworker, Long deputy, String fromText, String untilText) {
    if (deputy == null) return Future.failedFuture(Reason.DEPUTY_NOT_SFA.refuse());
    if (deputy == caseworker) return Future.failedFuture(Reason.DEPUTY_SELF.refuse());
    LocalDate from;
    LocalDate until;
    try {
      from = blank(fromText) ? null : LocalDate.parse(fromText.strip());
      until = blank(untilText) ? null : LocalDate.parse(untilText.strip());
    } catch (DateTimeParseException e) {
      return Future.failedFuture(Reason.DEPUTY_DATES_INVALID.refuse());
    }
    if (from != null && until != null && from.isAfter(until)) return Future.failedFuture(Reason.DEPUTY_DATES_INVALID.refuse());
    return pool.withTransaction(tx -> sfa(tx, caseworker).compose(v -> sfa(tx, deputy))
        .compose(v -> CoverStore.addDeputy(tx, caseworker, deputy, from, until, by.id()))
        .compose(id -> audited(tx, by, caseworker, "DEPUTY_ADDED", null, "deputy:" + deputy + " " + (from == null ? "" : from) + ".." + (until == null ? "" : until)).map(id)));
  }

  Future<Void> removeDeputy(Account by, long id) {
    return pool.withTransaction(tx -> CoverStore.removeDeputy(tx, id).compose(caseworker -> caseworker == null
        ? Future.failedFuture(Reason.DEPUTY_NOT_FOUND.refuse())
        : audited(tx, by, caseworker, "DEPUTY_REMOVED", "deputy-entry:" + id, null)));
  }

  Future<Void> setTeam(Account by, long sfa, String team) {
    String clean = blank(team) ? null : team.strip();
    if (clean != null && clean.length() > MAX_TEXT) return Future.failedFuture(Reason.TEAM_INVALID.refuse());
    return pool.withTransaction(tx -> sfa(tx, sfa).compose(v -> CoverStore.setTeam(tx, sfa, clean))
        .compose(v -> audited(tx, by, sfa, "TEAM_SET", null, clean == null ? "no team" : "team:" + clean)));
  }

  Future<List<String>> setArea(Account by, long municipality, List<String> given) {
    LinkedHashSet<String> regions = new LinkedHashSet<>();
    for (String r : given) if (!blank(r)) regions.add(r.strip());
    if (regions.size() > MAX_REGIONS || regions.stream().anyMatch(r -> r.length() > MAX_TEXT)) {
      return Future.failedFuture(Reason.AREA_INVALID.refuse());
    }
    List<String> list = List.copyOf(regions);
    return pool.withTransaction(tx -> CoverStore.hasRole(tx, municipality, "KOMMUNE").compose(ok -> ok
            ? CoverStore.setArea(tx, municipality, list) : Future.failedFuture(Reason.MUNICIPALITY_NOT_FOUND.refuse()))
        .compose(v -> audited(tx, by, municipality, "AREA_SET", null, String.join(",", list))).map(list));
  }

  private static Future<Void> sfa(SqlClient tx, long id) {
    return CoverStore.hasRole(tx, id, "SFA").compose(ok -> ok ? Future.succeededFuture() : Future.failedFuture(Reason.DEPUTY_NOT_SFA.refuse()));
  }

  private Future<Void> audited(SqlClient tx, Account by, long subject, String event, String from, String to) {
    return audit.append(tx, AuditChain.Entry.of(clock.instant(), by.id(), "ORGANIZER", "account:" + subject, event, from, to, null)).mapEmpty();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
