package at.jobfair.config;

import at.jobfair.config.Config.ConfigException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the configuration's keys and values come from: the defaults file (or its copy in the jar), the overlay file
 * named in {@code JOBFAIR_CONFIG}, the environment. Flat keys ({@code mail.smtpHost}); a value's type is its default's.
 */
final class ConfigSources {

  private ConfigSources() {
  }

  /** The copy of config/application.json the build packs into the jar. */
  static JsonObject packedDefaults() {
    try (InputStream in = ConfigSources.class.getClassLoader().getResourceAsStream(Config.DEFAULTS_RESOURCE)) {
      if (in == null) throw new ConfigException("file", "found neither " + Config.DEFAULTS_FILE.toAbsolutePath() + " nor the defaults inside the jar");
      return parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + Config.DEFAULTS_RESOURCE);
    } catch (IOException e) {
      throw new ConfigException("file", "cannot read the defaults inside the jar: " + e.getMessage());
    }
  }

  /** The defaults, overlaid by the file named in JOBFAIR_CONFIG, then by JOBFAIR_* variables (an unknown one stops the start). */
  static Map<String, Object> read(JsonObject defaults, Map<String, String> env) {
    Map<String, Object> values = flatten(defaults, "");
    String overlay = env.get(Config.ENV_CONFIG_FILE);
    if (overlay != null && !overlay.isBlank()) {
      overlay(values, flatten(readJson(Path.of(overlay)), ""), "file " + overlay);
    }
    Map<String, String> byEnvName = new TreeMap<>();
    for (String key : values.keySet()) byEnvName.put(Config.envName(key), key);
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(Config.ENV_PREFIX) || name.equals(Config.ENV_CONFIG_FILE)) continue;
      String key = byEnvName.get(name);
      if (key == null) {
        throw new ConfigException(name, "unknown setting; known ones are " + String.join(", ", byEnvName.keySet()));
      }
      values.put(key, parse(key, name, values.get(key), e.getValue()));
    }
    return values;
  }

  /** Replaces keys that exist, each with a value of its default's type. */
  static void overlay(Map<String, Object> values, Map<String, Object> overlay, String source) {
    overlay.forEach((key, value) -> {
      if (!values.containsKey(key)) throw new ConfigException(key, "unknown setting in " + source);
      Object current = values.get(key);
      if (value != null && current != null && current.getClass() != value.getClass()) {
        throw new ConfigException(key, "must be a " + typeName(current) + " in " + source);
      }
      values.put(key, value);
    });
  }

  private static Object parse(String key, String envName, Object current, String raw) {
    String text = raw.trim();
    if (current instanceof Integer) {
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new ConfigException(key, envName + " must be a whole number, was '" + raw + "'");
      }
    }
    if (current instanceof Boolean) {
      if (text.equalsIgnoreCase("true")) return true;
      if (text.equalsIgnoreCase("false")) return false;
      throw new ConfigException(key, envName + " must be true or false, was '" + raw + "'");
    }
    return raw;
  }

  private static String typeName(Object v) {
    return v instanceof Integer ? "whole number" : v instanceof Boolean ? "true/false value" : "text";
  }

  /** A JSON configuration file. */
  static JsonObject readJson(Path file) {
    try {
      return parseJson(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new ConfigException("file", "cannot read configuration file " + file.toAbsolutePath() + ": " + e.getMessage());
    }
  }

  private static JsonObject parseJson(String text, String source) {
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      throw new ConfigException("file", "configuration file " + source + " is not valid JSON: " + e.getMessage());
    }
  }

  private static Map<String, Object> flatten(JsonObject json, String prefix) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name : json.fieldNames()) {
      Object v = json.getValue(name);
      String key = prefix + name;
      if (v instanceof JsonObject o) {
        out.putAll(flatten(o, key + "."));
      } else if (v instanceof Number n) {
        if (n.doubleValue() != Math.rint(n.doubleValue())) throw new ConfigException(key, "must be a whole number");
        out.put(key, n.intValue());
      } else if (v instanceof String || v instanceof Boolean) {
        out.put(key, v);
      } else {
        throw new ConfigException(key, "must be text, a whole number or true/false");
      }
    }
    return out;
  }
}
