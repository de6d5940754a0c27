package at.jobfair.invitation;

import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.legal.Basis;
import at.jobfair.legal.Obligation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static at.jobfair.db.Rows.instant;

/** All SQL on invitations, the consequence notices from before the catalogue, mass mailings and the booking's legal basis. */
public final class InvitationStore {

  /**
   * An invitation with what its mail, link and answer need: the person, the fair, the booth (null for a mass mailing or
   * a public link), its basis in the catalogue (null before the catalogue) or the staff-edited notice from before it
   * (null when none).
   */
  public record Invitation(long id, Kind kind, Obligation legalBasis, Person person, Fair fair, Booth booth, BasisRef basis,
                           OldNotice notice, Instant firstOpenedAt) {

    /** The kinds of invitation (invitation.kind), spelt in the database as here. */
    public enum Kind {
      PLACEMENT_PROPOSAL, CONTROL_APPOINTMENT, MASS_MAILING, PUBLIC_LINK;

      public static Kind of(String db) {
        return db == null ? null : valueOf(db);
      }

      public String db() {
        return name();
      }
    }

    /** The person invited. */
    public record Person(long id, String email, String name, String language) {
    }

    /** The fair and when it ends. */
    public record Fair(long id, String name, Instant ends) {
    }

    /** The booth of a personal invitation, its vacancy (null for a control appointment) and the deadline to book by. */
    public record Booth(long id, String employerName, String vacancyTitle, Instant deadline) {
    }

    /** The catalogue basis version it was made under and the language its notice was sent in. */
    public record BasisRef(String code, Integer version, String noticeLanguage) {
    }

    /** A consequence notice staff edited before the catalogue, as the invitation was made with it. */
    public record OldNotice(int version, String textDe, String textEn) {
    }
  }

  /** The consequence notice in force. */
  public record Notice(int version, String textDe, String textEn, Instant validFrom) {
    public JsonObject toJson() {
      return new JsonObject().put("version", version).put("textDe", textDe).put("textEn", textEn).put("validFrom", validFrom.toString());
    }
  }

  /** Who a mass mailing reaches; null fields do not narrow. */
  public record Criteria(String region, List<String> languages, String targetGroup) {
    public JsonObject toJson() {
      return new JsonObject().put("region", region).put("languages", languages == null ? null : new io.vertx.core.json.JsonArray(languages))
          .put("targetGroup", targetGroup);
    }

    Tuple params(Tuple t) {
      return t.addString(region).addArrayOfString(languages == null ? null : languages.toArray(new String[0])).addString(targetGroup);
    }
  }

  private static final String SELECT = """
      select i.id, i.kind, i.legal_basis, i.jobseeker_id, a.email::text as email, a.name, a.language, i.fair_id,
             f.name as fair_name, f.ends_at as fair_ends, i.booth_id, e.name as employer_name, i.vacancy_title, i.deadline,
             i.notice_version, n.text_de, n.text_en, i.first_opened_at, i.basis_code, i.basis_version, i.notice_language
        from invitation i
        join account a on a.id = i.jobseeker_id
        join fair f on f.id = i.fair_id
        left join booth b on b.id = i.booth_id
        left join employer e on e.id = b.employer_id
        left join consequence_notice n on n.version = i.notice_version
      """;

  /** The jobseekers a mass mailing reaches ($1 region, $2 languages (any of), $3 target group; $4 the fair). */
  private static final String MATCHING = """
      select a.id from account a
        join account_role r on r.account_id = a.id and r.role = 'JOBSEEKER'
        join jobseeker j on j.account_id = a.id
       where a.active
         and ($1::text is null or lower(j.region) = lower($1))
         and ($2::text[] is null or j.languages && $2::text[])
         and ($3::text is null or lower(j.target_group) = lower($3))""";

  private InvitationStore() {
  }

  static Future<Invitation> find(SqlClient c, long id) {
    return c.preparedQuery(SELECT + " where i.id = $1").execute(Tuple.of(id)).map(InvitationStore::first);
  }

  static Future<List<Invitation>> ofMailing(SqlClient c, long mailingId) {
    return c.preparedQuery(SELECT + " where i.mailing_id = $1 order by i.id").execute(Tuple.of(mailingId)).map(InvitationStore::all);
  }

  static Future<Void> setOutbox(SqlClient c, long invitationId, long outboxId) {
    return c.preparedQuery("update invitation set outbox_id = $2 where id = $1").execute(Tuple.of(invitationId, outboxId)).mapEmpty();
  }

