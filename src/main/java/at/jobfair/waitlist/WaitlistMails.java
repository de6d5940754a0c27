package at.jobfair.waitlist;

import at.jobfair.mail.Mail;
import at.jobfair.web.Messages;
import at.jobfair.web.Messages.Lang;
import at.jobfair.web.WallClock;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** The waitlist's email: a freed seat offered to the person, in their language, with the link to take or pass it on. */
public final class WaitlistMails {

  private final Messages messages;
  private final ZoneId zone;
  private final String publicUrl;

  public WaitlistMails(Messages messages, ZoneId zone, String publicUrl) {
    this.messages = messages;
    this.zone = zone;
    this.publicUrl = publicUrl;
  }

  /** The offer; one mail per offer (the entry and the moment it was offered). */
  Mail offer(WaitlistStore.OfferMail o) {
    Lang lang = Lang.parse(o.language());
    if (lang == null) lang = Lang.DE;
    String date = date(o.start(), lang);
    String subject = messages.get(lang, "mail.waitlist.offer.subject", o.employerName(), date, time(o.start()));
    String text = messages.get(lang, "mail.waitlist.offer.text", o.name(), o.employerName(), date(o.holdUntil(), lang),
        time(o.holdUntil()), date, time(o.start()), time(o.end()), o.fairName(), publicUrl + "/me/appointments#waitlist-" + o.entryId());
    return Mail.text(o.email(), o.name(), subject, text, "WAITLIST_OFFER",
        "waitlist:" + o.entryId() + "/offer/" + o.offeredAt().toEpochMilli());
  }

  private String date(Instant t, Lang lang) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(lang.locale()).withZone(zone).format(t);
  }

  private String time(Instant t) {
    return WallClock.clock(t, zone);
  }
}
