-- The outbox's index by account served no query (nothing reads the outbox
-- by account: the mailer scans by outbox_due, a cancel finds its row by
-- id), yet every queued message wrote it, a receipt with each submission
-- among them. The column stays (it records whose mail it is).
ALTER TABLE outbox DROP INDEX IF EXISTS outbox_account;
