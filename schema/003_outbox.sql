-- The outbox: e-mail waiting to be delivered, written by a request handler
-- in the same transaction as the event that causes it (registration,
-- password reset, a document in the digital mailbox ...), and delivered by
-- dimos-mailer, so a rolled-back request never sends mail and a relay that
-- is down never slows a request. See core/src/outbox.h for the life cycle:
--
--   pending --claim--> sending --relay accepted--> sent
--      ^                  |
--      +--- retry later --+--- permanent refusal or retry_max --> failed
--
-- Claiming uses SELECT ... FOR UPDATE SKIP LOCKED and plain UPDATEs (no
-- LOCK TABLES, no GET_LOCK), so several mailers may run at once, on a
-- Galera cluster too. Rows are never deleted by the application; operators
-- purge old 'sent' rows (docs/operations.md).
CREATE TABLE IF NOT EXISTS outbox (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	-- The recipient: an address checked by val_email, an optional
	-- display name (one line, UTF-8).
	to_addr VARCHAR(254) NOT NULL,
	to_name VARCHAR(200) NULL,
	-- One line of UTF-8; the mailer encodes it (RFC 2047).
	subject VARCHAR(300) NOT NULL,
	-- Plain UTF-8 text; the mailer sends it quoted-printable.
	body MEDIUMTEXT NOT NULL,
	-- What caused it: verify_email, reset_password, mailbox_item, test ...
	kind VARCHAR(40) NOT NULL,
	account_id BIGINT UNSIGNED NULL,
	lang CHAR(2) NOT NULL DEFAULT 'el',
	status ENUM('pending', 'sending', 'sent', 'failed') NOT NULL
	    DEFAULT 'pending',
	-- Failed delivery attempts so far.
	attempts INT UNSIGNED NOT NULL DEFAULT 0,
	-- A pending row is due once this is in the past (UTC).
	next_attempt_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	-- The mailer ("host:pid") holding or, once sent, having held the row;
	-- a 'sending' claim older than the mailer's threshold is released.
	claimed_by VARCHAR(100) NULL,
	claimed_at DATETIME(6) NULL,
	last_error VARCHAR(500) NULL,
	sent_at DATETIME(6) NULL,
	-- "<random@domain>", fixed when the row is written, so a message that
	-- is ever sent twice carries the same Message-ID both times.
	message_id VARCHAR(200) NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY outbox_message_id (message_id),
	-- The mailer's scan: status = 'pending' AND next_attempt_at <= now,
	-- oldest first; also finds 'sending' rows with expired claims.
	KEY outbox_due (status, next_attempt_at),
	KEY outbox_account (account_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
