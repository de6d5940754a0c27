package at.jobfair.legal;

import java.util.List;

/** A catalogue file that may not be used, with every problem found in it (the node refuses to start). */
public final class InvalidCatalogue extends RuntimeException {

  private final List<String> problems;

  public InvalidCatalogue(String source, List<String> problems) {
    super("the legal-basis catalogue " + source + " cannot be used: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
