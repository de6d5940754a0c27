package at.jobfair.config;

import at.jobfair.config.Config.ConfigException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Whose law applies ({@code jurisdiction}) and the operator's own catalogue of legal bases ({@code legal.catalogueFile}).
 *
 * @param catalogueFile the operator's reviewed catalogue; empty: the one built in for the jurisdiction
 */
public record LegalConfig(Jurisdiction jurisdiction, Optional<Path> catalogueFile) {

  /** The jurisdictions a catalogue of legal bases is built in for (legal/AT.json, legal/DE.json). */
  public enum Jurisdiction { AT, DE }

  static LegalConfig from(Config c) {
    String j = c.string("jurisdiction");
    Jurisdiction jurisdiction;
    try {
      jurisdiction = Jurisdiction.valueOf(j.strip());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("jurisdiction", "must be AT or DE, was '" + j + "'");
    }
    String file = c.string("legal.catalogueFile");
    return new LegalConfig(jurisdiction, file.isBlank() ? Optional.empty() : Optional.of(Path.of(file)));
  }
}