  /** Records the first use of the link; later uses change nothing. */
  static Future<Void> markOpened(SqlClient c, long invitationId) {
    return c.preparedQuery("update invitation set first_opened_at = now() where id = $1 and first_opened_at is null")
        .execute(Tuple.of(invitationId)).mapEmpty();
  }

  /** The person's recorded benefit type, or null when none is recorded. */
  static Future<String> benefitType(SqlClient c, long jobseekerId) {
    return c.preparedQuery("select benefit_type from jobseeker where account_id = $1").execute(Tuple.of(jobseekerId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("benefit_type"));
  }

  /** The consequence notices staff edited before the catalogue: read-only, for the records made under them. */
  static Future<List<Notice>> notices(SqlClient c) {
    return c.preparedQuery("select version, text_de, text_en, valid_from from consequence_notice order by version").execute()
        .map(rows -> {
          List<Notice> out = new ArrayList<>();
          rows.forEach(r -> out.add(notice(r)));
          return out;
        });
  }

  /** A fair's id, name and status, or null. */
  static Future<JsonObject> fair(SqlClient c, long fairId) {
    return c.preparedQuery("select id, name, status, ends_at from fair where id = $1").execute(Tuple.of(fairId))
        .map(rows -> rows.size() == 0 ? null : new JsonObject().put("id", fairId).put("name", rows.iterator().next().getString("name"))
            .put("status", rows.iterator().next().getString("status")));
  }

  /** The fair's status, or null when there is no such fair. */
  static Future<String> fairStatus(SqlClient c, long fairId) {
    return c.preparedQuery("select status from fair where id = $1").execute(Tuple.of(fairId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("status"));
  }

  /** A vacancy of the fair: [booth id, title], or null. */
  static Future<Object[]> vacancy(SqlClient c, long fairId, long vacancyId) {
    return c.preparedQuery("select v.booth_id, v.title from vacancy v join booth b on b.id = v.booth_id where v.id = $1 and b.fair_id = $2")
        .execute(Tuple.of(vacancyId, fairId))
        .map(rows -> rows.size() == 0 ? null : new Object[] {rows.iterator().next().getLong("booth_id"), rows.iterator().next().getString("title")});
  }

  /** The fair's vacancies for the staff form: id, title, employer. */
  static Future<List<JsonObject>> vacancies(SqlClient c, long fairId) {
    return c.preparedQuery("""
            select v.id, v.title, e.name as employer, b.id as booth_id from vacancy v join booth b on b.id = v.booth_id
              join employer e on e.id = b.employer_id where b.fair_id = $1 order by e.name, v.title, v.id""")
        .execute(Tuple.of(fairId)).map(rows -> {
          List<JsonObject> out = new ArrayList<>();
          rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("title", r.getString("title"))
              .put("employer", r.getString("employer")).put("boothId", r.getLong("booth_id"))));
          return out;
        });
  }

  /** An active jobseeker-only account by id or email, or null. */
  static Future<Account> jobseeker(SqlClient c, Long id, String email) {
    return c.preparedQuery("""
            select a.id, a.email::text as email, a.name, a.language, a.employer_id,
                   array_agg(r.role order by r.role) as roles
              from account a join account_role r on r.account_id = a.id
             where a.active and (a.id = $1 or a.email = $2::citext) group by a.id""")
        .execute(Tuple.of(id, email))
        .map(rows -> {
          if (rows.size() != 1) return null;
          Row r = rows.iterator().next();
          EnumSet<Role> roles = EnumSet.noneOf(Role.class);
          for (String code : r.getArrayOfStrings("roles")) roles.add(Role.valueOf(code));
          if (!roles.equals(EnumSet.of(Role.JOBSEEKER))) return null;
          return new Account(r.getLong("id"), r.getString("email"), r.getString("name"), r.getString("language"), null, roles);
        });
  }

