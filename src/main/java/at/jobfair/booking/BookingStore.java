package at.jobfair.booking;

import at.jobfair.attendance.AttendancePolicy.NextStep;
import at.jobfair.attendance.AttendancePolicy.Outcome;
import at.jobfair.legal.Obligation;
import at.jobfair.profile.ScreeningPolicy;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static at.jobfair.db.Rows.instant;

/** All SQL on bookings. Seat counts and overlaps are guarded by the schema (see V3__bookings.sql). */
public final class BookingStore {

  /**
   * A booking with what a page or the API shows about it, in the parts that callers read together: where it came
   * from, its slot, the booth and fair, the person, its history and what the attendance record says.
   */
  public record View(long id, BookingPolicy.Status status, Origin origin, Slot slot, Booth booth, Person jobseeker,
                     History history, Attendance attendance) {
    public boolean active() {
      return status == BookingPolicy.Status.ACTIVE;
    }

    /** The same booking with another origin (a moved booking keeps where it came from). */
    public View withOrigin(Origin origin) {
      return new View(id, status, origin, slot, booth, jobseeker, history, attendance);
    }

    /** How a booking came about (booking.source): on the person's own initiative or through an invitation of a kind. */
    public enum Source {
      OWN_INITIATIVE, PLACEMENT_PROPOSAL, CONTROL_APPOINTMENT, MASS_MAILING, PUBLIC_LINK,
      /** Made by booth staff pressing "next" in the walk-up queue (at.jobfair.queue). */
      WALK_UP;

      public static Source of(String db) {
        return db == null ? null : valueOf(db);
      }

      public String db() {
        return name();
      }
    }

    /** In which capacity a booking was cancelled (booking.cancelled_as); SYSTEM is the erasure of the person. */
    public enum CancelledAs {
      JOBSEEKER, EMPLOYER, STAFF, SYSTEM;

      public static CancelledAs of(String db) {
        return db == null ? null : valueOf(db);
      }

      public String db() {
        return name();
      }
    }

    /** Where the booking came from and what it obliges the person to; the invitation is null for one's own initiative. */
    public record Origin(Source source, Obligation legalBasis, Long invitationId) {
    }

    /** The slot; booking and a jobseeker's changes close the fair's {@code cutoffMinutes} before its start. */
    public record Slot(long id, Instant start, Instant end, int cutoffMinutes) {
    }

    /** The booth with its employer and fair. */
    public record Booth(long id, long employerId, String employerName, long fairId, String fairName) {
    }

    /** The person who booked. */
    public record Person(long id, String name, String email, String language) {
    }

    /**
     * When the booking was made and confirmed ("I am coming"), its calendar revision, and its cancellation (the last
     * three null while it is active).
     */
    public record History(Instant createdAt, Instant confirmedAt, int icsSequence, Instant cancelledAt, CancelledAs cancelledAs,
                          String cancelReason) {
    }

    /** What the attendance record says: check-in and the employer's statement (all null until something happened). */
    public record Attendance(Instant checkedInAt, Outcome outcome, NextStep nextStep, String note) {
      static final Attendance NONE = new Attendance(null, null, null, null);
    }
  }

  /** A slot someone could book instead. */
  public record Alternative(long slotId, Instant start, Instant end, int free) {
  }

  private static final String COLUMNS = """
      select k.id, k.status, k.source, k.legal_basis, k.created_at, k.cancelled_at, k.cancelled_as, k.cancel_reason,
             k.ics_sequence, k.slot_id, lower(k.during) as starts_at, upper(k.during) as ends_at, k.booth_id,
             e.id as employer_id, e.name as employer_name, f.id as fair_id, f.name as fair_name, f.booking_cutoff_minutes,
             k.jobseeker_id, a.name as jobseeker_name, a.email::text as jobseeker_email, a.language as jobseeker_language,
             k.invitation_id, k.confirmed_at, t.checked_in_at, t.outcome, t.next_step, t.note as outcome_note
      """;
  private static final String JOINS = """
        join booth b on b.id = k.booth_id
        join employer e on e.id = b.employer_id
        join fair f on f.id = b.fair_id
        join account a on a.id = k.jobseeker_id
        left join attendance t on t.booking_id = k.id
      """;
  private static final String VIEW = COLUMNS + " from booking k " + JOINS;

