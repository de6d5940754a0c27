package at.jobfair.letter;

import at.jobfair.legal.Basis;
import at.jobfair.legal.Decider;
import at.jobfair.web.Messages.Lang;

import java.util.EnumMap;
import java.util.Map;

/**
 * The legal basis a letter quotes, in the version it quotes, taken from the legal-basis catalogue (package
 * {@code legal}): the law's name and the instruction on rights of appeal (Rechtsmittelbelehrung) per language, and
 * whether the municipality decides under it (its letters then come from the municipality). The maps hold only the
 * languages the catalogue has the text in; a letter in another language quotes the German text and says so (see
 * {@link #lawIn}).
 *
 * @param code         the catalogue's code, e.g. {@code AT_ALVG_10}
 * @param version      the catalogue's version of these texts
 * @param law          the law's name per language (German always)
 * @param appeal       the instruction on rights of appeal per language (German always); empty for a voluntary basis
 * @param municipality whether the municipality decides (minimum income, the Land's law)
 */
public record LetterBasis(String code, int version, Map<Lang, String> law, Map<Lang, String> appeal, boolean municipality) {

  public LetterBasis {
    if (code == null || code.isBlank() || code.length() > 60) throw new IllegalArgumentException("basis code: " + code);
    law = Map.copyOf(law);
    appeal = Map.copyOf(appeal);
    if (!law.containsKey(Lang.DE)) throw new IllegalArgumentException("basis " + code + " without German text");
    if (!appeal.isEmpty() && !appeal.containsKey(Lang.DE)) throw new IllegalArgumentException("basis " + code + " without German appeal");
  }

  /** A version of the catalogue as a letter quotes it: each text in every language of {@link Lang} the catalogue has. */
  public static LetterBasis of(Basis b) {
    Map<Lang, String> law = new EnumMap<>(Lang.class);
    Map<Lang, String> appeal = new EnumMap<>(Lang.class);
    for (Lang l : Lang.values()) {
      String t = b.texts().law().get(l.code());
      if (t != null) law.put(l, t);
      String a = b.texts().appeal() == null ? null : b.texts().appeal().get(l.code());
      if (a != null) appeal.put(l, a);
    }
    return new LetterBasis(b.code(), b.version(), law, appeal, b.decision().decider() == Decider.MUNICIPALITY);
  }

  /** The law's name in the language, German where there is none. */
  public String law(Lang lang) {
    return law.getOrDefault(lang, law.get(Lang.DE));
  }

  /** The instruction on rights of appeal in the language, German where there is none; null for a basis without one. */
  public String appeal(Lang lang) {
    return appeal.getOrDefault(lang, appeal.get(Lang.DE));
  }

  /** Whether the catalogue has the law's name in the language itself. */
  boolean lawIn(Lang lang) {
    return law.containsKey(lang);
  }

  /** Whether the catalogue has the instruction on rights of appeal in the language itself. */
  boolean appealIn(Lang lang) {
    return appeal.containsKey(lang);
  }
}