  /**
   * A placement proposal (with a vacancy) or a control appointment (without) to one person at one booth by a deadline,
   * under its basis; {@code language} is the language its notice is sent in.
   */
  static Future<Long> insertPersonal(SqlClient c, String kind, Basis basis, long jobseekerId, long fairId, long boothId, Long vacancyId,
                                     String vacancyTitle, OffsetDateTime deadline, String language, long actorId) {
    return c.preparedQuery("""
            insert into invitation (kind, legal_basis, basis_code, basis_version, notice_language, jobseeker_id, fair_id, booth_id,
                                    vacancy_id, vacancy_title, deadline, created_by)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id""")
        .execute(Tuple.tuple().addString(kind).addString(basis.obligation().name()).addString(basis.code()).addInteger(basis.version())
            .addString(language).addLong(jobseekerId).addLong(fairId).addLong(boothId).addLong(vacancyId).addString(vacancyTitle)
            .addValue(deadline).addLong(actorId))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** A booth of the fair: its employer's name, or null when the booth is not the fair's. */
  static Future<String> booth(SqlClient c, long fairId, long boothId) {
    return c.preparedQuery("select e.name from booth b join employer e on e.id = b.employer_id where b.id = $1 and b.fair_id = $2")
        .execute(Tuple.of(boothId, fairId)).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("name"));
  }

