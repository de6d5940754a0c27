package at.jobfair.config;

import at.jobfair.config.Config.ConfigException;

import java.util.Arrays;
import java.util.List;

/**
 * The cluster ({@code cluster.*}), checked even while it is off, so that a wrong value stops the start with the key's name.
 *
 * @param host    the address this node binds and announces (cluster and event bus)
 * @param members {@code host:port} entries to join over TCP (empty entries dropped)
 */
public record ClusterConfig(boolean enabled, String name, String host, int port, List<String> members, int eventBusPort) {

  static ClusterConfig from(Config c) {
    boolean enabled = c.bool("cluster.enabled");
    int port = c.integer("cluster.port", 1, 65535);
    int eventBusPort = c.integer("cluster.eventBusPort", 0, 65535);
    String name = c.string("cluster.name");
    if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new ConfigException("cluster.name", "letters, digits, '.', '_' or '-', 1 to 64 of them; was '" + name + "'");
    }
    String host = c.string("cluster.host");
    if (host.isBlank()) throw new ConfigException("cluster.host", "must name this node's address");
    List<String> members = Arrays.stream(c.string("cluster.members").split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
    for (String m : members) {
      int colon = m.lastIndexOf(':');
      boolean ok = colon > 0;
      if (ok) {
        try {
          int p = Integer.parseInt(m.substring(colon + 1));
          ok = p > 0 && p <= 65535;
        } catch (NumberFormatException e) {
          ok = false;
        }
      }
      if (!ok) throw new ConfigException("cluster.members", "each member is host:port, separated by commas; '" + m + "' is not");
    }
    return new ClusterConfig(enabled, name, host, port, members, eventBusPort);
  }
}