  /**
   * Everything a booking and its confirmation need, read before anything is locked ($1 person, $2 slot, $3 how many
   * free slots to suggest): a booking id drawn in advance; whether the slot can be booked by this person (public,
   * still open, a seat free, no booking of theirs at the booth or at that time, see {@link BookingPolicy}); the
   * free slots left at the booth when this one is full; the slot with its booth, employer and fair; the person;
   * the invitation the booking comes from (the database's {@code booking_invitation}, V29); and the booth's pre-screening
   * questions (V38, those of its vacancies). No row when the slot does not exist.
   * The same read explains a refusal, so a taken seat costs one round trip.
   */
  public static final String PREPARE = """
      select nextval(pg_get_serial_sequence('booking', 'id')) as booking_id,
             f.status = 'PUBLISHED' and s.removed_at is null as visible,
             slot_open(s, f) as open,
             s.booked + s.held >= s.capacity and not exists (select 1 from waitlist_entry w where w.slot_id = s.id
                 and w.jobseeker_id = $1 and w.status = 'OFFERED' and w.hold_until > now()) as full,
             exists (select 1 from booking x where x.booth_id = s.booth_id and x.jobseeker_id = $1 and x.status = 'ACTIVE') as at_booth,
             exists (select 1 from booking x where x.jobseeker_id = $1 and x.status = 'ACTIVE'
                                               and x.during && tstzrange(s.starts_at, s.ends_at)) as busy_then,
             case when s.booked + s.held >= s.capacity then
               coalesce((select json_agg(json_build_object('slotId', o.id, 'start', o.starts_at, 'end', o.ends_at, 'free', o.free))
                           from (select o.id, o.starts_at, o.ends_at, o.capacity - o.booked - o.held as free from slot o
                                  where o.booth_id = s.booth_id and slot_free(o, f)
                                  order by o.starts_at, o.id limit $3) o), '[]')::text end as alternatives,
             s.starts_at, s.ends_at, s.booth_id,
             e.id as employer_id, e.name as employer_name, f.id as fair_id, f.name as fair_name, f.booking_cutoff_minutes,
             a.name as jobseeker_name, a.email::text as jobseeker_email, a.language as jobseeker_language,
             inv.id as invitation_id, inv.kind as invitation_kind, inv.legal_basis as invitation_basis,
             (select json_agg(json_build_object('id', q.id, 'vacancyId', v.id, 'vacancy', v.title, 'position', q.position,
                                                'text', q.text, 'required', q.required) order by v.id, q.position)
                from vacancy_question q join vacancy v on v.id = q.vacancy_id where v.booth_id = s.booth_id)::text as questions
        from slot s join booth b on b.id = s.booth_id join fair f on f.id = b.fair_id join employer e on e.id = b.employer_id
        join account a on a.id = $1
        left join lateral booking_invitation($1, s.id) inv on true
       where s.id = $2""";

  /**
   * The booking statement: books the seat and queues the confirmation in one statement, so the slot's row lock
   * lasts exactly as long as this statement ($1 booking id, $2 slot, $3 person, $4 source, $5 legal basis,
   * $6 invitation, $7..$15 the mail's row, see {@link at.jobfair.mail.Outbox#row}; the mail feature's
   * {@code outbox_enqueue} (V30) queues it for each booked row, inside this statement). It never fails for an ordinary
   * refusal, so that many people can race for a seat: the slot row is locked and re-read ({@code for update}), a
   * full, closed or hidden slot yields no row, and the person's own rules (one per booth, no overlap) yield no row
   * through {@code on conflict do nothing}; then no mail is queued either. The trigger and CHECK on slot.booked
   * stay the last line of defence. The booking copies its invitation's legal basis (code and version). The booking
   * benchmark runs this very text in pgbench.
   */
  public static final String BOOK = """
      with k as (
        insert into booking (id, slot_id, booth_id, jobseeker_id, during, source, legal_basis, invitation_id, basis_code, basis_version)
        overriding system value
        select $1, s.id, s.booth_id, $3, tstzrange(s.starts_at, s.ends_at), $4, $5, $6, i.basis_code, i.basis_version
          from slot s join booth b on b.id = s.booth_id join fair f on f.id = b.fair_id
          left join invitation i on i.id = $6
         where s.id = $2
           and (slot_bookable(s, f)
                -- or the seat the waitlist holds for this person (V37): every seat taken, one of them theirs
                or (f.status = 'PUBLISHED' and s.removed_at is null and slot_open(s, f)
                    and exists (select 1 from waitlist_entry w where w.slot_id = s.id and w.jobseeker_id = $3
                                  and w.status = 'OFFERED' and w.hold_until > now())))
           for update of s
        on conflict do nothing
        returning id, created_at, outbox_enqueue($7::text, $8::text, $9::citext, $10::text, $11::text, $12::text, $13::text, $14::jsonb, $15::text) as mail_id)
      select id, created_at from k""";

