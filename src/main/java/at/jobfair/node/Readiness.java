package at.jobfair.node;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Whether this node wants new work from the load balancer, apart from the database and the cluster (which
 * {@link Health} asks itself): it does not while it drains for a stop, nor while any named hold is in place (a warm-up
 * holds "warm-up" until the node serves at full speed). A hold is released by the name it was put under.
 */
public final class Readiness {

  private final ConcurrentMap<String, String> holds = new ConcurrentHashMap<>();
  private volatile boolean draining;

  /** Keeps the node not ready until {@link #release} with the same name; {@code reason} is shown in /health/ready. */
  public void hold(String name, String reason) {
    holds.put(name, reason);
  }

  public void release(String name) {
    holds.remove(name);
  }

  /** The holds in place, by name, with their reasons (sorted, for a stable answer). */
  public Map<String, String> holds() {
    return new TreeMap<>(holds);
  }

  /** From now on the node is not ready, for good: the balancer takes it out before it stops. */
  public void drain() {
    draining = true;
  }

  public boolean draining() {
    return draining;
  }
}
