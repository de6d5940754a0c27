package at.jobfair.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit trail as a hash chain: every record's hash covers its own content and the hash of the record before it,
 * so a changed, removed, inserted or reordered record breaks the chain from that point on. Pure: no I/O.
 */
public final class AuditChain {

  /** The "previous hash" of the first record. */
  public static final String GENESIS = "0".repeat(64);

  /** One step someone took: who, in which role, when, on what, from which state to which, and why. */
  public record Entry(long seq, Instant at, Long actorId, String actorRole, String subject, String event, String fromState,
                      String toState, String reasons, String prevHash, String hash) {

    /** The content of a record before it is chained; the time to the microsecond, as the database keeps it. */
    public static Entry of(Instant at, Long actorId, String actorRole, String subject, String event, String fromState,
                           String toState, String reasons) {
      return new Entry(0, at.truncatedTo(java.time.temporal.ChronoUnit.MICROS), actorId, actorRole, subject, event, fromState,
          toState, reasons, null, null);
    }

    /** This content as the record after {@code previous} (null for the first): numbered, linked and hashed. */
    public Entry chainedAfter(Entry previous) {
      return previous == null ? chainedAfter(0, GENESIS) : chainedAfter(previous.seq(), previous.hash());
    }

    /** This content as the record after the one numbered {@code lastSeq} with hash {@code lastHash} (0 and GENESIS: none). */
    public Entry chainedAfter(long lastSeq, String lastHash) {
      long n = lastSeq + 1;
      String prev = lastHash;
      return new Entry(n, at, actorId, actorRole, subject, event, fromState, toState, reasons, prev,
          AuditChain.hash(n, at, actorId, actorRole, subject, event, fromState, toState, reasons, prev));
    }
  }

  /** The answer of a check: whether the chain is whole, how many records it has, and the first one that is not. */
  public record Verification(boolean ok, long records, Long firstBad) {
  }

  private AuditChain() {
  }

  /**
   * Checks numbering, links and hashes in order. {@code firstBad} is the number at which the chain breaks: the record
   * there was changed, or is missing, or is not the one that belongs there.
   */
  public static Verification verify(List<Entry> entries) {
    String prev = GENESIS;
    long expected = 1;
    for (Entry e : entries) {
      boolean fits = e.seq() == expected && prev.equals(e.prevHash())
          && hash(e.seq(), e.at(), e.actorId(), e.actorRole(), e.subject(), e.event(), e.fromState(), e.toState(), e.reasons(),
              e.prevHash()).equals(e.hash());
      if (!fits) return new Verification(false, entries.size(), expected);
      prev = e.hash();
      expected++;
    }
    return new Verification(true, entries.size(), null);
  }

  /**
   * What a record says of a person's or a decider's words: their SHA-256, never the words. The words live in the
   * feature's own table (a step, a hearing record, a request), where retention or erasure can remove them while the
   * chain still proves what they were.
   */
  public static String words(String text) {
    try {
      return "reasons sha256 " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * SHA-256 over the fields, each written with its length first, so that no two different records can produce the
   * same input by moving text from one field into the next.
   */
  static String hash(long seq, Instant at, Long actorId, String actorRole, String subject, String event, String fromState,
                     String toState, String reasons, String prevHash) {
    StringBuilder sb = new StringBuilder();
    for (String field : new String[] {String.valueOf(seq), at == null ? null : at.toString(), actorId == null ? null : actorId.toString(),
        actorRole, subject, event, fromState, toState, reasons, prevHash}) {
      if (field == null) {
        sb.append("-1:");
      } else {
        sb.append(field.length()).append(':').append(field);
      }
      sb.append('|');
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
