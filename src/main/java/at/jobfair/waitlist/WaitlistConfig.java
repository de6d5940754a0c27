package at.jobfair.waitlist;

import at.jobfair.config.Config;

import java.time.Duration;

/**
 * The waitlist's settings ({@code waitlist.*}), checked once at start: anything wrong names its key.
 *
 * @param hold how long a freed seat is held for the person it is offered to (never past the slot's booking cutoff)
 * @param poll how often the job ends expired holds (passing the seat on), mails new offers and offers seats left free
 */
public record WaitlistConfig(Duration hold, Duration poll) {

  public static WaitlistConfig from(Config c) {
    int minutes = c.integer("waitlist.holdMinutes", 1, 1440);
    int poll = c.integer("waitlist.pollSeconds", 1, 3600);
    return new WaitlistConfig(Duration.ofMinutes(minutes), Duration.ofSeconds(poll));
  }
}
