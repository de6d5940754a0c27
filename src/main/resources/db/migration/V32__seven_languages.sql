-- The interface speaks seven languages (issue 15): German, English, Turkish, Bosnian/Croatian/Serbian, Arabic, Ukrainian
-- and German in plain language. An account keeps the one its person chose; mails and reminders follow it.
alter table account drop constraint account_language_check;
alter table account add constraint account_language_check
  check (language in ('de', 'en', 'tr', 'bs', 'ar', 'uk', 'de-simple'));

-- A notice of legal consequences is sent in the person's language, which may now be plain German ('de-simple').
alter table invitation drop constraint invitation_notice_language_check;
alter table invitation add constraint invitation_notice_language_check check (notice_language ~ '^[a-z]{2,3}(-[a-z]+)?$');
