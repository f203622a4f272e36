-- The citizen's rating of a completed request (domain/ratings.c): once,
-- 1 to 5, with an optional comment; and its place in the dashboard's
-- summaries (domain/stats.c), counted in the same transaction.
CREATE TABLE IF NOT EXISTS request_ratings (
	request_id BIGINT UNSIGNED NOT NULL,
	account_id BIGINT UNSIGNED NOT NULL,
	rating TINYINT UNSIGNED NOT NULL CHECK (rating BETWEEN 1 AND 5),
	comment VARCHAR(2000) NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (request_id),
	KEY request_ratings_account (account_id),
	KEY request_ratings_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE stats_day
	ADD COLUMN IF NOT EXISTS rating_n INT UNSIGNED NOT NULL DEFAULT 0,
	ADD COLUMN IF NOT EXISTS rating_sum INT UNSIGNED NOT NULL DEFAULT 0;
