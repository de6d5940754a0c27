package at.jobfair.chat;

import at.jobfair.access.Relations;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The chat's SQL, all of it. */
public final class ChatStore {

  /** The advisory lock class of one sender's writing (its rate is counted under it; other jobs use 7212001-7212019). */
  static final int SENDER_LOCK = 7212036;

  /** A conversation with the names a page shows. Booth fields are null for a group session's conversation. */
  public record Conversation(long id, String kind, Long jobseekerId, String personName, Long boothId, Long employerId,
                             String employerName, long fairId, String fairName, long lastSeq, long personRead,
                             long boothRead, boolean blocked) {
    public boolean group() {
      return "GROUP".equals(kind);
    }
  }

  /** A booth as the person's "write to this booth" page needs it; null fields never. */
  public record Booth(long id, long employerId, String employerName, long fairId, String fairName) {
  }

  /** One message. */
  public record Message(long id, long conversationId, long seq, Long senderId, String side, String senderName, String body,
                        Instant sentAt) {
  }

  /** A line of a list of conversations: the other side's name, unread messages, the last message's time and start. */
  public record Line(long id, String name, String company, long boothId, long unread, Instant lastAt, String last,
                     boolean blocked) {
  }

  /** A report as organisers read it; open while {@code handledAt} is null, then with who handled it and the outcome. */
  public record Report(long id, long fairId, String fairName, String employerName, String personName, String senderName,
                       String body, Instant sentAt, String reason, Instant reportedAt, Instant handledAt,
                       String handledBy, String outcome) {
    public boolean handled() {
      return handledAt != null;
    }
  }

  private static final String CONVERSATION = """
      select c.id, c.kind, c.jobseeker_id, a.name as person_name, c.booth_id, b.employer_id, e.name as employer_name,
             c.fair_id, f.name as fair_name, c.last_seq, c.person_read, c.booth_read, c.blocked_at is not null as blocked
        from chat_conversation c
        join fair f on f.id = c.fair_id
        left join account a on a.id = c.jobseeker_id
        left join booth b on b.id = c.booth_id
        left join employer e on e.id = b.employer_id""";

  private final Relations relations;

  public ChatStore(Relations relations) {
    this.relations = relations;
  }

  private static Conversation conversation(Row r) {
    return new Conversation(r.getLong("id"), r.getString("kind"), r.getLong("jobseeker_id"), r.getString("person_name"),
        r.getLong("booth_id"), r.getLong("employer_id"), r.getString("employer_name"), r.getLong("fair_id"),
        r.getString("fair_name"), r.getLong("last_seq"), r.getLong("person_read"), r.getLong("booth_read"),
        r.getBoolean("blocked"));
  }

  private static <T> T first(RowSet<Row> rows, java.util.function.Function<Row, T> map) {
    return rows.size() == 0 ? null : map.apply(rows.iterator().next());
  }

  public Future<Conversation> conversation(SqlClient c, long id) {
    return c.preparedQuery(CONVERSATION + " where c.id = $1").execute(Tuple.of(id)).map(rows -> first(rows, ChatStore::conversation));
  }

  public Future<Conversation> pair(SqlClient c, long jobseekerId, long boothId) {
    return c.preparedQuery(CONVERSATION + " where c.kind = 'BOOTH' and c.jobseeker_id = $1 and c.booth_id = $2")
        .execute(Tuple.of(jobseekerId, boothId)).map(rows -> first(rows, ChatStore::conversation));
  }

  /** The person's conversation with the booth, started now if there is none (two first messages at once: one row). */
  public Future<Conversation> openPair(SqlClient c, long jobseekerId, long boothId) {
    return c.preparedQuery("""
            insert into chat_conversation (kind, jobseeker_id, booth_id, fair_id)
            select 'BOOTH', $1, b.id, b.fair_id from booth b where b.id = $2
            on conflict (jobseeker_id, booth_id) where kind = 'BOOTH' do nothing""")
        .execute(Tuple.of(jobseekerId, boothId)).compose(v -> pair(c, jobseekerId, boothId));
  }

  /** The fair's group-session conversation, started now if there is none. */
  public Future<Conversation> openGroup(SqlClient c, long fairId) {
    return c.preparedQuery("""
            insert into chat_conversation (kind, fair_id) values ('GROUP', $1)
            on conflict (fair_id) where kind = 'GROUP' do nothing""")
        .execute(Tuple.of(fairId))
        .compose(v -> c.preparedQuery(CONVERSATION + " where c.kind = 'GROUP' and c.fair_id = $1").execute(Tuple.of(fairId)))
        .map(rows -> first(rows, ChatStore::conversation));
  }

