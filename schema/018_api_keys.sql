-- Keys of the Open311 GeoReport v2 API (domain/apikeys.c, dimosctl
-- apikey): only the SHA-256 of a key is stored; a revoked key stays for
-- the records. Each POST counts against its key's rate limit
-- (login_throttle, subject "apikey:<id>").
CREATE TABLE IF NOT EXISTS api_keys (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	name VARCHAR(200) NOT NULL,
	key_hash BINARY(32) NOT NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	last_used_at DATETIME(6) NULL,
	revoked_at DATETIME(6) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY api_keys_hash (key_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
