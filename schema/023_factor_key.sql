-- The staff's TOTP secrets are kept encrypted (domain/factorkey.c): with
-- XChaCha20-Poly1305 under a key that lives in the key folder
-- ([documents] key_dir/factor.key), never in the database. What the
-- database keeps of such a key is a check value (a keyed BLAKE2b of a
-- fixed text), one row per purpose, so that every node of a cluster proves
-- it holds the same key before it serves; the first one recorded is the
-- instance's. dimosctl migrate makes the key and encrypts the secrets
-- stored in the clear before this migration.
CREATE TABLE IF NOT EXISTS instance_keys (
	purpose VARCHAR(32) NOT NULL,
	key_check BINARY(32) NOT NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (purpose)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A sealed secret is a format byte, the nonce, the secret and the tag
-- (61 bytes for 20); room for a longer secret or a later format.
ALTER TABLE staff_factors MODIFY secret VARBINARY(128) NOT NULL;
