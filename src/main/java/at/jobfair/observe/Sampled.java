package at.jobfair.observe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A figure read from the database every few seconds and kept for the gauges that show it. Scrapes read the kept value,
 * so however often (or however many at once) Prometheus scrapes, the database sees one query per interval and node;
 * a query still running when the next is due is not started twice.
 */
public final class Sampled<T> {

  private static final Logger LOG = Logger.getLogger(Sampled.class.getName());

  private volatile T value;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean warned;

  private Sampled(T initial) {
    this.value = initial;
  }

  /** Reads at once, then every {@code seconds}; until the first answer the gauges show {@code initial}. */
  public static <T> Sampled<T> every(Vertx vertx, int seconds, String what, T initial, Supplier<Future<T>> read) {
    Sampled<T> s = new Sampled<>(initial);
    vertx.runOnContext(v -> s.refresh(what, read));
    vertx.setPeriodic(seconds * 1000L, id -> s.refresh(what, read));
    return s;
  }

  public T get() {
    return value;
  }

  private void refresh(String what, Supplier<Future<T>> read) {
    if (!running.compareAndSet(false, true)) return;
    Future<T> reading;
    try {
      reading = read.get();
    } catch (RuntimeException e) {
      reading = Future.failedFuture(e);
    }
    reading.onComplete(ar -> {
      running.set(false);
      if (ar.succeeded()) {
        value = ar.result();
        warned = false;
      } else if (!warned) {
        // Once per outage, not every interval: the database being away is reported elsewhere too.
        warned = true;
        LOG.log(Level.WARNING, "metrics: cannot read " + what + " (the gauges keep the last value)", ar.cause());
      }
    });
  }
}
