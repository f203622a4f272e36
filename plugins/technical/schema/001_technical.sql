-- technical: the street lighting register and the permits the department
-- issues. Requests themselves are the core's; these rows add what only this
-- department knows.

-- Street light poles (imported from the lighting register: dimosctl plugin
-- technical import). A fault report may name a pole instead of a place.
CREATE TABLE IF NOT EXISTS technical_poles (
	code		VARCHAR(20) NOT NULL,
	settlement	VARCHAR(32) NOT NULL,
	street		VARCHAR(200) NOT NULL,
	lat		DECIMAL(9, 6) NOT NULL,
	lon		DECIMAL(9, 6) NOT NULL,
	lamp		VARCHAR(16) NULL,
	PRIMARY KEY (code),
	KEY technical_poles_settlement (settlement)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A permit as applied for: written in the submitting transaction with the
-- fee as quoted then (rates may change later; a permit keeps its own),
-- issued when the clerk issues the sealed permit, void when the request is
-- rejected or withdrawn.
CREATE TABLE IF NOT EXISTS technical_permits (
	request_id	BIGINT UNSIGNED NOT NULL,
	protocol	VARCHAR(20) NOT NULL,
	kind		ENUM('occupation', 'heavy') NOT NULL,
	purpose		VARCHAR(32) NOT NULL,
	starts		DATE NOT NULL,
	ends		DATE NOT NULL,
	days		SMALLINT UNSIGNED NOT NULL,
	area		INT UNSIGNED NULL,		-- hundredths of m2
	rate		INT UNSIGNED NULL,		-- cents per m2 and day
	fee		BIGINT UNSIGNED NULL,		-- cents
	place		VARCHAR(300) NULL,		-- occupation: where
	plate		VARCHAR(16) NULL,
	weight		INT UNSIGNED NULL,		-- kg
	status		ENUM('pending', 'issued', 'void') NOT NULL
			    DEFAULT 'pending',
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (request_id),
	KEY technical_permits_in_force (status, starts, ends),
	KEY technical_permits_plate (plate)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
