package at.jobfair.config;

import at.jobfair.config.Config.ConfigException;

import java.nio.file.Path;

/** Where the node keeps files ({@code data.dir}): the embedded database and uploads. */
public record DataConfig(Path dir) {

  static DataConfig from(Config c) {
    String dir = c.string("data.dir");
    if (dir.isBlank()) throw new ConfigException("data.dir", "must name a directory");
    return new DataConfig(Path.of(dir));
  }
}
