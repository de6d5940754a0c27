package at.jobfair.letter;

import at.jobfair.web.Messages;
import at.jobfair.web.Messages.Lang;

import java.util.EnumMap;
import java.util.Map;

/**
 * The legal basis a letter quotes, in the version it quotes: the law's name and the instruction on rights of appeal
 * (Rechtsmittelbelehrung), per language. The legal-basis catalogue (package {@code legal}) is the source once it is
 * wired; until then {@link #standIn} reads the texts of the bundles ({@code letter.basis.<code>.*}).
 *
 * @param code    the catalogue's code, e.g. {@code AT_ALVG_10}
 * @param version the catalogue's version of these texts
 * @param law     the law's name per language
 * @param appeal  the instruction on rights of appeal per language
 */
public record LetterBasis(String code, int version, Map<Lang, String> law, Map<Lang, String> appeal) {

  public LetterBasis {
    if (code == null || code.isBlank() || code.length() > 60) throw new IllegalArgumentException("basis code: " + code);
    law = Map.copyOf(law);
    appeal = Map.copyOf(appeal);
    if (!law.containsKey(Lang.DE) || !appeal.containsKey(Lang.DE)) throw new IllegalArgumentException("basis " + code + " without German text");
  }

  /** The law's name in the language, German where there is none. */
  public String law(Lang lang) {
    return law.getOrDefault(lang, law.get(Lang.DE));
  }

  /** The instruction on rights of appeal in the language, German where there is none. */
  public String appeal(Lang lang) {
    return appeal.getOrDefault(lang, appeal.get(Lang.DE));
  }

  /** Version 1 of a basis from the bundles' stand-in texts {@code letter.basis.<code>.law} and {@code .appeal}. */
  public static LetterBasis standIn(Messages messages, String code) {
    Map<Lang, String> law = new EnumMap<>(Lang.class);
    Map<Lang, String> appeal = new EnumMap<>(Lang.class);
    for (Lang l : Lang.values()) {
      law.put(l, messages.get(l, "letter.basis." + code + ".law"));
      appeal.put(l, messages.get(l, "letter.basis." + code + ".appeal"));
    }
    return new LetterBasis(code, 1, law, appeal);
  }
}
