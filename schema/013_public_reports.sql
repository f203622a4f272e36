-- Reports about a place, in public and followed (domain/public_reports.c):
--  - the settlement a request's address is in (its code in the places
--    file), for the public list's filter and the staff map;
--  - a request merged into another (a duplicate) points to the one kept;
--  - a photo a clerk marked public is shown on the public map;
--  - citizens who follow a report ("me too") hear of it like its reporter.
ALTER TABLE requests
    ADD COLUMN IF NOT EXISTS settlement VARCHAR(32) NULL AFTER lon,
    ADD COLUMN IF NOT EXISTS merged_into BIGINT UNSIGNED NULL
        AFTER settlement,
    ADD INDEX IF NOT EXISTS requests_near (service, status, lat, lon),
    ADD INDEX IF NOT EXISTS requests_public (status, submitted_at, id);

ALTER TABLE attachments
    ADD COLUMN IF NOT EXISTS public TINYINT(1) NOT NULL DEFAULT 0
        AFTER internal;

CREATE TABLE IF NOT EXISTS request_followers (
	request_id BIGINT UNSIGNED NOT NULL,
	account_id BIGINT UNSIGNED NOT NULL,
	since DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	-- the request merged into this one that brought the follower; NULL:
	-- followed by the citizen from the nearby list
	merged_from BIGINT UNSIGNED NULL,
	PRIMARY KEY (request_id, account_id),
	KEY followers_account (account_id, request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
