package at.jobfair.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * How the periodic jobs of this node fare: per job the seconds since its last successful run (until the first, since
 * the node started, so a job that never succeeds shows a growing lag) and the duration of each run by outcome. An
 * alert on the lag finds a job that is stuck or failing, whatever the reason.
 */
public final class JobRuns {

  /** Tracks nothing: for jobs built without metrics (tests that construct a job by hand). */
  public static final JobRuns NONE = new JobRuns(null);

  private final MeterRegistry registry;
  private final long started = System.nanoTime();
  private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

  public JobRuns(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Makes the job's lag visible from the start, before its first round (a slow job's first round may be minutes away). */
  public JobRuns declare(String job) {
    if (registry != null) lastSuccess.computeIfAbsent(job, this::register);
    return this;
  }

  /** Runs one round of a job and records how it went; the round's own result passes through unchanged. */
  public <T> Future<T> track(String job, Supplier<Future<T>> round) {
    if (registry == null) return round.get();
    AtomicLong last = lastSuccess.computeIfAbsent(job, this::register);
    long start = System.nanoTime();
    Future<T> run;
    try {
      run = round.get();
    } catch (RuntimeException e) {
      run = Future.failedFuture(e);
    }
    return run.andThen(ar -> {
      long end = System.nanoTime();
      if (ar.succeeded()) last.set(end);
      Timer.builder("jobfair.job.run").description("Duration of a periodic job's runs on this node, by outcome")
          .tag("job", job).tag("outcome", ar.succeeded() ? "success" : "failure").register(registry)
          .record(end - start, TimeUnit.NANOSECONDS);
    });
  }

  private AtomicLong register(String job) {
    AtomicLong last = new AtomicLong(started);
    Gauge.builder("jobfair.job.since.success", last, l -> (System.nanoTime() - l.get()) / 1e9)
        .description("Seconds since the job last ran successfully on this node (since the node started, before its first success)")
        .baseUnit("seconds").tag("job", job).register(registry);
    return last;
  }
}
