package at.jobfair.config;

/**
 * Letters to the person ({@code letters.*}).
 *
 * @param authority       who every letter comes from
 * @param referencePrefix the start of every letter's reference number
 */
public record LettersConfig(String authority, String referencePrefix) {

  static LettersConfig from(Config c) {
    return new LettersConfig(c.string("letters.authority"), c.string("letters.referencePrefix"));
  }
}
