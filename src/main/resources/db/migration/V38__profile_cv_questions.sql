-- Issue 16, point 4: a jobseeker's short profile and CV, what of it they share with booths, and a booth's
-- pre-screening questions per vacancy with the answers given when booking.
--
-- The profile is a table of its own, not columns of `jobseeker`: `jobseeker` holds what staff import and keep (region,
-- caseworker, the staff-only benefit type), this holds what the person writes about themselves for employers. A
-- booth's reads touch only these tables (profile/ProfileStore), so no statement an employer's request runs can reach
-- benefit, health or sanction data.

create table job_profile (
  jobseeker_id        bigint primary key references account (id) on delete cascade,
  skills              text[] not null default '{}' check (cardinality(skills) <= 20),
  -- [{"code": "de", "level": "C1"}], at most 10 (the policy checks codes and levels)
  languages           jsonb not null default '[]' check (jsonb_typeof(languages) = 'array' and jsonb_array_length(languages) <= 10),
  licences            text[] not null default '{}' check (licences <@ array['AM','A1','A2','A','B','BE','C1','C1E','C','CE','D1','D1E','D','DE','F']),
  available_from      date,
  hours_per_week      smallint check (hours_per_week between 1 and 60),
  shifts              text[] not null default '{}' check (shifts <@ array['MORNING','AFTERNOON','EVENING','NIGHT','WEEKEND']),
  max_commute_minutes smallint check (max_commute_minutes between 1 and 240),
  max_commute_km      smallint check (max_commute_km between 1 and 500),
  relocate            boolean not null default false,
  -- what the person shares with booths they have a relation to (access/BoothRelation); nothing until they choose
  shared              text[] not null default '{}' check (shared <@ array['SKILLS','LANGUAGES','LICENCES','AVAILABILITY','MOBILITY','CV']),
  updated_at          timestamptz not null default now()
);

-- The CV: a PDF told by its content, stored in the database (outside the web root, backed up with everything else).
create table job_profile_cv (
  jobseeker_id bigint primary key references account (id) on delete cascade,
  file_name    text not null check (char_length(file_name) between 5 and 100),
  size         integer not null check (size > 0),
  content      bytea not null,
  uploaded_at  timestamptz not null default now()
);

-- Up to three questions per vacancy, by position.
create table vacancy_question (
  id         bigint generated always as identity primary key,
  vacancy_id bigint not null references vacancy (id) on delete cascade,
  position   smallint not null check (position between 1 and 3),
  text       text not null check (char_length(btrim(text)) between 1 and 300),
  required   boolean not null default false,
  unique (vacancy_id, position)
);

-- The answers, written in the booking statement itself (booking/BookingStore.BOOK_ANSWERED). The question's text is
-- kept as it was asked; its id is no reference, so that a booth changing or removing a question later neither loses
-- an answer nor can fail a booking under way.
create table booking_answer (
  booking_id  bigint not null references booking (id) on delete cascade,
  question_id bigint not null,
  position    smallint not null,
  vacancy     text not null,
  question    text not null,
  answer      text not null check (char_length(answer) between 1 and 1000),
  primary key (booking_id, question_id)
);
