package at.jobfair.invitation;

import at.jobfair.booking.BookingStore.View;
import at.jobfair.invitation.InvitationStore.Invitation;
import at.jobfair.legal.Basis;
import at.jobfair.legal.Catalogue;
import at.jobfair.legal.Obligation;
import at.jobfair.mail.Mail;
import at.jobfair.web.Messages.Lang;
import at.jobfair.web.Messages;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** The emails of invitations and reminders, in the person's language. */
public final class InvitationMails {

  private final Messages messages;
  private final ZoneId zone;
  private final String publicUrl;
  private final Catalogue legal;

  public InvitationMails(Messages messages, ZoneId zone, String publicUrl, Catalogue legal) {
    this.legal = legal;
    this.messages = messages;
    this.zone = zone;
    this.publicUrl = publicUrl;
  }

  String publicUrl() {
    return publicUrl;
  }

  /**
   * The invitation email with the personal link. A placement proposal or a control appointment is a formal letter: it
   * opens formally and puts the notice of its legal basis under a heading, in the person's language and, when that is
   * not German, the German text too as the binding one. Voluntary invitations stay friendly.
   */
  Mail invitation(Invitation i, String token) {
    Invitation.Person person = i.person();
    Lang lang = lang(person.language());
    String link = publicUrl + "/invitations/link/" + token;
    String authority = legal.authority(lang.code());
    String fair = i.fair().name();
    String subject;
    String text;
    switch (i.kind()) {
      case PLACEMENT_PROPOSAL, CONTROL_APPOINTMENT -> {
        boolean proposal = i.kind() == Invitation.Kind.PLACEMENT_PROPOSAL;
        Invitation.Booth booth = i.booth();
        subject = proposal ? messages.get(lang, "invitations.mail.proposal.subject", booth.vacancyTitle(), booth.employerName())
            : messages.get(lang, "invitations.mail.control.subject", booth.employerName(), date(booth.deadline(), lang));
        String body = proposal
            ? messages.get(lang, "invitations.mail.proposal.body", booth.vacancyTitle(), booth.employerName(), fair,
                date(booth.deadline(), lang), time(booth.deadline()), link)
            : messages.get(lang, "invitations.mail.control.body", booth.employerName(), fair, date(booth.deadline(), lang),
                time(booth.deadline()), link);
        text = messages.get(lang, "invitations.mail.formalGreeting", person.name()) + "\n\n" + body + "\n\n" + noticeBlock(i, lang)
            + "\n\n" + messages.get(lang, "invitations.mail.formalClosing", authority);
      }
      case MASS_MAILING -> {
        subject = messages.get(lang, "invitations.mail.mailing.subject", fair);
        text = messages.get(lang, "invitations.mail.mailing.text", person.name(), fair, link, authority);
      }
      default -> {
        subject = messages.get(lang, "invitations.mail.public.subject", fair);
        text = messages.get(lang, "invitations.mail.public.text", person.name(), fair, link, authority);
      }
    }
    return Mail.text(person.email(), person.name(), subject, text, "INVITATION", "invitation:" + i.id());
  }

  /** The notice under its heading: the basis (law, version), the text in the person's language, and the binding German. */
  String noticeBlock(Invitation i, Lang lang) {
    StringBuilder out = new StringBuilder(messages.get(lang, "invitations.mail.notice.heading"));
    Basis basis = i.basis() == null ? null : legal.find(i.basis().code(), i.basis().version()).orElse(null);
    if (basis == null) { // a proposal from before the catalogue: the staff-edited notice it was made with
      Invitation.OldNotice notice = i.notice();
      return out.append("\n").append(notice == null ? null : lang == Lang.EN ? notice.textEn() : notice.textDe()).toString();
    }
    out.append("\n").append(messages.get(lang, "invitations.mail.notice.basis", basis.law(lang.code()), basis.code(), basis.version()));
    boolean translated = !Basis.BINDING_LANGUAGE.equals(lang.code()) && basis.translatedTo(lang.code());
    if (translated) out.append("\n\n").append(messages.get(lang, "invitations.mail.notice.aid"));
    out.append(translated ? "\n" : "\n\n").append(basis.notice(lang.code()));
    if (translated) {
      out.append("\n\n").append(messages.get(lang, "invitations.mail.notice.binding")).append("\n")
          .append(basis.notice(Basis.BINDING_LANGUAGE));
    } else if (!Basis.BINDING_LANGUAGE.equals(lang.code())) {
      out.append("\n\n").append(messages.get(lang, "invitations.mine.untranslated"));
    }
    return out.toString();
  }

  /** A new sign-in link for someone who tried to register again (at most one a day). */
  Mail signInLink(Invitation i, String token) {
    Invitation.Person person = i.person();
    Lang lang = lang(person.language());
    String link = publicUrl + "/invitations/link/" + token;
    return Mail.text(person.email(), person.name(), messages.get(lang, "register.mail.subject", i.fair().name()),
        messages.get(lang, "register.mail.text", person.name(), i.fair().name(), link, legal.authority(lang.code())), "SIGN_IN_LINK",
        "invitation:" + i.id() + "/" + java.time.LocalDate.now(zone));
  }

  /** A reminder of an appointment, with links to confirm, cancel or rebook. */
  public Mail reminder(View b, int offsetMinutes, String confirmToken) {
    return reminder(b, offsetMinutes, confirmToken, null);
  }

  /**
   * The same, naming the counsellor (null: none known) where a binding or control appointment's text asks to contact
   * them, and linking the appointment's confirmation with what happens next.
   */
  public Mail reminder(View b, int offsetMinutes, String confirmToken, at.jobfair.booking.BookingStore.Counsellor counsellor) {
    Lang lang = lang(b.jobseeker().language());
    Instant start = b.slot().start();
    String employer = b.booth().employerName();
    String subject = messages.get(lang, "reminders.mail.subject", employer, date(start, lang), time(start));
    String binding = b.origin().legalBasis() == Obligation.BINDING ? messages.get(lang, "reminders.mail.binding")
        : b.origin().legalBasis() == Obligation.CONTROL ? messages.get(lang, "reminders.mail.control") : "";
    if (!binding.isEmpty() && counsellor != null) {
      binding += messages.get(lang, "reminders.mail.counsellor", counsellor.name(), counsellor.email());
    }
    binding += messages.get(lang, "reminders.mail.confirmation", publicUrl + "/me/appointments/" + b.id() + "/confirmation");
    String text = messages.get(lang, "reminders.mail.text", b.jobseeker().name(), employer, date(start, lang),
        time(start), time(b.slot().end()), b.booth().fairName(), publicUrl + "/appointments/confirm/" + confirmToken,
        publicUrl + "/me/appointments", publicUrl + "/booths/" + b.booth().id() + "?rebook=" + b.id(), binding);
    return Mail.text(b.jobseeker().email(), b.jobseeker().name(), subject, text, "BOOKING_REMINDER",
        "booking:" + b.id() + "/reminder/" + offsetMinutes);
  }

  static Lang lang(String code) {
    Lang lang = Lang.parse(code);
    return lang == null ? Lang.DE : lang;
  }

  private String date(Instant t, Lang lang) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(lang.locale()).withZone(zone).format(t);
  }

  private String time(Instant t) {
    return at.jobfair.web.WallClock.clock(t, zone);
  }
}
