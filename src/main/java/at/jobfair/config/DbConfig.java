package at.jobfair.config;

import at.jobfair.config.Config.ConfigException;

/**
 * The database ({@code db.*}).
 *
 * @param url     {@code postgresql://…}; empty: the embedded PostgreSQL
 * @param appUser the role the application works as after migrating (with {@code url} only); empty: the URL's user
 */
public record DbConfig(String url, int poolSize, int embeddedPort, String appUser, String appPassword) {

  static DbConfig from(Config c) {
    int poolSize = c.integer("db.poolSize", 1, 500);
    int embeddedPort = c.integer("db.embeddedPort", 0, 65535);
    String url = c.string("db.url");
    if (!url.isBlank() && !(url.startsWith("postgresql://") || url.startsWith("postgres://"))) {
      throw new ConfigException("db.url", "must look like postgresql://user:password@host:5432/database");
    }
    String appUser = c.string("db.appUser");
    if (url.isBlank() && !appUser.isBlank()) {
      throw new ConfigException("db.appUser", "only with db.url: the embedded database always works as jobfair_app");
    }
    return new DbConfig(url, poolSize, embeddedPort, appUser, c.string("db.appPassword"));
  }

  /** No URL configured: the node starts its own PostgreSQL in {@code data.dir}. */
  public boolean embedded() {
    return url.isBlank();
  }
}
