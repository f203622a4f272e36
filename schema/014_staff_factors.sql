-- A second factor for staff (TOTP, RFC 6238): the shared secret of each
-- staff account that enrolled (confirmed once a code from it was typed),
-- the last time step used (a code is accepted once), and one-time
-- recovery codes stored only as their SHA-256. Sessions say whether the
-- second factor was given: a staff account that needs one and has a
-- session without it is asked for the code before anything else.
CREATE TABLE IF NOT EXISTS staff_factors (
	account_id BIGINT UNSIGNED NOT NULL,
	secret VARBINARY(64) NOT NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	confirmed_at DATETIME(6) NULL,
	last_step BIGINT NOT NULL DEFAULT 0,
	used_at DATETIME(6) NULL,
	PRIMARY KEY (account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS staff_recovery_codes (
	account_id BIGINT UNSIGNED NOT NULL,
	code_hash BINARY(32) NOT NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	used_at DATETIME(6) NULL,
	PRIMARY KEY (account_id, code_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 'none': no second factor was asked (citizens; staff who need none);
-- 'pending': the password was right, the code is awaited (a short-lived
-- row that opens nothing but the code page); 'done': the code was given.
ALTER TABLE sessions
    ADD COLUMN IF NOT EXISTS factor ENUM('none', 'pending', 'done')
        NOT NULL DEFAULT 'none' AFTER method;
