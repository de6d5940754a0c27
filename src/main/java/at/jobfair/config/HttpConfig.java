package at.jobfair.config;

import at.jobfair.config.Config.ConfigException;

import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The HTTP servers ({@code http.*}).
 *
 * @param publicUrl      the address people use, for links in emails
 * @param trustedProxies the balancers in front, whose forwarded client address is believed (empty entries dropped)
 */
public record HttpConfig(String host, int port, int instances, URI publicUrl, Set<String> trustedProxies) {

  static HttpConfig from(Config c) {
    String host = c.string("http.host");
    int port = c.integer("http.port", 0, 65535);
    int instances = c.integer("http.instances", 1, 64);
    URI publicUrl;
    try {
      publicUrl = URI.create(c.string("http.publicUrl"));
      if (publicUrl.getScheme() == null || !publicUrl.getScheme().matches("https?") || publicUrl.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException("http.publicUrl", "must be an http(s) address such as http://localhost:8080");
    }
    Set<String> proxies = Arrays.stream(c.string("http.trustedProxies").split(",")).map(String::strip)
        .filter(a -> !a.isEmpty()).collect(Collectors.toUnmodifiableSet());
    return new HttpConfig(host, port, instances, publicUrl, proxies);
  }
}
