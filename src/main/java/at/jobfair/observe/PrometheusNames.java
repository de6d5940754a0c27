package at.jobfair.observe;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

import java.util.Map;
import java.util.Set;

/**
 * Brings the meters Micrometer's JVM and Netty binders register into Prometheus's naming rules, so that
 * {@code promtool check metrics} accepts the whole scrape: times in seconds only, no gauge ending in "_count", and a
 * help text on every series. A filter cannot convert values, so the two counters kept in other units (the JVM's
 * compilation time in ms, the process's CPU time in ns) are left out; {@code process_cpu_usage} and
 * {@code system_cpu_usage} still tell the CPU load.
 */
final class PrometheusNames implements MeterFilter {

  private static final Set<String> NOT_SECONDS = Set.of("ms", "ns", "us", "milliseconds", "nanoseconds", "microseconds");
  private static final Map<String, String> RENAMED = Map.of("system.cpu.count", "system.cpus");
  private static final Map<String, String> HELP = Map.of(
      "netty.eventexecutor.tasks.pending", "Tasks waiting in the queue of an event loop (Netty executor)",
      "netty.allocator.memory.used", "Memory used by Netty's buffer allocator",
      "netty.allocator.memory.pinned", "Memory pinned by buffers of Netty's allocator",
      "netty.allocator.pooled.arenas", "Arenas of Netty's pooled buffer allocator",
      "netty.allocator.pooled.cache.size", "Cache size of Netty's pooled buffer allocator",
      "netty.allocator.pooled.chunk.size", "Chunk size of Netty's pooled buffer allocator",
      "netty.allocator.pooled.threadlocal.caches", "Thread-local caches of Netty's pooled buffer allocator");

  @Override
  public MeterFilterReply accept(Meter.Id id) {
    return id.getBaseUnit() != null && NOT_SECONDS.contains(id.getBaseUnit()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
  }

  @Override
  public Meter.Id map(Meter.Id id) {
    String name = RENAMED.getOrDefault(id.getName(), id.getName());
    String help = id.getDescription();
    if (help == null || help.isBlank()) help = HELP.getOrDefault(id.getName(), id.getName().replace('.', ' '));
    if (name.equals(id.getName()) && help.equals(id.getDescription())) return id;
    return new Meter.Id(name, Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), help, id.getType());
  }
}
