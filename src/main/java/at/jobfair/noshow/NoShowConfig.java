package at.jobfair.noshow;

import at.jobfair.config.Config;

/**
 * The settings of requests for reasons ({@code noshow.*}), checked once at start: anything wrong names its key.
 *
 * @param reasonsDays  how long a person has to answer
 * @param pollSeconds  how often the job asks for reasons and records missed deadlines
 * @param maxFiles     how many files a person may attach to one request
 * @param maxFileBytes how large one file may be
 */
public record NoShowConfig(int reasonsDays, int pollSeconds, int maxFiles, int maxFileBytes) {

  /** The request body limit of the router (AppRouter): a file must fit into one request with the form around it. */
  public static final int BODY_LIMIT_KIB = 2048;

  public static NoShowConfig from(Config c) {
    int days = c.integer("noshow.reasonsDays", 1, 90);
    int poll = c.integer("noshow.pollSeconds", 1, 24 * 3600);
    int files = c.integer("noshow.maxFiles", 1, 20);
    int kib = c.integer("noshow.maxFileKiB", 16, BODY_LIMIT_KIB - 64);
    return new NoShowConfig(days, poll, files, kib * 1024);
  }
}
