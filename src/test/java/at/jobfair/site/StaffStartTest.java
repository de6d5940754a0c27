package at.jobfair.site;

import at.jobfair.identity.Role;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Staff land on {@code /} and find their stations, the boards of today's fairs, the worklist and decisions one click
 * away: exactly the links their role may use, each answering 200 for them, and none that the router refuses them.
 */
class StaffStartTest {

  static TestApp app;
  static final Pattern SECTION = Pattern.compile("(?s)<section class=\"staff-start\".*?</section>");
  static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");
  /** The demo's staff: one account per staff role. */
  static final Map<Role, String> STAFF = Map.of(Role.SFU, "sfu@demo.test", Role.SFA, "sfa@demo.test", Role.ERHEBUNG, "erhebung@demo.test",
      Role.PROVIDER, "provider@demo.test", Role.ORGANIZER, "organizer@demo.test", Role.KOMMUNE, "kommune@demo.test");

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void eachStaffRoleSeesExactlyTheLinksItMayUseAndEachAnswers() throws SQLException {
    List<Long> today = longs("select id from fair where status = 'PUBLISHED' and ends_at > now() "
        + "and starts_at < date_trunc('day', now() at time zone 'Europe/Vienna') at time zone 'Europe/Vienna' + interval '1 day' order by id");
    assertEquals(4, today.size(), "the demo's fairs of today: the e-Jobmeeting and three cascade fairs");
    // A fair's stations exist once its playbook is stored (the format's default on first use): let the organiser open each.
    TestClient organiser = app.as("organizer@demo.test");
    for (long f : today) assertEquals(200, organiser.get("/staff/fairs/" + f + "/cascade").status());

    Map<Role, Set<String>> shown = new TreeMap<>();
    Set<String> everyLink = new TreeSet<>(List.of("/staff/worklist", "/staff/decisions", "/staff/reasons", "/admin/fairs"));
    for (Role role : EnumSet.copyOf(STAFF.keySet())) {
      TestClient c = app.as(STAFF.get(role));
      Set<String> links = staffLinks(c.get("/").body());
      Set<String> expected = new TreeSet<>();
      if (role == Role.SFA) expected.add("/staff/worklist");
      if (role == Role.SFA || role == Role.KOMMUNE) expected.addAll(List.of("/staff/decisions", "/staff/reasons"));
      if (role == Role.ORGANIZER) expected.add("/admin/fairs");
      for (long f : today) {
        expected.add("/staff/fairs/" + f + "/board");
        expected.add("/staff/fairs/" + f + "/cascade");
        if (EnumSet.of(Role.SFU, Role.SFA, Role.ORGANIZER).contains(role)) expected.add("/fairs/" + f + "/invitations");
      }
      String stations = "select id from cascade_station where fair_id in (" + join(today) + ")"
          + (role == Role.ORGANIZER ? "" : " and '" + role.name() + "' = any(roles)") + " order by id";
      for (long s : longs(stations)) expected.add("/staff/stations/" + s);
      assertEquals(expected, links, role + ": the links of its start page");
      for (String link : links) assertEquals(200, c.get(link).status(), role + " opens " + link);
      shown.put(role, links);
      everyLink.addAll(links);
    }
    // Every station of today's fairs is someone's; no role is offered a page it cannot open, nor denied one it can.
    for (long s : longs("select id from cascade_station where fair_id in (" + join(today) + ")")) {
      assertTrue(everyLink.contains("/staff/stations/" + s), "station " + s + " is on someone's start page");
    }
    for (Role role : shown.keySet()) {
      TestClient c = app.as(STAFF.get(role));
      for (String link : everyLink) {
        if (!shown.get(role).contains(link)) assertNotEquals(200, c.get(link).status(), role + " is not offered " + link + " and may not open it");
      }
    }
    assertTrue(shown.get(Role.SFU).stream().anyMatch(l -> l.startsWith("/staff/stations/")), "an SfU has their offer stations");
    assertTrue(shown.get(Role.KOMMUNE).contains("/staff/decisions"));
  }

  @Test
  void jobseekersEmployersAndVisitorsHaveNoStaffPart() {
    for (String body : List.of(app.client().get("/").body(), app.as("seeker@demo.test").get("/").body(),
        app.as("employer@demo.test").get("/").body())) {
      assertFalse(body.contains("data-staff-start"), body);
    }
  }

  @Test
  void theStaffPartIsInBothLanguages() {
    String de = app.as("sfu@demo.test").get("/").body();
    for (String text : List.of("Ihr Arbeitsplatz", "Jobbörsen heute", "Live-Übersicht", "Ihre Stationen:", "Stellenangebot")) {
      assertTrue(de.contains(text), "de: " + text);
    }
    String en = app.as("sfu@demo.test").get("/?lang=en").body();
    for (String text : List.of("Your desk", "job fairs</h3>", "Live board", "Your stations:", "Job offer")) {
      assertTrue(en.contains(text), "en: " + text);
    }
  }

  private static Set<String> staffLinks(String page) {
    Matcher section = SECTION.matcher(page);
    assertTrue(section.find(), "the staff part of the start page");
    Set<String> links = new TreeSet<>();
    Matcher m = HREF.matcher(section.group());
    while (m.find()) links.add(m.group(1));
    return links;
  }

  private static List<Long> longs(String sql) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (var c = app.jdbc(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      while (rs.next()) out.add(rs.getLong(1));
    }
    return out;
  }

  private static String join(List<Long> ids) {
    return String.join(",", ids.stream().map(String::valueOf).toList());
  }
}
