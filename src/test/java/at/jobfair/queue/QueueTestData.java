package at.jobfair.queue;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Running fairs with Hotel Alpenblick's booths (employer@demo.test and more of its representatives) and queues. */
final class QueueTestData {

  private static final AtomicInteger SEQ = new AtomicInteger();
  final TestApp app;
  final Fixtures fx;
  final long hotel;

  QueueTestData(TestApp app) {
    this.app = app;
    this.fx = new Fixtures(app);
    this.hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
  }

  /** A fair that runs now (from yesterday to in 30 days). */
  long fair() {
    return fx.fair("Warteschlangen-Messe " + SEQ.incrementAndGet(), true, 0);
  }

  /** Hotel Alpenblick's booth at the fair. */
  long hotelBooth(long fair) {
    return fx.booth(fair, hotel);
  }

  /** Another employer's booth at the fair. */
  long otherBooth(long fair) {
    return fx.booth(fair, fx.employer("Firma " + SEQ.incrementAndGet()));
  }

  /** The booth's queue opened by employer@demo.test (its own limit, or null for the default). */
  JsonObject open(long booth, Integer maxLength) {
    JsonObject body = new JsonObject().put("open", true).put("maxLength", maxLength);
    TestClient.Response r = app.as("employer@demo.test").put("/api/booths/" + booth + "/queue", body);
    if (r.status() != 200) throw new AssertionError("opening failed: " + r.status() + " " + r.body());
    return r.json();
  }

  /** More representatives of Hotel Alpenblick (password {@link Fixtures#PASSWORD}); their e-mail addresses. */
  List<String> hotelStaff(String prefix, int count) {
    List<String> emails = fx.jobseekers(prefix + SEQ.incrementAndGet(), count);
    List<String> out = new ArrayList<>();
    for (String e : emails) {
      long id = fx.accountId(e);
      fx.exec("delete from jobseeker where account_id = ?", id);
      fx.exec("delete from account_role where account_id = ?", id);
      fx.exec("insert into account_role values (?, 'EMPLOYER')", id);
      fx.exec("update account set employer_id = ? where id = ?", hotel, id);
      out.add(e);
    }
    return out;
  }

  List<String> jobseekers(String prefix, int count) {
    return fx.jobseekers(prefix + SEQ.incrementAndGet(), count);
  }
}
