package at.jobfair.legal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The legal bases of one jurisdiction, every version of each. Pure: which basis an invitation of a kind to a person with
 * a benefit type rests on, at a time; the validation that every kind and benefit type resolves to at most one basis is
 * done when the catalogue is read ({@link CatalogueFile}).
 *
 * @param benefits  the benefit types this jurisdiction knows, in the order staff choose from
 * @param authority the name of the authority letters and notices come from, per language
 * @param bases     the bases in force: what new invitations rest on
 * @param archive   every version stored earlier, also those no longer in the file: what older records rest on
 */
public record Catalogue(String jurisdiction, Map<String, String> authority, List<String> benefits, List<Basis> bases,
                        List<Basis> archive) {

  /** The benefit type of a person for whom none is recorded (only voluntary bases apply to them). */
  public static final String NO_BENEFIT = "NONE";

  public Catalogue {
    authority = Map.copyOf(authority);
    benefits = List.copyOf(benefits);
    bases = List.copyOf(bases);
    archive = List.copyOf(archive);
  }

  /** The same catalogue, also holding the versions stored earlier. */
  public Catalogue withArchive(List<Basis> stored) {
    return new Catalogue(jurisdiction, authority, benefits, bases, stored);
  }

  /**
   * The basis in force at {@code at} for an invitation of this kind to a person with this benefit type (null or
   * {@link #NO_BENEFIT} when none is recorded), or empty when the catalogue has none: such an invitation cannot be made.
   */
  public Optional<Basis> resolve(String invitationKind, String benefitType, Instant at) {
    String benefit = benefitType == null ? NO_BENEFIT : benefitType;
    return bases.stream()
        .filter(b -> b.scope().invitations().contains(invitationKind) && b.scope().benefits().contains(benefit) && !b.scope().validFrom().isAfter(at))
        .max(Comparator.comparing((Basis b) -> b.scope().validFrom()).thenComparingInt(Basis::version));
  }

  /** One version, in force or stored earlier, or empty when neither holds it. */
  public Optional<Basis> find(String code, int version) {
    return Stream.concat(bases.stream(), archive.stream())
        .filter(b -> b.code().equals(code) && b.version() == version).findFirst();
  }

  /** The version of a basis in force at {@code at}. */
  public Optional<Basis> current(String code, Instant at) {
    return bases.stream().filter(b -> b.code().equals(code) && !b.scope().validFrom().isAfter(at))
        .max(Comparator.comparingInt(Basis::version));
  }

  public String authority(String language) {
    String a = language == null ? null : authority.get(language);
    return a != null ? a : authority.get(Basis.BINDING_LANGUAGE);
  }
}
