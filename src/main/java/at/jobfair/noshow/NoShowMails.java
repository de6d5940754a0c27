package at.jobfair.noshow;

import at.jobfair.legal.Catalogue;
import at.jobfair.mail.Mail;
import at.jobfair.noshow.NoShowStore.Occasion;
import at.jobfair.noshow.NoShowStore.Person;
import at.jobfair.noshow.NoShowStore.Request;
import at.jobfair.web.Messages.Lang;
import at.jobfair.web.Messages;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** The email that asks a person for their reasons, in their language, with the deadline and the link to answer. */
public final class NoShowMails {

  private final Messages messages;
  private final ZoneId zone;
  private final String publicUrl;
  private final Catalogue catalogue;

  /** {@code catalogue}: the authority the email signs with, per language (AMS in Austria, the jobcentre in Germany). */
  public NoShowMails(Messages messages, ZoneId zone, String publicUrl, Catalogue catalogue) {
    this.messages = messages;
    this.zone = zone;
    this.publicUrl = publicUrl;
    this.catalogue = catalogue;
  }

  Mail request(Request r) {
    Person p = r.person();
    Occasion o = r.occasion();
    Instant deadline = r.progress().deadline();
    Lang lang = Lang.parse(p.language()) == null ? Lang.DE : Lang.parse(p.language());
    String what = messages.get(lang, "reasons.mail.what." + r.kind().name(), o.what(), o.fairName(), date(o.at(), lang), time(o.at()));
    String subject = messages.get(lang, "reasons.mail.subject", date(deadline, lang));
    String text = messages.get(lang, "reasons.mail.text", p.name(), what, date(deadline, lang), time(deadline),
        publicUrl + "/me/reasons/" + r.id(), catalogue.authority(lang.code()));
    return Mail.text(p.email(), p.name(), subject, text, "REASONS_REQUESTED", "reasons:" + r.id());
  }

  private String date(Instant i, Lang lang) {
    return i == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(lang.locale()).withZone(zone).format(i);
  }

  private String time(Instant i) {
    return i == null ? "" : at.jobfair.web.WallClock.clock(i, zone);
  }
}
