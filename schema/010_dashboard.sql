-- The dashboard's figures, kept as the requests change (domain/stats.c):
-- each submission, move, closure and certificate adds to its summary rows
-- in the same transaction as the change, so the dashboard reads a few
-- thousand summary rows instead of scanning the requests. Days are the
-- municipality's local dates. `dimosctl stats rebuild` recomputes them
-- from the requests (after this migration on a database that has
-- requests, after an import, or to check them).

-- Per local day, department, service and channel of the request:
-- submitted that day; closed that day (completed, rejected, withdrawn);
-- of those completed or rejected with a due date, on time or not;
-- certificates issued automatically or by a clerk.
CREATE TABLE IF NOT EXISTS stats_day (
	day DATE NOT NULL,
	department VARCHAR(64) NOT NULL,
	service VARCHAR(64) NOT NULL,
	channel ENUM('web', 'counter', 'phone', 'mail') NOT NULL,
	submitted INT UNSIGNED NOT NULL DEFAULT 0,
	completed INT UNSIGNED NOT NULL DEFAULT 0,
	rejected INT UNSIGNED NOT NULL DEFAULT 0,
	withdrawn INT UNSIGNED NOT NULL DEFAULT 0,
	sla_kept INT UNSIGNED NOT NULL DEFAULT 0,
	sla_missed INT UNSIGNED NOT NULL DEFAULT 0,
	cert_auto INT UNSIGNED NOT NULL DEFAULT 0,
	cert_clerk INT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (day, department, service, channel),
	KEY stats_day_dept (department, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Time from submission to completion of the requests completed each day,
-- as a histogram: bucket h < 72 holds [h, h+1) hours; bucket 72 + d
-- holds [3 + d, 4 + d) days; the last (434) a year or more.
CREATE TABLE IF NOT EXISTS stats_duration (
	day DATE NOT NULL,
	department VARCHAR(64) NOT NULL,
	service VARCHAR(64) NOT NULL,
	bucket SMALLINT UNSIGNED NOT NULL,
	n INT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (day, department, service, bucket),
	KEY stats_duration_dept (department, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The open requests now, by department, service and due date ('9999-12-31'
-- for none), apart those awaiting the citizen (their SLA clock stopped,
-- never overdue): the backlog and what is overdue, without the requests.
CREATE TABLE IF NOT EXISTS stats_open (
	department VARCHAR(64) NOT NULL,
	service VARCHAR(64) NOT NULL,
	due_date DATE NOT NULL,
	awaiting TINYINT(1) NOT NULL,
	n INT NOT NULL DEFAULT 0,
	PRIMARY KEY (department, service, due_date, awaiting)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What the rebuild and the direct counts find requests and documents by.
CREATE INDEX IF NOT EXISTS requests_closed ON requests (closed_at);
CREATE INDEX IF NOT EXISTS documents_issued ON documents (issued_at);
