package at.jobfair.db;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.security.SecureRandom;

/**
 * A server key generated once and kept in the database (table {@code app_secret}), so that what it signs stays valid
 * across restarts and on every instance. Whichever instance comes first creates it; all read the same one.
 */
public final class StoredSecret {

  private StoredSecret() {
  }

  /** The 32-byte key stored under this name, created now if there is none. */
  public static Future<byte[]> load(Pool pool, String name) {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    return pool.preparedQuery("insert into app_secret (name, value) values ($1, $2) on conflict (name) do nothing")
        .execute(Tuple.of(name, Buffer.buffer(fresh)))
        .compose(v -> pool.preparedQuery("select value from app_secret where name = $1").execute(Tuple.of(name)))
        .map(rows -> rows.iterator().next().getBuffer(0).getBytes());
  }
}
