package at.jobfair.queue;

import at.jobfair.App;
import at.jobfair.Services;
import at.jobfair.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finished walk-up queue places are removed {@code queue.retentionDays} (here 30) after they ended by the retention job,
 * each audited once; younger ones and waiting places stay, and the database refuses to remove a waiting place at all.
 */
class QueueRetentionTest {

  static TestApp app;
  static QueueTestData data;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("queue.retentionDays", 30, "retention.pollSeconds", 86400));
    data = new QueueTestData(app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static int run() throws Exception {
    Services s = app.app().services();
    return App.retentionJob(s.config(), s.pool(), s.platform().audit()).run().toCompletionStage().toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
  }

  /** A place at the booth, ended {@code endedDaysAgo} days ago with this status, or waiting when the status is WAITING. */
  private static long place(long booth, int ticket, String status, int endedDaysAgo) {
    long person = data.fx.accountId(data.jobseekers("retention", 1).get(0));
    return app.insert("insert into queue_place (booth_id, account_id, ticket, status, passed_why, joined_at, seen_at, ended_at) "
            + "values (?, ?, ?, ?, ?, now() - make_interval(days => ?), now() - make_interval(days => ?), "
            + "case when ? = 'WAITING' then null else now() - make_interval(days => ?) end) returning id",
        booth, person, ticket, status, "PASSED".equals(status) ? "ABSENT" : null, endedDaysAgo, endedDaysAgo, status, endedDaysAgo);
  }

  @Test
  void finishedPlacesGoAfterTheirPeriodAuditedOnceWaitingAndYoungerOnesStay() throws Exception {
    long booth = data.hotelBooth(data.fair());
    long leftLongAgo = place(booth, 1, "LEFT", 31);
    long passedLongAgo = place(booth, 2, "PASSED", 40);
    long leftRecently = place(booth, 3, "LEFT", 10);
    long waitingLong = place(booth, 4, "WAITING", 45);

    assertTrue(run() >= 2);
    for (long id : List.of(leftLongAgo, passedLongAgo)) {
      assertEquals(0, app.count("select count(*) from queue_place where id = " + id));
      assertEquals(1, app.count("select count(*) from audit_log where subject = 'retention:queue_place:" + id + "' and event = 'DELETED'"));
    }
    for (long id : List.of(leftRecently, waitingLong)) {
      assertEquals(1, app.count("select count(*) from queue_place where id = " + id));
      assertEquals(0, app.count("select count(*) from audit_log where subject = 'retention:queue_place:" + id + "'"));
    }
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'retention' and event = 'RUN' and reasons like '%queue_place 2%'"));
    assertEquals(0, run(), "nothing more is due");
    assertTrue(app.app().services().platform().audit().verify().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS).ok());

    // a waiting place is ended, never removed: the database refuses, whoever asks
    try (var c = app.jdbc(); var st = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> st.executeUpdate("delete from queue_place where id = " + waitingLong));
      assertTrue(e.getMessage().contains("not removed"), e.getMessage());
    }
    assertEquals(1, app.count("select count(*) from queue_place where id = " + waitingLong + " and status = 'WAITING'"));
  }

  @Test
  void thePrivacyNoticeSaysTheConfiguredPeriod() {
    String notice = app.client().get("/privacy").body();
    assertTrue(notice.matches("(?s).*Ihre Plätze in Warteschlangen an Ständen, nachdem sie geendet haben</th><td>30 Tage<.*"), notice);
    String english = app.client().get("/privacy?lang=en").body();
    assertTrue(english.contains("Your places in booths&#x27; queues, after they ended</th><td>30 days<")
        || english.contains("Your places in booths' queues, after they ended</th><td>30 days<"), english);
  }
}
