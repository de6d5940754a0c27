package at.jobfair.config;

import at.jobfair.config.Config.ConfigException;
import at.jobfair.identity.Role;

import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * Signing in ({@code auth.*}).
 *
 * @param signInWindow      the window failed sign-ins are counted in, and the pause after too many
 * @param secondFactorRoles the roles that sign in with a second factor
 * @param reauth            how long a re-entered password lets a person decide before it is asked for again
 * @param secretKey         seals the authenticators' secrets (32 bytes); null: a key generated once and kept in the database
 * @param emailLinkValid    how long a link mailed to sign in once or to set a new password works
 * @param emailLinksPerHour how many such links may be asked for one email address within an hour
 */
public record AuthConfig(int argon2MemoryKiB, int argon2Iterations, int signInMaxFailures, Duration signInWindow,
                         Set<Role> secondFactorRoles, Duration reauth, byte[] secretKey, Duration emailLinkValid,
                         int emailLinksPerHour) {

  static AuthConfig from(Config c) {
    int memory = c.integer("auth.argon2MemoryKiB", 8, 4 * 1024 * 1024);
    int iterations = c.integer("auth.argon2Iterations", 1, 100);
    int failures = c.integer("auth.signInMaxFailures", 1, 1000);
    int window = c.integer("auth.signInWindowMinutes", 1, 24 * 60);
    return new AuthConfig(memory, iterations, failures, Duration.ofMinutes(window), roles(c.string("auth.secondFactorRoles")),
        Duration.ofMinutes(c.integer("auth.reauthMinutes")), secretKey(c.string("auth.secretKey")),
        Duration.ofMinutes(c.integer("auth.emailLinkMinutes", 1, 24 * 60)), c.integer("auth.emailLinksPerHour", 1, 1000));
  }

  /** Comma-separated role names. */
  private static Set<Role> roles(String list) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : list.split(",")) {
      if (name.isBlank()) continue;
      try {
        roles.add(Role.valueOf(name.strip()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("auth.secondFactorRoles", "names no role " + name.strip() + " (roles: "
            + Arrays.toString(Role.values()) + ")");
      }
    }
    return Set.copyOf(roles);
  }

  /** Base64 of 32 bytes, or empty. */
  private static byte[] secretKey(String key) {
    if (key.isEmpty()) return null;
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key.strip());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("auth.secretKey", "must be Base64");
    }
    if (bytes.length != 32) throw new ConfigException("auth.secretKey", "must be 32 bytes in Base64 (openssl rand -base64 32); was " + bytes.length);
    return bytes;
  }
}
