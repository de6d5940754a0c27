-- Invitations and reminders. Every invitation carries its legal basis; a booking made because of one carries it too.
--   PLACEMENT_PROPOSAL  BINDING    one person, one vacancy at one booth, a deadline and a notice of legal consequences
--   MASS_MAILING        VOLUNTARY  everyone matching criteria is told about a fair
--   PUBLIC_LINK         VOLUNTARY  someone not registered signed up through the fair's public page

-- Who a mass mailing may reach: the target group a caseworker assigns (e.g. 'youth', 'long-term unemployed').
alter table jobseeker add column target_group text check (length(target_group) <= 100);

-- Secrets the application generates once and keeps across restarts (e.g. the key that signs personal links).
create table app_secret (
  name       text primary key,
  value      bytea not null check (length(value) >= 32),
  created_at timestamptz not null default now()
);

-- The notice of legal consequences (Rechtsfolgenbelehrung), versioned: an invitation keeps the version it showed.
create table consequence_notice (
  version    int primary key check (version >= 1),
  text_de    text not null check (length(btrim(text_de)) between 1 and 10000),
  text_en    text not null check (length(btrim(text_en)) between 1 and 10000),
  valid_from timestamptz not null default now(),
  created_at timestamptz not null default now(),
  created_by bigint references account (id)
);
insert into consequence_notice (version, text_de, text_en, valid_from) values (1,
  'Dieser Vermittlungsvorschlag ist verbindlich. Bitte buchen Sie bis zur genannten Frist einen Termin an diesem Stand und nehmen Sie ihn wahr. '
  || 'Wenn Sie ohne wichtigen Grund keinen Termin buchen, nicht zum Termin kommen oder die Stelle ablehnen, kann Ihr Arbeitslosengeld '
  || 'oder Ihre Notstandshilfe für eine bestimmte Zeit gestrichen werden (§ 10 AlVG). Bevor darüber entschieden wird, können Sie Ihre '
  || 'Gründe Ihrer Beraterin oder Ihrem Berater beim AMS sagen. Wenn Sie krank sind oder einen anderen wichtigen Grund haben, melden Sie '
  || 'sich bitte vor dem Termin beim AMS.',
  'This placement proposal is binding. Please book an appointment at this booth by the deadline given and attend it. '
  || 'If you do not book, do not attend or turn the job down without a good reason, your unemployment benefit or emergency assistance '
  || 'can be stopped for a certain time (section 10 AlVG). Before anything is decided, you can tell your AMS counsellor your reasons. '
  || 'If you are ill or have another important reason, please tell the AMS before the appointment.',
  '2020-01-01T00:00:00Z');

-- One mass mailing: who sent it, to whom (the criteria) and how many were reached.
create table mass_mailing (
  id         bigint generated always as identity primary key,
  fair_id    bigint not null references fair (id),
  criteria   jsonb not null check (jsonb_typeof(criteria) = 'object'),
  recipients int not null default 0,
  created_by bigint references account (id),
  created_at timestamptz not null default now()
);

create table invitation (
  id              bigint generated always as identity primary key,
  kind            text not null check (kind in ('PLACEMENT_PROPOSAL', 'MASS_MAILING', 'PUBLIC_LINK')),
  legal_basis     text not null check (legal_basis in ('BINDING', 'VOLUNTARY')),
  jobseeker_id    bigint not null references account (id),
  fair_id         bigint not null references fair (id),
  booth_id        bigint references booth (id),
  vacancy_id      bigint references vacancy (id) on delete set null,
  vacancy_title   text,
  deadline        timestamptz,
  notice_version  int references consequence_notice (version),
  mailing_id      bigint references mass_mailing (id),
  -- The invitation email in the outbox: delivered when that row is SENT (delivered_at = its sent_at).
  outbox_id       bigint references mail_outbox (id),
  first_opened_at timestamptz,
  registered_ip   text,
  created_by      bigint references account (id),
  created_at      timestamptz not null default now(),
  check ((kind = 'PLACEMENT_PROPOSAL') = (legal_basis = 'BINDING')),
  check (kind <> 'PLACEMENT_PROPOSAL'
         or (booth_id is not null and vacancy_title is not null and deadline is not null and notice_version is not null)),
  check ((kind = 'MASS_MAILING') = (mailing_id is not null))
);
-- A person is told about a fair by mass mailing once, whatever the number of mailings: sending again never mails twice.
create unique index invitation_mailing_once on invitation (fair_id, jobseeker_id) where kind = 'MASS_MAILING';
create unique index invitation_public_once on invitation (fair_id, jobseeker_id) where kind = 'PUBLIC_LINK';
create index invitation_jobseeker on invitation (jobseeker_id, fair_id);
create index invitation_registered_ip on invitation (registered_ip, created_at) where registered_ip is not null;

alter table booking add constraint booking_invitation foreign key (invitation_id) references invitation (id);
-- "Ich komme": the person confirmed from a reminder that they will attend.
alter table booking add column confirmed_at timestamptz;

-- Each reminder of a booking (one per offset before its start) is queued at most once, by any instance.
create table booking_reminder (
  booking_id     bigint not null references booking (id),
  offset_minutes int not null check (offset_minutes > 0),
  queued_at      timestamptz not null default now(),
  -- null when the reminder was skipped because a nearer one was due at the same time
  outbox_id      bigint references mail_outbox (id),
  primary key (booking_id, offset_minutes)
);

-- Binding placement proposals whose deadline has passed without a booking at that booth since the invitation: a task
-- for the person's SfA caseworker. A booking counts when it is active (also one already held) or was cancelled by
-- the employer, staff or the system (never held against the person); one the person cancelled does not count.
create view overdue_binding_proposal as
select i.id as invitation_id, i.jobseeker_id, i.fair_id, i.booth_id, i.vacancy_id, i.vacancy_title, i.deadline,
       i.notice_version, o.sent_at as delivered_at, i.first_opened_at, i.created_at as invited_at
  from invitation i
  left join mail_outbox o on o.id = i.outbox_id and o.status = 'SENT'
 where i.kind = 'PLACEMENT_PROPOSAL'
   and i.deadline < now()
   and not exists (select 1 from booking k
                    where k.jobseeker_id = i.jobseeker_id and k.booth_id = i.booth_id and k.created_at >= i.created_at
                      and (k.status = 'ACTIVE' or k.cancelled_as in ('EMPLOYER', 'STAFF', 'SYSTEM')));