  /** A booth of a published fair a person may write to; null when there is none. */
  public Future<Booth> booth(SqlClient c, long boothId) {
    return c.preparedQuery("""
            select b.id, b.employer_id, e.name as employer_name, f.id as fair_id, f.name as fair_name
              from booth b join employer e on e.id = b.employer_id join fair f on f.id = b.fair_id
             where b.id = $1 and f.status = 'PUBLISHED'""")
        .execute(Tuple.of(boothId)).map(rows -> first(rows, r -> new Booth(r.getLong("id"), r.getLong("employer_id"),
            r.getString("employer_name"), r.getLong("fair_id"), r.getString("fair_name"))));
  }

  /** A booking's person and booth, or null. */
  public Future<long[]> booking(SqlClient c, long bookingId) {
    return c.preparedQuery("select jobseeker_id, booth_id from booking where id = $1").execute(Tuple.of(bookingId))
        .map(rows -> first(rows, r -> new long[] {r.getLong(0), r.getLong(1)}));
  }

  /** The employer of the booth, or null when there is no such booth. */
  public Future<Long> boothEmployer(SqlClient c, long boothId) {
    return c.preparedQuery("select employer_id from booth where id = $1").execute(Tuple.of(boothId))
        .map(rows -> first(rows, r -> r.getLong(0)));
  }

