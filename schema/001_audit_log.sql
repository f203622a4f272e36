-- The audit log: append-only record of security events (logins, failures,
-- role and password changes, exports). Rows are never updated or deleted
-- by the application.
CREATE TABLE IF NOT EXISTS audit_log (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	event VARCHAR(64) NOT NULL,
	account_id BIGINT UNSIGNED NULL,
	actor_id BIGINT UNSIGNED NULL,
	ip VARCHAR(45) NULL,
	detail VARCHAR(1000) NULL,
	PRIMARY KEY (id),
	KEY audit_account (account_id, at),
	KEY audit_event (event, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
