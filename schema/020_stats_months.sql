-- The dashboard's summaries by month beside those by day: the same
-- columns, "month" the month's first day, kept in the same transaction
-- as the day rows (domain/stats.c) and rebuilt from them. The dashboard
-- reads the month rows for the whole months of its range and the day rows
-- only for the days at its ends: at 1,000,000 requests a year of
-- completion times was 340,000 day rows (days x services x buckets) and
-- took seconds to add up; by month it is a twelfth of that, and the
-- default range (whole months to today) reads no day rows at all.
-- The same columns as the day tables (LIKE), "month" for "day". Empty
-- here: the `dimosctl migrate` that applies this adds them up from the
-- day rows (stats_fill_if_empty), as `dimosctl stats rebuild` does.
CREATE TABLE IF NOT EXISTS stats_month LIKE stats_day;
ALTER TABLE stats_month
	CHANGE COLUMN IF EXISTS day month DATE NOT NULL,
	DROP INDEX IF EXISTS stats_day_dept;
CREATE TABLE IF NOT EXISTS stats_duration_month LIKE stats_duration;
ALTER TABLE stats_duration_month
	CHANGE COLUMN IF EXISTS day month DATE NOT NULL,
	DROP INDEX IF EXISTS stats_duration_dept;
