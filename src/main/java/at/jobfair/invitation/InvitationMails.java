package at.jobfair.invitation;

import at.jobfair.booking.BookingStore.View;
import at.jobfair.invitation.InvitationStore.Invitation;
import at.jobfair.mail.Mail;
import at.jobfair.web.Messages;
import at.jobfair.web.Messages.Lang;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** The emails of invitations and reminders, in the person's language. */
public final class InvitationMails {

  private final Messages messages;
  private final ZoneId zone;
  private final String publicUrl;

  public InvitationMails(Messages messages, ZoneId zone, String publicUrl) {
    this.messages = messages;
    this.zone = zone;
    this.publicUrl = publicUrl;
  }

  String publicUrl() {
    return publicUrl;
  }

  /** The invitation email with the personal link (and, for a placement proposal, the notice of legal consequences). */
  Mail invitation(Invitation i, String token) {
    Lang lang = lang(i.language());
    String link = publicUrl + "/invitations/link/" + token;
    String subject;
    String text;
    switch (i.kind()) {
      case "PLACEMENT_PROPOSAL" -> {
        subject = messages.get(lang, "invitations.mail.proposal.subject", i.vacancyTitle(), i.employerName());
        String notice = lang == Lang.EN ? i.noticeEn() : i.noticeDe();
        text = messages.get(lang, "invitations.mail.proposal.text", i.name(), i.vacancyTitle(), i.employerName(), i.fairName(),
            date(i.deadline(), lang), time(i.deadline()), link, String.valueOf(i.noticeVersion()), notice);
      }
      case "MASS_MAILING" -> {
        subject = messages.get(lang, "invitations.mail.mailing.subject", i.fairName());
        text = messages.get(lang, "invitations.mail.mailing.text", i.name(), i.fairName(), link);
      }
      default -> {
        subject = messages.get(lang, "invitations.mail.public.subject", i.fairName());
        text = messages.get(lang, "invitations.mail.public.text", i.name(), i.fairName(), link);
      }
    }
    return Mail.text(i.email(), i.name(), subject, text, "INVITATION", "invitation:" + i.id());
  }

  /** A new sign-in link for someone who tried to register again (at most one a day). */
  Mail signInLink(Invitation i, String token) {
    Lang lang = lang(i.language());
    String link = publicUrl + "/invitations/link/" + token;
    return Mail.text(i.email(), i.name(), messages.get(lang, "register.mail.subject", i.fairName()),
        messages.get(lang, "register.mail.text", i.name(), i.fairName(), link), "SIGN_IN_LINK",
        "invitation:" + i.id() + "/" + java.time.LocalDate.now(zone));
  }

  /** A reminder of an appointment, with links to confirm, cancel or rebook. */
  public Mail reminder(View b, int offsetMinutes, String confirmToken) {
    Lang lang = lang(b.jobseekerLanguage());
    String subject = messages.get(lang, "reminders.mail.subject", b.employerName(), date(b.start(), lang), time(b.start()));
    String binding = "BINDING".equals(b.legalBasis()) ? messages.get(lang, "reminders.mail.binding") : "";
    String text = messages.get(lang, "reminders.mail.text", b.jobseekerName(), b.employerName(), date(b.start(), lang),
        time(b.start()), time(b.end()), b.fairName(), publicUrl + "/appointments/confirm/" + confirmToken,
        publicUrl + "/me/appointments", publicUrl + "/booths/" + b.boothId() + "?rebook=" + b.id(), binding);
    return Mail.text(b.jobseekerEmail(), b.jobseekerName(), subject, text, "BOOKING_REMINDER",
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
    return DateTimeFormatter.ofPattern("HH:mm").withZone(zone).format(t);
  }
}
