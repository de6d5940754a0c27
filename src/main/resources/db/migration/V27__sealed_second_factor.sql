-- Authenticator secrets are kept sealed (AES-256-GCM under the server key auth.secretKey, see account/SealedSecret),
-- so that a copy of the database alone does not give away staff members' second factor. Rows written before this
-- version hold the plain secret; the application seals them at its next start (it has the key, SQL does not).
alter table account_totp alter column secret drop not null;
alter table account_totp add column sealed text check (sealed ~ '^v1\.[A-Za-z0-9_-]+$');
alter table account_totp add constraint account_totp_one_secret check ((secret is null) <> (sealed is null));
