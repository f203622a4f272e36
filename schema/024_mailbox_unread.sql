-- An account's unread mailbox items, as the session's lookup reads them on
-- every logged-in request (the header's count, "99+" past 99). The lookup
-- counted them with two subqueries over mailbox_items (up to 100 index
-- entries read, and two more SELECTs for the server to optimize on every
-- request). mailbox_items stays the truth: domain/mailbox.c changes this
-- column in the same transaction as every insert of an item and every
-- first read of one (the account's row locked by the increment), and it is
-- counted from it here. Anything that writes mailbox_items directly (a
-- seed, the bench) sets it the same way.
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS mailbox_unread INT
	NOT NULL DEFAULT 0;
UPDATE accounts a SET a.mailbox_unread = (SELECT COUNT(*) FROM mailbox_items m
	WHERE m.account_id = a.id AND m.read_at IS NULL);
