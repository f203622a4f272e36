-- Files stored in bounded chunks (domain/attachments.c): a content larger
-- than 256 KiB is kept as blob_chunks rows of at most 256 KiB each, written
-- one autocommitted statement at a time before the request's transaction
-- (attachments_stage), so no transaction's write-set, and no Galera
-- write-set (wsrep_max_ws_size), grows with the size of a file. The blobs
-- row is written last, in the request's transaction, and is what makes the
-- content complete: it carries the number of chunks and a NULL content.
-- Contents up to 256 KiB, and every content stored before this migration,
-- stay in blobs.content (chunks = 0): both layouts are read, nothing is
-- rewritten. Chunks without a blobs row (a transaction that rolled back)
-- are removed after a day, a few at a time.
CREATE TABLE IF NOT EXISTS blob_chunks (
	sha256 BINARY(32) NOT NULL,
	seq INT UNSIGNED NOT NULL,
	content MEDIUMBLOB NOT NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (sha256, seq),
	KEY blob_chunks_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE blobs
    ADD COLUMN IF NOT EXISTS chunks INT UNSIGNED NOT NULL DEFAULT 0
        AFTER size,
    MODIFY content LONGBLOB NULL;
