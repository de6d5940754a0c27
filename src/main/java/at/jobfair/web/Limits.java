package at.jobfair.web;

import at.jobfair.refusal.Reason;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Handler;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one address may take of a node: open WebSockets at once, and attempts per minute on routes that cost much
 * (a sign-in hashes a password, a registration creates an account). Beyond that the answer is 429 with Retry-After.
 *
 * <p>The address is the client's as the node sees it, or, when the direct peer is one of {@code http.trustedProxies}
 * (the load balancer), the last address that proxy added to X-Forwarded-For: an address nobody can choose for
 * themselves. Counted per node: behind a balancer spreading people over n nodes, an address gets up to n times as
 * much, which keeps one address from taking any node down.
 */
public final class Limits {

  /** Where the client's address is kept for the request (see {@link Http#clientIp}). */
  static final String CLIENT_IP = "clientIp";

  private final Set<String> trustedProxies;
  private final int socketsPerAddress;
  private final int attemptsPerMinute;
  private final ConcurrentHashMap<String, AtomicInteger> sockets = new ConcurrentHashMap<>();
  private final Cache<String, Deque<Long>> attempts = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(2))
      .maximumSize(200_000).build();

  public Limits(Set<String> trustedProxies, int socketsPerAddress, int attemptsPerMinute) {
    this.trustedProxies = Set.copyOf(trustedProxies);
    this.socketsPerAddress = socketsPerAddress;
    this.attemptsPerMinute = attemptsPerMinute;
  }

  /** First on every request: finds the client's address once. */
  public void address(RoutingContext ctx) {
    var peer = ctx.request().remoteAddress();
    String ip = peer == null ? "unknown" : peer.hostAddress();
    String forwarded = ctx.request().getHeader("X-Forwarded-For");
    if (forwarded != null && trustedProxies.contains(ip)) {
      String[] hops = forwarded.split(",");
      String last = hops[hops.length - 1].strip();
      if (!last.isEmpty()) ip = last;
    }
    ctx.put(CLIENT_IP, ip);
    ctx.next();
  }

  /** Before a WebSocket upgrade: at most {@code socketsPerAddress} open at once from one address. */
  public Handler<RoutingContext> sockets() {
    return ctx -> {
      String ip = Http.clientIp(ctx);
      AtomicInteger open = sockets.computeIfAbsent(ip, k -> new AtomicInteger());
      if (open.incrementAndGet() > socketsPerAddress) {
        release(ip, open);
        tooMany(ctx, 30);
        return;
      }
      // The place is the connection's until it closes, upgraded or refused: the TCP channel's end is the one signal both
      // share (the upgraded socket gets a connection object of its own, so the request's close handler never fires).
      if (ctx.request().connection() instanceof ConnectionBase c) {
        c.channel().closeFuture().addListener(closed -> release(ip, open));
      } else {
        release(ip, open); // not HTTP/1 (no WebSocket over it here): nothing to hold
      }
      ctx.next();
    };
  }

  /** Before an expensive route: at most {@code attemptsPerMinute} from one address within any minute. */
  public Handler<RoutingContext> attempts(String route) {
    return ctx -> {
      long now = System.currentTimeMillis();
      Deque<Long> recent = attempts.get(route + " " + Http.clientIp(ctx), k -> new ArrayDeque<>());
      long retryAfterMs;
      synchronized (recent) {
        while (!recent.isEmpty() && now - recent.peekFirst() >= 60_000) recent.pollFirst();
        retryAfterMs = recent.size() < attemptsPerMinute ? -1 : 60_000 - (now - recent.peekFirst());
        if (retryAfterMs < 0) recent.addLast(now);
      }
      if (retryAfterMs >= 0) tooMany(ctx, Math.max(1, (retryAfterMs + 999) / 1000));
      else ctx.next();
    };
  }

  private void release(String ip, AtomicInteger open) {
    if (open.decrementAndGet() <= 0) sockets.remove(ip, open);
  }

  private static void tooMany(RoutingContext ctx, long retryAfterSeconds) {
    ctx.fail(Reason.TOO_MANY_REQUESTS.refuseWith(new io.vertx.core.json.JsonObject().put("retryAfterSeconds", retryAfterSeconds),
        retryAfterSeconds));
  }
}
