-- Letters in the person's language (issue 15): any of the interface's seven languages (V32), always together with the
-- German text, which alone is binding. A letter is German alone or the person's language first and German second; for
-- plain German ('de-simple') the plain text comes first and the standard German text after it. German first, a
-- language twice or a third language is refused, as before. The whole array is compared (its bounds included), so no
-- spelling of an array slips past the check.
alter table letter drop constraint letter_languages_check;
alter table letter add constraint letter_languages check (languages in (
  '{de}', '{en,de}', '{tr,de}', '{bs,de}', '{ar,de}', '{uk,de}', '{de-simple,de}'));
