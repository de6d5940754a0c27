-- The interface speaks seven languages (issue 15): German, English, Turkish, Bosnian/Croatian/Serbian, Arabic, Ukrainian
-- and German in plain language. An account keeps the one its person chose; mails and reminders follow it.
alter table account drop constraint account_language_check;
alter table account add constraint account_language_check
  check (language in ('de', 'en', 'tr', 'bs', 'ar', 'uk', 'de-simple'));
