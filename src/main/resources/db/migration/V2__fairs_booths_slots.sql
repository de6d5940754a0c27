-- Fairs, the employers taking part, their booths, vacancies, staff and appointment slots.
create table fair (
  id                     bigint generated always as identity primary key,
  name                   text not null check (length(btrim(name)) between 1 and 200),
  format                 text not null check (format in ('E_JOBMEETING', 'REGIONAL', 'SUPRA_REGIONAL', 'CAMPAIGN', 'SECTOR')),
  sector                 text,
  region                 text,
  description            text not null default '',
  starts_at              timestamptz not null,
  ends_at                timestamptz not null,
  orientation_starts_at  timestamptz,
  orientation_minutes    int check (orientation_minutes between 1 and 480),
  status                 text not null default 'DRAFT' check (status in ('DRAFT', 'PUBLISHED')),
  booking_cutoff_minutes int not null default 60 check (booking_cutoff_minutes between 0 and 10080),
  created_at             timestamptz not null default now(),
  check (ends_at > starts_at),
  check ((orientation_starts_at is null) = (orientation_minutes is null))
);

create table fair_employer (
  fair_id     bigint not null references fair (id) on delete cascade,
  employer_id bigint not null references employer (id),
  primary key (fair_id, employer_id)
);

create table booth (
  id          bigint generated always as identity primary key,
  fair_id     bigint not null,
  employer_id bigint not null,
  headline    text not null default '',
  description text not null default '',
  phone       text,
  unique (fair_id, employer_id),
  foreign key (fair_id, employer_id) references fair_employer (fair_id, employer_id) on delete cascade
);

create table booth_staff (
  booth_id   bigint not null references booth (id) on delete cascade,
  account_id bigint not null references account (id),
  primary key (booth_id, account_id)
);

create table vacancy (
  id             bigint generated always as identity primary key,
  booth_id       bigint not null references booth (id) on delete cascade,
  title          text not null check (length(btrim(title)) between 1 and 200),
  description    text not null default '',
  hours_per_week numeric(4, 1) check (hours_per_week > 0 and hours_per_week <= 60),
  pay            text,
  workplace      text,
  region         text,
  start_date     date,
  german         text not null default 'REQUIRED' check (german in ('REQUIRED', 'NOT_REQUIRED', 'ENGLISH_POSSIBLE')),
  housing        boolean not null default false
);
create index vacancy_booth on vacancy (booth_id);

-- A slot's capacity is guarded here: booked can never exceed capacity, whatever the application does.
create table slot (
  id        bigint generated always as identity primary key,
  booth_id  bigint not null references booth (id) on delete cascade,
  starts_at timestamptz not null,
  ends_at   timestamptz not null,
  capacity  int not null check (capacity between 1 and 500),
  booked    int not null default 0,
  check (ends_at > starts_at),
  check (booked between 0 and capacity)
);
create index slot_booth_time on slot (booth_id, starts_at);
