package at.jobfair.legal;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One version of one legal basis, as the operator's legal department reviewed it: the law it rests on, what it obliges
 * to and what may follow, for which invitations and benefit types it applies, who decides, and the notice of legal
 * consequences and the instruction on rights of appeal per language. Texts are keyed by language; German is always
 * there and is the binding text. Records cite it by code and version and carry its obligation; the rest comes in parts.
 *
 * @param scope      where and from when it applies
 * @param decision   who decides and what may follow (nothing for a voluntary basis)
 * @param texts      the law, consequence, notice and appeal per language
 * @param definition the entry exactly as read, stored with the records made under it
 */
public record Basis(String code, int version, Obligation obligation, Scope scope, Decision decision, Texts texts,
                    JsonObject definition) {

  public static final String BINDING_LANGUAGE = "de";

  /**
   * Where and from when the basis applies.
   *
   * @param invitations invitation kinds this basis covers (PLACEMENT_PROPOSAL, CONTROL_APPOINTMENT, MASS_MAILING, ...)
   * @param benefits    benefit types it applies to; {@link Catalogue#NO_BENEFIT} for people without a recorded benefit
   */
  public record Scope(String jurisdiction, Instant validFrom, Set<String> invitations, Set<String> benefits) {
  }

  /**
   * Who decides under the basis and what a decision may lead to.
   *
   * @param decider null for a voluntary basis
   * @param outcomes empty for a voluntary basis
   */
  public record Decision(Decider decider, Set<LegalOutcome> outcomes) {
    /** Whether a decision under this basis may have the outcome. */
    public boolean allows(LegalOutcome outcome) {
      return outcomes.contains(outcome);
    }
  }

  /**
   * The basis's texts, each keyed by language.
   *
   * @param notice null for a voluntary basis
   * @param appeal null for a voluntary basis
   */
  public record Texts(Map<String, String> law, Map<String, String> consequence, Map<String, String> notice,
                      Map<String, String> appeal) {
  }

  public String law(String language) {
    return text(texts.law(), language);
  }

  public String consequence(String language) {
    return text(texts.consequence(), language);
  }

  /** The notice of legal consequences in the language, or null when the basis has none (voluntary). */
  public String notice(String language) {
    return texts.notice() == null ? null : text(texts.notice(), language);
  }

  /** The instruction on rights of appeal in the language, or null when the basis has none (voluntary). */
  public String appeal(String language) {
    return texts.appeal() == null ? null : text(texts.appeal(), language);
  }

  /** Whether the text exists in the language itself, not only in German: a letter then adds the binding German text. */
  public boolean translatedTo(String language) {
    return texts.law().containsKey(language);
  }

  /** The key records store: code and version. */
  public String ref() {
    return code + "/" + version;
  }

  private static String text(Map<String, String> texts, String language) {
    String t = language == null ? null : texts.get(language);
    return t != null ? t : texts.get(BINDING_LANGUAGE);
  }
}