  /**
   * Whether the staff member is the person's caseworker or stands in for them ({@link Relations#caseload}), and whether
   * the person has an open case that involves the booth: a request for reasons after a no-show at that booth that is
   * not yet decided, or a cascade at the booth's fair that has not ended, after a booking at that booth.
   */
  public Future<boolean[]> caseFacts(SqlClient c, long staffId, long personId, long boothId) {
    return c.preparedQuery("select " + relations.caseload("$1::bigint", "$2::bigint") + """
            , exists (select 1 from reasons_request r join booking k on k.id = r.booking_id
                       where r.jobseeker_id = $1 and k.booth_id = $3 and r.kind = 'NO_SHOW'
                         and r.state in ('ASKED', 'ANSWERED', 'NO_ANSWER', 'CASE_OPEN'))
              or exists (select 1 from cascade k join booth b on b.fair_id = k.fair_id
                          where k.jobseeker_id = $1 and b.id = $3
                            and k.state in ('INVITED', 'BOOKED', 'NO_SHOW', 'WAITING', 'AT_STATION', 'SANCTION_PROPOSED',
                                            'DECISION_PENDING', 'SENT_BACK', 'WAIVER_CONSIDERATION')
                            and exists (select 1 from booking g where g.jobseeker_id = $1 and g.booth_id = $3))""")
        .execute(Tuple.of(personId, staffId, boothId))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new boolean[] {Boolean.TRUE.equals(r.getBoolean(0)), Boolean.TRUE.equals(r.getBoolean(1))};
        });
  }

  /**
   * Holds the sender's writing until the transaction ends and answers how many messages they sent within the last
   * minute: two messages of one account never pass the rate check side by side, on any node.
   */
  public Future<Integer> lockSender(SqlClient tx, long senderId) {
    return tx.preparedQuery("select pg_advisory_xact_lock($1, hashtext($2::text))").execute(Tuple.of(SENDER_LOCK, String.valueOf(senderId)))
        .compose(v -> tx.preparedQuery("select count(*) from chat_message where sender_id = $1 and sent_at > now() - interval '1 minute'")
            .execute(Tuple.of(senderId)))
        .map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  /**
   * Writes one message: the conversation's row is raised to its next number and held until commit, so concurrent
   * messages get consecutive numbers in the order they commit; none is lost, none numbered twice.
   */
  public Future<Message> append(SqlClient tx, long conversationId, long senderId, String side, String senderName, String body) {
    return tx.preparedQuery("""
            with c as (update chat_conversation set last_seq = last_seq + 1, last_at = now() where id = $1 returning id, last_seq)
            insert into chat_message (conversation_id, seq, sender_id, side, sender_name, body)
            select c.id, c.last_seq, $2, $3, $4, $5 from c
            returning id, conversation_id, seq, sender_id, side, sender_name, body, sent_at""")
        .execute(Tuple.of(conversationId, senderId, side, senderName, body)).map(rows -> first(rows, ChatStore::message));
  }

  /** Whether the person blocked the booth, holding the conversation's row (a block and a message do not cross). */
  public Future<Boolean> lockBlocked(SqlClient tx, long conversationId) {
    return tx.preparedQuery("select blocked_at is not null from chat_conversation where id = $1 for update")
        .execute(Tuple.of(conversationId)).map(rows -> Boolean.TRUE.equals(first(rows, r -> r.getBoolean(0))));
  }

  private static Message message(Row r) {
    return new Message(r.getLong("id"), r.getLong("conversation_id"), r.getLong("seq"), r.getLong("sender_id"),
        r.getString("side"), r.getString("sender_name"), r.getString("body"), r.getOffsetDateTime("sent_at").toInstant());
  }

  /** Messages after {@code afterSeq}, oldest first, at most {@code limit} (the newest when there are more). */
  public Future<List<Message>> messages(SqlClient c, long conversationId, long afterSeq, int limit) {
    return c.preparedQuery("""
            select * from (select id, conversation_id, seq, sender_id, side, sender_name, body, sent_at from chat_message
                            where conversation_id = $1 and seq > $2 order by seq desc limit $3) m order by seq""")
        .execute(Tuple.of(conversationId, afterSeq, limit)).map(rows -> {
          List<Message> out = new ArrayList<>();
          for (Row r : rows) out.add(message(r));
          return out;
        });
  }

  public Future<Message> message(SqlClient c, long id) {
    return c.preparedQuery("select id, conversation_id, seq, sender_id, side, sender_name, body, sent_at from chat_message where id = $1")
        .execute(Tuple.of(id)).map(rows -> first(rows, ChatStore::message));
  }

  /** The side has read up to {@code seq} (never backwards). */
  public Future<Void> markRead(SqlClient c, long conversationId, boolean person, long seq) {
    String column = person ? "person_read" : "booth_read";
    return c.preparedQuery("update chat_conversation set " + column + " = $2 where id = $1 and " + column + " < $2")
        .execute(Tuple.of(conversationId, seq)).mapEmpty();
  }

  public Future<Void> block(SqlClient c, long conversationId, boolean on) {
    return c.preparedQuery("update chat_conversation set blocked_at = case when $2 then coalesce(blocked_at, now()) end where id = $1")
        .execute(Tuple.of(conversationId, on)).mapEmpty();
  }

  private static final String UNREAD_PERSON = "(select count(*) from chat_message m where m.conversation_id = c.id and m.side = 'BOOTH' and m.seq > c.person_read)";
  private static final String UNREAD_BOOTH = "(select count(*) from chat_message m where m.conversation_id = c.id and m.side = 'PERSON' and m.seq > c.booth_read)";
  private static final String LAST = "(select m.body from chat_message m where m.conversation_id = c.id order by m.seq desc limit 1)";

  private static List<Line> lines(RowSet<Row> rows) {
    List<Line> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new Line(r.getLong("id"), r.getString("name"), r.getString("company"), r.getLong("booth_id"), r.getLong("unread"),
          r.getOffsetDateTime("last_at").toInstant(), r.getString("last"), r.getBoolean("blocked")));
    }
    return out;
  }

  /** The person's conversations with booths, newest first, with the booth's messages they have not read. */
  public Future<List<Line>> ofPerson(SqlClient c, long personId) {
    return c.preparedQuery("select c.id, e.name as name, e.name as company, c.booth_id, " + UNREAD_PERSON + " as unread, c.last_at, "
            + LAST + " as last, c.blocked_at is not null as blocked from chat_conversation c join booth b on b.id = c.booth_id"
            + " join employer e on e.id = b.employer_id where c.kind = 'BOOTH' and c.jobseeker_id = $1 and c.last_seq > 0"
            + " order by c.last_at desc limit 200")
        .execute(Tuple.of(personId)).map(ChatStore::lines);
  }

  /** A booth's conversations, newest first, with the person's messages nobody of the booth has read. */
  public Future<List<Line>> ofBooth(SqlClient c, long boothId) {
    return c.preparedQuery("select c.id, a.name as name, e.name as company, c.booth_id, " + UNREAD_BOOTH + " as unread, c.last_at, "
            + LAST + " as last, c.blocked_at is not null as blocked from chat_conversation c join account a on a.id = c.jobseeker_id"
            + " join booth b on b.id = c.booth_id join employer e on e.id = b.employer_id"
            + " where c.kind = 'BOOTH' and c.booth_id = $1 and c.last_seq > 0 order by c.last_at desc limit 500")
        .execute(Tuple.of(boothId)).map(ChatStore::lines);
  }

  /** How many booth messages the person has not read, over all their conversations. */
  public Future<Long> unreadOfPerson(SqlClient c, long personId) {
    return c.preparedQuery("select coalesce(sum(" + UNREAD_PERSON + "), 0)::bigint from chat_conversation c where c.kind = 'BOOTH' and c.jobseeker_id = $1")
        .execute(Tuple.of(personId)).map(rows -> rows.iterator().next().getLong(0));
  }

  /** A booth of an employer with the person messages none of its representatives has read. */
  public record BoothUnread(long boothId, long fairId, String fairName, long unread) {
  }

  /** Unread messages per booth of the employer (its representatives answer them), newest fair first. */
  public Future<List<BoothUnread>> unreadOfEmployer(SqlClient c, long employerId) {
    return c.preparedQuery("select b.id, f.id as fair_id, f.name, coalesce(sum(" + UNREAD_BOOTH + "), 0)::bigint as unread from booth b"
            + " join fair f on f.id = b.fair_id left join chat_conversation c on c.booth_id = b.id and c.kind = 'BOOTH'"
            + " where b.employer_id = $1 group by b.id, f.id, f.name, f.starts_at order by f.starts_at desc, b.id")
        .execute(Tuple.of(employerId)).map(rows -> {
          List<BoothUnread> out = new ArrayList<>();
          for (Row r : rows) out.add(new BoothUnread(r.getLong(0), r.getLong(1), r.getString(2), r.getLong(3)));
          return out;
        });
  }

  /** Keeps a report with a copy of the message; answers its id, or null when this person reported it already. */
  public Future<Long> report(SqlClient tx, Message m, long fairId, long reporterId, String reason) {
    return tx.preparedQuery("""
            insert into chat_report (message_id, conversation_id, fair_id, reporter_id, sender_name, body, sent_at, reason)
            values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (message_id, reporter_id) do nothing returning id""")
        .execute(Tuple.tuple().addLong(m.id()).addLong(m.conversationId()).addLong(fairId).addLong(reporterId)
            .addString(m.senderName()).addString(m.body()).addOffsetDateTime(m.sentAt().atOffset(java.time.ZoneOffset.UTC))
            .addString(reason))
        .map(rows -> first(rows, r -> r.getLong(0)));
  }

  private static final String REPORT = """
      select r.id, r.fair_id, f.name as fair_name, e.name as employer_name, a.name as person_name, r.sender_name, r.body,
             r.sent_at, r.reason, r.reported_at, r.handled_at, r.handled_by_name, r.outcome
        from chat_report r join fair f on f.id = r.fair_id join chat_conversation c on c.id = r.conversation_id
        left join booth b on b.id = c.booth_id left join employer e on e.id = b.employer_id
        left join account a on a.id = c.jobseeker_id""";

  private static Report report(Row r) {
    java.time.OffsetDateTime handled = r.getOffsetDateTime("handled_at");
    return new Report(r.getLong("id"), r.getLong("fair_id"), r.getString("fair_name"), r.getString("employer_name"),
        r.getString("person_name"), r.getString("sender_name"), r.getString("body"),
        r.getOffsetDateTime("sent_at").toInstant(), r.getString("reason"), r.getOffsetDateTime("reported_at").toInstant(),
        handled == null ? null : handled.toInstant(), r.getString("handled_by_name"), r.getString("outcome"));
  }

  /** Open reports, newest first (organisers). */
  public Future<List<Report>> reports(SqlClient c) {
    return c.preparedQuery(REPORT + " where r.handled_at is null order by r.reported_at desc, r.id desc limit 500")
        .execute().map(rows -> {
          List<Report> out = new ArrayList<>();
          for (Row r : rows) out.add(report(r));
          return out;
        });
  }

  /** The reports handled most recently, newest first (organisers). */
  public Future<List<Report>> handledReports(SqlClient c, int limit) {
    return c.preparedQuery(REPORT + " where r.handled_at is not null order by r.handled_at desc, r.id desc limit $1")
        .execute(Tuple.of(limit)).map(rows -> {
          List<Report> out = new ArrayList<>();
          for (Row r : rows) out.add(report(r));
          return out;
        });
  }

  public Future<Report> report(SqlClient c, long id) {
    return c.preparedQuery(REPORT + " where r.id = $1").execute(Tuple.of(id)).map(rows -> first(rows, ChatStore::report));
  }

  /**
   * Marks an open report handled; answers whether this statement did. Of two organisers at once the second's update
   * waits for the first's row and then finds it handled: exactly one marks it, whatever the application does.
   */
  public Future<Boolean> markHandled(SqlClient tx, long id, long organiserId, String organiserName, String outcome) {
    return tx.preparedQuery("""
            update chat_report set handled_at = now(), handled_by = $2, handled_by_name = $3, outcome = $4
             where id = $1 and handled_at is null""")
        .execute(Tuple.of(id, organiserId, organiserName, outcome)).map(rows -> rows.rowCount() == 1);
  }
}
