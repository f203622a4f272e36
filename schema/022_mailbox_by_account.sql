-- The mailbox stored in its owners' order: the primary key, which is the
-- clustered index InnoDB keeps the rows in, is (account_id, id), so a page
-- of a citizen's mailbox (newest first, 50 at a time) is one range of
-- adjacent rows, where it was a range of the (account_id, id) index and a
-- primary-key lookup for every item: the server's CPU for the list is
-- about a third less (docs/architecture.md, "Data"). id stays unique and
-- keeps the index its AUTO_INCREMENT needs.
ALTER TABLE mailbox_items
	DROP PRIMARY KEY,
	ADD PRIMARY KEY (account_id, id),
	ADD UNIQUE KEY mailbox_id (id),
	DROP KEY mailbox_account;
