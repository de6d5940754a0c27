package at.jobfair.meeting;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the rooms true to the nodes that are alive. Every node records a heartbeat in the database every
 * {@code meeting.heartbeatSeconds} and removes, with their peers, the nodes not seen for
 * {@code meeting.nodeTimeoutSeconds} (one statement: of several nodes sweeping at once, one removes each row and records
 * its LEAVE; the rooms hear {@code left}, and "full" frees up). The database's clock decides, so the nodes' clocks
 * never matter. A node that finds its own row gone was taken for dead (a long pause): its peers are no longer in their
 * rooms, so it closes their sockets with 1012 and the browsers take their places again. A node running alone (not
 * clustered) starts by clearing whatever an earlier run left behind: nobody else can hold a socket of its rooms.
 */
final class NodeWatch {

  private static final Logger LOG = Logger.getLogger(NodeWatch.class.getName());

  private final Vertx vertx;
  private final MeetingRelay relay;
  private final MeetingConfig config;
  private final AtomicBoolean running = new AtomicBoolean();

  NodeWatch(Vertx vertx, MeetingRelay relay, MeetingConfig config) {
    this.vertx = vertx;
    this.relay = relay;
    this.config = config;
  }

  Future<Void> start() {
    PeerStore store = relay.store();
    return store.beat(relay.nodeId())
        .compose(created -> store.sweep(relay.nodeId(), config.nodeTimeoutSeconds(), !vertx.isClustered()))
        .compose(relay.bus()::gone)
        .onSuccess(v -> relay.heartbeat(vertx.setPeriodic(config.heartbeatSeconds() * 1000L, t -> tick())));
  }

  private void tick() {
    if (!running.compareAndSet(false, true)) return;
    PeerStore store = relay.store();
    store.beat(relay.nodeId())
        .compose(created -> created ? relay.closeAll("node taken for dead") : Future.succeededFuture())
        .compose(v -> store.sweep(relay.nodeId(), config.nodeTimeoutSeconds(), false))
        .compose(relay.bus()::gone)
        .onFailure(e -> LOG.log(Level.WARNING, "meeting heartbeat or sweep failed; next beat tries again", e))
        .onComplete(ar -> running.set(false));
  }
}
