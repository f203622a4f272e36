-- The dashboard's summaries by month beside those by day: the same
-- columns, "month" the month's first day, kept in the same transaction
-- as the day rows (domain/stats.c) and rebuilt from them. The dashboard
-- reads the month rows for the whole months of its range and the day rows
-- only for the days at its ends: at 1,000,000 requests a year of
-- completion times was 340,000 day rows (days x services x buckets) and
-- took seconds to add up; by month it is a twelfth of that, and the
-- default range (whole months to today) reads no day rows at all.
-- Empty here: the first `dimosctl stats rebuild` (or the first start of
-- dimosd, stats_fill_if_empty) fills them from the requests.
CREATE TABLE IF NOT EXISTS stats_month (
	month DATE NOT NULL,
	department VARCHAR(64) NOT NULL,
	service VARCHAR(64) NOT NULL,
	channel ENUM('web', 'counter', 'phone', 'mail') NOT NULL,
	slot TINYINT UNSIGNED NOT NULL DEFAULT 0,
	submitted INT UNSIGNED NOT NULL DEFAULT 0,
	completed INT UNSIGNED NOT NULL DEFAULT 0,
	rejected INT UNSIGNED NOT NULL DEFAULT 0,
	withdrawn INT UNSIGNED NOT NULL DEFAULT 0,
	sla_kept INT UNSIGNED NOT NULL DEFAULT 0,
	sla_missed INT UNSIGNED NOT NULL DEFAULT 0,
	cert_auto INT UNSIGNED NOT NULL DEFAULT 0,
	cert_clerk INT UNSIGNED NOT NULL DEFAULT 0,
	rating_n INT UNSIGNED NOT NULL DEFAULT 0,
	rating_sum INT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (month, department, service, channel, slot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS stats_duration_month (
	month DATE NOT NULL,
	department VARCHAR(64) NOT NULL,
	service VARCHAR(64) NOT NULL,
	bucket SMALLINT UNSIGNED NOT NULL,
	slot TINYINT UNSIGNED NOT NULL DEFAULT 0,
	n INT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (month, department, service, bucket, slot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
