package at.jobfair.legal;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One version of one legal basis, as the operator's legal department reviewed it: the law it rests on, what it obliges
 * to and what may follow, for which invitations and benefit types it applies, who decides, and the notice of legal
 * consequences and the instruction on rights of appeal per language. Texts are keyed by language; German is always
 * there and is the binding text.
 *
 * @param invitations invitation kinds this basis covers (PLACEMENT_PROPOSAL, CONTROL_APPOINTMENT, MASS_MAILING, ...)
 * @param benefits    benefit types it applies to; {@link Catalogue#NO_BENEFIT} for people without a recorded benefit
 * @param decider     null for a voluntary basis
 * @param notice      null for a voluntary basis
 * @param appeal      null for a voluntary basis
 * @param definition  the entry exactly as read, stored with the records made under it
 */
public record Basis(String code, int version, String jurisdiction, Obligation obligation, Instant validFrom,
                    Map<String, String> law, Map<String, String> consequence, Set<String> invitations,
                    Set<String> benefits, Decider decider, Set<LegalOutcome> outcomes, Map<String, String> notice,
                    Map<String, String> appeal, JsonObject definition) {

  public static final String BINDING_LANGUAGE = "de";

  public String law(String language) {
    return text(law, language);
  }

  public String consequence(String language) {
    return text(consequence, language);
  }

  /** The notice of legal consequences in the language, or null when the basis has none (voluntary). */
  public String notice(String language) {
    return notice == null ? null : text(notice, language);
  }

  /** The instruction on rights of appeal in the language, or null when the basis has none (voluntary). */
  public String appeal(String language) {
    return appeal == null ? null : text(appeal, language);
  }

  /** Whether a decision under this basis may have the outcome. */
  public boolean allows(LegalOutcome outcome) {
    return outcomes.contains(outcome);
  }

  /** Whether the text exists in the language itself, not only in German: a letter then adds the binding German text. */
  public boolean translatedTo(String language) {
    return law.containsKey(language);
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
