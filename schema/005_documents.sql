-- Issued documents: certificates drawn from registry data and documents a
-- clerk uploads to complete a request. Each is sealed: the SHA-256 of its
-- exact bytes signed with the municipality's Ed25519 key. The bytes live
-- in blobs and never change; a document can only be revoked.
CREATE TABLE IF NOT EXISTS documents (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	code CHAR(16) NOT NULL,
	request_id BIGINT UNSIGNED NULL,
	event_id BIGINT UNSIGNED NULL,
	account_id BIGINT UNSIGNED NOT NULL,
	service VARCHAR(64) NULL,
	department VARCHAR(64) NULL,
	kind ENUM('certificate', 'document') NOT NULL,
	title VARCHAR(300) NOT NULL,
	holder_initials VARCHAR(32) NULL,
	protocol VARCHAR(20) NULL,
	issued_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	issued_by BIGINT UNSIGNED NULL,
	sha256 BINARY(32) NOT NULL,
	signature BINARY(64) NOT NULL,
	key_id CHAR(16) NOT NULL,
	size BIGINT UNSIGNED NOT NULL,
	record_ref VARCHAR(100) NULL,
	confidential TINYINT(1) NOT NULL DEFAULT 0,
	status ENUM('valid', 'revoked') NOT NULL DEFAULT 'valid',
	revoked_at DATETIME(6) NULL,
	revoked_by BIGINT UNSIGNED NULL,
	revoke_reason VARCHAR(1000) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY documents_code (code),
	KEY documents_request (request_id),
	KEY documents_sha (sha256),
	KEY documents_account (account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
