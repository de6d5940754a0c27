package at.jobfair.chat;

import at.jobfair.config.Config;

/**
 * The chat's settings ({@code chat.*}), checked once at start.
 *
 * @param retentionDays      after how many days a message is deleted (by the retention job), and a report with it
 * @param maxLength          the longest message, in characters
 * @param messagesPerMinute  how many messages one account may send within any minute (all its conversations together)
 */
public record ChatConfig(int retentionDays, int maxLength, int messagesPerMinute) {

  public static ChatConfig from(Config c) {
    return new ChatConfig(c.integer("chat.retentionDays", 1, 3650), c.integer("chat.maxLength", 20, 4000),
        c.integer("chat.messagesPerMinute", 1, 10_000));
  }
}
