-- Booth and vacancy texts in more languages (issue 15): each booth and each vacancy is written in one language (its
-- original, German unless the employer says otherwise) and may be translated into any other language of the interface
-- (web/Messages.Lang), one row per booth or vacancy and language with the same texts as the original. A reader sees
-- the translation in their language where there is one, else the original, each text marked with its language.
alter table booth add column lang text not null default 'de'
  check (lang in ('de', 'en', 'tr', 'bs', 'ar', 'uk', 'de-simple'));
alter table vacancy add column lang text not null default 'de'
  check (lang in ('de', 'en', 'tr', 'bs', 'ar', 'uk', 'de-simple'));

-- The booth's texts in another language: its headline and description, and the company's description as the booth
-- shows it. A translation says something: not every text blank.
create table booth_translation (
  booth_id            bigint not null references booth (id) on delete cascade,
  lang                text not null check (lang in ('de', 'en', 'tr', 'bs', 'ar', 'uk', 'de-simple')),
  headline            text not null default '' check (length(headline) <= 200),
  description         text not null default '' check (length(description) <= 5000),
  company_description text not null default '' check (length(company_description) <= 5000),
  primary key (booth_id, lang),
  check (btrim(headline) <> '' or btrim(description) <> '' or btrim(company_description) <> '')
);

-- A vacancy's texts in another language: its title (required, as in the original), description, pay, workplace, region.
create table vacancy_translation (
  vacancy_id  bigint not null references vacancy (id) on delete cascade,
  lang        text not null check (lang in ('de', 'en', 'tr', 'bs', 'ar', 'uk', 'de-simple')),
  title       text not null check (length(btrim(title)) between 1 and 200),
  description text not null default '' check (length(description) <= 5000),
  pay         text check (length(pay) <= 200),
  workplace   text check (length(workplace) <= 200),
  region      text check (length(region) <= 200),
  primary key (vacancy_id, lang)
);

-- A translation is never into the text's own original language (the service refuses it first, with a clear message);
-- the original's row is locked while it is checked, so that a change of the original language at the same moment
-- waits for it, and the other way round.
create function booth_translation_not_original() returns trigger language plpgsql as $$
begin
  if new.lang = (select lang from booth where id = new.booth_id for share) then
    raise exception 'a booth''s translation is into another language than its original (%)', new.lang using errcode = '23514';
  end if;
  return new;
end $$;
create trigger booth_translation_not_original before insert or update on booth_translation
  for each row execute function booth_translation_not_original();

create function vacancy_translation_not_original() returns trigger language plpgsql as $$
begin
  if new.lang = (select lang from vacancy where id = new.vacancy_id for share) then
    raise exception 'a vacancy''s translation is into another language than its original (%)', new.lang using errcode = '23514';
  end if;
  return new;
end $$;
create trigger vacancy_translation_not_original before insert or update on vacancy_translation
  for each row execute function vacancy_translation_not_original();

create function booth_original_not_translated() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'booth' and exists (select 1 from booth_translation t where t.booth_id = new.id and t.lang = new.lang)
     or tg_table_name = 'vacancy' and exists (select 1 from vacancy_translation t where t.vacancy_id = new.id and t.lang = new.lang) then
    raise exception 'there is a translation into %: remove it before making it the original language', new.lang using errcode = '23514';
  end if;
  return new;
end $$;
create trigger booth_original_not_translated before update of lang on booth
  for each row when (new.lang is distinct from old.lang) execute function booth_original_not_translated();
create trigger vacancy_original_not_translated before update of lang on vacancy
  for each row when (new.lang is distinct from old.lang) execute function booth_original_not_translated();
