package at.jobfair;

import at.jobfair.mail.OutboxStore;
import at.jobfair.observe.Metrics;
import at.jobfair.observe.Sampled;
import io.vertx.core.Vertx;

import java.util.function.IntSupplier;

/**
 * The product's own gauges on this node, wired here because only the composition root knows every feature they read.
 * Each reads an in-memory figure at scrape time; the outbox figures come from one query per {@code metrics.pollSeconds}.
 * (The booking counters live in the booking service, the job figures in {@link at.jobfair.observe.JobRuns}.)
 */
final class NodeMetrics {

  private NodeMetrics() {
  }

  static void register(Metrics metrics, Vertx vertx, Services s, OutboxStore outbox, IntSupplier clusterMembers) {
    if (!metrics.enabled()) return;
    Sampled<OutboxStore.Backlog> backlog = Sampled.every(vertx, (int) s.config().metrics().poll().toSeconds(), "the outbox backlog",
        OutboxStore.Backlog.NONE, outbox::backlog);
    metrics.gauge("jobfair.outbox.backlog", "Emails queued or being sent, not yet accepted by the SMTP server (whole database)",
        () -> backlog.get().messages());
    metrics.gauge("jobfair.outbox.oldest.age.seconds", "Age of the oldest email still to go out, 0 when none (whole database)",
        () -> backlog.get().oldestSeconds());
    metrics.gauge("jobfair.live.connections", "Live-update WebSockets open on this node", s.platform().live()::connections);
    metrics.gauge("jobfair.meeting.rooms", "Built-in meeting rooms with a participant connected to this node",
        s.fair().meetings().relay()::roomsHere);
    metrics.gauge("jobfair.meeting.peers", "Built-in meeting participants connected to this node",
        s.fair().meetings().relay()::peersHere);
    metrics.gauge("jobfair.cluster.members", "Nodes in the cluster as this node sees them, itself included (1 when alone)",
        clusterMembers::getAsInt);
  }
}
