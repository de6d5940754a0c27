package at.jobfair.config;

import java.time.Duration;

/**
 * The warm-up before a node counts as ready ({@code warmup.*}).
 *
 * @param longest the warm-up's longest run ({@code warmup.seconds}); it ends earlier once the JIT compilers are quiet
 */
public record WarmupConfig(boolean enabled, Duration longest) {

  static WarmupConfig from(Config c) {
    return new WarmupConfig(c.bool("warmup.enabled"), Duration.ofSeconds(c.integer("warmup.seconds", 1, 3600)));
  }
}
