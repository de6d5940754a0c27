-- Phone fallback: a booth says whether it calls people back who cannot use video (besides showing its number).
alter table booth add column offers_callback boolean not null default false;
