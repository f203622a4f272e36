-- cleaning: the bulky items and branches pickup booked on a day with
-- capacity, the crews that do the work, and which crew has which request.
-- Zones and settlements are the municipality's (the core's places file):
-- they are referred to here by their codes, never copied.

-- How many pickups a zone's crew makes on each weekday (ISO: 1 Monday ..
-- 7 Sunday), as the head of the department sets it. No row: none.
CREATE TABLE IF NOT EXISTS cleaning_capacity (
	zone		VARCHAR(32) NOT NULL,
	weekday		TINYINT UNSIGNED NOT NULL,
	pickups		SMALLINT UNSIGNED NOT NULL,
	updated_by	BIGINT UNSIGNED NULL,
	updated_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (zone, weekday)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Days the head closed: no new pickups that day in the zone ('*': in
-- every zone). Bookings already made stay, and the head sees them.
CREATE TABLE IF NOT EXISTS cleaning_closed (
	day		DATE NOT NULL,
	zone		VARCHAR(32) NOT NULL,
	reason		VARCHAR(200) NULL,
	closed_by	BIGINT UNSIGNED NULL,
	closed_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (day, zone)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Pickups booked per zone and day. A zone-day's row is the lock every
-- booking of it takes (SELECT ... FOR UPDATE) in the submitting
-- transaction, so no more citizens get a day than it has room for.
CREATE TABLE IF NOT EXISTS cleaning_days (
	zone		VARCHAR(32) NOT NULL,
	day		DATE NOT NULL,
	booked		SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (zone, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A pickup: what the crew's day sheet needs, copied from the request at
-- submission (the sheet is printed without reading every form). booked ->
-- cancelled (withdrawn or rejected: its place is free again) or done.
CREATE TABLE IF NOT EXISTS cleaning_bookings (
	request_id	BIGINT UNSIGNED NOT NULL,
	protocol	VARCHAR(20) NOT NULL,
	day		DATE NOT NULL,
	zone		VARCHAR(32) NOT NULL,
	settlement	VARCHAR(32) NOT NULL,
	address		VARCHAR(300) NOT NULL,
	name		VARCHAR(300) NULL,
	phone		VARCHAR(16) NOT NULL,
	furniture	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	mattresses	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	appliances	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	branches	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	other		SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	other_what	VARCHAR(200) NULL,
	notes		TEXT NULL,
	status		ENUM('booked', 'cancelled', 'done') NOT NULL
			    DEFAULT 'booked',
	-- The reminder e-mail waiting in the outbox for the day before.
	reminder	BIGINT UNSIGNED NULL,
	booked_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	closed_at	DATETIME(6) NULL,
	PRIMARY KEY (request_id),
	KEY cleaning_bookings_day (day, zone, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The crews: the municipality's own or an external contractor's team. A
-- crew is a name on a sheet of paper, not an account: nobody logs in as
-- one.
CREATE TABLE IF NOT EXISTS cleaning_crews (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	name		VARCHAR(100) NOT NULL,
	contractor	VARCHAR(200) NULL,
	phone		VARCHAR(16) NULL,
	active		TINYINT(1) NOT NULL DEFAULT 1,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY cleaning_crews_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The crew that takes a zone's pickups unless a clerk says otherwise.
CREATE TABLE IF NOT EXISTS cleaning_zone_crews (
	zone		VARCHAR(32) NOT NULL,
	crew_id		BIGINT UNSIGNED NOT NULL,
	PRIMARY KEY (zone)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Which crew has a request (a pickup or a report), with the place the
-- crew's list shows. assigned_by NULL: the zone's crew, at booking. done
-- when the request was completed.
CREATE TABLE IF NOT EXISTS cleaning_assignments (
	request_id	BIGINT UNSIGNED NOT NULL,
	crew_id		BIGINT UNSIGNED NOT NULL,
	protocol	VARCHAR(20) NOT NULL,
	service		VARCHAR(64) NOT NULL,
	address		VARCHAR(300) NULL,
	settlement	VARCHAR(32) NULL,
	open		TINYINT(1) NOT NULL DEFAULT 1,
	assigned_by	BIGINT UNSIGNED NULL,
	assigned_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (request_id),
	KEY cleaning_assignments_crew (crew_id, open)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
