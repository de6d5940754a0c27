package at.jobfair.observe;

import at.jobfair.config.Config;
import at.jobfair.refusal.Reason;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The node's metrics: one Prometheus registry per application (not Micrometer's global one, so that two nodes in one
 * JVM, as in the cluster tests, keep their figures apart), fed by Vert.x itself (HTTP server, SQL pools, event bus,
 * event loops, JVM) and by the product's own meters. With {@code metrics.enabled} off the registry is an empty
 * composite: meters cost nothing and {@code /metrics} is not served.
 */
public final class Metrics {

  private final PrometheusMeterRegistry prometheus;
  private final MeterRegistry registry;
  private final byte[] token;

  private Metrics(PrometheusMeterRegistry prometheus, String token) {
    this.prometheus = prometheus;
    if (prometheus != null) prometheus.config().meterFilter(new PrometheusNames());
    this.registry = prometheus != null ? prometheus : new CompositeMeterRegistry();
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  public static Metrics from(Config config) {
    return new Metrics(config.metrics().enabled() ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : null,
        config.metrics().token());
  }

  public boolean enabled() {
    return prometheus != null;
  }

  /** Where the product's own meters go (a no-op registry when metrics are off). */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * A Vert.x builder on the given options that reports into this registry. The one place a node's Vertx is built
   * uses it (clustered or not), since metrics can only be switched on when a Vertx is created.
   */
  public VertxBuilder builder(VertxOptions options) {
    if (prometheus == null) return Vertx.builder().with(options);
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        // Vert.x keeps its registries by name in a static map: a name of our own per node keeps nodes apart.
        .setRegistryName("jobfair-" + UUID.randomUUID())
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setJvmMetricsEnabled(true)
        // Netty's executor metrics are the event loops' queues (tasks pending per loop).
        .setNettyMetricsEnabled(true)
        // The route template (/api/slots/:id/bookings), never the raw path: a bounded set of series.
        // Event-bus addresses stay out of the labels on purpose (one per meeting peer would be unbounded).
        .addLabels(Label.HTTP_ROUTE);
    return Vertx.builder().with(new VertxOptions(options).setMetricsOptions(metrics)).withMetrics(new MicrometerMetricsFactory(prometheus));
  }

  /** A gauge read at every scrape: the supplier must be cheap (an in-memory figure, never a query). */
  public void gauge(String name, String help, Supplier<Number> value) {
    Gauge.builder(name, value).description(help).strongReference(true).register(registry);
  }

  /**
   * {@code GET /metrics} in Prometheus's text format. With {@code metrics.token} set, only a request carrying
   * {@code Authorization: Bearer <token>} is answered; others are refused with 403 (the figures hold no personal data,
   * but need not be public: production keeps /metrics on the balancer's internal side as well).
   */
  public Handler<RoutingContext> scrapeHandler() {
    Handler<RoutingContext> scrape = PrometheusScrapingHandler.create(prometheus);
    return ctx -> {
      if (token.length > 0 && !bearerMatches(ctx.request().getHeader("Authorization"))) {
        ctx.fail(Reason.METRICS_TOKEN_REQUIRED.refuse());
        return;
      }
      scrape.handle(ctx);
    };
  }

  private boolean bearerMatches(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
    // Constant time: how much of a guess matched is not told by the answer's timing.
    return MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
  }
}