  /** The fair's booths for the control-appointment form: id and employer. */
  static Future<List<JsonObject>> booths(SqlClient c, long fairId) {
    return c.preparedQuery("select b.id, e.name from booth b join employer e on e.id = b.employer_id where b.fair_id = $1 order by e.name, b.id")
        .execute(Tuple.of(fairId)).map(rows -> {
          List<JsonObject> out = new ArrayList<>();
          rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("employer", r.getString("name"))));
          return out;
        });
  }

  /** [matching people, of whom already told about this fair by mass mailing]. */
  static Future<long[]> previewMailing(SqlClient c, long fairId, Criteria criteria) {
    return c.preparedQuery("with m as (" + MATCHING + ") select count(*) as matching, count(*) filter (where exists (select 1 from invitation i "
            + "where i.fair_id = $4 and i.jobseeker_id = m.id and i.kind = 'MASS_MAILING')) as told from m")
        .execute(criteria.params(Tuple.tuple()).addLong(fairId))
        .map(rows -> new long[] {rows.iterator().next().getLong("matching"), rows.iterator().next().getLong("told")});
  }

  static Future<Long> insertMailing(SqlClient c, long fairId, Criteria criteria, long actorId) {
    return c.preparedQuery("insert into mass_mailing (fair_id, criteria, created_by) values ($1, $2, $3) returning id")
        .execute(Tuple.of(fairId, criteria.toJson(), actorId)).map(rows -> rows.iterator().next().getLong("id"));
  }

  /** One invitation per matching person not yet told about the fair; answers how many were added. */
  static Future<Integer> insertMailingInvitations(SqlClient c, long fairId, long mailingId, Criteria criteria, long actorId, Basis basis) {
    return c.preparedQuery("insert into invitation (kind, legal_basis, jobseeker_id, fair_id, mailing_id, created_by, basis_code, basis_version) "
            + "select 'MASS_MAILING', 'VOLUNTARY', m.id, $4, $5, $6, $7, $8 from (" + MATCHING + ") m order by m.id on conflict do nothing")
        .execute(criteria.params(Tuple.tuple()).addLong(fairId).addLong(mailingId).addLong(actorId)
            .addString(basis == null ? null : basis.code()).addValue(basis == null ? null : basis.version()))
        .compose(rows -> c.preparedQuery("update mass_mailing set recipients = $2 where id = $1")
            .execute(Tuple.of(mailingId, rows.rowCount())).map(rows.rowCount()));
  }

  /** The person's public-link invitation for the fair, created if there is none. */
  static Future<Long> publicInvitation(SqlClient c, long jobseekerId, long fairId, String ip, Basis basis) {
    return c.preparedQuery("""
            insert into invitation (kind, legal_basis, jobseeker_id, fair_id, registered_ip, basis_code, basis_version)
            values ('PUBLIC_LINK', 'VOLUNTARY', $1, $2, $3, $4, $5) on conflict do nothing""")
        .execute(Tuple.of(jobseekerId, fairId, ip, basis == null ? null : basis.code(), basis == null ? null : basis.version()))
        .compose(v -> c.preparedQuery("select id from invitation where kind = 'PUBLIC_LINK' and jobseeker_id = $1 and fair_id = $2")
            .execute(Tuple.of(jobseekerId, fairId)))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  static Future<Long> registrationsFrom(SqlClient c, String ip) {
    return c.preparedQuery("select count(*) as registrations from invitation where registered_ip = $1 and created_at > now() - interval '1 hour'")
        .execute(Tuple.of(ip)).map(rows -> rows.iterator().next().getLong("registrations"));
  }

  static Future<Void> saveProfile(SqlClient c, long accountId, String phone) {
    return c.preparedQuery("update jobseeker set phone = $2 where account_id = $1").execute(Tuple.of(accountId, phone)).mapEmpty();
  }

  /** A person's invitations, newest first, with delivery and whether they booked at the booth since. */
  static Future<List<JsonObject>> ofJobseeker(SqlClient c, long jobseekerId) {
    return c.preparedQuery("""
            select i.id, i.kind, i.legal_basis, i.fair_id, f.name as fair_name, i.booth_id, e.name as employer_name, i.vacancy_id,
                   i.vacancy_title, i.deadline, i.notice_version, n.text_de, n.text_en, i.created_at, i.first_opened_at,
                   o.sent_at as delivered_at, i.basis_code, i.basis_version, i.notice_language,
                   exists (select 1 from booking k where k.jobseeker_id = i.jobseeker_id and k.booth_id = i.booth_id
                                                     and k.status = 'ACTIVE' and k.created_at >= i.created_at) as booked
              from invitation i join fair f on f.id = i.fair_id
              left join booth b on b.id = i.booth_id left join employer e on e.id = b.employer_id
              left join consequence_notice n on n.version = i.notice_version
              left join mail_outbox o on o.id = i.outbox_id and o.status = 'SENT'
             where i.jobseeker_id = $1 order by i.created_at desc, i.id desc""")
        .execute(Tuple.of(jobseekerId)).map(rows -> {
          List<JsonObject> out = new ArrayList<>();
          for (Row r : rows) {
            JsonObject o = new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind"))
                .put("legalBasis", r.getString("legal_basis"))
                .put("fair", new JsonObject().put("id", r.getLong("fair_id")).put("name", r.getString("fair_name")))
                .put("createdAt", text(r, "created_at")).put("deliveredAt", text(r, "delivered_at"))
                .put("firstOpenedAt", text(r, "first_opened_at"));
            if (r.getLong("booth_id") != null) {
              o.put("booth", new JsonObject().put("id", r.getLong("booth_id")).put("employer", r.getString("employer_name")));
              o.put("vacancy", new JsonObject().put("id", r.getLong("vacancy_id")).put("title", r.getString("vacancy_title")));
              o.put("deadline", text(r, "deadline")).put("booked", r.getBoolean("booked"));
            }
            if (r.getString("basis_code") != null) {
              o.put("basis", new JsonObject().put("code", r.getString("basis_code")).put("version", r.getInteger("basis_version"))
                  .put("noticeLanguage", r.getString("notice_language")));
            }
            if (r.getInteger("notice_version") != null) {
              o.put("notice", new JsonObject().put("version", r.getInteger("notice_version")).put("textDe", r.getString("text_de"))
                  .put("textEn", r.getString("text_en")));
            }
            out.add(o);
          }
          return out;
        });
  }

  private static String text(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant().toString();
  }

  private static Notice notice(Row r) {
    return new Notice(r.getInteger("version"), r.getString("text_de"), r.getString("text_en"), instant(r, "valid_from"));
  }

  private static Invitation first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : invitation(rows.iterator().next());
  }

  private static List<Invitation> all(RowSet<Row> rows) {
    List<Invitation> out = new ArrayList<>();
    rows.forEach(r -> out.add(invitation(r)));
    return out;
  }

  private static Invitation invitation(Row r) {
    Long boothId = r.getLong("booth_id");
    Integer noticeVersion = r.getInteger("notice_version");
    String basisCode = r.getString("basis_code");
    return new Invitation(r.getLong("id"), Invitation.Kind.of(r.getString("kind")), Obligation.valueOf(r.getString("legal_basis")),
        new Invitation.Person(r.getLong("jobseeker_id"), r.getString("email"), r.getString("name"), r.getString("language")),
        new Invitation.Fair(r.getLong("fair_id"), r.getString("fair_name"), instant(r, "fair_ends")),
        boothId == null ? null
            : new Invitation.Booth(boothId, r.getString("employer_name"), r.getString("vacancy_title"), instant(r, "deadline")),
        basisCode == null ? null : new Invitation.BasisRef(basisCode, r.getInteger("basis_version"), r.getString("notice_language")),
        noticeVersion == null ? null : new Invitation.OldNotice(noticeVersion, r.getString("text_de"), r.getString("text_en")),
        instant(r, "first_opened_at"));
  }
}
