-- newdept: the visits booked per day. A day's row is the lock every
-- booking of that day takes (SELECT ... FOR UPDATE), so two citizens can
-- never both take its last place; a booking is released when its request
-- is rejected or withdrawn.

CREATE TABLE IF NOT EXISTS newdept_days (
	day		DATE NOT NULL,
	booked		INT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS newdept_bookings (
	request_id	BIGINT UNSIGNED NOT NULL,
	day		DATE NOT NULL,
	protocol	VARCHAR(20) NOT NULL,
	PRIMARY KEY (request_id),
	KEY newdept_bookings_day (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
