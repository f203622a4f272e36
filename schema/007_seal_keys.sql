-- Every generation of the municipality's seal, kept for good: the Ed25519
-- public key of the code/QR seal (key_id = hex of its first 8 bytes, as
-- documents.key_id records) and the X.509 certificate of the PDF
-- signature, with when the generation sealed (activated_at until
-- retired_at). A document is verified with the generation it names, so
-- rotating the key (dimosctl keys rotate) leaves earlier documents valid.
-- Rows are added by dimosctl and by a worker sealing with a generation it
-- finds unrecorded; retired_at is set once and the row never changes again.
CREATE TABLE IF NOT EXISTS seal_keys (
	key_id CHAR(16) NOT NULL,
	public_key BINARY(32) NOT NULL,
	certificate BLOB NULL,
	chain BLOB NULL,
	cert_subject VARCHAR(512) NULL,
	cert_issuer VARCHAR(512) NULL,
	cert_serial VARCHAR(80) NULL,
	cert_not_before DATETIME NULL,
	cert_not_after DATETIME NULL,
	activated_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	retired_at DATETIME(6) NULL,
	PRIMARY KEY (key_id),
	KEY seal_keys_activated (activated_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
