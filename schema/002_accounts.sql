-- Accounts, staff roles, sessions and the security state around them.
-- Every table is InnoDB with a primary key and no table locks, so the same
-- schema runs on a Galera cluster. Times are UTC.

-- Citizens (natural persons), businesses and staff. A closed account keeps
-- its id (requests refer to it) but loses its personal data.
CREATE TABLE IF NOT EXISTS accounts (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	kind ENUM('person', 'business') NOT NULL DEFAULT 'person',
	status ENUM('pending', 'active', 'closed') NOT NULL DEFAULT 'pending',
	email VARCHAR(254) NULL,
	email_verified_at DATETIME(6) NULL,
	password_hash VARCHAR(255) NULL,
	password_changed_at DATETIME(6) NULL,
	first_name VARCHAR(100) NULL,
	last_name VARCHAR(100) NULL,
	father_name VARCHAR(100) NULL,
	mother_name VARCHAR(100) NULL,
	birth_year SMALLINT UNSIGNED NULL,
	company_name VARCHAR(200) NULL,
	legal_rep VARCHAR(200) NULL,
	afm CHAR(9) NULL,
	amka CHAR(11) NULL,
	mobile VARCHAR(16) NULL,
	level ENUM('A', 'B') NOT NULL DEFAULT 'A',
	level_b_at DATETIME(6) NULL,
	taxis_userid VARCHAR(64) NULL,
	lang CHAR(2) NOT NULL DEFAULT 'el',
	notify_email TINYINT(1) NOT NULL DEFAULT 1,
	notify_sms TINYINT(1) NOT NULL DEFAULT 0,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	closed_at DATETIME(6) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY accounts_email (email),
	-- A person and the sole-trader business they run share an AFM.
	UNIQUE KEY accounts_afm (kind, afm),
	KEY accounts_name (last_name, first_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Municipal staff: a clerk or head of a department, or an administrator
-- (department '').
CREATE TABLE IF NOT EXISTS staff_roles (
	account_id BIGINT UNSIGNED NOT NULL,
	role ENUM('clerk', 'head', 'admin') NOT NULL,
	department VARCHAR(64) NOT NULL DEFAULT '',
	granted_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	granted_by BIGINT UNSIGNED NULL,
	PRIMARY KEY (account_id, role, department),
	KEY staff_department (department, role)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Sessions: the cookie holds a random id, the table only its SHA-256.
CREATE TABLE IF NOT EXISTS sessions (
	id_hash BINARY(32) NOT NULL,
	account_id BIGINT UNSIGNED NOT NULL,
	csrf CHAR(43) NOT NULL,
	method ENUM('password', 'taxisnet') NOT NULL DEFAULT 'password',
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	last_seen DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	expires_at DATETIME(6) NOT NULL,
	ip VARCHAR(45) NULL,
	user_agent VARCHAR(255) NULL,
	PRIMARY KEY (id_hash),
	KEY sessions_account (account_id),
	KEY sessions_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Single-use tokens mailed to the owner: e-mail confirmation, password
-- reset, a new e-mail address. Stored hashed.
CREATE TABLE IF NOT EXISTS account_tokens (
	token_hash BINARY(32) NOT NULL,
	purpose ENUM('verify_email', 'reset_password', 'change_email') NOT NULL,
	account_id BIGINT UNSIGNED NOT NULL,
	data VARCHAR(254) NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	expires_at DATETIME(6) NOT NULL,
	used_at DATETIME(6) NULL,
	PRIMARY KEY (token_hash),
	KEY tokens_account (account_id, purpose)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed logins per subject: "e:" + SHA-256 of the e-mail typed (whether
-- or not such an account exists) or "i:" + the client address.
CREATE TABLE IF NOT EXISTS login_throttle (
	subject VARBINARY(72) NOT NULL,
	failures INT UNSIGNED NOT NULL DEFAULT 0,
	window_start DATETIME(6) NOT NULL,
	locked_until DATETIME(6) NULL,
	PRIMARY KEY (subject)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- OAuth2 (TaxisNet) logins in flight: the state is bound to the browser
-- that started the flow.
CREATE TABLE IF NOT EXISTS oauth_states (
	state_hash BINARY(32) NOT NULL,
	browser_hash BINARY(32) NOT NULL,
	account_id BIGINT UNSIGNED NULL,
	return_to VARCHAR(200) NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	expires_at DATETIME(6) NOT NULL,
	PRIMARY KEY (state_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Per-installation secrets shared by every node (e.g. the key that signs
-- anonymous CSRF cookies). Created once, never overwritten.
CREATE TABLE IF NOT EXISTS server_secrets (
	name VARCHAR(32) NOT NULL,
	value VARBINARY(64) NOT NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO server_secrets (name, value) VALUES ('csrf', RANDOM_BYTES(32));