  /**
   * {@link #BOOK} with the answers to the booth's pre-screening questions written by the same statement ($16 question
   * ids, $17 positions, $18 vacancy titles, $19 question texts, $20 answers, arrays of one length): a refused booking
   * (no row in {@code k}) writes no answer, and the slot's lock lasts no longer than without answers.
   */
  public static final String BOOK_ANSWERED = answered(BOOK);

  private static String answered(String book) {
    String tail = "\nselect id, created_at from k";
    if (!book.endsWith(tail)) throw new IllegalStateException("the booking statement changed its shape");
    return book.substring(0, book.length() - tail.length()) + """
        ,
        a as (
          insert into booking_answer (booking_id, question_id, position, vacancy, question, answer)
          select k.id, x.question_id, x.position, x.vacancy, x.question, x.answer
            from k cross join unnest($16::bigint[], $17::int[], $18::text[], $19::text[], $20::text[])
                              as x (question_id, position, vacancy, question, answer))""" + tail;
  }

  private final Pool pool;

  public BookingStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * A walk-up appointment from now for {@code minutes}: a one-seat slot of its own at the booth, booked by the person
   * (source WALK_UP, voluntary), in the caller's transaction; no mail (the person is on the queue's page and is sent
   * into the room at once). The booking's constraints still hold: the statement fails when the person is busy then.
   */
  public Future<Long> walkUp(SqlClient tx, long boothId, long jobseekerId, int minutes) {
    return tx.preparedQuery("""
            with s as (insert into slot (booth_id, starts_at, ends_at, capacity, walk_up)
                       values ($1, now(), now() + make_interval(mins => $3), 1, true) returning id, starts_at, ends_at)
            insert into booking (slot_id, booth_id, jobseeker_id, during, source, legal_basis)
            select s.id, $1, $2, tstzrange(s.starts_at, s.ends_at), 'WALK_UP', 'VOLUNTARY' from s
            returning id""")
        .execute(Tuple.of(boothId, jobseekerId, minutes)).map(rows -> rows.iterator().next().getLong(0));
  }

  /** What {@link #PREPARE} read: the booking as it will be, whether it can be, and what else is free. */
  public record Prepared(View booking, BookingPolicy.SlotFacts facts, List<Alternative> alternatives,
                         List<ScreeningPolicy.Question> questions) {
  }

  /** Reads what a booking needs (or what explains its refusal) before taking any lock; null when there is no slot. */
  public Future<Prepared> prepare(SqlClient c, long jobseekerId, long slotId, int alternatives, Instant now) {
    return c.preparedQuery(PREPARE).execute(Tuple.of(jobseekerId, slotId, alternatives)).map(rows -> {
      if (rows.size() == 0) return null;
      Row r = rows.iterator().next();
      String kind = r.getString("invitation_kind");
      View.Origin origin = kind == null ? new View.Origin(View.Source.OWN_INITIATIVE, Obligation.VOLUNTARY, null)
          : new View.Origin(View.Source.of(kind), obligation(r.getString("invitation_basis")), r.getLong("invitation_id"));
      View v = new View(r.getLong("booking_id"), BookingPolicy.Status.ACTIVE, origin,
          new View.Slot(slotId, instant(r, "starts_at"), instant(r, "ends_at"), r.getInteger("booking_cutoff_minutes")), booth(r),
          new View.Person(jobseekerId, r.getString("jobseeker_name"), r.getString("jobseeker_email"), r.getString("jobseeker_language")),
          new View.History(now, null, 0, null, null, null), View.Attendance.NONE);
      BookingPolicy.SlotFacts facts = new BookingPolicy.SlotFacts(r.getBoolean("visible"), r.getBoolean("open"), r.getBoolean("full"),
          r.getBoolean("at_booth"), r.getBoolean("busy_then"));
      List<Alternative> free = new ArrayList<>();
      String json = r.getString("alternatives");
      if (json != null) {
        for (Object o : new io.vertx.core.json.JsonArray(json)) {
          io.vertx.core.json.JsonObject a = (io.vertx.core.json.JsonObject) o;
          free.add(new Alternative(a.getLong("slotId"), OffsetDateTime.parse(a.getString("start")).toInstant(),
              OffsetDateTime.parse(a.getString("end")).toInstant(), a.getInteger("free")));
        }
      }
      List<ScreeningPolicy.Question> questions = new ArrayList<>();
      String asked = r.getString("questions");
      if (asked != null) {
        for (Object o : new io.vertx.core.json.JsonArray(asked)) {
          io.vertx.core.json.JsonObject q = (io.vertx.core.json.JsonObject) o;
          questions.add(new ScreeningPolicy.Question(q.getLong("id"), q.getLong("vacancyId"), q.getString("vacancy"),
              q.getInteger("position"), q.getString("text"), q.getBoolean("required")));
        }
      }
      return new Prepared(v, facts, free, List.copyOf(questions));
    });
  }

  /** Books the prepared booking and queues its mail in one statement; the booking as stored, or null when refused. */
  public Future<View> book(SqlClient c, View b, io.vertx.sqlclient.Tuple mailRow) {
    return book(c, b, mailRow, List.of());
  }

  /** As {@link #book(SqlClient, View, Tuple)}, with the answers to the booth's questions written in the same statement. */
  public Future<View> book(SqlClient c, View b, io.vertx.sqlclient.Tuple mailRow, List<ScreeningPolicy.Answer> answers) {
    Tuple params = Tuple.of(b.id(), b.slot().id(), b.jobseeker().id(), b.origin().source().db(),
        b.origin().legalBasis().name(), b.origin().invitationId());
    for (int i = 0; i < mailRow.size(); i++) params.addValue(mailRow.getValue(i));
    if (!answers.isEmpty()) {
      params.addArrayOfLong(answers.stream().map(a -> a.question().id()).toArray(Long[]::new))
          .addArrayOfInteger(answers.stream().map(a -> a.question().position()).toArray(Integer[]::new))
          .addArrayOfString(answers.stream().map(a -> a.question().vacancy()).toArray(String[]::new))
          .addArrayOfString(answers.stream().map(a -> a.question().text()).toArray(String[]::new))
          .addArrayOfString(answers.stream().map(ScreeningPolicy.Answer::text).toArray(String[]::new));
    }
    return c.preparedQuery(answers.isEmpty() ? BOOK : BOOK_ANSWERED).execute(params).map(rows -> {
      if (rows.size() == 0) return null;
      Instant created = instant(rows.iterator().next(), "created_at");
      return new View(b.id(), b.status(), b.origin(), b.slot(), b.booth(), b.jobseeker(),
          new View.History(created, null, 0, null, null, null), View.Attendance.NONE);
    });
  }

  public Future<View> find(SqlClient c, long bookingId) {
    return c.preparedQuery(VIEW + " where k.id = $1").execute(Tuple.of(bookingId)).map(BookingStore::first);
  }

  /** Loads a booking and locks it until the transaction ends, so two cancellations cannot both succeed. */
  public Future<View> findForUpdate(SqlClient c, long bookingId) {
    return c.preparedQuery(VIEW + " where k.id = $1 for update of k").execute(Tuple.of(bookingId)).map(BookingStore::first);
  }

  public Future<Void> cancel(SqlClient c, long bookingId, long actorId, String actorRole, String reason) {
    return c.preparedQuery("""
            update booking set status = 'CANCELLED', cancelled_at = now(), cancelled_by = $2, cancelled_as = $3,
                   cancel_reason = $4, ics_sequence = ics_sequence + 1
             where id = $1 and status = 'ACTIVE'""")
        .execute(Tuple.of(bookingId, actorId, actorRole, reason)).mapEmpty();
  }

  /**
   * Locks a slot's row as the booking statement does ({@code for update}) and says whether a seat is free to take
   * (read after the lock, so a booking committed meanwhile is counted).
   */
  public Future<Boolean> lockSlotIfBookable(SqlClient c, long slotId) {
    return c.preparedQuery("""
            select slot_bookable(s, f) as free from slot s join booth b on b.id = s.booth_id join fair f on f.id = b.fair_id
             where s.id = $1 for update of s""")
        .execute(Tuple.of(slotId)).map(rows -> rows.size() == 1 && Boolean.TRUE.equals(rows.iterator().next().getBoolean("free")));
  }

  /** Makes a cancelled booking active again (the seat trigger counts it back; the calendar entry gets a new revision). */
  public Future<Void> restore(SqlClient c, long bookingId) {
    return c.preparedQuery("""
            update booking set status = 'ACTIVE', cancelled_at = null, cancelled_by = null, cancelled_as = null,
                   cancel_reason = null, ics_sequence = ics_sequence + 1
             where id = $1 and status = 'CANCELLED'""")
        .execute(Tuple.of(bookingId)).mapEmpty();
  }

  /** A move within the same booth keeps the answers given to its questions (the new booking gets a copy). */
  public Future<Void> copyAnswers(SqlClient c, long fromBooking, long toBooking) {
    return c.preparedQuery("""
            insert into booking_answer (booking_id, question_id, position, vacancy, question, answer)
            select t.id, a.question_id, a.position, a.vacancy, a.question, a.answer
              from booking_answer a join booking f on f.id = a.booking_id join booking t on t.id = $2 and t.booth_id = f.booth_id
             where a.booking_id = $1
            on conflict do nothing""").execute(Tuple.of(fromBooking, toBooking)).mapEmpty();
  }

  /** A jobseeker's counsellor as the person may see them. */
  public record Counsellor(String name, String email) {
    /** As the pages' counsellor partial takes it (partials/counsellor.hbs); null for nobody. */
    public static java.util.Map<String, Object> model(Counsellor c) {
      return c == null ? null : java.util.Map.of("name", c.name(), "email", c.email());
    }
  }

  public Future<Counsellor> counsellor(long jobseekerId) {
    return counsellor(pool, jobseekerId);
  }

  /** The same inside the caller's transaction (a reminder queued in it). */
  public Future<Counsellor> counsellor(SqlClient c, long jobseekerId) {
    return c.preparedQuery("""
            select a.name, a.email::text as email from jobseeker j join account a on a.id = j.caseworker_id
             where j.account_id = $1 and a.active""")
        .execute(Tuple.of(jobseekerId))
        .map(rows -> rows.size() == 0 ? null : new Counsellor(rows.iterator().next().getString("name"), rows.iterator().next().getString("email")));
  }

  /**
   * What a booking's printable confirmation says beyond its {@link View}: the fair's format and region (where it takes
   * place) and the vacancy its invitation named, if any.
   */
  public record Setting(String format, String region, String vacancyTitle) {
  }

  public Future<Setting> setting(long bookingId) {
    return pool.preparedQuery("""
            select f.format, f.region, i.vacancy_title from booking k join booth b on b.id = k.booth_id
              join fair f on f.id = b.fair_id left join invitation i on i.id = k.invitation_id
             where k.id = $1""")
        .execute(Tuple.of(bookingId))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new Setting(r.getString("format"), r.getString("region"), r.getString("vacancy_title"));
        });
  }

  /** The legal basis a booking copied from its invitation. */
  public record BasisRef(String code, int version) {
  }

  public Future<BasisRef> basis(long bookingId) {
    return pool.preparedQuery("select basis_code, basis_version from booking where id = $1 and basis_code is not null")
        .execute(Tuple.of(bookingId))
        .map(rows -> rows.size() == 0 ? null : new BasisRef(rows.iterator().next().getString("basis_code"),
            rows.iterator().next().getInteger("basis_version")));
  }

  /** A jobseeker's bookings, upcoming first, then past and cancelled ones. */
  public Future<List<View>> ofJobseeker(long jobseekerId) {
    return pool.preparedQuery(VIEW + " where k.jobseeker_id = $1 order by k.status = 'ACTIVE' desc, lower(k.during), k.id")
        .execute(Tuple.of(jobseekerId)).map(BookingStore::all);
  }

  /** A person's active bookings at one booth (what the booth page shows them as theirs), in slot order. */
  public Future<List<View>> activeAtBooth(long jobseekerId, long boothId) {
    return pool.preparedQuery(VIEW + " where k.jobseeker_id = $1 and k.booth_id = $2 and k.status = 'ACTIVE' order by lower(k.during), k.id")
        .execute(Tuple.of(jobseekerId, boothId)).map(BookingStore::all);
  }

  /** All bookings of a booth (for its staff), in slot order. */
  public Future<List<View>> ofBooth(long boothId) {
    return pool.preparedQuery(VIEW + " where k.booth_id = $1 order by lower(k.during), k.status, k.id")
        .execute(Tuple.of(boothId)).map(BookingStore::all);
  }

  /** Active bookings of a slot, locked: used when the slot is removed. */
  public Future<List<View>> activeOfSlotForUpdate(SqlClient c, long slotId) {
    return c.preparedQuery(VIEW + " where k.slot_id = $1 and k.status = 'ACTIVE' for update of k")
        .execute(Tuple.of(slotId)).map(BookingStore::all);
  }

  /** The employer of a booth, or null when there is no such booth. */
  public Future<Long> boothEmployer(SqlClient c, long boothId) {
    return c.preparedQuery("select employer_id from booth where id = $1").execute(Tuple.of(boothId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("employer_id"));
  }

  /** Marks a slot removed (its history stays); returns false when it was already gone. */
  public Future<Boolean> removeSlot(SqlClient c, long slotId) {
    return c.preparedQuery("update slot set removed_at = now() where id = $1 and removed_at is null")
        .execute(Tuple.of(slotId)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Long> slotBooth(SqlClient c, long slotId) {
    return c.preparedQuery("select booth_id from slot where id = $1").execute(Tuple.of(slotId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("booth_id"));
  }

  private static View first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : view(rows.iterator().next());
  }

  private static List<View> all(RowSet<Row> rows) {
    List<View> out = new ArrayList<>();
    for (Row r : rows) out.add(view(r));
    return out;
  }

  private static View view(Row r) {
    return new View(r.getLong("id"), BookingPolicy.Status.of(r.getString("status")),
        new View.Origin(View.Source.of(r.getString("source")), obligation(r.getString("legal_basis")), r.getLong("invitation_id")),
        new View.Slot(r.getLong("slot_id"), instant(r, "starts_at"), instant(r, "ends_at"), r.getInteger("booking_cutoff_minutes")),
        booth(r),
        new View.Person(r.getLong("jobseeker_id"), r.getString("jobseeker_name"), r.getString("jobseeker_email"),
            r.getString("jobseeker_language")),
        new View.History(instant(r, "created_at"), instant(r, "confirmed_at"), r.getInteger("ics_sequence"),
            instant(r, "cancelled_at"), View.CancelledAs.of(r.getString("cancelled_as")), r.getString("cancel_reason")),
        new View.Attendance(instant(r, "checked_in_at"), named(Outcome.class, r.getString("outcome")),
            named(NextStep.class, r.getString("next_step")), r.getString("outcome_note")));
  }

  private static View.Booth booth(Row r) {
    return new View.Booth(r.getLong("booth_id"), r.getLong("employer_id"), r.getString("employer_name"), r.getLong("fair_id"),
        r.getString("fair_name"));
  }

  /** booking.legal_basis is spelt as the obligation's name. */
  private static Obligation obligation(String db) {
    return named(Obligation.class, db);
  }

  /** A column spelt as the enum constant's name (the attendance record's outcome and next step), or null. */
  private static <E extends Enum<E>> E named(Class<E> type, String db) {
    return db == null ? null : Enum.valueOf(type, db);
  }
}
